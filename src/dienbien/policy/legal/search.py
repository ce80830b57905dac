"""Searching the register of normative documents, for ``@legal-documents``
(and the public register page): one set of parameters, one catalog query,
one shape of result, all from catalog metadata.

"In force on a day" is a date condition on the ``legal_<status>`` range
indexes (``indexers.py``); the few documents that spend several periods in
the asked status are checked on their timeline (metadata).
"""

from collections.abc import Sequence
from datetime import date
from dienbien.policy import _
from dienbien.policy.core.legal import validity
from dienbien.policy.core.numbers import is_whole
from dienbien.policy.core.procedures import query_words
from dienbien.policy.legal.document import LEGAL_PATH
from dienbien.policy.legal.document import STATUS_TITLES
from dienbien.policy.legal.indexers import day_minutes
from dienbien.policy.orgunits.lookup import unit_codes
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.procedures.vocabularies import procedure_fields
from dienbien.policy.services.errors import batch_problems
from dienbien.policy.services.errors import form_problems
from Products.CMFCore.utils import getToolByName
from Products.ZCTextIndex.ParseTree import ParseError
from zope.i18n import translate


PARAMETERS = (
    "status",
    "on",
    "type",
    "issuer",
    "year",
    "field",
    "q",
    "b_start",
    "b_size",
)
MAX_BATCH = 100
TYPES = ("resolution", "decision")


def register_path(portal) -> str:
    return "/".join((*portal.getPhysicalPath(), LEGAL_PATH))


def _unknown(name, value, allowed):
    return (
        name,
        _(
            "Unknown value ${value}; expected one of ${allowed}.",
            mapping={"value": value, "allowed": ", ".join(allowed)},
        ),
    )


def check_parameters(portal, form) -> list:
    """``[(parameter, message)]`` for every parameter that cannot be used."""
    errors = form_problems(form, PARAMETERS)
    form = {name: value for name, value in form.items() if name not in dict(errors)}
    if form.get("status") and form["status"] not in validity.STATUSES:
        errors.append(_unknown("status", form["status"], validity.STATUSES))
    if form.get("type") and form["type"] not in TYPES:
        errors.append(_unknown("type", form["type"], TYPES))
    if form.get("field") and form["field"] not in procedure_fields():
        errors.append(_unknown("field", form["field"], sorted(procedure_fields())))
    if form.get("issuer") and form["issuer"] not in unit_codes(portal):
        errors.append(
            (
                "issuer",
                _("No unit has the code ${value}.", mapping={"value": form["issuer"]}),
            )
        )
    if form.get("on"):
        try:
            date.fromisoformat(form["on"])
        except ValueError:
            errors.append(
                (
                    "on",
                    _("${name} must be a date (YYYY-MM-DD).", mapping={"name": "on"}),
                )
            )
    year = form.get("year")
    if year and not (is_whole(year) and 1900 <= int(year) <= 2999):
        errors.append(("year", _("${name} must be a year.", mapping={"name": "year"})))
    errors.extend(batch_problems(form, MAX_BATCH))
    return errors


def query_day(form, today: date) -> date:
    return date.fromisoformat(form["on"]) if form.get("on") else today


def search(portal, form, today: date, limit: int | None = None):
    """The published documents matching checked parameters, newest signed
    first: a lazy sequence (only what is read is woken). ``limit``: the
    caller reads no further than this (``b_start + b_size``), so the catalog
    sorts only that many; the length stays the whole count."""
    catalog = getToolByName(portal, "portal_catalog")
    query = {
        # No path: a LegalDocument is addable in the register's folder only
        # (global_allow False), and the path index costs a third of the
        # query at 20,000 documents (bench/legal.py: p50 32 → 24 ms).
        "portal_type": "LegalDocument",
        "review_state": "published",
    }
    for param, index in (
        ("type", "legal_type"),
        ("issuer", "legal_issuer"),
        ("field", "legal_fields"),
    ):
        if form.get(param):
            query[index] = form[param]
    if form.get("year"):
        query["legal_year"] = int(form["year"])
    words = query_words(form.get("q", ""))
    if words:
        query["SearchableText"] = " ".join(f"{word}*" for word in words)
    ordered = {"sort_on": "legal_signed", "sort_order": "descending"}
    if limit:
        ordered["sort_limit"] = limit
    status = form.get("status")
    try:
        if not status:
            return catalog(**query, **ordered)
        day = query_day(form, today)
        plain = catalog(**query, **ordered, **{f"legal_{status}": day_minutes(day)})
        on = day.isoformat()
        split = [
            brain
            for brain in catalog(**query, legal_split=status)
            if _in_status(brain.legal_timeline, on, status)
        ]
    except ParseError:
        return []
    if not split:
        return plain
    # A document is either in the plain query or split, never both (a split
    # document's range for the status never matches).
    return NewestFirst(plain, sorted(split, key=_signed, reverse=True))


