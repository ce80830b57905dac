"""Vocabularies of work files: the retention periods offered (a data file)
and the people who may keep a file of the plan's unit."""

from dienbien.policy import _
from dienbien.policy.core.correspondence import workfiles as rules
from dienbien.policy.dossiers.browser.display import full_name
from dienbien.policy.orgunits.groups import members
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def retention_title(token: str | None):
    """``Vĩnh viễn`` or ``10 năm`` (a message for the UI)."""
    if not token:
        return ""
    retention = rules.parse_retention(token)
    if retention.permanent:
        return _("retention_permanent", default="Permanent")
    return _(
        "retention_years", default="${years} years", mapping={"years": retention.years}
    )


@provider(IVocabularyFactory)
def RetentionPeriodsFactory(context):
    return SimpleVocabulary(
        [
            SimpleTerm(period.token, period.token, retention_title(period.token))
            for period in rules.load_retention().periods
        ]
    )


#: The functions whose members may keep a file of their unit.
KEEPERS = ("officer", "leader", "clerical")


def _plan(context):
    from dienbien.policy.correspondence.workfiles.content import _plan_of

    return _plan_of(context)


def keepers(unit: str | None) -> list[str]:
    found: dict[str, None] = {}
    for function in KEEPERS:
        for member in members(unit, function) if unit else ():
            found.setdefault(member, None)
    return list(found)


@provider(IVocabularyFactory)
def WorkFileOwnersFactory(context):
    """The unit's officers, leaders and clerks, by name; the file's present
    keeper stays in the list even after leaving the unit."""
    plan = _plan(context)
    ids = keepers(plan.unit if plan is not None else None)
    current = getattr(context, "owner", None)
    if isinstance(current, str) and current and current not in ids:
        ids.append(current)
    terms = [SimpleTerm(uid, uid, full_name(uid)) for uid in ids]
    return SimpleVocabulary(sorted(terms, key=lambda term: str(term.title).casefold()))
