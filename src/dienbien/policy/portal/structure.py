"""The public portal's sections and top navigation, made by the profile
and by the upgrade to 1022 (the same function: safe to run again).

The top navigation is a fixed list of tabs (``portal_tabs`` actions), not
the site's top-level items: a news item, a page or a folder an editor adds
goes into its section and never becomes a tab (``plone.generate_tabs`` is
off). Sections that already exist keep their content and settings.
"""

from Acquisition import aq_base
from dienbien.policy import _
from dienbien.policy.portal.interfaces import IAboutSection
from dienbien.policy.portal.interfaces import IDocumentsSection
from dienbien.policy.portal.interfaces import INewsSection
from dienbien.policy.portal.interfaces import IPortalSection
from plone import api
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.base.interfaces.syndication import IFeedSettings
from plone.base.interfaces.syndication import ISiteSyndicationSettings
from plone.registry.interfaces import IRegistry
from Products.CMFCore.ActionInformation import Action
from zope.component import getUtility
from zope.i18n import translate
from zope.interface import alsoProvides

import base64
import contextlib
import pathlib


#: The sections the portal makes, in the order of the tabs:
#: (id, marker, title, description, addable types or None for any).
#: ``van-ban`` is the correspondence register (staff only): the public
#: documents section is ``van-ban-cong-khai``.
SECTIONS = (
    (
        "gioi-thieu",
        IAboutSection,
        _("section_about", default="About"),
        _(
            "section_about_description",
            default="The district's history, its organisation and people to contact.",
        ),
        ("Document", "Image", "File"),
    ),
    (
        "tin-tuc",
        INewsSection,
        _("section_news", default="News and events"),
        _(
            "section_news_description",
            default="News of the district and the events coming up.",
        ),
        # Folder: portal-editorial's newsrooms, one per unit.
        ("News Item", "Event", "Image", "File", "Folder"),
    ),
    (
        "van-ban-cong-khai",
        IDocumentsSection,
        _("section_documents", default="Documents"),
        _(
            "section_documents_description",
            default="Normative legal documents of the district and other "
            "published documents: plans, reports, announcements.",
        ),
        ("File", "Document", "Image"),
    ),
    (
        "gop-y",
        IPortalSection,
        _("section_feedback", default="Questions and suggestions"),
        _(
            "section_feedback_description",
            default="Ask the district a question or send your feedback; "
            "answered questions are published here.",
        ),
        None,
    ),
    (
        "lien-he",
        IPortalSection,
        _("section_contact", default="Contact"),
        _(
            "section_contact_description",
            default="How to reach the district's offices.",
        ),
        None,
    ),
)

#: The tabs after Plone's own home tab (``index_html``): (action id, title,
#: path from the site root). Procedures and the lookup are the one-stop
#: wing's existing catalogue and page.
TABS = (
    ("dienbien-about", _("tab_about", default="About"), "gioi-thieu"),
    ("dienbien-news", _("tab_news", default="News – Events"), "tin-tuc"),
    (
        "dienbien-documents",
        _("tab_documents", default="Documents"),
        "van-ban-cong-khai",
    ),
    (
        "dienbien-procedures",
        _("tab_procedures", default="Administrative procedures"),
        "thu-tuc-hanh-chinh",
    ),
    # The one-stop wing's own tab (actions.xml) for the lookup page.
    ("dienbien-status-lookup", None, "tra-cuu-ho-so"),
    ("dienbien-feedback", _("tab_feedback", default="Questions – Feedback"), "gop-y"),
    ("dienbien-contact", _("tab_contact", default="Contact"), "lien-he"),
)

#: Sections whose RSS feed is on and linked from the site root.
FEEDS = ("tin-tuc", "van-ban-cong-khai")

FRONT_PAGE_VIEW = "portal-home"
SECTION_VIEW = "portal-section"
EMBLEM = pathlib.Path(__file__).parent.parent / "static" / "emblem.svg"
EMBLEM_NAME = "bieu-trung.svg"


def _text(message) -> str:
    return translate(message, target_language=api.portal.get_default_language())


def set_up_portal(portal) -> None:
    for section_id, marker, title, description, addable in SECTIONS:
        set_up_section(portal, section_id, marker, title, description, addable)
    set_up_tabs(portal)
    set_up_feeds(portal)
    set_up_emblem()
    registry = getUtility(IRegistry)
    registry["plone.enable_sitemap"] = True
    registry["plone.share_social_data"] = True
    portal.setLayout(FRONT_PAGE_VIEW)


