"""Reorganisations without Plone: successor chains and who held a record when."""

from datetime import date
from datetime import datetime
from dienbien.policy.core.orgunits import Unit
from dienbien.policy.core.reorganisation import any_handed_over
from dienbien.policy.core.reorganisation import attribute
from dienbien.policy.core.reorganisation import chain
from dienbien.policy.core.reorganisation import predecessors
from dienbien.policy.core.reorganisation import resolve
from dienbien.policy.core.reorganisation import successions
from dienbien.policy.core.reorganisation import unit_at
from dienbien.policy.core.statistics import compute
from dienbien.policy.core.statistics import DossierFacts
from hypothesis import given
from hypothesis import strategies as st


REFORM = datetime(2025, 7, 1)
# The 1 July 2025 reform, in small: the district and communes A and B end on
# 30 June; A and B merge into C; the district's agency goes to the province's.
UNITS = [
    Unit("H15", "Tỉnh", "province"),
    Unit("H15.50", "Huyện", "district", valid_to=date(2025, 6, 30)),
    Unit("A", "Xã A", "commune", valid_to=date(2025, 6, 30), successor="C"),
    Unit("B", "Xã B", "commune", valid_to=date(2025, 6, 30), successor="C"),
    Unit("C", "Xã C", "commune", valid_from=date(2025, 7, 1)),
    Unit("H15.50.03", "Phòng", "agency", valid_to=date(2025, 6, 30), successor="S"),
    Unit("S", "Sở", "agency"),
]


def test_successions_on_a_day():
    assert successions(UNITS, date(2025, 6, 30)) == {}
    assert successions(UNITS, date(2025, 7, 1)) == {
        "A": "C",
        "B": "C",
        "H15.50.03": "S",
    }


def test_resolve_follows_every_reform():
    succession = {"A": "C", "B": "C", "C": "D"}
    assert resolve("A", succession) == "D"
    assert resolve("C", succession) == "D"
    assert resolve("D", succession) == "D"
    assert resolve("X", succession) == "X"
    assert chain("A", succession) == ["A", "C", "D"]
    assert predecessors("D", succession) == {"A", "B", "C"}
    assert predecessors("C", succession) == set()
    assert predecessors("C", {"A": "C", "B": "C"}) == {"A", "B"}


def test_a_cycle_stops():
    assert resolve("A", {"A": "B", "B": "A"}) == "B"
    assert chain("A", {"A": "B", "B": "A"}) == ["A", "B"]


codes = st.sampled_from("ABCDEFGH")


@given(st.dictionaries(codes, codes), codes)
def test_resolve_ends_the_chain(succession, code):
    """Any data, cycles included: the answer is the chain's last unit, and
    every predecessor of a unit resolves to it."""
    found = resolve(code, succession)
    assert found == chain(code, succession)[-1]
    for unit in predecessors(found, succession):
        assert unit != found
        assert resolve(unit, succession) == found


# Reforms only ever hand records to a later unit: no cycles.
acyclic = st.dictionaries(st.integers(0, 20), st.integers(1, 20)).map(
    lambda pairs: {f"U{a}": f"U{b}" for a, b in pairs.items() if b > a}
)


@given(acyclic, st.integers(0, 20))
def test_without_cycles_the_answer_is_a_unit_in_office(succession, number):
    code = f"U{number}"
    found = resolve(code, succession)
    assert found not in succession  # it has not retired
    assert resolve(found, succession) == found
    assert code == found or code in predecessors(found, succession)


def test_unit_at():
    moves = ((REFORM, "A"),)
    assert unit_at("C", moves, datetime(2025, 6, 30, 23, 59)) == "A"
    # A period ending at the reform (exclusive) still sees A.
    assert unit_at("C", moves, REFORM) == "A"
    assert unit_at("C", moves, datetime(2025, 7, 1, 0, 1)) == "C"
    assert unit_at("C", (), REFORM) == "C"
    twice = ((REFORM, "A"), (datetime(2026, 1, 1), "C"))
    assert unit_at("D", twice, datetime(2025, 12, 31)) == "C"
    assert unit_at("D", twice, datetime(2025, 3, 1)) == "A"
    assert unit_at("D", twice, datetime(2026, 2, 1)) == "D"


def facts(code, state, unit, accepted, moved=False, resolved=None):
    return DossierFacts(
        code=code,
        state=state,
        channel="in_person",
        field="ho-tich",
        procedure="1.001193",
        unit=unit,
        accepted=accepted,
        appointment=accepted.replace(day=accepted.day + 1),
        resolved=resolved,
        state_changed=resolved or accepted,
        handed_over=((REFORM, "A"),) if moved else (),
    )


# A's first half-year: one returned in March, one still processing at the
# reform (handed over to C), one waiting for a supplement (handed over too).
# B: one returned. C, after the reform: one new.
DOSSIERS = [
    facts(
        "A-1",
        "returned",
        "A",
        datetime(2025, 3, 2, 9),
        resolved=datetime(2025, 3, 2, 15),
    ),
    facts("A-2", "processing", "C", datetime(2025, 5, 5, 9), moved=True),
    facts("A-3", "processing", "C", datetime(2025, 6, 9, 9), moved=True),
    facts(
        "B-1",
        "returned",
        "B",
        datetime(2025, 4, 1, 9),
        resolved=datetime(2025, 4, 1, 10),
    ),
    facts("C-1", "processing", "C", datetime(2025, 7, 2, 9)),
]
H1 = (datetime(2025, 1, 1), datetime(2025, 7, 1))
H2 = (datetime(2025, 7, 1), datetime(2026, 1, 1))


def by_unit(period, succession=None):
    report = compute(
        attribute(DOSSIERS, period[1], succession), *period, group_by="unit"
    )
    return {
        row["key"]: (
            row["received_total"],
            row["resolved_total"],
            row["in_progress_total"],
        )
        for row in report.rows
    }


def test_historical_figures_stay_those_of_the_unit_then():
    assert by_unit(H1) == {"A": (3, 1, 2), "B": (1, 1, 0)}
    # After the reform C carries A's open dossiers over.
    assert by_unit(H2) == {"C": (3, 0, 3)}


def test_current_figures_follow_the_successor():
    succession = {"A": "C", "B": "C"}
    assert by_unit(H1, succession) == {"C": (4, 2, 2)}
    assert by_unit(H2, succession) == {"C": (3, 0, 3)}


def test_attribute_passes_untouched_facts_on():
    untouched = DOSSIERS[0]
    (same,) = attribute([untouched], H1[1])
    assert same is untouched


def test_any_handed_over():
    still = ("X", "processing", "online", "f", "p", "A", *[None] * 6, ())
    moved = (*still[:12], ((datetime(2025, 7, 1), "B"),))
    older = still[:12]  # stored before profile 1003: no hand-overs field
    assert not any_handed_over([])
    assert not any_handed_over([still, still])
    assert any_handed_over([still, moved])
    assert not any_handed_over([still, older, still])
    assert any_handed_over([still, older, moved])
