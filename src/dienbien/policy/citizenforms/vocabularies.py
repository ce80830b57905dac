"""The units a citizen may address: every unit in service, by name."""

from dienbien.policy.orgunits.lookup import unit_brains
from zope.component.hooks import getSite
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IVocabularyFactory)
def CitizenFormUnitsFactory(context):
    terms = {}
    for brain in unit_brains(getSite(), sort_on="sortable_title"):
        code = brain.unit_code
        # A retired unit whose records went to its successor takes no mail.
        if code and code not in terms and not brain.unit_succession:
            terms[code] = SimpleTerm(code, code, brain.Title)
    return SimpleVocabulary(list(terms.values()))