def _in_status(stored, on: str, status: str) -> bool:
    """Whether a stored timeline gives ``status`` on the ISO day ``on``
    (``validity.status_on`` on the stored text: ISO days compare as text,
    and this runs for every split document of each request)."""
    return any(
        kind == status and start <= on and (not end or on < end)
        for start, end, kind in stored or ()
    )


def _signed(brain) -> str:
    return brain.legal_signed or ""


class NewestFirst(Sequence):
    """The catalog's lazy results and a few more documents (those checked
    on their timeline), each newest signed first, as one: merged only as far
    as it is read, so a page wakes only the documents before its end. Of two
    documents signed the same day, the catalog's comes first."""

    def __init__(self, long, few):
        self.long, self.few = long, few
        self.actual_result_count = (
            getattr(long, "actual_result_count", len(long)) or 0
        ) + len(few)
        self._merged, self._long, self._few = [], 0, 0

    def __len__(self):
        return self.actual_result_count

    def _grow(self, size: int) -> None:
        merged, few = self._merged, self.few
        while len(merged) < size:
            longer = self._long < len(self.long)
            if self._few < len(few) and (
                not longer or _signed(few[self._few]) > _signed(self.long[self._long])
            ):
                merged.append(few[self._few])
                self._few += 1
            elif longer:
                merged.append(self.long[self._long])
                self._long += 1
            else:
                return  # beyond the caller's limit

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            self._grow(stop)
            return self._merged[start:stop:step]
        if index < 0:
            index += len(self)
        self._grow(index + 1)
        if not 0 <= index < len(self._merged):
            raise IndexError(index)
        return self._merged[index]


def _periods(stored) -> list:
    return [
        validity.Period(
            date.fromisoformat(start) if start else date.min,
            date.fromisoformat(end) if end else validity.FOREVER,
            status,
        )
        for start, end, status in stored or ()
    ]


class ResultFormatter:
    """One item of the list, in the national database's shape (exchange.md
    §7: docNum, docType, issueDate, effFrom, effTo, effStatus…)."""

    def __init__(self, portal, request, day: date):
        self.request = request
        self.day = day
        self.units = unit_titles(portal)

    def status(self, brain) -> str:
        periods = _periods(brain.legal_timeline)
        return validity.status_on(periods, self.day) if periods else validity.NOT_YET

    def __call__(self, brain) -> dict:
        status = self.status(brain)
        issuer = brain.legal_issuer
        return {
            "@id": brain.getURL(),
            "title": brain.Title,
            "docNum": brain.legal_notation,
            "docType": brain.legal_type,
            "issueDate": brain.legal_signed,
            "effFrom": brain.legal_effective,
            "effTo": brain.legal_end,
            "effStatus": {
                "code": status,
                "name": translate(STATUS_TITLES[status], context=self.request),
            },
            "statusOn": self.day.isoformat(),
            "agencyCode": issuer,
            "agencyName": self.units.get(issuer, issuer),
            "documentFields": list(brain.legal_fields or ()),
            "documentIssues": [
                {"personName": name, "jobTitleName": position}
                for name, position in brain.legal_signers or ()
            ],
            "summary": brain.Description,
        }
