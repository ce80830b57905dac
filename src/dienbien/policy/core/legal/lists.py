"""The lists an issuer publishes about its normative documents, from dates
and relations only (``validity.Register``; domain.md §4):

- the **yearly list** of documents that expired wholly or partly in a year,
  each once, with its grounds (its end date, replaced, repealed, amended or
  repealed in part by another document, or the expiry of what it details);
- the **systematisation** of a period (``2019-2023``) at its reference date,
  31 December of its last year: the documents in force; those expired or
  suspended, wholly or partly, during the period; those the reviewer (the
  justice office) marked to be amended, replaced or repealed.

Plain data in, plain data out: the site turns ids into numbers and titles.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from dienbien.policy.core.legal import validity as v
from dienbien.policy.core.numbers import is_whole


#: Years of a systematisation period (2014-2018, 2019-2023, 2024-2028…).
PERIOD_YEARS = 5

#: What the reviewer may propose for a document (the systematisation's
#: "to be amended or replaced" list).
AMEND = "amend"
REPLACE = "replace"
REPEAL = "repeal"
PROPOSALS = (AMEND, REPLACE, REPEAL)

#: The grounds of expiry (``Event.kind``) that end the whole document.
_WHOLE_KINDS = ("end", "detailed_expired")
#: The grounds of the lists, and of the yearly list only.
EXPIRING = ("end", v.REPLACES, v.REPEALS, v.AMENDS, "detailed_expired")


@dataclass(frozen=True)
class Entry:
    """One document of a list: its status (wholly or partly expired,
    suspended) from ``day``, and the events that are its grounds."""

    id: str
    status: str
    day: date
    grounds: tuple[v.Event, ...]


def _whole(event: v.Event) -> bool:
    if event.kind in _WHOLE_KINDS:
        return True
    return event.kind in (v.REPLACES, v.REPEALS) and not event.part.strip()


def expired_between(register: v.Register, first: date, last: date) -> list[Entry]:
    """Each document that expired wholly or partly from ``first`` to
    ``last`` (both included), once: wholly expired, with the ground(s) of
    that day, when it did so in the span, otherwise partly, with every
    partial ground in the span. Events before the document took effect or
    after it wholly expired are not grounds. Ordered by day, then id."""
    entries = []
    for document_id in register.documents:
        whole_day = register.expires_wholly(document_id)
        grounds = []
        for event in register.history(document_id):
            if event.kind not in EXPIRING or not first <= event.day <= last:
                continue
            if register.status(document_id, event.day) == v.NOT_YET:
                continue
            if whole_day is not None and event.day > whole_day:
                continue
            grounds.append(event)
        if not grounds:
            continue
        if whole_day is not None and first <= whole_day <= last:
            final = tuple(
                event for event in grounds if event.day == whole_day and _whole(event)
            )
            if final:
                entries.append(Entry(document_id, v.EXPIRED, whole_day, final))
                continue
        partial = tuple(event for event in grounds if not _whole(event))
        if partial:
            entries.append(
                Entry(document_id, v.PARTLY_EXPIRED, partial[0].day, partial)
            )
    return sorted(entries, key=lambda entry: (entry.day, entry.id))


def expired_list(register: v.Register, year: int) -> list[Entry]:
    """The yearly list: documents that expired wholly or partly in ``year``."""
    return expired_between(register, date(year, 1, 1), date(year, 12, 31))


def suspended_on(register: v.Register, day: date) -> list[Entry]:
    """Documents suspended wholly or partly on ``day``, each with the
    suspensions then in force (the day each began)."""
    entries = []
    for document_id in register.documents:
        status = register.status(document_id, day)
        if status not in (v.SUSPENDED, v.PARTLY_SUSPENDED):
            continue
        grounds = tuple(
            sorted(
                (
                    v.Event(start, relation.source, v.SUSPENDS, relation.part)
                    for relation, start in register.affecting(document_id)
                    if relation.kind == v.SUSPENDS
                    and start <= day
                    and (relation.until is None or day < relation.until)
                ),
                key=lambda event: (event.day, event.cause),
            )
        )
        entries.append(Entry(document_id, status, grounds[0].day, grounds))
    return sorted(entries, key=lambda entry: (entry.day, entry.id))


class PeriodError(ValueError):
    """``reason``: ``"format"`` (not YYYY-YYYY) or ``"length"``."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def parse_period(text: str) -> tuple[int, int]:
    """``"2019-2023"`` -> ``(2019, 2023)``: a period of ``PERIOD_YEARS``."""
    first, dash, last = (text or "").strip().partition("-")
    if not (dash and is_whole(first) and is_whole(last)):
        raise PeriodError("format", "A period is written YYYY-YYYY (2019-2023).")
    first_year, last_year = int(first), int(last)
    if not 1900 <= first_year <= 2999:
        raise PeriodError("format", "A period is written YYYY-YYYY (2019-2023).")
    if last_year - first_year + 1 != PERIOD_YEARS:
        raise PeriodError(
            "length", "A systematisation period is five years (2019-2023)."
        )
    return first_year, last_year


def reference_date(last_year: int) -> date:
    """The period's reference date: 31 December of its last year."""
    return date(last_year, 12, 31)


@dataclass(frozen=True)
class Systematisation:
    reference: date
    #: ``(id, status on the reference date)``: in force, partly expired or
    #: partly suspended (their other parts apply), or issued and not yet
    #: in force.
    in_force: tuple[tuple[str, str], ...]
    #: Expired (wholly or partly) during the period, then suspended (wholly
    #: or partly) on the reference date.
    expired: tuple[Entry, ...]
    #: ``(id, proposal, reason)`` marked by the reviewer, not wholly expired
    #: on the reference date.
    to_revise: tuple[tuple[str, str, str], ...]


STILL_APPLYING = (v.IN_FORCE, v.PARTLY_EXPIRED, v.PARTLY_SUSPENDED, v.NOT_YET)


def systematise(
    register: v.Register,
    first_year: int,
    last_year: int,
    issued: Mapping[str, date],
    marks: Mapping[str, tuple[str, str]] | None = None,
    order: Iterable[str] | None = None,
) -> Systematisation:
    """The three lists of a period. ``issued`` gives each document's signing
    day (a document signed after the reference date is not part of the
    period); ``marks`` the reviewer's ``(proposal, reason)``; ``order`` the
    order of the lists (default: by id)."""
    reference = reference_date(last_year)
    known = [
        document_id
        for document_id in (order if order is not None else sorted(register.documents))
        if document_id in register.documents
        and issued.get(document_id) is not None
        and issued[document_id] <= reference
    ]
    rank = {document_id: index for index, document_id in enumerate(known)}
    in_force = tuple(
        (document_id, status)
        for document_id in known
        if (status := register.status(document_id, reference)) in STILL_APPLYING
    )
    expired = [
        entry
        for entry in expired_between(register, date(first_year, 1, 1), reference)
        if entry.id in rank
    ]
    suspended = [
        entry for entry in suspended_on(register, reference) if entry.id in rank
    ]
    to_revise = tuple(
        (document_id, *marks[document_id])
        for document_id in known
        if (marks or {}).get(document_id)
        and marks[document_id][0] in PROPOSALS
        and register.status(document_id, reference) != v.EXPIRED
    )
    return Systematisation(
        reference,
        in_force,
        tuple(sorted(expired, key=lambda e: rank[e.id]))
        + tuple(sorted(suspended, key=lambda e: rank[e.id])),
        to_revise,
    )
