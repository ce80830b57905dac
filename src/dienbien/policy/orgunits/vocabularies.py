"""The organisation's vocabularies: unit kinds and the units themselves."""

from dienbien.policy import _
from dienbien.policy.core.orgunits import KINDS
from dienbien.policy.orgunits.lookup import unit_brains
from zope.component.hooks import getSite
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


KIND_TITLES = {
    "province": _("kind_province", default="Province"),
    "district": _("kind_district", default="District"),
    "agency": _("kind_agency", default="Specialised agency"),
    "commune": _("kind_commune", default="Commune"),
    "ward": _("kind_ward", default="Ward"),
    "village": _("kind_village", default="Village"),
    "one_stop_desk": _("kind_one_stop_desk", default="One-stop desk"),
    "peoples_council": _("kind_peoples_council", default="People's Council"),
}


@provider(IVocabularyFactory)
def OrgUnitKindsFactory(context):
    return SimpleVocabulary(
        [SimpleTerm(kind, kind, KIND_TITLES[kind]) for kind in KINDS]
    )


@provider(IVocabularyFactory)
def OrgUnitsFactory(context):
    """Every unit of the site, by code, titled "name (code)".

    Answered from catalog metadata; the organisation is public information.
    """
    brains = unit_brains(getSite(), sort_on="sortable_title")
    terms = {}
    for brain in brains:
        code = brain.unit_code
        if code and code not in terms:
            terms[code] = SimpleTerm(code, code, f"{brain.Title} ({code})")
    return SimpleVocabulary(list(terms.values()))
