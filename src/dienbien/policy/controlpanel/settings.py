"""The site-wide settings of dienbien.policy, stored in plone.registry."""

from dienbien.policy import _
from dienbien.policy.core.calendar import DEFAULT_OVERRIDES
from dienbien.policy.core.calendar import override_line
from dienbien.policy.core.calendar import parse_override_lines
from dienbien.policy.core.officehours import check_settings
from dienbien.policy.core.officehours import CLOCK_SETTINGS
from dienbien.policy.core.officehours import SUPPLEMENT_RULES
from dienbien.policy.core.procedures import DEFAULT_FIELDS
from dienbien.policy.core.procedures import parse_field_lines
from plone.base.interfaces import IPloneSiteRoot
from plone.registry.interfaces import IRegistry
from zope import schema
from zope.component import adapter
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import invariant
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
            "help_calendar_overrides",
            default="Days the Government made days off or working days by official "
            "dispatch, on top of the statutory holidays: one per line, as "
            "YYYY-MM-DD | day_off or working_day | legal reference | name.",
        ),
        value_type=schema.TextLine(),
        default=[override_line(override) for override in DEFAULT_OVERRIDES],
        required=False,
    )
    procedure_fields = schema.List(
        title=_("label_procedure_fields", default="Fields of procedures"),
        description=_(
            "help_procedure_fields",
            default="One field (lĩnh vực) per line, as token|Name, e.g. "
            "ho-tich|Hộ tịch. Tokens are stable ids: rename the name, not the token.",
        ),
        value_type=schema.TextLine(),
        default=[f"{token}|{name}" for token, name in DEFAULT_FIELDS],
        required=True,
    )

    @invariant
    def calendar_overrides_are_well_formed(data):
        _overrides, problems = parse_override_lines(
            getattr(data, "calendar_overrides", None)
        )
        if problems:
            raise Invalid("; ".join(translate_problem(problem) for problem in problems))

    @invariant
    def procedure_fields_are_well_formed(data):
        _fields, problems = parse_field_lines(getattr(data, "procedure_fields", None))
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
