"""Newsrooms: in the news section, one folder per district, commune or ward,
where that unit's editors write and its reviewers publish.

A newsroom is a plain Folder marked ``IUnitNewsroom`` that stores its unit's
UID (``orgunits.references``: the unit's present code is read from it, so a
newsroom follows a change of code). Its local roles (``localroles.py``) give
the unit's ``editor`` group Contributor and Editor, its ``reviewer`` group
Reviewer; nobody else is given anything, so a commune's editors add and
submit in their own newsroom only and its reviewers publish there only.

A newsroom stays out of the navigation, the sitemap page and the side menu
until something in it is published (``show_if_it_has_news``): a district
has some twenty communes, and a visitor should not walk through empty
folders to find the one that writes.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from dienbien.policy import _
from dienbien.policy.core.editorial import NEWSROOM_KINDS
from dienbien.policy.core.editorial import TYPES
from dienbien.policy.orgunits.events import SYNCED_RETIRED
from dienbien.policy.orgunits.lookup import unit_objects
from dienbien.policy.orgunits.references import code_of
from plone import api
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.base.interfaces.siteroot import IPloneSiteRoot
from plone.i18n.normalizer.interfaces import IIDNormalizer
from zope.component import getUtility
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import Interface


#: The news section's id. portal-site's structure owns the section; this
#: module only makes a bare one when a site has none yet.
NEWS_SECTION = "tin-tuc"
NEWS_SECTION_TITLE = _("container_news", default="News and events")

#: What may be added in a newsroom: the editorial types, and pictures and
#: files for them.
ADDABLE = (*TYPES, "Image", "File")

#: The attribute holding the newsroom's unit UID.
UNIT_UID = "dienbien_newsroom_unit"
#: The unit code the newsroom's items were last indexed for: their
#: ``allowedRolesAndUsers`` name the unit's groups, whose ids hold the code.
INDEXED_CODE = "_dienbien_newsroom_code"


class IUnitNewsroom(Interface):
    """A unit's newsroom in the news section."""


def news_section(portal, create: bool = False):
    """The news section (``None`` when the site has none and ``create`` is off)."""
    section = portal.get(NEWS_SECTION)
    if section is None and create:
        section = api.content.create(
            container=portal,
            type="Folder",
            id=NEWS_SECTION,
            title=translate(
                NEWS_SECTION_TITLE, target_language=api.portal.get_default_language()
            ),
        )
        publish(section)
    return section


def publish(folder) -> None:
    """Public: published under the site's folder workflow (a site without
    one lets the folder acquire the site root's public View)."""
    if api.content.get_state(folder, default=None) not in (None, "published"):
        api.content.transition(obj=folder, to_state="published")


def newsroom_unit(newsroom) -> str | None:
    """The present code of the newsroom's unit."""
    return code_of(getattr(newsroom, UNIT_UID, None))


def newsrooms(portal) -> dict[str, object]:
    """``{unit code: newsroom}`` for every newsroom of the site."""
    catalog = api.portal.get_tool("portal_catalog")
    found = {}
    for brain in catalog.unrestrictedSearchResults(
        object_provides=IUnitNewsroom.__identifier__
    ):
        newsroom = brain._unrestrictedGetObject()
        code = newsroom_unit(newsroom)
        if code:
            found[code] = newsroom
    return found


def newsroom_of(unit, section=None):
    """The OrgUnit ``unit``'s newsroom, or ``None``."""
    section = section if section is not None else news_section(api.portal.get())
    if section is None:
        return None
    uid = api.content.get_uuid(unit)
    for newsroom in section.objectValues():
        if getattr(newsroom, UNIT_UID, None) == uid:
            return newsroom
    return None


