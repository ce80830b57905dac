"""The "Portal" settings: the footer's lines (``IPortalSettings``)."""

from dienbien.policy import _
from dienbien.policy.portal.interfaces import IPortalSettings
from dienbien.policy.portal.interfaces import PREFIX
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm


class PortalSettingsForm(RegistryEditForm):
    schema = IPortalSettings
    schema_prefix = PREFIX
    label = _("portal_settings_title", default="Portal")
    description = _(
        "portal_settings_description",
        default="The issuing body, contacts and licence shown at the foot of "
        "every public page. The emblem is the site logo in Site settings.",
    )


class PortalSettingsPanel(ControlPanelFormWrapper):
    form = PortalSettingsForm
