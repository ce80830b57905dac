"""Searching the procedure catalogue, shared by ``@procedures`` and the
classic catalogue page: one set of parameters, one catalog query, one shape
of result — all from catalog metadata, never waking a procedure.
"""

from dienbien.policy import _
from dienbien.policy.core.procedures import CHANNELS
from dienbien.policy.core.procedures import LEVELS
from dienbien.policy.core.procedures import ONLINE_SERVICES
from dienbien.policy.core.procedures import query_words
from dienbien.policy.core.procedures import time_label
from dienbien.policy.core.ranking import rank
from dienbien.policy.orgunits.lookup import unit_codes
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.procedures.procedure import PROCEDURES_PATH
from dienbien.policy.procedures.vocabularies import CHANNEL_TITLES
from dienbien.policy.procedures.vocabularies import LEVEL_TITLES
from dienbien.policy.procedures.vocabularies import ONLINE_TITLES
from dienbien.policy.procedures.vocabularies import procedure_fields
from dienbien.policy.services.errors import batch_problems
from dienbien.policy.services.errors import form_problems
from Products.CMFCore.utils import getToolByName
from Products.ZCTextIndex.ParseTree import ParseError
from zope.i18n import translate


PARAMETERS = (
    "q",
    "field",
    "unit",
    "level",
    "online",
    "channel",
    "include_abolished",
    "b_start",
    "b_size",
)
MAX_BATCH = 100
FACETS = (
    ("field", "procedure_field"),
    ("unit", "procedure_unit"),
    ("level", "procedure_level"),
    ("online", "procedure_online"),
    ("channel", "procedure_channels"),
)


def catalogue_path(portal) -> str:
    return "/".join((*portal.getPhysicalPath(), PROCEDURES_PATH))


def check_parameters(portal, form, known=PARAMETERS) -> list:
    """``[(parameter, message)]`` for every parameter that cannot be used."""
    errors = form_problems(form, known)
    # A repeated parameter is refused above; the rest reads single values.
    form = {name: value for name, value in form.items() if name not in dict(errors)}
    checks = {
        "field": set(procedure_fields()),
        "level": set(LEVELS),
        "online": set(ONLINE_SERVICES),
        "channel": set(CHANNELS),
        "include_abolished": {"0", "1"},
    }
    for name, allowed in checks.items():
        if form.get(name) and form[name] not in allowed:
            errors.append(
                (
                    name,
                    _(
                        "Unknown value ${value}; expected one of ${allowed}.",
                        mapping={
                            "value": form[name],
                            "allowed": ", ".join(sorted(allowed)),
                        },
                    ),
                )
            )
    if form.get("unit") and form["unit"] not in unit_codes(portal):
        errors.append(
            (
                "unit",
                _("No unit has the code ${value}.", mapping={"value": form["unit"]}),
            )
        )
    errors.extend(batch_problems(form, MAX_BATCH))
    return errors


def catalog_query(portal, form) -> dict:
    """The catalog query for checked parameters, with every search word
    required (a query without words lists the catalogue by name)."""
    return _query(portal, form, " ")


def _query(portal, form, joiner: str) -> dict:
    states = ["published"]
    if form.get("include_abolished") == "1":
        states.append("abolished")
    query = {
        "portal_type": "Procedure",
        "path": catalogue_path(portal),
        "review_state": states,
        "sort_on": "sortable_title",
    }
    words = query_words(form.get("q", ""))
    if words:
        # Every word is a prefix: "chung thu" finds "chứng thực".
        query["SearchableText"] = joiner.join(f"{word}*" for word in words)
    for param, index in FACETS:
        if form.get(param):
            query[index] = form[param]
    return query


def search(portal, form) -> list:
    """The catalog's answer for checked parameters: by name, or for a search
    best first (``core.ranking``). A query the full-text index still cannot
    parse (only words it does not index) finds nothing.

    A search asks the catalog twice, for items holding some of the words (the
    candidates) and for those holding all; the ranking reads the titles from
    catalog metadata, so no procedure is woken up.
    """
    return ranked_search(portal, form)[0]


def ranked_search(portal, form) -> tuple[list, set | None]:
    """``search``'s answer, and the record ids of the items holding every
    word of the query (``None`` without words: nothing to tell apart). The
    page says where the items holding only some of the words begin."""
    catalog = getToolByName(portal, "portal_catalog")
    words = query_words(form.get("q", ""))
    try:
        if not words:
            return catalog(**_query(portal, form, " ")), None
        candidates = catalog(**_unsorted(_query(portal, form, " OR ")))
    except ParseError:
        return [], None
    every = {
        brain.getRID() for brain in catalog(**_unsorted(catalog_query(portal, form)))
    }
    ranked = rank(
        words,
        candidates,
        title=lambda brain: brain.Title,
        matches_all=lambda brain: brain.getRID() in every,
    )
    return ranked, every


def _unsorted(query: dict) -> dict:
    return {name: value for name, value in query.items() if name != "sort_on"}


class ResultFormatter:
    """Turns catalog brains into result items, translated for one request."""

    def __init__(self, portal, request):
        self.request = request
        self.fields = procedure_fields()
        self.units = unit_titles(portal)

    def tr(self, message) -> str:
        return translate(message, context=self.request)

    def channel(self, terms: dict) -> dict:
        template, mapping = time_label(terms["time_value"], terms["time_unit"])
        return {
            "channel": {
                "token": terms["channel"],
                "title": self.tr(CHANNEL_TITLES[terms["channel"]]),
            },
            "time_value": terms["time_value"],
            "time_unit": terms["time_unit"],
            "time": self.tr(_(template, mapping=mapping)),
            "fee": terms["fee"],
        }

    def __call__(self, brain) -> dict:
        unit = brain.procedure_unit
        return {
            "@id": brain.getURL(),
            "@type": "Procedure",
            "code": brain.procedure_code,
            "title": brain.Title,
            "review_state": brain.review_state,
            "field": {
                "token": brain.procedure_field,
                "title": self.fields.get(brain.procedure_field, ""),
            },
            "unit": {"code": unit, "title": self.units.get(unit, "")} if unit else None,
            "level": {
                "token": brain.procedure_level,
                "title": self.tr(LEVEL_TITLES[brain.procedure_level]),
            },
            "online": {
                "token": brain.procedure_online,
                "title": self.tr(ONLINE_TITLES[brain.procedure_online]),
            },
            "channels": [self.channel(terms) for terms in brain.procedure_terms or ()],
        }


def field_counts(portal) -> list[dict]:
    """Each field with its number of published procedures."""
    catalog = getToolByName(portal, "portal_catalog")
    path = catalogue_path(portal)
    return [
        {
            "token": token,
            "title": title,
            "count": len(
                catalog(
                    portal_type="Procedure",
                    path=path,
                    review_state="published",
                    procedure_field=token,
                )
            ),
        }
        for token, title in procedure_fields().items()
    ]