def ensure_newsroom(unit, section=None):
    """The newsroom of the OrgUnit ``unit``, made when missing; ``None`` for
    a unit of a kind that keeps none, or when the site has no news section."""
    if unit.kind not in NEWSROOM_KINDS:
        return None
    section = section if section is not None else news_section(api.portal.get())
    if section is None:
        return None
    found = newsroom_of(unit, section)
    if found is not None:
        return found
    base = getUtility(IIDNormalizer).normalize(unit.title, max_length=60)
    newsroom_id, number = base, 1
    while newsroom_id in section.objectIds():
        number += 1
        newsroom_id = f"{base}-{number}"
    newsroom = api.content.create(
        container=section, type="Folder", id=newsroom_id, title=unit.title
    )
    setattr(newsroom, UNIT_UID, api.content.get_uuid(unit))
    setattr(newsroom, INDEXED_CODE, unit.code)
    alsoProvides(newsroom, IUnitNewsroom)
    constraints = ISelectableConstrainTypes(newsroom)
    constraints.setConstrainTypesMode(ENABLED)
    constraints.setLocallyAllowedTypes(ADDABLE)
    constraints.setImmediatelyAddableTypes(ADDABLE)
    newsroom.setLayout("summary_view")
    newsroom.exclude_from_nav = True  # until its first news (below)
    publish(newsroom)
    newsroom.reindexObject()
    return newsroom


def has_news(newsroom, stepped=None) -> bool:
    """Whether a news item, event or page in the newsroom is published.
    ``stepped``: an item just moved by a workflow step, whose new state the
    catalog learns only after the step's events."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        path="/".join(newsroom.getPhysicalPath()),
        portal_type=list(TYPES),
        review_state="published",
    )
    if stepped is None:
        return bool(brains)
    stepped_path = "/".join(stepped.getPhysicalPath())
    if any(brain.getPath() != stepped_path for brain in brains[:2]):
        return True
    return (
        stepped.portal_type in TYPES
        and api.content.get_state(stepped, default=None) == "published"
    )


def show_if_it_has_news(newsroom, stepped=None) -> bool:
    """Show the newsroom in the navigation when something in it is
    published, hide it when nothing is; ``True`` when that changed it."""
    hidden = not has_news(newsroom, stepped)
    if bool(getattr(aq_base(newsroom), "exclude_from_nav", False)) == hidden:
        return False
    newsroom.exclude_from_nav = hidden
    newsroom.reindexObject(idxs=["exclude_from_nav"])
    return True


def enclosing_newsroom(obj):
    """The newsroom ``obj`` is in (at any depth), or ``None``."""
    parent = aq_parent(aq_inner(obj))
    while parent is not None and not IPloneSiteRoot.providedBy(parent):
        if IUnitNewsroom.providedBy(parent):
            return parent
        parent = aq_parent(aq_inner(parent))
    return None


def item_stepped(obj, event) -> None:
    """An item published, retracted…: its newsroom may show or hide."""
    if obj.portal_type not in TYPES:  # dossiers, documents…: at once
        return
    newsroom = enclosing_newsroom(obj)
    if newsroom is not None:
        show_if_it_has_news(newsroom, stepped=obj)


def item_moved(obj, event) -> None:
    """An item deleted, or moved between newsrooms: both may change."""
    if obj.portal_type not in TYPES:  # dossiers, documents…: at once
        return
    for parent in (event.oldParent, event.newParent):
        if parent is None:
            continue
        newsroom = (
            parent if IUnitNewsroom.providedBy(parent) else enclosing_newsroom(parent)
        )
        if newsroom is not None:
            show_if_it_has_news(newsroom)


def ensure_newsrooms(portal) -> int:
    """A newsroom for every active district, commune and ward (site set-up,
    upgrade, demo). Returns how many newsrooms the site has."""
    section = news_section(portal, create=True)
    count = 0
    for unit in unit_objects(portal):
        if getattr(unit, SYNCED_RETIRED, False):
            continue
        if ensure_newsroom(unit, section) is not None:
            count += 1
    return count


def unit_added(unit, event) -> None:
    """A new district, commune or ward gets its newsroom at once."""
    ensure_newsroom(unit)


def unit_modified(unit, event) -> None:
    """The newsroom follows its unit: its title, and after a change of code
    the security index of its items (the groups' ids changed with it), so
    that the reviewers still find them in their queue."""
    newsroom = newsroom_of(unit)
    if newsroom is None:
        return
    if newsroom.Title() != unit.title:
        newsroom.setTitle(unit.title)
        newsroom.reindexObject(idxs=["Title", "SearchableText", "sortable_title"])
    if getattr(newsroom, INDEXED_CODE, None) != unit.code:
        newsroom.reindexObjectSecurity()
        setattr(newsroom, INDEXED_CODE, unit.code)
