"""The facts kept by the ``dossier_open_months`` index
(``DossierFactsIndex``): over random dossiers, reindexings and periods, a
period reads each dossier under its terms exactly once (so the report is
that of all dossiers), the user's record ids narrow it, and the facts
follow a dossier that changes or leaves. The index keeps the rows with
their moments as minutes (``encode``)."""

from datetime import datetime
from dienbien.policy.core.statistics import as_row
from dienbien.policy.core.statistics import compute
from dienbien.policy.core.statistics import DossierFacts
from dienbien.policy.core.statistics import encode
from dienbien.policy.core.statistics import open_months
from dienbien.policy.core.statistics import period_terms
from dienbien.policy.core.statistics import STATUS_CODES
from dienbien.policy.dossiers.statistics.factsindex import DossierFactsIndex
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st


# Several years, with the first days of months (period bounds) often drawn.
BOUNDS = [datetime(year, month, 1) for year in (2024, 2025, 2026) for month in (1, 7)]
moments = st.one_of(
    st.sampled_from(BOUNDS),
    st.datetimes(min_value=datetime(2023, 6, 1), max_value=datetime(2026, 12, 31)),
)
maybe = st.none() | moments
facts = st.builds(
    DossierFacts,
    code=st.sampled_from(["X", "Y"]),
    state=st.sampled_from(sorted(STATUS_CODES)),
    channel=st.sampled_from(["in_person", "online"]),
    field=st.sampled_from(["ho-tich", "dat-dai"]),
    procedure=st.just("1.000001"),
    unit=st.just("A"),
    accepted=maybe,
    appointment=maybe,
    resolved=maybe,
    returned=maybe,
    state_changed=maybe,
)
periods = st.lists(moments, min_size=2, max_size=2, unique=True).map(sorted)


def index_of(rows: dict) -> DossierFactsIndex:
    index = DossierFactsIndex("dossier_open_months")
    for rid, row in rows.items():
        index.index_row(rid, row)
    return index


def expected(rows: dict, start, end, rids=None) -> list:
    """The rows under the period's terms (of ``rids``), each once, as kept."""
    terms = set(period_terms(start, end))
    return sorted(
        (
            encode(row)
            for rid, row in rows.items()
            if (rids is None or rid in rids) and terms & set(open_months(row))
        ),
        key=repr,
    )


@settings(max_examples=80, deadline=None)
@given(
    st.lists(facts, max_size=30),
    st.lists(facts, max_size=10),
    periods,
    st.sets(st.integers(0, 29)),
)
def test_a_period_reads_each_of_its_dossiers_once(dossiers, changes, period, mine):
    start, end = period
    rows = {rid: as_row(row) for rid, row in enumerate(dossiers)}
    index = index_of(rows)
    # Reindexing with other facts (a step, a correction), and some leaving.
    for rid, row in enumerate(changes):
        if rid % 3 == 2:
            index.unindex_object(rid)
            rows.pop(rid, None)
        else:
            rows[rid] = as_row(row)
            index.index_row(rid, rows[rid])
    read = index.period_facts(start, end)
    assert sorted(read, key=repr) == expected(rows, start, end)
    assert (
        compute(read, start, end, "field", as_of=end).as_dict()
        == compute(list(rows.values()), start, end, "field", as_of=end).as_dict()
    )
    assert sorted(index.period_facts(start, end, mine), key=repr) == expected(
        rows, start, end, mine
    )
    # As an index filled before profile 1026 keeps them: some rows with
    # datetimes (those not reindexed since), the same rows read.
    older = index_of(rows)
    for tree in older._facts.values():
        for rid in list(tree.keys())[::2]:
            tree[rid] = rows[rid]
    older._rows_in_minutes = False
    assert sorted(older.period_facts(start, end), key=repr) == expected(
        rows, start, end
    )
    assert sorted(older.period_facts(start, end, mine), key=repr) == expected(
        rows, start, end, mine
    )
    # The keyword part is the keyword index it replaces.
    for rid, row in rows.items():
        assert index.getEntryForObject(rid) == (sorted(open_months(row)) or None)


def test_the_facts_follow_the_dossier():
    row = (
        "H15.50.MC-250602-0006", "processing", "online", "ho-tich", "1.000001",
        "H15.50.03", None, datetime(2025, 6, 2, 9), datetime(2025, 6, 9, 9),
        None, None, None, (),
    )  # fmt: skip
    index = index_of({7: row})
    year = datetime(2025, 1, 1), datetime(2026, 1, 1)
    assert index.period_facts(*year) == [encode(row)]
    assert list(index.uniqueValues()) == ["open"]
    # Waiting for a supplement: still open, new facts, same term.
    waiting = (*row[:1], "supplement_requested", *row[2:])
    assert index.index_row(7, waiting) == 1
    assert index.period_facts(*year) == [encode(waiting)]
    assert index.index_row(7, waiting) == 0  # nothing changed
    # Resolved in August: under June to August, read once for the year,
    # not at all for 2026.
    resolved = (*row[:1], "resolved", *row[2:9], datetime(2025, 8, 4, 10), *row[10:])
    index.index_row(7, resolved)
    assert sorted(index.uniqueValues()) == ["2025-06", "2025-07", "2025-08"]
    assert index.period_facts(*year) == [encode(resolved)]
    assert index.period_facts(datetime(2025, 7, 1), datetime(2025, 8, 1)) == [
        encode(resolved)
    ]
    assert index.period_facts(datetime(2026, 1, 1), datetime(2027, 1, 1)) == []
    assert index.facts_size() == 3
    # No longer a dossier's facts (or removed from the catalog): gone.
    index.index_row(7, None)
    assert index.facts_size() == 0 and index.period_facts(*year) == []
    index.index_row(7, resolved)
    index.unindex_object(7)
    assert index.facts_size() == 0 and index.numObjects() == 0
