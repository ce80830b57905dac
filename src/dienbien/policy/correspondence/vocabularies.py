"""Vocabularies of the correspondence forms: document types, urgency,
confidentiality, and the people of a unit (leaders who sign, staff who
handle)."""

from dienbien.policy import _
from dienbien.policy.core.correspondence import doctypes
from dienbien.policy.core.correspondence import marks
from dienbien.policy.core.orgunits import group_id
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


URGENCY_TITLES = {
    "normal": _("urgency_normal", default="Normal"),
    "urgent": _("urgency_urgent", default="Urgent (khẩn)"),
    "very_urgent": _("urgency_very_urgent", default="Very urgent (thượng khẩn)"),
    "flash": _("urgency_flash", default="Flash (hỏa tốc)"),
}

CONFIDENTIALITY_TITLES = {
    "normal": _("confidentiality_normal", default="Not classified"),
    "confidential": _("confidentiality_confidential", default="Confidential (mật)"),
    "secret": _("confidentiality_secret", default="Secret (tối mật)"),
    "top_secret": _("confidentiality_top_secret", default="Top secret (tuyệt mật)"),
}


@provider(IVocabularyFactory)
def DocumentTypesFactory(context):
    """The 29 types of Decree 30/2020 Art. 7, in the Decree's order, titled
    with their legal (Vietnamese) names."""
    return SimpleVocabulary(
        [
            SimpleTerm(doctype.id, doctype.id, doctype.title)
            for doctype in doctypes.load_document_types()
        ]
    )


@provider(IVocabularyFactory)
def UrgenciesFactory(context):
    return SimpleVocabulary(
        [SimpleTerm(level, level, URGENCY_TITLES[level]) for level in marks.URGENCY_IDS]
    )


@provider(IVocabularyFactory)
def ConfidentialitiesFactory(context):
    return SimpleVocabulary(
        [
            SimpleTerm(level, level, CONFIDENTIALITY_TITLES[level])
            for level in marks.CONFIDENTIALITY_IDS
        ]
    )


def _unit_of(context) -> str | None:
    unit = getattr(context, "unit", None)
    return unit if isinstance(unit, str) else None


def _people(group_ids) -> SimpleVocabulary:
    seen = {}
    for gid in group_ids:
        group = api.group.get(groupname=gid)
        if group is None:
            continue
        for member in group.getGroupMembers():
            user_id = member.getId()
            if user_id not in seen:
                name = member.getProperty("fullname") or user_id
                seen[user_id] = SimpleTerm(user_id, user_id, name)
    return SimpleVocabulary(sorted(seen.values(), key=lambda term: term.title))


def _all_groups(function: str):
    suffix = f".{function}"
    tool = api.portal.get_tool("portal_groups")
    return [
        gid
        for gid in tool.getGroupIds()
        if gid.startswith("unit.") and gid.endswith(suffix)
    ]


@provider(IVocabularyFactory)
def UnitLeadersFactory(context):
    """The leaders of the document's unit (who may sign it); on an add form,
    where there is no unit yet, every unit's leaders."""
    unit = _unit_of(context)
    if unit:
        return _people([group_id(unit, "leader")])
    return _people(_all_groups("leader"))


@provider(IVocabularyFactory)
def UnitStaffFactory(context):
    """Everybody working in the document's unit (to name handlers and
    readers)."""
    unit = _unit_of(context)
    if unit:
        return _people(
            [group_id(unit, function) for function in ("clerical", "officer", "leader")]
        )
    return _people(
        [
            gid
            for function in ("clerical", "officer", "leader")
            for gid in _all_groups(function)
        ]
    )
