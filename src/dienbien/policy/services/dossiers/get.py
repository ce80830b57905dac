"""``GET /@dossiers``: the dossiers the user's units handle, from the catalog.

Filters: ``state``, ``unit`` (handling unit), ``receiving_unit``,
``procedure``, ``overdue=1`` (appointment passed, clock running),
``due_before`` (ISO date or date-time, local), ``q`` (the applicant: name
words without diacritics, a whole phone or ID number), batched with
``b_start`` / ``b_size``, sorted by appointment. The catalog's security
filter (local roles by unit) decides which dossiers a user sees.

``POST /@dossiers`` takes the same parameters as a JSON object, so that a
search by name or phone stays out of access logs and browser history.
"""

from dienbien.policy import _
from dienbien.policy.core.dossiers import CLOCK_RUNS
from dienbien.policy.core.dossiers import STATUS_CODES
from dienbien.policy.core.numbers import is_whole
from dienbien.policy.dossiers.applicants import catalog_query
from dienbien.policy.dossiers.due import running_by_appointment
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.titles import status_title
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import form_problems
from dienbien.policy.services.errors import moment_param
from plone.restapi.batching import HypermediaBatch
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from Products.CMFCore.utils import getToolByName


PARAMETERS = (
    "state",
    "unit",
    "receiving_unit",
    "procedure",
    "overdue",
    "due_before",
    "q",
    "b_start",
    "b_size",
)
MAX_BATCH = 100


def _aware(text):
    return f"{text}:00+07:00" if text else None


class DossiersGet(Service):
    def parameters(self) -> tuple[dict, list]:
        return self.request.form, []

    def reply(self):
        form, errors = self.parameters()
        errors += form_problems(form, PARAMETERS)
        if errors:
            return bad_request(self.request, errors)
        if form.get("state") and form["state"] not in STATUS_CODES:
            errors.append(
                (
                    "state",
                    _(
                        "Unknown value ${value}; expected one of ${allowed}.",
                        mapping={
                            "value": form["state"],
                            "allowed": ", ".join(STATUS_CODES),
                        },
                    ),
                )
            )
        if form.get("overdue") not in (None, "", "0", "1"):
            errors.append(("overdue", _("overdue must be 0 or 1.")))
        due_before = None
        if form.get("due_before"):
            due_before = moment_param("due_before", form["due_before"], errors)
        size = form.get("b_size")
        if size is not None and (not is_whole(size) or not 1 <= int(size) <= MAX_BATCH):
            errors.append(("b_size", _("b_size must be a whole number from 1 to 100.")))
        start = form.get("b_start")
        if start is not None and not is_whole(start):
            errors.append(("b_start", _("b_start must be a whole number.")))
        applicant = None
        if form.get("q") is not None:
            if not isinstance(form["q"], str) or len(form["q"]) > 200:
                errors.append(("q", _("q must be text of at most 200 characters.")))
            else:
                applicant = catalog_query(form["q"])
                if applicant is None:
                    errors.append(
                        ("q", _("Enter the applicant's name, phone or ID number."))
                    )
        if errors:
            return bad_request(self.request, errors)

        query = {"portal_type": "Dossier", "sort_on": "dossier_appointment"}
        for param, index in (
            ("unit", "dossier_handling_unit"),
            ("receiving_unit", "dossier_receiving_unit"),
            ("procedure", "dossier_procedure"),
        ):
            if form.get(param):
                query[index] = form[param]
        states = [form["state"]] if form.get("state") else None
        current = now().strftime("%Y-%m-%dT%H:%M")
        limits = []
        if form.get("overdue") == "1":
            # Overdue: the appointment has passed while the clock still runs.
            states = [state for state in (states or CLOCK_RUNS) if state in CLOCK_RUNS]
            limits.append(current)
        if due_before is not None:
            limits.append(due_before.strftime("%Y-%m-%dT%H:%M"))
        if limits:
            query["dossier_appointment"] = {"query": min(limits), "range": "max"}
        if states is not None:
            query["review_state"] = states
        if applicant:
            query.update(applicant)
        catalog = getToolByName(self.context, "portal_catalog")
        if states == []:
            brains = []
        elif limits and states and set(states) <= set(CLOCK_RUNS):
            # The running dossiers are few: sorted by appointment, those
            # due by the limit are their first ones (``dossiers.due``).
            brains = running_by_appointment(catalog, query)
        else:
            brains = catalog(**query)
        batch = HypermediaBatch(self.request, brains)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "items": [self.item(brain, current) for brain in batch],
        }
        if batch.links:
            result["batching"] = batch.links
        return result

    def item(self, brain, current) -> dict:
        state = brain.review_state
        return {
            "@id": brain.getURL(),
            "code": brain.dossier_code,
            "title": brain.Title,
            "review_state": state,
            "status_code": STATUS_CODES.get(state),
            "status_title": status_title(state, self.request),
            "procedure": brain.dossier_procedure,
            "channel": brain.dossier_channel,
            "receiving_unit": brain.dossier_receiving_unit,
            "handling_unit": brain.dossier_handling_unit,
            "accepted": _aware(brain.dossier_accepted),
            "appointment": _aware(brain.dossier_appointment),
            "overdue": bool(
                state in CLOCK_RUNS
                and brain.dossier_appointment
                and brain.dossier_appointment < current
            ),
        }


class DossiersPost(DossiersGet):
    """The same search with the parameters in a JSON body (no writes)."""

    def parameters(self) -> tuple[dict, list]:
        try:
            body = json_body(self.request)
        except Exception:  # malformed JSON: plone.restapi raises its own
            body = None
        if not isinstance(body, dict):
            return {}, [("body", _("The body must be a JSON object."))]
        # The batch reads its window from the form.
        for name in ("b_start", "b_size"):
            if name in body:
                self.request.form[name] = str(body[name])
        # Numbers in a JSON body are as good as their text in a query string;
        # objects, lists, null and the like are not values of any parameter
        # (plone.restapi's batch reads b_start and b_size from the body too).
        form, problems = {}, []
        for key, value in body.items():
            if isinstance(value, int) and not isinstance(value, bool):
                form[key] = str(value)
            elif isinstance(value, str):
                form[key] = value
            else:
                problems.append(
                    (key, _("${name} must be a text.", mapping={"name": key}))
                )
        return form, problems
