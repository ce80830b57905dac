"""The organisation's vocabularies: unit kinds and the units themselves."""

from dienbien.policy import _
from dienbien.policy.core.orgunits import KINDS
from dienbien.policy.orgunits.lookup import unit_brains
from Products.CMFCore.utils import getToolByName
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import getSite
from zope.globalrequest import getRequest
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


#: Where a request keeps the units' vocabulary it has made (see below).
_REQUEST_KEY = "dienbien.policy.orgunits.vocabulary"


@provider(IVocabularyFactory)
def OrgUnitsFactory(context):
    """Every unit of the site, by code, titled "name (code)".

    Answered from catalog metadata; the organisation is public information.
    A request makes it once for as long as the catalog does not change: a
    dossier received over REST binds its two unit fields when it is checked
    and again when it is answered, and each making is a catalog search (a
    fifth of a reception's time when made every time).
    """
    site = getSite()
    annotations = IAnnotations(getRequest(), None)
    if annotations is None:  # no request (scripts): made every time
        return _units_vocabulary(site)
    # Plone's counter moves with every indexing, the one waiting in this
    # request's queue included (it is done first): a unit just added or
    # renamed makes the vocabulary again.
    key = (
        "/".join(site.getPhysicalPath()),
        getToolByName(site, "portal_catalog").getCounter(),
    )
    kept = annotations.get(_REQUEST_KEY)
    if kept is not None and kept[0] == key:
        return kept[1]
    vocabulary = _units_vocabulary(site)
    annotations[_REQUEST_KEY] = (key, vocabulary)
    return vocabulary


def forget_units_vocabulary() -> None:
    """Drop the request's vocabulary: after a savepoint's rollback the
    catalog's counter goes back, and could come again to the kept key with
    other units."""
    annotations = IAnnotations(getRequest(), None)
    if annotations is not None:
        annotations.pop(_REQUEST_KEY, None)


def _units_vocabulary(site) -> SimpleVocabulary:
    brains = unit_brains(site, sort_on="sortable_title")
    terms = {}
    for brain in brains:
        code = brain.unit_code
        if code and code not in terms:
            terms[code] = SimpleTerm(code, code, f"{brain.Title} ({code})")
    return SimpleVocabulary(list(terms.values()))
