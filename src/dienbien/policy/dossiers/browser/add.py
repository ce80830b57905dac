"""The desk's add form: the clerk finds the procedure by its name (typed
without diacritics), sees what the procedure fixes — handling unit, fee,
appointment — and ticks the papers received from the procedure's list.

The dossier is created as ``POST /ho-so`` creates it (``lifecycle``): the
form only helps choose and shows beforehand what will be stored."""

from copy import copy
from dienbien.policy import _
from dienbien.policy.core.papers import received_papers
from dienbien.policy.dossiers.browser.display import without_side_columns
from dienbien.policy.dossiers.lifecycle import accept_new
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.lifecycle import own_desks
from dienbien.policy.dossiers.prefill import EXTRA_LINES
from dienbien.policy.dossiers.prefill import procedure_papers
from dienbien.policy.dossiers.prefill import procedure_prefill
from dienbien.policy.dossiers.prefill import submitted_lines
from dienbien.policy.procedures.search import search
from plone import api
from plone.app.z3cform.widgets.select import AjaxSelectWidget
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.converter import BaseDataConverter
from z3c.form.interfaces import INPUT_MODE
from z3c.form.interfaces import IWidget
from z3c.form.interfaces import NO_VALUE
from z3c.form.widget import FieldWidget
from z3c.form.widget import Widget
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer_only
from zope.schema.interfaces import IList

import json


#: The script that fills the form from the chosen procedure, and its style.
STATIC = "++resource++dienbien.policy.dossiers"

#: Procedures offered at a time while the clerk types.
CHOICES = 10


