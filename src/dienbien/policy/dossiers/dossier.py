"""The Dossier type: one dossier received at a one-stop desk.

The desk clerk enters the applicant, the procedure, the channel and the papers
received; the code, the acceptance time, the frozen procedure terms and the
appointment are computed by ``dienbien.policy.dossiers`` when the dossier is
created, and times are kept as naive Asia/Ho_Chi_Minh datetimes.
"""

from Acquisition import aq_base
from collective.z3cform.datagridfield.datagridfield import DataGridFieldFactory
from collective.z3cform.datagridfield.row import DictRow
from dienbien.policy import _
from dienbien.policy.core.dossiers import dossier_id
from dienbien.policy.dossiers.catalogue import written
from dienbien.policy.orgunits.references import UnitReference
from dienbien.policy.records import RecordFolder
from plone.app.content.interfaces import INameFromTitle
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


DOSSIERS_PATH = "ho-so"

PAPER_KINDS = SimpleVocabulary(
    [
        SimpleTerm("original", "original", _("paper_original", default="Original")),
        SimpleTerm("copy", "copy", _("paper_copy", default="Copy")),
    ]
)


class IPaperRow(Interface):
    name = schema.TextLine(title=_("label_paper_name", default="Paper"))
    kind = schema.Choice(
        title=_("label_paper_kind", default="Original or copy"),
        vocabulary=PAPER_KINDS,
        default="original",
    )
    count = schema.Int(
        title=_("label_paper_count", default="Quantity"), default=1, min=1
    )


class IDossierFolder(model.Schema):
    """The dossiers of the one-stop service (``/ho-so``); never public."""


@implementer(IDossierFolder)
class DossierFolder(RecordFolder):
    """Holds the dossiers; each is visible to the units that handle it
    (unordered, quiet on adds: ``records.RecordFolder``)."""


class IDossier(model.Schema):
    code = schema.TextLine(
        title=_("label_dossier_code", default="Dossier code"), readonly=True
    )
    procedure = schema.TextLine(
        title=_("label_dossier_procedure", default="Procedure code"),
        description=_(
            "help_dossier_procedure",
            default="The code of a published procedure, e.g. 1.001193",
        ),
    )
    channel = schema.Choice(
        title=_("label_channel", default="Channel"),
        vocabulary="dienbien.policy.Channels",
        default="in_person",
    )
    receiving_unit = schema.Choice(
        title=_("label_receiving_unit", default="Receiving unit"),
        vocabulary="dienbien.policy.OrgUnits",
    )
    handling_unit = schema.Choice(
        title=_("label_handling_unit", default="Handling unit"),
        description=_(
            "help_handling_unit",
            default="Left empty: the procedure's implementing unit.",
        ),
        vocabulary="dienbien.policy.OrgUnits",
        required=False,
    )
    # The lengths: a person's or an organisation's name as a registration
    # certificate writes it, an e-mail address (RFC 5321) and an address down
    # to the hamlet. A longer value is a mistake, and it would push the
    # receipt (Mẫu 01) onto a second page. The phone and the ID number have
    # formats of their own (core/dossiers.py), which bound them.
    applicant_name = schema.TextLine(
        title=_("label_applicant_name", default="Applicant"), max_length=200
    )
    applicant_id_number = schema.TextLine(
        title=_("label_applicant_id_number", default="ID number"), required=False
    )
    applicant_phone = schema.TextLine(
        title=_("label_applicant_phone", default="Phone"), required=False
    )
    applicant_email = schema.TextLine(
        title=_("label_applicant_email", default="E-mail"),
        required=False,
        max_length=254,
    )
    applicant_address = schema.TextLine(
        title=_("label_applicant_address", default="Address"),
        required=False,
        max_length=300,
    )
    directives.widget("papers", DataGridFieldFactory)
    papers = schema.List(
        title=_("label_papers", default="Papers received"),
        value_type=DictRow(schema=IPaperRow),
        required=False,
        default=[],
    )
    fee = schema.Int(title=_("label_fee", default="Fee (VND)"), default=0, min=0)
    submitted = schema.Datetime(
        title=_("label_submitted", default="Submitted"), readonly=True
    )
    accepted = schema.Datetime(
        title=_("label_accepted", default="Accepted"), readonly=True
    )
    appointment = schema.Datetime(
        title=_("label_appointment", default="Appointment"), readonly=True
    )
    returned = schema.Datetime(
        title=_("label_returned", default="Returned"), readonly=True
    )


@implementer(IDossier)
class Dossier(Item):
    """A one-stop dossier. ``terms`` holds the procedure's channel terms as
    they were on acceptance, so a later catalogue edit never moves its
    deadline.

    The units are stored by UID and read as their present codes: a unit
    that changes its code keeps its dossiers (``orgunits.references``).
    ``unit_moves`` lists the hand-overs by reorganisation, oldest first.
    """

    receiving_unit = UnitReference()
    handling_unit = UnitReference()
    unit_moves = ()

    code = None
    submitted = None
    accepted = None
    appointment = None
    returned = None
    resolved = None
    terms = None
    procedure_title = ""
    procedure_field = ""

    # The catalog writes a dossier to its own indexes only
    # (``dossiers/catalogue.py``), however it is asked.

    def indexObject(self):
        catalog = self._getCatalogTool()
        if catalog is not None:
            # A reindexing of a new object adds it, to the indexes named.
            catalog.reindexObject(self, idxs=written(()))

    def reindexObject(self, idxs=[], update_metadata=1, uid=None):  # noqa: B006
        if (idxs is None or idxs == []) and hasattr(aq_base(self), "notifyModified"):
            self.notifyModified()  # as CMF does for "all" (not for a tuple)
        names = written(idxs)
        if not names:
            if not update_metadata:
                return
            # Only other indexes named: the columns are still to be
            # refreshed, and an empty list would mean every index. The
            # position index stores nothing.
            names = ["getObjPositionInParent"]
        super().reindexObject(idxs=names, update_metadata=update_metadata, uid=uid)


@implementer(INameFromTitle)
@adapter(IDossier)
class NameFromDossierCode:
    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return dossier_id(self.context.code) if self.context.code else "ho-so"
