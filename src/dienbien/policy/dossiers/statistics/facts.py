"""The statistics' facts in the catalog: the ``dossier_facts`` column written
for each dossier, the ``dossier_open_months`` index that finds a period's
dossiers and keeps their facts (``factsindex``), which dossiers a user may
count, and the facts read back from the catalog (no dossier is woken)."""

from datetime import datetime
from dienbien.policy.core.reorganisation import chain
from dienbien.policy.core.reorganisation import predecessors
from dienbien.policy.core.statistics import as_row
from dienbien.policy.core.statistics import DossierFacts
from dienbien.policy.core.statistics import open_months
from dienbien.policy.core.statistics import period_terms
from dienbien.policy.dossiers.dossier import IDossier
from dienbien.policy.dossiers.indexers import handed_over
from dienbien.policy.orgunits import references
from dienbien.policy.orgunits.groups import user_units
from dienbien.policy.orgunits.orgunit import all_units
from dienbien.policy.workingtime import to_local
from plone import api
from plone.indexer import indexer


FUNCTIONS_SEEING = ("desk", "officer", "leader")
#: The keyword index of the months each dossier was open in (``open`` while
#: it is not finished): ``core.statistics.open_months``.
PERIODS_INDEX = "dossier_open_months"


def countable_units(user=None) -> set[str] | None:
    """The handling units whose dossiers the user may count (``None``: all).

    Managers and site administrators count everything; staff count their
    own units' dossiers and those of the units that retired into theirs:
    exactly the dossiers their local roles let them open
    (``dossiers/localroles.py``), so that a leader's dashboard and his
    working list (``@@dossier-listing``) agree. A leader of a district
    does not count its communes' dossiers, which he cannot open.
    """
    user = user or api.user.get_current()
    roles = set(api.user.get_roles(user=user))
    if {"Manager", "Site Administrator"} & roles:
        return None
    units = all_units(api.portal.get())
    mine = user_units(units, user)
    allowed = set().union(*(mine[function] for function in FUNCTIONS_SEEING))
    return _with_predecessors(allowed)


def received_units(user=None) -> set[str]:
    """The one-stop desks whose received dossiers the user also counts: a
    desk clerk's work is what their desk received, whichever unit handles
    it (the desk's local role follows the receiving unit the same way)."""
    user = user or api.user.get_current()
    mine = user_units(all_units(api.portal.get()), user)
    return _with_predecessors(set(mine["desk"]))


def _with_predecessors(codes: set[str]) -> set[str]:
    """``codes`` and the units that retired into them."""
    succession = references.succession()
    for code in list(codes):
        codes.update(predecessors(code, succession))
    return codes


def _status(obj) -> dict:
    """The dossier's current workflow status (state, time of the step)."""
    history = (getattr(obj, "workflow_history", None) or {}).get(
        "dienbien_dossier_workflow"
    )
    return history[-1] if history else {}


def _state_changed(obj, status):
    when = status.get("time")
    if when is None:
        return obj.accepted
    return to_local(when.asdatetime())


def _minute(value):
    # The same moment as ``dossiers.indexers._iso`` gives, as naive local time.
    return value.replace(second=0, microsecond=0, tzinfo=None) if value else None


@indexer(IDossier)
def facts_column(obj):
    """Everything the statistics read, in one metadata column: a report
    reads the facts kept in the catalog, nothing is parsed or built per
    dossier. A plain tuple (``as_row``), so that no record names a class."""
    return facts_row(obj)


@indexer(IDossier)
def open_months_index(obj):
    """The ``dossier_open_months`` terms, from the same facts as the column
    (both are written by every reindexing, so they never disagree)."""
    return open_months(facts_row(obj))


def facts_row(obj) -> tuple:
    status = _status(obj)
    return as_row(
        DossierFacts(
            code=obj.code,
            state=status.get("review_state"),
            channel=obj.channel,
            field=obj.procedure_field or "",
            procedure=obj.procedure or "",
            unit=obj.handling_unit or "",
            submitted=_minute(obj.submitted),
            accepted=_minute(obj.accepted),
            appointment=_minute(obj.appointment),
            resolved=_minute(getattr(obj, "resolved", None)),
            returned=_minute(obj.returned),
            state_changed=_minute(_state_changed(obj, status)),
            handed_over=handed_over(obj),
        )
    )