def procedure_code(request) -> str:
    """The procedure chosen in the add form, as submitted."""
    value = request.form.get("form.widgets.procedure", "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return value.split(";")[0].strip() if isinstance(value, str) else ""


class ProcedureSelectWidget(AjaxSelectWidget):
    """The procedure code, chosen from the published catalogue by name."""

    panel = ViewPageTemplateFile("templates/dossier_prefill.pt")

    def folder_url(self) -> str:
        return self.form.context.absolute_url()

    def prefill(self):
        if not self.value:
            return None
        return procedure_prefill(self.form.context, self.request, self.value, now())

    def chosen_channel(self, prefill):
        """The channel shown in the panel: the form's, when offered."""
        if not prefill or not prefill["channels"]:
            return None
        wanted = self.request.form.get("form.widgets.channel", "")
        wanted = wanted[0] if isinstance(wanted, list) and wanted else wanted
        for channel in prefill["channels"]:
            if channel["token"] == wanted:
                return channel
        return prefill["channels"][0]

    def get_pattern_options(self):
        prefill = self.prefill()
        options = {
            "vocabularyUrl": f"{self.folder_url()}/@@procedure-choices",
            "maximumSelectionSize": 1,
            "allowNewItems": "false",
            "separator": ";",
            "minimumInputLength": 2,
            "placeholder": translate(
                _(
                    "placeholder_procedure_search",
                    default="Type the procedure's name, diacritics optional",
                ),
                context=self.request,
            ),
        }
        if prefill:
            options["initialValues"] = {
                prefill["code"]: f"{prefill['title']} ({prefill['code']})"
            }
        return options

    def render(self):
        prefill = self.prefill()
        return super().render() + self.panel(
            prefill=prefill,
            channel=self.chosen_channel(prefill),
            url=f"{self.folder_url()}/@@dossier-prefill",
            script=f"{api.portal.get().absolute_url()}/{STATIC}/dossier-add.js",
            style=f"{api.portal.get().absolute_url()}/{STATIC}/dossier-add.css",
        )

    def json_data(self, prefill) -> str:
        # Read raw inside <script>: no character may end or change it.
        text = json.dumps(prefill, ensure_ascii=False)
        for char in "<>&":
            text = text.replace(char, f"\\u{ord(char):04x}")
        return text


def ProcedureSelectFieldWidget(field, request):
    return FieldWidget(field, ProcedureSelectWidget(request))


class IPaperChecklistWidget(IWidget):
    """The procedure's papers to tick, with blank lines for others."""


@implementer_only(IPaperChecklistWidget)
class PaperChecklistWidget(Widget):
    lines_template = ViewPageTemplateFile("templates/dossier_papers.pt")

    def papers(self) -> list[tuple[str, int, int]]:
        return procedure_papers(self.form.context, procedure_code(self.request))

    def names(self) -> list[str]:
        return [name for name, _originals, _copies in self.papers()]

    def submitted(self) -> bool:
        return f"{self.name}.marker" in self.request.form

    def extract(self, default=NO_VALUE):
        if not self.submitted():
            return default
        rows, _problems = received_papers(
            submitted_lines(self.request.form, self.name, self.names())
        )
        return rows

    def render(self):
        papers = self.papers()
        return self.lines_template(
            prefix=self.name,
            lines=paper_lines(
                self.request,
                self.name,
                [name for name, _originals, _copies in papers],
                [(originals, copies) for _name, originals, copies in papers],
            ),
        )


def PaperChecklistFieldWidget(field, request):
    return FieldWidget(field, PaperChecklistWidget(request))


@adapter(IList, IPaperChecklistWidget)
class PaperChecklistConverter(BaseDataConverter):
    """The widget already gives the field's rows."""

    def toWidgetValue(self, value):
        return value

    def toFieldValue(self, value):
        return value or []


def paper_lines(request, prefix, names, counts=None) -> dict:
    """The lines the paper template shows: as submitted after a failed
    save, else as the procedure asks (``counts``: ``[(originals, copies)]``)."""
    form = request.form
    submitted = f"{prefix}.marker" in form
    lines = submitted_lines(form, prefix, names) if submitted else None
    papers = []
    for index, name in enumerate(names):
        if lines:
            line = lines[index]
            received, originals, copies = line.received, line.originals, line.copies
        else:
            originals, copies = counts[index] if counts else (1, 0)
            received = False
        papers.append(
            {
                "index": index,
                "name": name,
                "received": received,
                "originals": originals,
                "copies": copies,
            }
        )
    extras = []
    for index in range(EXTRA_LINES):
        line = lines[len(names) + index] if lines else None
        extras.append(
            {
                "index": index,
                "name": line.name if line else "",
                "originals": line.originals if line else "1",
                "copies": line.copies if line else "0",
            }
        )
    return {"papers": papers, "extras": extras}


def paper_problems(context, request) -> list:
    """What is wrong with the papers ticked in the add form (counts that
    are not numbers, a ticked paper with none); untouched lines never are."""
    prefix = "form.widgets.papers"
    if f"{prefix}.marker" not in request.form:
        return []
    names = [
        name for name, _o, _c in procedure_papers(context, procedure_code(request))
    ]
    return received_papers(submitted_lines(request.form, prefix, names))[1]


class DossierAddForm(DefaultAddForm):
    portal_type = "Dossier"
    label = _("label_add_dossier", default="Receive a dossier")
    # Plone's autofocus lands in the procedure's search box and leaves it
    # again as the box is built: the validation then marked the empty
    # procedure and applicant fields before the clerk typed anything, and
    # greyed out "Lưu". The clerk starts at the procedure anyway. (An empty
    # string: Plone's template writes the value into the form's classes.)
    enable_autofocus = ""

    def update(self):
        # The whole width for the form: the side portlets are the site's.
        without_side_columns(self.request)
        super().update()

    def updateFields(self):
        super().updateFields()
        # The clerk chooses a procedure by its name; the code stays what
        # is stored (and what REST takes).
        procedure = copy(self.fields["procedure"].field)
        procedure.title = _("label_dossier_procedure_choice", default="Procedure")
        procedure.description = _(
            "help_dossier_procedure_choice",
            default="Type a few words of its name and pick it from the list.",
        )
        self.fields["procedure"].field = procedure
        # In input mode, as the schema's own widget hints are.
        self.fields["procedure"].widgetFactory[INPUT_MODE] = ProcedureSelectFieldWidget
        self.fields["papers"].widgetFactory[INPUT_MODE] = PaperChecklistFieldWidget
        # The fee beside the channel it depends on.
        names = [name for name in self.fields if name != "fee"]
        names.insert(names.index("channel") + 1, "fee")
        self.fields = self.fields.select(*names)

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        # A clerk of one desk receives for that desk: chosen for them.
        widget = self.widgets.get("receiving_unit")
        desks = own_desks()
        if (
            widget is not None
            and len(desks) == 1
            and not self.request.form.get(widget.name)
        ):
            widget.value = [desks[0]]
        handling = self.widgets.get("handling_unit")
        if handling is not None:
            # Left empty, the procedure's unit handles the dossier: say so
            # rather than "No value".
            handling.noValueMessage = _(
                "novalue_handling_unit", default="The procedure's implementing unit"
            )
            handling.prompt = False

    #: The code of the dossier this request received (the message says it).
    received_code = None

    def create(self, data):
        dossier = super().create(data)
        # Accepted now, at this desk: code, frozen terms and appointment.
        accept_new(dossier.__of__(self.context), self.context, now(), None)
        self.received_code = dossier.code
        return dossier

    @property
    def success_message(self):
        """What the clerk reads on the dossier's page: its code, not
        Plone's "Item created"."""
        return _(
            "dossier_received_message",
            default="Dossier ${code} received.",
            mapping={"code": self.received_code or ""},
        )


class DossierAddView(DefaultAddView):
    form = DossierAddForm


class JSONView(BrowserView):
    def reply(self, data, status=200):
        self.request.response.setStatus(status)
        self.request.response.setHeader("Content-Type", "application/json")
        self.request.response.setHeader("Cache-Control", "no-store")
        return json.dumps(data, ensure_ascii=False)


class ProcedureChoices(JSONView):
    """Published procedures whose name has the words typed (diacritics
    optional), in the shape pat-select2 reads: ``{"results": [{"id",
    "text"}], "total"}``."""

    def __call__(self):
        query = self.request.form.get("query", "")
        query = query if isinstance(query, str) else ""
        brains = search(api.portal.get(), {"q": query}) if query.strip() else []
        results = [
            {
                "id": brain.procedure_code,
                "text": f"{brain.Title} ({brain.procedure_code})",
            }
            for brain in brains[:CHOICES]
        ]
        return self.reply({"results": results, "total": len(brains)})


class DossierPrefill(JSONView):
    """What the add form fills in for the procedure ``?procedure=CODE``,
    with its paper list ready to show."""

    lines_template = ViewPageTemplateFile("templates/dossier_papers.pt")

    def __call__(self):
        code = self.request.form.get("procedure", "")
        code = code if isinstance(code, str) else ""
        data = procedure_prefill(self.context, self.request, code, now())
        if data is None:
            message = translate(
                _("No published procedure has this code."), context=self.request
            )
            return self.reply({"message": message}, status=404)
        names = [paper["name"] for paper in data["papers"]]
        counts = [(paper["originals"], paper["copies"]) for paper in data["papers"]]
        data["papers_html"] = self.lines_template(
            prefix="form.widgets.papers",
            lines=paper_lines(self.request, "form.widgets.papers", names, counts),
        )
        return self.reply(data)
