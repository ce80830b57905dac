"""Work files (hồ sơ công việc): the container, the yearly file plans and the
files.

- ``WorkFileFolder`` at ``/ho-so-cong-viec`` holds one ``WorkFilePlan`` per
  unit and year (id ``<unit code>-<year>``, e.g. ``h15-50-03-2026``);
- a ``WorkFilePlan`` holds the plan's entries, each a ``WorkFile``: planned
  by the clerical office (or by the officer who keeps it), opened by its
  keeper, filled with documents and dossiers (by UID: a document may sit in
  several files without being copied), closed when the work ends.

The rules are in ``core/correspondence/workfiles.py``; times are naive
Asia/Ho_Chi_Minh datetimes (house convention).
"""

from dienbien.policy import _
from dienbien.policy.core.correspondence import workfiles as rules
from dienbien.policy.orgunits.references import UnitReference
from plone.app.content.interfaces import INameFromTitle
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


WORKFILES_PATH = "ho-so-cong-viec"


class IWorkFileFolder(model.Schema):
    """The work files of every unit (``/ho-so-cong-viec``); never public."""


@implementer(IWorkFileFolder)
class WorkFileFolder(Container):
    """Unordered: plans are found by unit and year, not by position."""

    _ordering = "unordered"


class IWorkFilePlan(model.Schema):
    unit = schema.Choice(
        title=_("label_workfile_plan_unit", default="Unit"),
        vocabulary="dienbien.policy.OrgUnits",
    )
    year = schema.Int(
        title=_("label_workfile_plan_year", default="Year"), min=2000, max=2100
    )


@implementer(IWorkFilePlan)
class WorkFilePlan(Container):
    """The file plan (danh mục hồ sơ) of one unit for one year."""

    unit = UnitReference()

    def Title(self):
        return self.title or f"{self.unit} {self.year}"


def plan_id(unit: str, year: int) -> str:
    """``H15.50.03`` in 2026 → ``h15-50-03-2026``."""
    return f"{unit.lower().replace('.', '-')}-{year}"


def _valid_symbol(value):
    problems = rules.check_symbol(value)
    if problems:
        raise Invalid(
            _(
                "error_workfile_symbol",
                default="Write the file's number and symbol with letters and "
                "digits joined by '.', '-' or '/', at most 20 characters, e.g. 01.TH.",
            )
        )
    return True


class IWorkFile(model.Schema):
    symbol = schema.TextLine(
        title=_("label_workfile_symbol", default="File number and symbol"),
        description=_(
            "help_workfile_symbol", default="As in the file plan, e.g. 01.TH"
        ),
        max_length=rules.SYMBOL_MAX + 10,
        constraint=_valid_symbol,
    )
    title = schema.TextLine(
        title=_("label_workfile_title", default="File title"),
        max_length=rules.TITLE_MAX,
    )
    retention = schema.Choice(
        title=_("label_workfile_retention", default="Retention period"),
        vocabulary="dienbien.policy.RetentionPeriods",
        default=rules.load_retention().default.token,
    )
    owner = schema.Choice(
        title=_("label_workfile_owner", default="Kept by"),
        description=_(
            "help_workfile_owner",
            default="The officer who opens and keeps the file.",
        ),
        vocabulary="dienbien.policy.WorkFileOwners",
    )
    note = schema.Text(title=_("label_workfile_note", default="Notes"), required=False)

    # Set by the workflow and the file's page, read by REST; not in forms.
    directives.omitted("opened", "closed", "items")
    opened = schema.Datetime(
        title=_("label_workfile_opened", default="Opened"), readonly=True
    )
    closed = schema.Datetime(
        title=_("label_workfile_closed", default="Closed"), readonly=True
    )
    items = schema.List(
        title=_("label_workfile_items", default="Documents (UIDs)"),
        value_type=schema.TextLine(),
        readonly=True,
    )

    @invariant
    def symbol_free(data):
        """The symbol is unique in the plan (checked against the siblings)."""
        context = getattr(data, "__context__", None)
        plan = _plan_of(context)
        if plan is None or not data.symbol:
            return
        own_id = context.getId() if IWorkFile.providedBy(context) else None
        taken = [
            entry.symbol
            for entry in plan.objectValues()
            if IWorkFile.providedBy(entry) and entry.getId() != own_id
        ]
        if rules.symbol_taken(data.symbol, taken):
            raise Invalid(
                _(
                    "error_workfile_symbol_taken",
                    default="The file plan already has a file ${symbol}.",
                    mapping={"symbol": rules.normalise_symbol(data.symbol)},
                )
            )


def _plan_of(context):
    while context is not None:
        if IWorkFilePlan.providedBy(context):
            return context
        context = getattr(context, "__parent__", None)
    return None


@implementer(IWorkFile)
class WorkFile(Item):
    """One work file; its documents are UIDs in ``items``. The plan's unit
    and year are copied onto it when it is added (``lifecycle.added``):
    a file stays in the plan it was made in."""

    unit = UnitReference()
    year = None
    #: Set by the workflow (``lifecycle.py``).
    opened = None
    closed = None
    items = ()

    @property
    def retention_period(self) -> rules.Retention:
        return rules.parse_retention(self.retention or "permanent")


@implementer(INameFromTitle)
@adapter(IWorkFile)
class NameFromSymbol:
    """A file's id is its symbol: ``01.TH`` → ``01-th``."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        symbol = rules.normalise_symbol(self.context.symbol or "")
        return symbol.replace(".", "-").replace("/", "-") or "ho-so"
