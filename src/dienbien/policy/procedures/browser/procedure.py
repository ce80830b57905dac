"""A procedure's page, and its print version, laid out as on the national
portal: steps, channels with time and fee, papers with forms, conditions,
legal basis."""

from dienbien.policy import _
from dienbien.policy.core.procedures import time_label
from dienbien.policy.orgunits.lookup import unit_title
from dienbien.policy.procedures.browser.catalogue import format_fee
from dienbien.policy.procedures.procedure import procedure_of
from dienbien.policy.procedures.vocabularies import CHANNEL_TITLES
from dienbien.policy.procedures.vocabularies import LEVEL_TITLES
from dienbien.policy.procedures.vocabularies import ONLINE_TITLES
from dienbien.policy.procedures.vocabularies import procedure_fields
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from zope.i18n import translate


class ProcedureView(BrowserView):
    def __call__(self):
        self.procedure = procedure_of(self.context)
        return self.index()

    def tr(self, message):
        return translate(message, context=self.request)

    @property
    def abolished(self):
        return api.content.get_state(self.context) == "abolished"

    def field_title(self):
        return procedure_fields().get(self.procedure.field, self.procedure.field)

    def level_title(self):
        return self.tr(LEVEL_TITLES.get(self.procedure.level, self.procedure.level))

    def online_title(self):
        return self.tr(ONLINE_TITLES.get(self.procedure.online_service, ""))

    def unit_title(self):
        return unit_title(self.context, self.procedure.unit)

    def channels(self):
        rows = []
        for row in self.procedure.channels:
            template, mapping = time_label(row.time_value, row.time_unit)
            time = self.tr(_(template, mapping=mapping))
            if row.time_unit == "same_day" and row.cutoff:
                time = self.tr(
                    _(
                        "${time} (dossiers received before ${cutoff})",
                        mapping={"time": time, "cutoff": row.cutoff},
                    )
                )
            rows.append(
                {
                    "channel": self.tr(CHANNEL_TITLES.get(row.channel, row.channel)),
                    "time": time,
                    "fee": self.tr(format_fee(row.fee)),
                    "note": row.note,
                }
            )
        return rows

    def components(self):
        rows = []
        for row in self.procedure.components:
            form = self.context.get(row.form) if row.form else None
            rows.append(
                {
                    "name": row.name,
                    "originals": row.originals,
                    "copies": row.copies,
                    "form_url": f"{form.absolute_url()}/@@download/file"
                    if form
                    else None,
                    "form_title": (form.title or form.getId()) if form else None,
                }
            )
        return rows

    def steps_html(self):
        steps = getattr(self.context, "steps", None)
        return steps.output_relative_to(self.context) if steps else ""

    def paragraphs(self, text):
        return [line for line in (text or "").splitlines() if line.strip()]


class ProcedureMacros(BrowserView):
    """The procedure body's macro, shared by the page and its print version.
    A macro library, not a page: published on its own it is a 404."""

    index = ViewPageTemplateFile("templates/procedure_body.pt")

    @property
    def macros(self):
        return self.index.macros

    def __call__(self):
        raise NotFound(self.context, "procedure-macros", self.request)
