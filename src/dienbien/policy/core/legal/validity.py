"""Validity of normative legal documents on any date, from dates and
relations only (Law 64/2025/QH15 as amended by Law 87/2025/QH15;
reference/exchange.md §7 for the national database's vocabulary).

Nothing here is stored as "the status": a document's status on a day is
computed from its own dates and the relations other documents have with it,
so it changes on the day it should without anyone editing anything. A
document's **timeline** — consecutive periods, each with one status — is what
the site indexes (a status on a date becomes a date condition).

Conventions (docs/legal.md):

- ``effective`` is the first day in force; ``end`` and every relation's
  ``on`` are the first day the change applies ("hết hiệu lực từ ngày …");
  a suspension's ``until`` is the first day it no longer applies
  (``None``: until lifted).
- Which status wins when several apply on one day: wholly expired, then
  suspended, then partly suspended, then partly expired, then in force.
  Before its effective date a document is not yet in force, whatever else.
- A detailing (hướng dẫn / quy định chi tiết) document expires wholly with
  the document it details, unless it was announced to stay (``survives``,
  Law 87/2025).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from datetime import timedelta


NOT_YET = "not_yet"
IN_FORCE = "in_force"
PARTLY_EXPIRED = "partly_expired"
EXPIRED = "expired"
SUSPENDED = "suspended"
PARTLY_SUSPENDED = "partly_suspended"

#: The national database's names (exchange.md §7), in the order of life.
STATUS_TITLES = {
    NOT_YET: "Chưa có hiệu lực",
    IN_FORCE: "Còn hiệu lực",
    PARTLY_EXPIRED: "Hết hiệu lực một phần",
    EXPIRED: "Hết hiệu lực toàn bộ",
    SUSPENDED: "Ngưng hiệu lực",
    PARTLY_SUSPENDED: "Ngưng hiệu lực một phần",
}
STATUSES = tuple(STATUS_TITLES)

BASED_ON = "based_on"  # căn cứ
REFERS_TO = "refers_to"  # dẫn chiếu
DETAILS = "details"  # hướng dẫn / quy định chi tiết
AMENDS = "amends"  # sửa đổi, bổ sung
REPLACES = "replaces"  # thay thế
REPEALS = "repeals"  # bãi bỏ
SUSPENDS = "suspends"  # đình chỉ / ngưng hiệu lực

#: Each relation and its inverse, as the pages name them.
RELATION_TITLES = {
    BASED_ON: ("Căn cứ", "Là căn cứ của"),
    REFERS_TO: ("Dẫn chiếu", "Được dẫn chiếu bởi"),
    DETAILS: ("Hướng dẫn, quy định chi tiết", "Được hướng dẫn, quy định chi tiết bởi"),
    AMENDS: ("Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"),
    REPLACES: ("Thay thế", "Bị thay thế bởi"),
    REPEALS: ("Bãi bỏ", "Bị bãi bỏ bởi"),
    SUSPENDS: ("Đình chỉ", "Bị đình chỉ bởi"),
}
RELATIONS = tuple(RELATION_TITLES)
#: Relations that change the validity of their target.
AFFECTING = (AMENDS, REPLACES, REPEALS, SUSPENDS)

FOREVER = date.max


@dataclass(frozen=True)
class Document:
    id: str
    effective: date | None  # None: no effective date known yet
    end: date | None = None
    #: Announced to stay in force when the document it details expires.
    survives: bool = False


@dataclass(frozen=True)
class Relation:
    kind: str
    source: str  # the document that amends, replaces, repeals, suspends…
    target: str
    #: First day the change applies (``None``: the source's effective date).
    on: date | None = None
    #: A suspension's first day no longer suspended (``None``: until lifted).
    until: date | None = None
    #: The part concerned ("Điều 5, khoản 2"); empty: the whole document.
    part: str = ""

    def __post_init__(self):
        if self.kind not in RELATIONS:
            raise ValueError(f"unknown relation {self.kind!r}")
        if self.source == self.target:
            raise ValueError("a document does not relate to itself")
        if self.until is not None and self.kind != SUSPENDS:
            raise ValueError("only a suspension ends on a date")
        if self.until is not None and self.on is not None and self.until <= self.on:
            raise ValueError("a suspension ends after it starts")

    @property
    def whole(self) -> bool:
        return not self.part.strip()


@dataclass(frozen=True)
class Event:
    """One change of a document's validity: what caused it and when."""

    day: date
    cause: str  # the causing document's id, or "" for the document's own date
    kind: str  # "effective", "end", a relation kind, "suspension_lifted", "detailed_expired"
    part: str = ""


@dataclass(frozen=True)
class Period:
    start: date  # first day
    end: date  # first day after (FOREVER: open)
    status: str


def _starts(relation: Relation, documents: Mapping[str, Document]) -> date | None:
    if relation.on is not None:
        return relation.on
    source = documents.get(relation.source)
    return source.effective if source else None


