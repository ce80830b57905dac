"""The site-wide settings of dienbien.policy, stored in plone.registry."""

from dienbien.policy import _
from dienbien.policy.core.officehours import check_office_hours
from dienbien.policy.core.officehours import OfficeHours
from dienbien.policy.core.officehours import parse_hhmm
from dienbien.policy.core.officehours import SUPPLEMENT_RULES
from dienbien.policy.core.officehours import TIME_STEPS
from zope import schema
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
    return schema.Choice(
        title=title,
        description=description,
        values=TIME_STEPS,
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

    @invariant
    def office_hours_run_forwards(data):
        names = ("morning_start", "morning_end", "afternoon_start", "afternoon_end")
        values = {name: getattr(data, name, None) for name in names}
        if None in values.values():
            return
        cutoff = getattr(data, "same_day_cutoff", None)
        problems = check_office_hours(
            OfficeHours.from_settings(**values),
            parse_hhmm(cutoff) if cutoff else None,
        )
        if problems:
            raise Invalid("; ".join(str(problem) for problem in problems))
