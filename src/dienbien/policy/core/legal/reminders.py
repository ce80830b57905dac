"""What the issuer's editors are reminded of, every day, about the published
documents of the register (issue #12 item 7):

- ``ENDING``: a document whose end date (``in_force_until``, the first day
  it is no longer in force) comes within the horizon (30 days: on day 30
  it is listed, on day 31 not yet) — time to extend or replace it;
- ``BASIS_ENDED``: a document based on (căn cứ) a document that is wholly
  replaced or repealed, on a day up to the horizon (already, or soon) — its
  basis is gone, it needs a review;
- ``BASIS_PARTLY``: the softer one, the basis is replaced or repealed in
  part only.

A document already wholly expired on the day is not reminded of; a change
to its basis that applies only after the document itself expires neither.
The day is given (the site's clock), never read here.
"""

from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from dienbien.policy.core.legal import validity


ENDING = "ending"
BASIS_ENDED = "basis_ended"
BASIS_PARTLY = "basis_partly"
KINDS = (ENDING, BASIS_ENDED, BASIS_PARTLY)

#: How far ahead an end date or a change of the basis is announced.
HORIZON_DAYS = 30

#: What ends a basis (a document's own end date is ``ENDING``'s business).
BASIS_CHANGES = (validity.REPLACES, validity.REPEALS)


@dataclass(frozen=True)
class Reminder:
    kind: str
    document: str  # the register's id of the document to look after
    day: date  # its end date, or the first day its basis changes
    basis: str = ""  # the basis (BASIS_*)
    cause: str = ""  # the document that replaces or repeals the basis
    relation: str = ""  # validity.REPLACES or validity.REPEALS
    part: str = ""  # the part of the basis concerned (BASIS_PARTLY)


def reminders(
    register: validity.Register, today: date, horizon: int = HORIZON_DAYS
) -> list[Reminder]:
    """Every reminder of the register on ``today``, by day, kind and
    document."""
    last = today + timedelta(days=horizon)
    bases = _bases(register)
    found = []
    for document_id, document in register.documents.items():
        if register.status(document_id, today) == validity.EXPIRED:
            continue
        expires = register.expires_wholly(document_id)
        if document.end and today <= document.end <= last and expires == document.end:
            found.append(Reminder(ENDING, document_id, document.end))
        for basis in bases.get(document_id, ()):
            for relation, day in register.affecting(basis):
                if relation.kind not in BASIS_CHANGES or day > last:
                    continue
                if expires is not None and day >= expires:
                    continue
                found.append(
                    Reminder(
                        BASIS_ENDED if relation.whole else BASIS_PARTLY,
                        document_id,
                        day,
                        basis=basis,
                        cause=relation.source,
                        relation=relation.kind,
                        part=relation.part.strip(),
                    )
                )
    return sorted(
        found, key=lambda item: (item.day, KINDS.index(item.kind), item.document)
    )


def _bases(register: validity.Register) -> dict[str, list[str]]:
    """Each document's bases that the register holds (one pass over the
    relations: a district register has tens of thousands)."""
    found: dict[str, set[str]] = {}
    for relation in register.relations:
        if relation.kind == validity.BASED_ON and relation.target in register.documents:
            found.setdefault(relation.source, set()).add(relation.target)
    return {source: sorted(targets) for source, targets in found.items()}