class Register:
    """The documents and relations of one register, to compute validity."""

    def __init__(self, documents: Iterable[Document], relations: Iterable[Relation]):
        self.documents = {document.id: document for document in documents}
        self.relations = tuple(relations)
        self._incoming: dict[str, list[Relation]] = {}
        # What each document details, looked up per document and per
        # change day: a scan of every relation each time made a register of
        # 20,000 documents quadratic.
        self._details: dict[str, list[str]] = {}
        for relation in self.relations:
            self._incoming.setdefault(relation.target, []).append(relation)
            if relation.kind == DETAILS:
                self._details.setdefault(relation.source, []).append(relation.target)

    # -- what happens to one document ------------------------------------

    def affecting(self, document_id: str) -> list[tuple[Relation, date]]:
        """The relations that change ``document_id``'s validity, with the
        day each applies (those whose day is unknown apply never)."""
        found = []
        for relation in self._incoming.get(document_id, ()):
            if relation.kind in AFFECTING:
                start = _starts(relation, self.documents)
                if start is not None:
                    found.append((relation, start))
        return found

    def details(self, document_id: str) -> list[str]:
        """The documents ``document_id`` details (hướng dẫn)."""
        return list(self._details.get(document_id, ()))

    def expires_wholly(self, document_id: str, _seen=None) -> date | None:
        """The first day ``document_id`` is wholly expired (``None``: not
        foreseen): its end date, a whole replacement or repeal, or the whole
        expiry of what it details."""
        seen = (_seen or frozenset()) | {document_id}
        document = self.documents[document_id]
        days = [document.end] if document.end else []
        days += [
            day
            for relation, day in self.affecting(document_id)
            if relation.whole and relation.kind in (REPLACES, REPEALS)
        ]
        if not document.survives:
            for detailed in self.details(document_id):
                if detailed in self.documents and detailed not in seen:
                    day = self.expires_wholly(detailed, seen)
                    if day is not None:
                        days.append(day)
        return min(days) if days else None

    def status(self, document_id: str, day: date) -> str:
        document = self.documents[document_id]
        if document.effective is None or day < document.effective:
            return NOT_YET
        expired = self.expires_wholly(document_id)
        if expired is not None and day >= expired:
            return EXPIRED
        suspended = partly_suspended = partly_expired = False
        for relation, start in self.affecting(document_id):
            if day < start:
                continue
            if relation.kind == SUSPENDS:
                if relation.until is None or day < relation.until:
                    if relation.whole:
                        suspended = True
                    else:
                        partly_suspended = True
            elif not relation.whole or relation.kind == AMENDS:
                partly_expired = True
        if suspended:
            return SUSPENDED
        if partly_suspended:
            return PARTLY_SUSPENDED
        if partly_expired:
            return PARTLY_EXPIRED
        return IN_FORCE

    def change_days(self, document_id: str) -> list[date]:
        """Every day on which ``document_id``'s status may change."""
        document = self.documents[document_id]
        days = {document.effective} if document.effective else set()
        expired = self.expires_wholly(document_id)
        if expired:
            days.add(expired)
        for relation, start in self.affecting(document_id):
            days.add(start)
            if relation.until:
                days.add(relation.until)
        return sorted(days)

    def timeline(self, document_id: str) -> list[Period]:
        """Consecutive periods from the beginning of time, one status each:
        what the site indexes."""
        periods: list[Period] = []
        start = date.min
        status = self.status(document_id, start)
        for day in self.change_days(document_id):
            if day <= start:
                continue
            new = self.status(document_id, day)
            if new != status:
                periods.append(Period(start, day, status))
                start, status = day, new
        periods.append(Period(start, FOREVER, status))
        return periods

    def history(self, document_id: str) -> list[Event]:
        """What changed the document's validity and when, oldest first."""
        document = self.documents[document_id]
        events = []
        if document.effective:
            events.append(Event(document.effective, "", "effective"))
        if document.end:
            events.append(Event(document.end, "", "end"))
        for relation, start in self.affecting(document_id):
            events.append(Event(start, relation.source, relation.kind, relation.part))
            if relation.until:
                events.append(
                    Event(
                        relation.until,
                        relation.source,
                        "suspension_lifted",
                        relation.part,
                    )
                )
        if not document.survives:
            for detailed in self.details(document_id):
                if detailed in self.documents:
                    day = self.expires_wholly(detailed)
                    if day is not None:
                        events.append(Event(day, detailed, "detailed_expired"))
        return sorted(events, key=lambda event: (event.day, event.kind, event.cause))


def status_on(periods: list[Period], day: date) -> str:
    """The status a timeline gives on ``day``."""
    for period in periods:
        if period.start <= day < period.end:
            return period.status
    raise ValueError("a timeline covers every day")


#: Events that end a document's force, wholly or in part (the grounds of
#: the yearly list).
EXPIRING = ("end", REPLACES, REPEALS, AMENDS, "detailed_expired")


def expired_in_year(register: Register, year: int) -> list[tuple[str, Event, str]]:
    """The yearly list: each document that expired wholly or partly during
    ``year``, with the event (its ground) and ``EXPIRED`` or
    ``PARTLY_EXPIRED``. A part repealed after the whole has expired, or an
    event before the document took effect, is not listed."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    found = []
    for document_id in register.documents:
        whole = register.expires_wholly(document_id)
        for event in register.history(document_id):
            if not first <= event.day <= last or event.kind not in EXPIRING:
                continue
            if register.status(document_id, event.day) == NOT_YET:
                continue
            if whole is not None and event.day > whole:
                continue
            status = EXPIRED if event.day == whole else PARTLY_EXPIRED
            if status == PARTLY_EXPIRED and event.kind in ("end", "detailed_expired"):
                continue
            found.append((document_id, event, status))
    return found


def earliest_effective(
    signed: date, lead_days: int = 10, shortened: bool = False
) -> date:
    """The first day a local document may take effect (Law 64/2025 Art. 53:
    no earlier than ``lead_days`` after signing; on signing under the
    shortened procedure or in special cases)."""
    return signed if shortened else signed + timedelta(days=lead_days)
