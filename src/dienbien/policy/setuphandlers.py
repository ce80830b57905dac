"""Profile handlers: small, and data-driven where there is data."""

from dienbien.policy import _
from dienbien.policy.search.setuphandlers import uninstall_vietnamese_folding
from plone import api
from plone.base.interfaces import INonInstallable
from plone.dexterity.utils import createContentInContainer
from zope.i18n import translate
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["dienbien.policy:uninstall"]


#: Containers every site needs: id -> (portal_type, title message).
CONTAINERS = {
    "to-chuc": ("Organisation", _("container_organisation", default="Organisation")),
    "ho-so": ("DossierFolder", _("container_dossiers", default="One-stop dossiers")),
    "van-ban": (
        "DocumentFolder",
        _("container_documents", default="Official documents"),
    ),
    "van-ban-qppl": (
        "LegalDocumentFolder",
        _("container_legal_documents", default="Normative legal documents"),
    ),
    "ho-so-cong-viec": (
        "WorkFileFolder",
        _("container_workfiles", default="Work files"),
    ),
    "thu-tuc-hanh-chinh": (
        "ProcedureCatalogue",
        _("container_procedures", default="Administrative procedures"),
    ),
}


def _site_language_text(message) -> str:
    return translate(message, target_language=api.portal.get_default_language())


#: Exceptions the site's error log neither keeps nor copies to the event log
#: (with a traceback, the request's URL and, in the kept entry, its form).
#: ``BadRequest`` is refused input — a 400 answer, not a fault — and its
#: request holds what was typed: applicants' names, phones, ID numbers.
#: The error log matches by class name, not by subclass, so our own 400s
#: (``services.errors.InvalidInput``) and plone.restapi's unparsable bodies
#: are named too.
QUIET_EXCEPTIONS = ("BadRequest", "InvalidInput", "DeserializationError")


def quiet_bad_requests(portal) -> None:
    """Add ``QUIET_EXCEPTIONS`` to the error log's ignored exceptions (as
    plone.app.caching does for its own), keeping the site's other settings."""
    error_log = portal.get("error_log")
    if error_log is None:
        return
    properties = error_log.getProperties()
    ignored = tuple(properties.get("ignored_exceptions", ()))
    missing = tuple(name for name in QUIET_EXCEPTIONS if name not in ignored)
    if missing:
        error_log.setProperties(
            properties.get("keep_entries", 20),
            properties.get("copy_to_zlog", True),
            ignored + missing,
        )


def post_install(context):
    """Make the catalog's indexes of one object's values compact and create
    the containers that the add-on's features live in."""
    portal = api.portal.get()
    quiet_bad_requests(portal)
    from dienbien.policy.compactindexes import make_compact

    # Plone's own indexes of one object's values (its profile made them).
    make_compact(api.portal.get_tool("portal_catalog"))
    for container_id, (portal_type, title) in CONTAINERS.items():
        if container_id in portal.objectIds():
            continue
        # The containers are not addable by users anywhere (global_allow is
        # off): there is one of each, made here.
        container = createContentInContainer(
            portal,
            portal_type,
            checkConstraints=False,
            id=container_id,
            title=_site_language_text(title),
        )
        if container.getId() != container_id:
            api.content.rename(obj=container, new_id=container_id)
    from dienbien.policy.exchange.addressbook import set_up_address_book

    set_up_address_book(portal)
    from dienbien.policy.portal.structure import set_up_portal

    set_up_portal(portal)
    from dienbien.policy.citizenforms.setup import set_up_forms

    set_up_forms(portal)
    from dienbien.policy.editorial.newsroom import ensure_newsrooms

    ensure_newsrooms(portal)


def load_demo(context):
    """Demo organisation and users (the demo profile only)."""
    from dienbien.policy.demo import load

    load(api.portal.get())


def uninstall(context):
    """Remove what the default profile created outside GenericSetup's reach.

    The organisation's content is kept (records must outlive the software);
    only empty containers are removed.
    """
    portal = api.portal.get()
    from dienbien.policy.portal.structure import tear_down_portal

    tear_down_portal(portal)
    # The lexicon stores an instance of our normalizer: give Plone's back
    # before the code can go away.
    uninstall_vietnamese_folding(portal)
    # The facts column holds instances of a class of ours: without the
    # code, the dossiers' catalog records could not be read back.
    catalog = api.portal.get_tool("portal_catalog")
    if "dossier_facts" in catalog.schema():
        catalog.delColumn("dossier_facts")
    # So does the index that keeps the facts beside the open months.
    if "dossier_open_months" in catalog.indexes():
        catalog.delIndex("dossier_open_months")
    # And the compact and validity indexes (Plone's ids and titles among
    # them): stock ones with the same entries take their place.
    from dienbien.policy.compactindexes import make_stock
    from dienbien.policy.legal.rangeindex import make_stock_ranges

    make_stock(catalog)
    make_stock_ranges(catalog)
    for container_id in CONTAINERS:
        container = portal.get(container_id)
        if container is not None and not container.objectIds():
            portal._delObject(container_id)
