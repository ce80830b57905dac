"""The address book of external organisations (sổ địa chỉ).

Organisations outside the site's own units that documents are sent to and
received from: ministries, the province's departments, other districts. One
``ExternalOrganisation`` each (name, exchange identifier, address, e-mail,
phone) in the ``AddressBook`` folder (``/so-dia-chi``), made by the profile.
Every member of staff reads it (drafters choose recipients from it); the
clerical offices and the site's administrators keep it.
"""

from dienbien.policy import _
from dienbien.policy.core.exchange.organs import is_exchange_identifier
from dienbien.policy.core.exchange.package import Organ
from plone import api
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.dexterity.utils import createContentInContainer
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


ADDRESS_BOOK_PATH = "so-dia-chi"
ADD_PERMISSION = "dienbien.policy: Add ExternalOrganisation"
#: Who reads the address book, and who keeps it (roles of the unit groups).
READERS = ("Manager", "Site Administrator", "Clerical", "Officer", "Leader")
KEEPERS = ("Manager", "Site Administrator", "Clerical")


class InvalidOrganId(schema.ValidationError):
    __doc__ = _(
        "error_exchange_identifier",
        default="Not an exchange identifier: 000.00.00.H41 or a Decision "
        "20/2020 code such as H41.01.05.",
    )


def _exchange_identifier(value) -> bool:
    if not is_exchange_identifier(value):
        raise InvalidOrganId(value)
    return True


class IAddressBook(model.Schema):
    """The external organisations (``/so-dia-chi``); staff only."""


@implementer(IAddressBook)
class AddressBook(Container):
    """Holds the ``ExternalOrganisation`` entries."""


class IExternalOrganisation(model.Schema):
    title = schema.TextLine(
        title=_("label_organisation_name", default="Name of the organisation"),
    )
    organ_id = schema.TextLine(
        title=_("label_organ_id", default="Electronic identifier (QCVN 102)"),
        description=_(
            "help_external_organ_id",
            default="As the exchange platform knows it: 000.00.00.H41, or a "
            "Decision 20/2020 code.",
        ),
        constraint=_exchange_identifier,
    )
    address = schema.TextLine(
        title=_("label_organisation_address", default="Address"), required=False
    )
    email = schema.TextLine(
        title=_("label_organisation_email", default="E-mail"), required=False
    )
    telephone = schema.TextLine(
        title=_("label_organisation_telephone", default="Telephone"), required=False
    )


@implementer(IExternalOrganisation)
class ExternalOrganisation(Item):
    """One organisation outside the site's units."""

    organ_id = ""
    address = ""
    email = ""
    telephone = ""

    def as_organ(self) -> Organ:
        return Organ(
            organ_id=self.organ_id,
            name=self.title,
            address=self.address or "",
            email=self.email or "",
            telephone=self.telephone or "",
        )


def set_up_address_book(portal) -> AddressBook:
    """Make ``/so-dia-chi`` (once) and say who reads and keeps it.

    The types have no workflow: the folder's own permissions are the whole
    rule, and its entries acquire them.
    """
    from dienbien.policy.setuphandlers import _site_language_text

    book = portal.get(ADDRESS_BOOK_PATH)
    if book is None:
        book = createContentInContainer(
            portal,
            "AddressBook",
            checkConstraints=False,
            id=ADDRESS_BOOK_PATH,
            title=_site_language_text(
                _("container_address_book", default="Address book")
            ),
        )
        if book.getId() != ADDRESS_BOOK_PATH:
            api.content.rename(obj=book, new_id=ADDRESS_BOOK_PATH)
    for permission in ("View", "Access contents information"):
        book.manage_permission(permission, READERS, acquire=False)
    for permission in (
        ADD_PERMISSION,
        "Add portal content",
        "Modify portal content",
        "Delete objects",
    ):
        book.manage_permission(permission, KEEPERS, acquire=False)
    book.reindexObjectSecurity()
    return book


def organisations(context) -> list[ExternalOrganisation]:
    """Every entry the user may see, by name (a small list: woken)."""
    brains = api.content.find(
        context=api.portal.get(),
        portal_type="ExternalOrganisation",
        sort_on="sortable_title",
    )
    return [brain.getObject() for brain in brains]


def organisation_by_id(organ_id: str) -> ExternalOrganisation | None:
    for organisation in organisations(None):
        if organisation.organ_id == organ_id:
            return organisation
    return None


def organisation_names(organ_ids) -> list[str]:
    """The names of the organisations chosen on a document, in its order; an
    identifier the book no longer holds is shown as such."""
    organ_ids = [organ_id for organ_id in organ_ids or () if organ_id]
    if not organ_ids:
        return []
    names = {}
    for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="ExternalOrganisation"
    ):
        organisation = brain._unrestrictedGetObject()
        names.setdefault(organisation.organ_id, organisation.title)
    return [names.get(organ_id, organ_id) for organ_id in organ_ids]
