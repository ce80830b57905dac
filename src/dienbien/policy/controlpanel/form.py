from collective.z3cform.datagridfield.datagridfield import DataGridFieldFactory
from dienbien.policy import _
from dienbien.policy.controlpanel.settings import IDienbienSettings
from dienbien.policy.controlpanel.settings import PREFIX
from dienbien.policy.interfaces import IDienbienPolicyLayer
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.restapi.controlpanels import RegistryConfigletPanel
from zope.component import adapter
from zope.interface import Interface


class SettingsEditForm(RegistryEditForm):
    schema = IDienbienSettings
    schema_prefix = PREFIX
    label = _("settings_title", default="Điện Biên settings")
    description = _(
        "settings_description",
        default="Office hours and deadline rules of the one-stop service.",
    )

    #: Edited as rows, one per day or field.
    row_fields = ("calendar_overrides", "procedure_fields")

    def updateFields(self):
        super().updateFields()
        for name in self.row_fields:
            self.fields[name].widgetFactory = DataGridFieldFactory


class SettingsControlPanel(ControlPanelFormWrapper):
    form = SettingsEditForm


@adapter(Interface, IDienbienPolicyLayer)
class SettingsConfigletPanel(RegistryConfigletPanel):
    """The same settings at ``@controlpanels/dienbien-settings``."""

    schema = IDienbienSettings
    schema_prefix = PREFIX
    configlet_id = "dienbien-settings"
    configlet_category_id = "Products"
