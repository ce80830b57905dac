"""The citizens' forms: EasyForm's own view, with the honeypot, the per-client
limit, the attachment rule and the unit's mail around its processing.

Registered for ``ICitizenForm`` (more specific than EasyForm's ``IEasyForm``),
so the two forms the profile makes use it and other EasyForms keep theirs.
"""

from collective.easyform.browser.view import EasyFormForm
from collective.easyform.browser.view import EasyFormFormWrapper
from dienbien.policy import _
from dienbien.policy.citizenforms import mail
from dienbien.policy.citizenforms import spam
from dienbien.policy.citizenforms import storage
from dienbien.policy.citizenforms.interfaces import ICitizenForm
from dienbien.policy.core.citizenforms import ATTACHMENT_MAX_BYTES
from dienbien.policy.core.citizenforms import attachment_problem
from plone.namedfile.interfaces import INamedBlobFileField
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import validator
from z3c.form.interfaces import NOT_CHANGED
from zope.interface import Invalid

import math


class CitizenForm(EasyFormForm):
    def updateActions(self):
        super().updateActions()
        if "submit" in self.actions:
            # The one thing to do on the page: the primary button.
            self.actions["submit"].klass = "submit-widget button-field btn btn-primary"

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        unit = self.widgets.get("unit") if self.widgets else None
        if unit is not None:
            # No unit chosen for the citizen: the first one would be sent
            # what was meant for another.
            unit.prompt = True
            unit.promptMessage = _("citizen_choose_unit", default="Choose a unit")
            unit.update()
        honeypot = self.widgets.get(spam.HONEYPOT) if self.widgets else None
        if honeypot is not None:
            # Off the screen: out of the keyboard's way too.
            honeypot.tabindex = -1

    def processActions(self, fields):
        # Reached once the form is valid: one submission of this client.
        spam.count(self.request)
        if spam.is_spam(fields):
            return None  # the thank-you page, and nothing kept
        fields = {
            name: value for name, value in fields.items() if name != spam.HONEYPOT
        }
        errors = super().processActions(fields)
        if errors:
            return errors
        storage.stamp_newest(self.context)
        mail.notify(self.context, fields)
        return None


class CitizenFormView(EasyFormFormWrapper):
    form = CitizenForm
    index = ViewPageTemplateFile("templates/form_layout.pt")
    refused = ViewPageTemplateFile("templates/refused.pt")

    def __call__(self):
        if self.request.method == "POST":
            wait = spam.wait_for(self.request)
            if wait:
                self.minutes = max(1, math.ceil(wait / 60))
                self.request.response.setStatus(429)
                self.request.response.setHeader("Retry-After", str(wait))
                return self.refused()
        return super().__call__()

    def qa_url(self):
        from Acquisition import aq_parent
        from dienbien.policy.citizenforms.interfaces import IQuestionForm
        from dienbien.policy.citizenforms.interfaces import IQuestionSection

        parent = aq_parent(self.context)
        if IQuestionForm.providedBy(self.context) and IQuestionSection.providedBy(
            parent
        ):
            return f"{parent.absolute_url()}/hoi-dap"
        return None


class AttachmentValidator(validator.SimpleFieldValidator):
    """The attachment of a citizen's form: a kind a unit can open, 5 MB."""

    def validate(self, value):
        if value is NOT_CHANGED:
            value = self.widget.value
        super().validate(value)
        if not value:
            return
        problem = attachment_problem(value.filename or "", value.getSize())
        if problem == "type":
            raise Invalid(
                _(
                    "citizen_attachment_type",
                    default="Attach a PDF, Word, JPG or PNG file.",
                )
            )
        if problem == "size":
            raise Invalid(
                _(
                    "citizen_attachment_size",
                    default="The file is larger than ${size} MB.",
                    mapping={"size": ATTACHMENT_MAX_BYTES // (1024 * 1024)},
                )
            )


validator.WidgetValidatorDiscriminators(
    AttachmentValidator, context=ICitizenForm, field=INamedBlobFileField
)
