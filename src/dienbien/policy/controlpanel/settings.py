"""The site-wide settings of dienbien.policy, stored in plone.registry."""

from collective.z3cform.datagridfield.registry import DictRow as PersistentDictRow
from collective.z3cform.datagridfield.row import DictRow
from datetime import date
from dienbien.policy import _
from dienbien.policy.core.calendar import DAY_OFF
from dienbien.policy.core.calendar import DEFAULT_OVERRIDES
from dienbien.policy.core.calendar import override_row
from dienbien.policy.core.calendar import parse_override_rows
from dienbien.policy.core.calendar import WORKING_DAY
from dienbien.policy.core.legal.documents import LEAD_DAYS
from dienbien.policy.core.officehours import check_settings
from dienbien.policy.core.officehours import CLOCK_SETTINGS
from dienbien.policy.core.officehours import SUPPLEMENT_RULES
from dienbien.policy.core.procedures import DEFAULT_FIELDS
from dienbien.policy.core.procedures import parse_field_rows
from plone.base.interfaces import IPloneSiteRoot
from plone.dexterity.interfaces import IDexterityContent
from plone.registry.interfaces import IPersistentField
from plone.registry.interfaces import IRegistry
from plone.restapi.interfaces import IFieldDeserializer
from zope import schema
from zope.component import adapter
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import invariant
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema import getFields
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IDate
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


PREFIX = "dienbien.settings"

SUPPLEMENT_RULE_TITLES = {
    "restart": _(
        "supplement_restart",
        default="Restart: the full processing time counts again from the complete "
        "supplement",
    ),
    "resume": _(
        "supplement_resume",
        default="Resume: only the time that remained when the supplement was requested",
    ),
}


def _clock(title, default, description=None):
    # A text "HH:MM", checked by the invariant below (plone.registry keeps no
    # field constraints): clients read and write it as the clerk says it.
    return schema.TextLine(
        title=title,
        description=description,
        default=default,
        required=True,
    )


class SettingsRow(DictRow):
    """A row of a setting (datagridfield's ``DictRow``).

    Not the persistent ``DictRow`` of ``datagridfield.registry``: the
    registry would store that module-level instance itself, which then
    belongs to the first ZODB connection that saw it ("Shouldn't load state
    ... when the connection is closed"). ``persistent_row`` gives the registry
    a copy of its own instead.
    """


@implementer(IPersistentField)
@adapter(SettingsRow)
def persistent_row(field):
    return PersistentDictRow(
        title=field.title, schema=field.schema, required=field.required
    )


class ICalendarOverrideRow(Interface):
    """One day the Government made a day off or a working day."""

    day = schema.Date(title=_("label_override_day", default="Day"), required=True)
    kind = schema.Choice(
        title=_("label_override_kind", default="Kind"),
        vocabulary=SimpleVocabulary(
            [
                SimpleTerm(DAY_OFF, DAY_OFF, _("override_day_off", default="Day off")),
                SimpleTerm(
                    WORKING_DAY,
                    WORKING_DAY,
                    _("override_working_day", default="Working day"),
                ),
            ]
        ),
        required=True,
    )
    reference = schema.TextLine(
        title=_("label_override_reference", default="Legal reference"),
        required=True,
    )
    name = schema.TextLine(
        title=_("label_override_name", default="Name"), required=False
    )


class IProcedureFieldRow(Interface):
    """One field (lĩnh vực) of procedures."""

    # Not "token": plone.restapi reads any object with a "token" key in a
    # list as a vocabulary term and keeps only the token.
    id = schema.TextLine(
        title=_("label_field_id", default="Id"),
        description=_(
            "help_field_id",
            default="A stable id in lower-case ASCII letters, digits and dashes.",
        ),
        required=True,
    )
    name = schema.TextLine(title=_("label_field_name", default="Name"), required=True)