def candidate_units(unit: str, succession) -> set[str]:
    """The handling units (now) of the dossiers that may count for ``unit``,
    as it was or as it is: itself, the units its dossiers were handed to,
    and those that retired into it."""
    return set(chain(unit, succession)) | predecessors(unit, succession)


def facts_of(brain) -> tuple:
    return brain.dossier_facts


def dossier_facts(
    end: datetime,
    units: set[str] | None,
    unit: str | None = None,
    received: set[str] = frozenset(),
    start: datetime | None = None,
):
    """Facts of the dossiers accepted before ``end`` in the allowed units
    (and, with ``unit``, those that may count for it), and of those
    ``received`` by the given desks (``received_units``).

    With ``start``, only those that may count for ``[start, end)``: open at
    some moment of the period or still open (``period_terms`` of the
    ``dossier_open_months`` index). A year then reads its own dossiers and
    the open ones, not the whole history, and the report is the same.
    Dossiers accepted at or after ``end`` may come with them (those still
    open): ``compute`` leaves them out, as every report does.

    A year of a province is about a hundred thousand dossiers. With
    ``start`` their facts come from the index itself
    (``factsindex.DossierFactsIndex``, profile 1025), which keeps them by
    month beside its terms: the user's units only narrow the record ids.
    Otherwise (no ``start``, or a site before 1025) they are read from the
    ``dossier_facts`` metadata column by record id. Either way no brain and
    no parsing (the core reads the plain rows by position); the index's
    rows, in minutes since profile 1026, are counted with nothing built per
    dossier, so a report costs little more than the statistics themselves.
    (Sites from before profile 1001 get the column from its upgrade step,
    which ``make start`` runs.)
    """
    catalog = api.portal.get_tool("portal_catalog")
    table = catalog._catalog
    if start is not None and PERIODS_INDEX in table.indexes:
        # Only dossiers have terms in this index: no type to ask for.
        query = {PERIODS_INDEX: period_terms(start, end)}
    else:  # the whole history before ``end`` (or a site before 1023)
        query = {
            "portal_type": "Dossier",
            "dossier_accepted": {
                "query": end.strftime("%Y-%m-%dT%H:%M"),
                "range": "max",
            },
        }
    wanted = units
    if unit:
        # Reorganised units: the dossier's unit then may not be its unit now
        # (the caller attributes them: ``core.reorganisation.attribute``).
        wanted = candidate_units(unit, references.succession())
        if units is not None:
            wanted &= units
    searches = []
    if wanted is None:
        searches.append(query)
    elif wanted:
        searches.append({**query, "dossier_handling_unit": sorted(wanted)})
    if received and wanted is not None:
        searches.append({**query, "dossier_receiving_unit": sorted(received)})
    index = table.indexes.get(PERIODS_INDEX)
    if start is not None and hasattr(index, "period_facts"):
        # The facts kept beside the index's terms (``factsindex``): only
        # the period's, none of the 85 other columns of a catalog record.
        if wanted is None:
            return index.period_facts(start, end)
        rids = set()
        for search in searches:
            rids.update(_rids(table.search(search)))
        return index.period_facts(start, end, rids) if rids else []
    column = table.schema["dossier_facts"]
    data = table.data
    facts, seen = [], set()
    for search in searches:
        for rid in _rids(table.search(search)):
            if rid not in seen:  # received by the desk and handled there
                seen.add(rid)
                facts.append(data[rid][column])
    return facts


def _rids(result):
    """The record ids of a ``Catalog.search`` result, without brains."""
    rids = getattr(result, "_seq", None)
    if rids is None:  # an empty result, or a ZCatalog that changed
        rids = [brain.getRID() for brain in result]
    return rids
