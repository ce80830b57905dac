"""The register's validity, kept current: when a published document or its
relations change, the timelines of every document it touches are computed
again (``core/legal/validity.py``) and indexed.

A timeline holds dates, not a status: "in force today" is a date condition
on it, so statuses change on their day with no job and no edit. What is
recomputed here is only what a *relation* changes.

Only published documents count: a draft that will replace a decision does
not end it.
"""

from dienbien.policy.core.correspondence.notation import NotationError
from dienbien.policy.core.correspondence.notation import parse_notation
from dienbien.policy.core.legal import validity
from dienbien.policy.legal.document import ILegalDocument
from plone import api
from Products.CMFCore.indexing import processQueue


def notation_key(text: str, issuer: str | None) -> str | None:
    """What identifies a document of the register: its issuer's code and
    its notation written one way (``H15.50|05/2026/qđ-ubnd``). A district
    and a commune People's Committee both write ``05/2026/QĐ-UBND``."""
    try:
        canonical = parse_notation(text or "").canonical
    except NotationError:
        return None
    return f"{issuer or ''}|{canonical}"


def known_keys() -> set[str]:
    """The keys of every document of the register, drafts included."""
    catalog = api.portal.get_tool("portal_catalog")
    return set(catalog.uniqueValuesFor("legal_key")) - {None, ""}


def resolve_target(row: dict, issuer: str | None, known: set[str]):
    """The key of the document a relation row names, and whether the name is
    ambiguous. The row's ``target_issuer`` decides when given; otherwise the
    document of the same issuer, else the only one with that notation."""
    target = row.get("target") or ""
    if row.get("target_issuer"):
        return notation_key(target, row["target_issuer"]), False
    own = notation_key(target, issuer)
    if own is None or own in known:
        return own, False
    canonical = own.split("|", 1)[1]
    matches = sorted(key for key in known if key.split("|", 1)[1] == canonical)
    if len(matches) == 1:
        return matches[0], False
    return own, len(matches) > 1


def display_notation(key: str) -> str:
    """A key's notation for a page (when no published document has it)."""
    return key.split("|", 1)[-1].upper()


def _brains():
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        portal_type="LegalDocument", review_state="published"
    )


def facts(document) -> tuple:
    """What validity depends on, as catalog metadata (``legal_facts``):
    ``(key, effective, end, relations)`` with ISO dates, so the register is
    built from the catalog without waking any document."""
    key = notation_key(document.notation, document.issuer) or document.UID()
    relations = []
    # Every key of the register is read only for a row that names no
    # issuer (a bulk load indexes thousands of documents whose rows do).
    rows = document.relations or ()
    known = known_keys() if any(not row.get("target_issuer") for row in rows) else set()
    for row in document.relations or ():
        target, _ambiguous = resolve_target(row, document.issuer, known)
        if target and target != key:
            relations.append(
                (
                    row.get("kind"),
                    target,
                    _iso(row.get("on")),
                    _iso(row.get("until")),
                    (row.get("part") or "").strip(),
                )
            )
    return (
        key,
        _iso(document.in_force_from),
        _iso(document.in_force_until),
        tuple(relations),
    )


def _iso(day):
    return day.isoformat() if day else ""


def _day(text):
    return validity.date.fromisoformat(text) if text else None


def build_register(brains):
    """The register of ``brains``' documents: ``(Register, {key: brain})``."""
    records, relations, by_key = [], [], {}
    for brain in brains:
        key, effective, end, rows = brain.legal_facts or (None, "", "", ())
        if not key:
            continue
        by_key[key] = brain
        records.append(validity.Document(key, _day(effective), _day(end)))
        for kind, target, on, until, part in rows:
            try:
                relations.append(
                    validity.Relation(kind, key, target, _day(on), _day(until), part)
                )
            except ValueError:
                continue  # a relation the core refuses changes nothing
    return validity.Register(records, relations), by_key


def as_stored(periods) -> tuple:
    return tuple(
        (
            period.start.isoformat() if period.start != validity.date.min else "",
            period.end.isoformat() if period.end != validity.FOREVER else "",
            period.status,
        )
        for period in periods
    )


def refresh(exclude_uid: str | None = None) -> int:
    """Compute every published document's timeline again (from catalog
    metadata) and store and reindex those that changed. Returns how many."""
    brains = [brain for brain in _brains() if exclude_uid != brain.UID]
    register, by_key = build_register(brains)
    changed = 0
    for key, brain in by_key.items():
        stored = as_stored(register.timeline(key))
        if tuple(brain.legal_timeline or ()) != stored:
            document = brain._unrestrictedGetObject()
            document.timeline = stored
            document.reindexObject(idxs=TIMELINE_INDEXES)
            changed += 1
    return changed


TIMELINE_INDEXES = [
    *(f"legal_{status}" for status in validity.STATUSES),
    "legal_split",
]


def on_change(document, event):
    """A document was published, withdrawn or edited."""
    if not ILegalDocument.providedBy(document):
        return
    # Its own catalog data first, state included (the workflow tool
    # reindexes the state only after this event): the register reads it.
    document.reindexObject(idxs=["review_state"])
    processQueue()
    published = api.content.get_state(document, default=None) == "published"
    if not published and document.timeline:
        document.timeline = ()
        document.reindexObject(idxs=TIMELINE_INDEXES)
    refresh()


def on_removed(document, event):
    # Removed with its folder or its site (``--recreate``), the register goes
    # with it: nothing is left to recompute, and no site to ask.
    if event.object is not document:
        return
    refresh(exclude_uid=document.UID())