class IDienbienSettings(Interface):
    morning_start = _clock(_("label_morning_start", default="Morning opens"), "07:00")
    morning_end = _clock(_("label_morning_end", default="Morning closes"), "11:30")
    afternoon_start = _clock(
        _("label_afternoon_start", default="Afternoon opens"), "13:30"
    )
    afternoon_end = _clock(
        _("label_afternoon_end", default="Afternoon closes"), "17:00"
    )
    same_day_cutoff = _clock(
        _("label_same_day_cutoff", default="Same-day cut-off"),
        "15:00",
        _(
            "help_same_day_cutoff",
            default="Same-day procedures accepted before this time are due at the "
            "end of the day; later ones at the end of the next working day. A "
            "procedure may set its own.",
        ),
    )
    supplement_rule = schema.Choice(
        title=_("label_supplement_rule", default="Clock after a supplement"),
        vocabulary=SimpleVocabulary(
            [
                SimpleTerm(rule, rule, SUPPLEMENT_RULE_TITLES[rule])
                for rule in SUPPLEMENT_RULES
            ]
        ),
        default="restart",
        required=True,
    )

    calendar_overrides = schema.List(
        title=_("label_calendar_overrides", default="Calendar overrides"),
        description=_(
            "help_calendar_overrides_rows",
            default="Days the Government made days off or working days by official "
            "dispatch, on top of the statutory holidays: one row per day, with "
            "the legal reference.",
        ),
        value_type=SettingsRow(
            title=_("label_calendar_override", default="Override"),
            schema=ICalendarOverrideRow,
        ),
        default=[override_row(override) for override in DEFAULT_OVERRIDES],
        required=False,
    )
    procedure_fields = schema.List(
        title=_("label_procedure_fields", default="Fields of procedures"),
        description=_(
            "help_procedure_fields_rows",
            default="One row per field (lĩnh vực). Tokens are stable ids used in "
            "URLs and imports: rename the name, not the token.",
        ),
        value_type=SettingsRow(
            title=_("label_procedure_field", default="Field"),
            schema=IProcedureFieldRow,
        ),
        default=[{"id": token, "name": name} for token, name in DEFAULT_FIELDS],
        required=True,
    )
    legal_lead_days = schema.Int(
        title=_("label_legal_lead_days", default="Lead time of local legal documents"),
        description=_(
            "help_legal_lead_days",
            default="The fewest days between signing a local normative document and "
            "its effective date (Law 64/2025 Art. 53: 10), unless it is adopted by "
            "the shortened procedure.",
        ),
        default=LEAD_DAYS,
        min=0,
        max=365,
        required=True,
    )
    # Issue 11, item 5: the folder-drop transport of edXML packages
    # (exchange/transport.py); empty: nothing goes out, nothing is read.
    exchange_outbox = schema.TextLine(
        title=_("label_exchange_outbox", default="edXML outbox folder"),
        description=_(
            "help_exchange_outbox",
            default="A folder on the server where the packages and status messages "
            "this site sends are written, for the platform connector to carry away. "
            "Empty: nothing is sent.",
        ),
        default="",
        required=False,
    )
    exchange_inbox = schema.TextLine(
        title=_("label_exchange_inbox", default="edXML inbox folder"),
        description=_(
            "help_exchange_inbox",
            default="A folder on the server where packages from other systems "
            "arrive; the clerical office receives them (or a scheduled task does).",
        ),
        default="",
        required=False,
    )

    @invariant
    def exchange_folders_are_full_paths(data):
        # A relative folder would depend on where the server was started.
        for name in ("exchange_outbox", "exchange_inbox"):
            value = (getattr(data, name, None) or "").strip()
            if value and not value.startswith("/"):
                raise Invalid(
                    translate(
                        _(
                            "exchange_folder_not_absolute",
                            default="The edXML folders are full paths on the "
                            "server, starting with /: ${value}",
                            mapping={"value": value},
                        ),
                        context=getRequest(),
                    )
                )

    @invariant
    def calendar_overrides_are_well_formed(data):
        _overrides, problems = parse_override_rows(
            getattr(data, "calendar_overrides", None)
        )
        if problems:
            raise Invalid("; ".join(translate_problem(problem) for problem in problems))

    @invariant
    def procedure_fields_are_well_formed(data):
        _fields, problems = parse_field_rows(getattr(data, "procedure_fields", None))
        if problems:
            raise Invalid("; ".join(translate_problem(problem) for problem in problems))

    @invariant
    def clock_settings_are_consistent(data):
        values = {name: getattr(data, name, None) for name in CLOCK_SETTINGS}
        problems = check_settings(values)
        if problems:
            raise Invalid("; ".join(translate_problem(problem) for problem in problems))


def translate_problem(problem) -> str:
    return translate(_(problem.template, mapping=problem.mapping), context=getRequest())


@implementer(IDienbienSettings)
@adapter(IPloneSiteRoot)
def site_settings(site):
    """The site's settings as a registry proxy: ``IDienbienSettings(portal)``."""
    return getUtility(IRegistry).forInterface(IDienbienSettings, prefix=PREFIX)


@implementer(IFieldDeserializer)
@adapter(SettingsRow, IDexterityContent, IBrowserRequest)
class SettingsRowDeserializer:
    """A row of a setting from JSON (``PATCH @controlpanels/...``): an object
    with the row's keys, dates as ``YYYY-MM-DD``. Anything else is refused
    with a 400 naming the column, not a 500."""

    def __init__(self, field, context, request):
        self.field = field
        self.request = request

    def __call__(self, value):
        columns = getFields(self.field.schema)
        if not isinstance(value, dict):
            raise ValueError(
                self._tr(
                    _(
                        "A row is an object with the keys ${keys}.",
                        mapping={"keys": ", ".join(columns)},
                    )
                )
            )
        unknown = sorted(set(value) - set(columns))
        if unknown:
            raise ValueError(
                self._tr(
                    _(
                        "Unknown keys in a row: ${keys}.",
                        mapping={"keys": ", ".join(unknown)},
                    )
                )
            )
        row = {}
        for name, column in columns.items():
            raw = value.get(name)
            if IDate.providedBy(column) and isinstance(raw, str):
                try:
                    raw = date.fromisoformat(raw)
                except ValueError:
                    raise ValueError(
                        self._tr(
                            _(
                                "${name}: ${value} is not a date in the form "
                                "YYYY-MM-DD.",
                                mapping={"name": name, "value": raw},
                            )
                        )
                    ) from None
            if IChoice.providedBy(column) and raw not in (None, ""):
                values = [term.value for term in column.vocabulary]
                if raw not in values:
                    raise ValueError(
                        self._tr(
                            _(
                                "${name}: ${value} is not one of ${values}.",
                                mapping={
                                    "name": name,
                                    "value": raw,
                                    "values": ", ".join(values),
                                },
                            )
                        )
                    )
            row[name] = raw
        return row

    def _tr(self, message) -> str:
        return translate(message, context=self.request)