def set_up_section(portal, section_id, marker, title, description, addable):
    section = portal.get(section_id)
    if section is None:
        section = api.content.create(
            container=portal,
            type="Folder",
            id=section_id,
            title=_text(title),
            description=_text(description),
        )
        if addable is not None:
            constraints = ISelectableConstrainTypes(section)
            constraints.setConstrainTypesMode(ENABLED)
            constraints.setLocallyAllowedTypes(addable)
            constraints.setImmediatelyAddableTypes(addable)
    # A folder made bare by someone else (portal-editorial's news section on
    # a site without one) gets the section's page; a view chosen is kept.
    if section.portal_type == "Folder" and not getattr(aq_base(section), "layout", ""):
        section.setLayout(SECTION_VIEW)
    if not marker.providedBy(section):
        alsoProvides(section, marker)
        section.reindexObject(idxs=["object_provides"])
    if api.content.get_state(section, default=None) not in (None, "published"):
        # A workflow without "published": its own rules apply.
        with contextlib.suppress(api.exc.InvalidParameterError):
            api.content.transition(obj=section, to_state="published")
    return section


def set_up_tabs(portal) -> None:
    registry = getUtility(IRegistry)
    registry["plone.generate_tabs"] = False
    tabs = api.portal.get_tool("portal_actions")["portal_tabs"]
    for action_id, title, path in TABS:
        if title is None or action_id in tabs.objectIds():
            continue
        action = Action(
            action_id,
            title=str(title),
            i18n_domain="dienbien.policy",
            url_expr=f"string:${{globals_view/navigationRootUrl}}/{path}",
            available_expr="",
            permissions=("View",),
            visible=True,
        )
        tabs._setObject(action_id, action)
    # The footer's "Contact" is the contact section, not Plone's mail form.
    site_actions = api.portal.get_tool("portal_actions").get("site_actions")
    if site_actions is not None and "contact" in site_actions.objectIds():
        site_actions["contact"].manage_changeProperties(
            url_expr="string:${portal_url}/lien-he"
        )
    # The public tabs first, after Plone's home tab; staff tabs after them.
    position = 1 if "index_html" in tabs.objectIds() else 0
    for action_id, _title, _path in TABS:
        if action_id in tabs.objectIds():
            tabs.moveObjectToPosition(action_id, position)
            position += 1


def set_up_feeds(portal) -> None:
    """RSS (and Atom) of the news and documents sections, linked from every
    page of the site (``<link rel="alternate">``)."""
    registry = getUtility(IRegistry)
    site = registry.forInterface(ISiteSyndicationSettings)
    site.allowed = True
    uids = []
    for section_id in FEEDS:
        section = portal.get(section_id)
        if section is None:
            continue
        settings = IFeedSettings(section)
        settings.enabled = True
        settings.feed_types = ("RSS", "rss.xml", "atom.xml")
        uids.append(api.content.get_uuid(section))
    site.site_rss_items = tuple(uids)


def set_up_emblem() -> None:
    """The placeholder emblem as the site logo, until the administrator
    uploads the real one (Site settings, "Site logo")."""
    registry = getUtility(IRegistry)
    if registry.get("plone.site_logo"):
        return
    data = EMBLEM.read_bytes()
    registry["plone.site_logo"] = (
        b"filenameb64:"
        + base64.b64encode(EMBLEM_NAME.encode())
        + b";datab64:"
        + base64.b64encode(data)
    )


def tear_down_portal(portal) -> None:
    """On uninstall: the views go with the add-on, the content stays. The
    site root and the sections get Plone's own views back, the top tabs are
    generated again (ours are removed by the uninstall profile), the
    footer's "Contact" is Plone's form again."""
    if portal.getLayout() == FRONT_PAGE_VIEW:
        portal.setLayout("listing_view")
    for section_id, *_rest in SECTIONS:
        section = portal.get(section_id)
        if section is not None and section.getLayout() == SECTION_VIEW:
            section.setLayout("listing_view")
    getUtility(IRegistry)["plone.generate_tabs"] = True
    site_actions = api.portal.get_tool("portal_actions").get("site_actions")
    if site_actions is not None and "contact" in site_actions.objectIds():
        site_actions["contact"].manage_changeProperties(
            url_expr='python:f"{plone_portal_state.navigation_root_url()}/contact-info"'
        )
