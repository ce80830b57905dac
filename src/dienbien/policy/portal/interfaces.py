"""The portal's sections and its settings (the footer's required lines)."""

from dienbien.policy import _
from zope import schema
from zope.interface import Interface


class IPortalSection(Interface):
    """A top-level section of the public portal (made by the profile)."""


class IAboutSection(IPortalSection):
    """Giới thiệu: history pages and the organisation chart."""


class INewsSection(IPortalSection):
    """Tin tức – Sự kiện: news items and events."""


class IDocumentsSection(IPortalSection):
    """Văn bản: published documents, beside the normative register."""


PREFIX = "dienbien.portal"


class IPortalSettings(Interface):
    """What a government portal shows on every page: who runs it, how to
    reach them and its licence (edited in "Cổng thông tin" settings)."""

    issuing_body = schema.TextLine(
        title=_("label_portal_issuing_body", default="Issuing body"),
        description=_(
            "help_portal_issuing_body",
            default="The body that runs the portal, shown beside the emblem "
            "and in the footer.",
        ),
        default="Ủy ban nhân dân huyện Điện Biên",
        required=True,
    )
    responsible = schema.TextLine(
        title=_("label_portal_responsible", default="Person responsible"),
        description=_(
            "help_portal_responsible",
            default="Name and position of the person responsible for the "
            "portal's content.",
        ),
        default="",
        required=False,
    )
    address = schema.TextLine(
        title=_("label_portal_address", default="Address"),
        default="",
        required=False,
    )
    phone = schema.TextLine(
        title=_("label_portal_phone", default="Phone"),
        default="",
        required=False,
    )
    email = schema.TextLine(
        title=_("label_portal_email", default="E-mail"),
        default="",
        required=False,
    )
    licence = schema.TextLine(
        title=_("label_portal_licence", default="Licence"),
        description=_(
            "help_portal_licence",
            default="The portal's licence: number, date and issuing authority.",
        ),
        default="",
        required=False,
    )
