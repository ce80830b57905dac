"""``GET /@workfiles``: the work files the user sees, from the catalog.

Filters: ``unit`` (code), ``year``, ``state`` (planned, open, closed),
``keeper`` (user id), ``due=1`` (closed files due for the archive or due
within 30 days, on the site's clock), batched with ``b_start`` / ``b_size``.
In plan order (year, unit, symbol with numbers as numbers); with ``due=1``
oldest closing first. The catalog's security decides which files a user
sees: his unit's clerical office and leaders see the unit's files, an
officer the files he keeps.
"""

from datetime import date
from datetime import timedelta
from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.core.correspondence import workfiles as rules
from dienbien.policy.core.numbers import is_whole
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import form_problems
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from Products.CMFCore.utils import getToolByName


PARAMETERS = ("unit", "year", "state", "keeper", "due", "b_start", "b_size")
MAX_BATCH = 100


class WorkFilesGet(Service):
    def reply(self):
        form = self.request.form
        errors = form_problems(form, PARAMETERS)
        if errors:
            return bad_request(self.request, errors)
        year = form.get("year")
        if year is not None and not (is_whole(year) and 2000 <= int(year) <= 2100):
            errors.append(
                (
                    "year",
                    _(
                        "year must be a year from ${first} to ${last}.",
                        mapping={"first": 2000, "last": 2100},
                    ),
                )
            )
        if form.get("state") and form["state"] not in rules.STATES:
            errors.append(
                (
                    "state",
                    _(
                        "Unknown value ${value}; expected one of ${allowed}.",
                        mapping={
                            "value": form["state"],
                            "allowed": ", ".join(rules.STATES),
                        },
                    ),
                )
            )
        if form.get("due") not in (None, "", "0", "1"):
            errors.append(
                ("due", _("workfile_due_param", default="due must be 0 or 1."))
            )
        for name in ("unit", "keeper"):
            if form.get(name) is not None and len(form[name]) > 100:
                errors.append(
                    (
                        name,
                        _(
                            "workfile_text_param",
                            default="${name} must be text of at most 100 characters.",
                            mapping={"name": name},
                        ),
                    )
                )
        size = form.get("b_size")
        if size is not None and (not is_whole(size) or not 1 <= int(size) <= MAX_BATCH):
            errors.append(("b_size", _("b_size must be a whole number from 1 to 100.")))
        start = form.get("b_start")
        if start is not None and not is_whole(start):
            errors.append(("b_start", _("b_start must be a whole number.")))
        if errors:
            return bad_request(self.request, errors)

        today = clock.today()
        query = {"portal_type": "WorkFile", "sort_on": "workfile_order"}
        if form.get("unit"):
            query["workfile_unit"] = form["unit"]
        if year:
            query["workfile_year"] = int(year)
        if form.get("keeper"):
            query["workfile_owner"] = form["keeper"]
        if form.get("state"):
            query["review_state"] = form["state"]
        if form.get("due") == "1":
            if form.get("state", rules.CLOSED) != rules.CLOSED:
                query["review_state"] = []  # only closed files are ever due
            else:
                query["review_state"] = rules.CLOSED
            latest = rules.latest_closing_day(
                today + timedelta(days=rules.ARCHIVE_WARNING_DAYS)
            )
            query["workfile_closed"] = {"query": latest.isoformat(), "range": "max"}
            query["sort_on"] = "workfile_closed"
        catalog = getToolByName(self.context, "portal_catalog")
        brains = catalog(**query) if query.get("review_state") != [] else []
        batch = HypermediaBatch(self.request, brains)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "items": [self.item(brain, today) for brain in batch],
        }
        if batch.links:
            result["batching"] = batch.links
        return result

    def item(self, brain, today: date) -> dict:
        closed = (
            date.fromisoformat(brain.workfile_closed) if brain.workfile_closed else None
        )
        return {
            "@id": brain.getURL(),
            "symbol": brain.workfile_symbol,
            "title": brain.Title,
            "unit": brain.workfile_unit,
            "year": brain.workfile_year,
            "keeper": brain.workfile_owner,
            "retention": brain.workfile_retention,
            "review_state": brain.review_state,
            "documents": brain.workfile_count or 0,
            "closed": closed.isoformat() if closed else None,
            "archive_by": rules.archive_deadline(closed).isoformat()
            if closed
            else None,
            "archive_status": rules.archive_status(closed, today),
        }
