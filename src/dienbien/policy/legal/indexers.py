"""Catalog data of legal documents: the register lists, filters and answers
"in force on this day" from the catalog alone.

Validity on a day is a date condition: for each status a DateRangeIndex
``legal_<status>`` holds the one period the document spends in that status
(minutes of the day, as the index counts; an open end is ``None``). A
document that is in one status during several periods (in force, suspended,
in force again) is listed under ``legal_split`` for that status and the
query checks its timeline; its range is the never-matching ``(NEVER, NEVER)``, since
``(None, None)`` would mean "always".
"""

from datetime import date
from dienbien.policy.core.legal import validity as rules
from dienbien.policy.legal.document import ILegalDocument
from dienbien.policy.legal.validity import facts
from plone.indexer import indexer


EPOCH = date(1970, 1, 1)
#: The DateRangeIndex's floor (about the year 1000): a "range" no query for
#: a real day reaches.
NEVER = -510162480


def day_minutes(day: date) -> int:
    """A day as the DateRangeIndex counts: minutes since 1 January 1970."""
    return (day - EPOCH).days * 1440


def _periods(obj, status):
    return [period for period in obj.timeline or () if period[2] == status]


def _since(status):
    @indexer(ILegalDocument)
    def since(obj):
        periods = _periods(obj, status)
        if len(periods) != 1:
            return NEVER
        start = periods[0][0]
        return day_minutes(date.fromisoformat(start)) if start else None

    return since


def _until(status):
    @indexer(ILegalDocument)
    def until(obj):
        periods = _periods(obj, status)
        if len(periods) != 1:
            return NEVER
        end = periods[0][1]
        # The index's "until" is the last minute included: the day before.
        return day_minutes(date.fromisoformat(end)) - 1 if end else None

    return until


# One pair of indexers per status (ZCML names them one by one).
legal_not_yet_since = _since(rules.NOT_YET)
legal_not_yet_until = _until(rules.NOT_YET)
legal_in_force_since = _since(rules.IN_FORCE)
legal_in_force_until = _until(rules.IN_FORCE)
legal_partly_expired_since = _since(rules.PARTLY_EXPIRED)
legal_partly_expired_until = _until(rules.PARTLY_EXPIRED)
legal_expired_since = _since(rules.EXPIRED)
legal_expired_until = _until(rules.EXPIRED)
legal_suspended_since = _since(rules.SUSPENDED)
legal_suspended_until = _until(rules.SUSPENDED)
legal_partly_suspended_since = _since(rules.PARTLY_SUSPENDED)
legal_partly_suspended_until = _until(rules.PARTLY_SUSPENDED)


@indexer(ILegalDocument)
def legal_split(obj):
    statuses = [period[2] for period in obj.timeline or ()]
    return sorted({status for status in statuses if statuses.count(status) > 1})


@indexer(ILegalDocument)
def legal_facts(obj):
    return facts(obj)


@indexer(ILegalDocument)
def legal_timeline(obj):
    return tuple(obj.timeline or ())


@indexer(ILegalDocument)
def legal_type(obj):
    return obj.doctype


@indexer(ILegalDocument)
def legal_issuer(obj):
    return obj.issuer


@indexer(ILegalDocument)
def legal_year(obj):
    return obj.signed.year if obj.signed else None


@indexer(ILegalDocument)
def legal_fields(obj):
    return tuple(obj.fields or ())


@indexer(ILegalDocument)
def legal_notation(obj):
    return obj.notation


@indexer(ILegalDocument)
def legal_signed(obj):
    return obj.signed.isoformat() if obj.signed else None


@indexer(ILegalDocument)
def legal_effective(obj):
    return obj.in_force_from.isoformat() if obj.in_force_from else None


@indexer(ILegalDocument)
def legal_end(obj):
    return obj.in_force_until.isoformat() if obj.in_force_until else None


@indexer(ILegalDocument)
def legal_signers(obj):
    return ((obj.signer or "", obj.signer_position or ""),)


@indexer(ILegalDocument)
def legal_searchable_text(obj):
    from dienbien.policy.legal.document import legal_title
    from dienbien.policy.legal.fulltext import words

    return " ".join(
        part for part in (legal_title(obj), obj.signer or "", words(obj)) if part
    )


@indexer(ILegalDocument)
def legal_key(obj):
    """The notation written one way: what relations name."""
    return facts(obj)[0]


@indexer(ILegalDocument)
def legal_targets(obj):
    """The documents this one relates to (their keys): the other side of
    each relation finds it here."""
    return sorted({row[1] for row in facts(obj)[3]})


@indexer(ILegalDocument)
def legal_revision(obj):
    """The reviewer's mark ``(proposal, reason)`` for the systematisation;
    ``None`` when unmarked."""
    if not getattr(obj, "revision", None):
        return None
    return (obj.revision, (getattr(obj, "revision_reason", None) or "").strip())
