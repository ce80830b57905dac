from dienbien.policy import _
from dienbien.policy.core.procedures import CHANNELS
from dienbien.policy.core.procedures import LEVELS
from dienbien.policy.core.procedures import ONLINE_SERVICES
from dienbien.policy.core.procedures import parse_field_lines
from dienbien.policy.core.procedures import TIME_UNITS
from plone.api.portal import get_registry_record
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _fixed(tokens, titles):
    @provider(IVocabularyFactory)
    def factory(context):
        return SimpleVocabulary(
            [SimpleTerm(token, token, titles[token]) for token in tokens]
        )

    return factory


LEVEL_TITLES = {
    "province": _("level_province", default="Province"),
    "district": _("level_district", default="District"),
    "commune": _("level_commune", default="Commune"),
}
CHANNEL_TITLES = {
    "in_person": _("channel_in_person", default="In person"),
    "online": _("channel_online", default="Online"),
    "post": _("channel_post", default="By post"),
}
TIME_UNIT_TITLES = {
    "working_days": _("time_unit_working_days", default="working days"),
    "working_hours": _("time_unit_working_hours", default="working hours"),
    "calendar_days": _("time_unit_calendar_days", default="days"),
    "same_day": _("time_unit_same_day", default="same day"),
}
ONLINE_TITLES = {
    "full": _("online_full", default="Fully online"),
    "partial": _("online_partial", default="Partly online"),
}

ProcedureLevelsFactory = _fixed(LEVELS, LEVEL_TITLES)
ChannelsFactory = _fixed(CHANNELS, CHANNEL_TITLES)
TimeUnitsFactory = _fixed(TIME_UNITS, TIME_UNIT_TITLES)
OnlineServicesFactory = _fixed(ONLINE_SERVICES, ONLINE_TITLES)


def procedure_fields() -> dict[str, str]:
    """The site's fields of procedures, token -> name (from the settings)."""
    lines = get_registry_record("dienbien.settings.procedure_fields", default=None)
    fields, _problems = parse_field_lines(lines or ())
    return fields


@provider(IVocabularyFactory)
def ProcedureFieldsFactory(context):
    return SimpleVocabulary(
        [SimpleTerm(token, token, name) for token, name in procedure_fields().items()]
    )
