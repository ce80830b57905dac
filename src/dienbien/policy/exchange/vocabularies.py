"""The address book as a vocabulary: the value is the exchange identifier,
so a document keeps naming the organisation if its entry is renamed."""

from dienbien.policy.exchange.addressbook import organisations
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IVocabularyFactory)
def ExternalOrganisationsFactory(context):
    terms = []
    seen = set()
    for organisation in organisations(context):
        if organisation.organ_id in seen:
            continue
        seen.add(organisation.organ_id)
        terms.append(
            SimpleTerm(
                organisation.organ_id,
                organisation.organ_id,
                f"{organisation.title} ({organisation.organ_id})",
            )
        )
    return SimpleVocabulary(terms)
