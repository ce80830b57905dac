"""Validity of normative documents on any date (core/legal/validity.py):
each relation kind × the query day before, on and after its event, whole
and part; replacement chains; suspension windows; detailing documents; the
yearly expired list; and properties over random registers."""

from datetime import date
from datetime import timedelta
from dienbien.policy.core.legal import validity as v
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

import itertools
import pytest


D = date
OLD = v.Document("old", effective=D(2024, 1, 10))
NEW = v.Document("new", effective=D(2026, 7, 1))
EVENT = D(2026, 7, 1)
BEFORE, ON, AFTER = EVENT - timedelta(days=1), EVENT, EVENT + timedelta(days=30)


def status(documents, relations, document_id, day):
    return v.Register(documents, relations).status(document_id, day)


@pytest.mark.parametrize(
    "kind, part, before, on, after",
    [
        (v.REPLACES, "", v.IN_FORCE, v.EXPIRED, v.EXPIRED),
        (v.REPLACES, "Điều 3", v.IN_FORCE, v.PARTLY_EXPIRED, v.PARTLY_EXPIRED),
        (v.REPEALS, "", v.IN_FORCE, v.EXPIRED, v.EXPIRED),
        (v.REPEALS, "Khoản 2 Điều 5", v.IN_FORCE, v.PARTLY_EXPIRED, v.PARTLY_EXPIRED),
        (v.AMENDS, "Điều 4", v.IN_FORCE, v.PARTLY_EXPIRED, v.PARTLY_EXPIRED),
        (v.AMENDS, "", v.IN_FORCE, v.PARTLY_EXPIRED, v.PARTLY_EXPIRED),
        (v.SUSPENDS, "", v.IN_FORCE, v.SUSPENDED, v.SUSPENDED),
        (v.SUSPENDS, "Điều 7", v.IN_FORCE, v.PARTLY_SUSPENDED, v.PARTLY_SUSPENDED),
        (v.BASED_ON, "", v.IN_FORCE, v.IN_FORCE, v.IN_FORCE),
        (v.REFERS_TO, "", v.IN_FORCE, v.IN_FORCE, v.IN_FORCE),
        (v.DETAILS, "", v.IN_FORCE, v.IN_FORCE, v.IN_FORCE),
    ],
)
def test_each_relation_before_on_and_after(kind, part, before, on, after):
    relations = [v.Relation(kind, "new", "old", part=part)]
    got = [status([OLD, NEW], relations, "old", day) for day in (BEFORE, ON, AFTER)]
    assert got == [before, on, after]
    # The source itself is not changed by what it does to another.
    assert status([OLD, NEW], relations, "new", AFTER) == v.IN_FORCE


def test_not_yet_in_force_before_the_effective_day_and_own_end_date():
    document = v.Document("a", effective=D(2026, 3, 15), end=D(2026, 12, 31))
    days = [D(2026, 3, 14), D(2026, 3, 15), D(2026, 12, 30), D(2026, 12, 31)]
    got = [status([document], [], "a", day) for day in days]
    assert got == [v.NOT_YET, v.IN_FORCE, v.IN_FORCE, v.EXPIRED]
    assert (
        status([v.Document("b", effective=None)], [], "b", D(2030, 1, 1)) == v.NOT_YET
    )


def test_relation_on_a_day_other_than_the_sources_effective_day():
    relations = [v.Relation(v.REPEALS, "new", "old", on=D(2026, 9, 1))]
    got = [status([OLD, NEW], relations, "old", day) for day in (AFTER, D(2026, 9, 1))]
    assert got == [v.IN_FORCE, v.EXPIRED]


def test_a_suspension_window_ends_and_the_document_is_in_force_again():
    relations = [
        v.Relation(v.SUSPENDS, "new", "old", on=D(2026, 7, 1), until=D(2026, 8, 1))
    ]
    days = [D(2026, 6, 30), D(2026, 7, 1), D(2026, 7, 31), D(2026, 8, 1)]
    got = [status([OLD, NEW], relations, "old", day) for day in days]
    assert got == [v.IN_FORCE, v.SUSPENDED, v.SUSPENDED, v.IN_FORCE]


def test_whole_expiry_wins_over_a_suspension_and_part_expiry():
    relations = [
        v.Relation(v.SUSPENDS, "new", "old", on=D(2026, 7, 1)),
        v.Relation(v.AMENDS, "new", "old", on=D(2026, 6, 1), part="Điều 1"),
        v.Relation(v.REPLACES, "newer", "old"),
    ]
    newer = v.Document("newer", effective=D(2026, 10, 1))
    days = [D(2026, 6, 1), D(2026, 7, 1), D(2026, 10, 1)]
    got = [status([OLD, NEW, newer], relations, "old", day) for day in days]
    assert got == [v.PARTLY_EXPIRED, v.SUSPENDED, v.EXPIRED]


def test_a_chain_of_replacements():
    first = v.Document("2019", effective=D(2019, 2, 1))
    second = v.Document("2023", effective=D(2023, 5, 1))
    third = v.Document("2026", effective=D(2026, 7, 1))
    relations = [
        v.Relation(v.REPLACES, "2023", "2019"),
        v.Relation(v.REPLACES, "2026", "2023"),
    ]
    register = v.Register([first, second, third], relations)
    on = D(2026, 7, 1)
    assert [register.status(i, on) for i in ("2019", "2023", "2026")] == [
        v.EXPIRED,
        v.EXPIRED,
        v.IN_FORCE,
    ]
    assert register.status("2023", D(2026, 6, 30)) == v.IN_FORCE
    assert register.status("2019", D(2023, 4, 30)) == v.IN_FORCE


def test_a_detailing_document_expires_with_what_it_details_unless_kept():
    guide = v.Document("guide", effective=D(2024, 3, 1))
    kept = v.Document("kept", effective=D(2024, 3, 1), survives=True)
    relations = [
        v.Relation(v.DETAILS, "guide", "old"),
        v.Relation(v.DETAILS, "kept", "old"),
        v.Relation(v.REPLACES, "new", "old"),
    ]
    register = v.Register([OLD, NEW, guide, kept], relations)
    assert register.status("guide", BEFORE) == v.IN_FORCE
    assert register.status("guide", ON) == v.EXPIRED
    assert register.status("kept", ON) == v.IN_FORCE
    assert register.history("guide")[-1] == v.Event(ON, "old", "detailed_expired")


def test_a_partial_repeal_does_not_end_what_details_it():
    guide = v.Document("guide", effective=D(2024, 3, 1))
    relations = [
        v.Relation(v.DETAILS, "guide", "old"),
        v.Relation(v.REPEALS, "new", "old", part="Điều 2"),
    ]
    assert status([OLD, NEW, guide], relations, "guide", AFTER) == v.IN_FORCE


def test_timeline_and_history():
    relations = [
        v.Relation(v.SUSPENDS, "new", "old", until=D(2026, 8, 1), part="Điều 7"),
        v.Relation(v.REPEALS, "newer", "old"),
    ]
    newer = v.Document("newer", effective=D(2027, 1, 1))
    register = v.Register([OLD, NEW, newer], relations)
    assert register.timeline("old") == [
        v.Period(date.min, D(2024, 1, 10), v.NOT_YET),
        v.Period(D(2024, 1, 10), D(2026, 7, 1), v.IN_FORCE),
        v.Period(D(2026, 7, 1), D(2026, 8, 1), v.PARTLY_SUSPENDED),
        v.Period(D(2026, 8, 1), D(2027, 1, 1), v.IN_FORCE),
        v.Period(D(2027, 1, 1), v.FOREVER, v.EXPIRED),
    ]
    assert [(e.day, e.kind, e.cause) for e in register.history("old")] == [
        (D(2024, 1, 10), "effective", ""),
        (D(2026, 7, 1), v.SUSPENDS, "new"),
        (D(2026, 8, 1), "suspension_lifted", "new"),
        (D(2027, 1, 1), v.REPEALS, "newer"),
    ]


def test_the_yearly_expired_list():
    ends = v.Document("ends", effective=D(2025, 1, 1), end=D(2026, 12, 31))
    partly = v.Document("partly", effective=D(2025, 1, 1))
    later = v.Document("later", effective=D(2025, 1, 1), end=D(2027, 1, 1))
    relations = [
        v.Relation(v.REPLACES, "new", "old"),
        v.Relation(v.REPEALS, "new", "partly", part="Điều 9"),
    ]
    register = v.Register([OLD, NEW, ends, partly, later], relations)
    found = {(i, e.kind, s) for i, e, s in v.expired_in_year(register, 2026)}
    assert found == {
        ("old", v.REPLACES, v.EXPIRED),
        ("partly", v.REPEALS, v.PARTLY_EXPIRED),
        ("ends", "end", v.EXPIRED),
    }
    assert v.expired_in_year(register, 2025) == []


def test_lead_time():
    assert v.earliest_effective(D(2026, 3, 2)) == D(2026, 3, 12)
    assert v.earliest_effective(D(2026, 3, 2), shortened=True) == D(2026, 3, 2)


def test_bad_relations_are_refused():
    with pytest.raises(ValueError):
        v.Relation("abolishes", "a", "b")
    with pytest.raises(ValueError):
        v.Relation(v.REPLACES, "a", "a")
    with pytest.raises(ValueError):
        v.Relation(v.REPLACES, "a", "b", until=D(2026, 1, 1))
    with pytest.raises(ValueError):
        v.Relation(v.SUSPENDS, "a", "b", on=D(2026, 2, 1), until=D(2026, 1, 1))


# Properties over random registers -----------------------------------------

DAYS = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))
IDS = ("a", "b", "c", "d")


@st.composite
def registers(draw):
    documents = []
    for document_id in IDS:
        effective = draw(st.one_of(st.none(), DAYS))
        end = draw(st.one_of(st.none(), DAYS))
        if effective and end and end <= effective:
            end = None
        documents.append(
            v.Document(document_id, effective, end, survives=draw(st.booleans()))
        )
    relations = []
    for _ in range(draw(st.integers(0, 6))):
        source, target = draw(st.permutations(IDS))[:2]
        kind = draw(st.sampled_from(v.RELATIONS))
        on = draw(st.one_of(st.none(), DAYS))
        until = None
        if kind == v.SUSPENDS and on and draw(st.booleans()):
            until = on + timedelta(days=draw(st.integers(1, 400)))
        part = draw(st.sampled_from(["", "Điều 2"]))
        relations.append(v.Relation(kind, source, target, on, until, part))
    return v.Register(documents, relations)


@settings(max_examples=200, deadline=None)
@given(registers(), DAYS)
def test_one_status_on_any_day_and_the_timeline_agrees(register, day):
    for document_id in IDS:
        status = register.status(document_id, day)
        assert status in v.STATUSES
        timeline = register.timeline(document_id)
        assert v.status_on(timeline, day) == status
        # Periods are consecutive, cover every day, and change status.
        assert timeline[0].start == date.min and timeline[-1].end == v.FOREVER
        for left, right in itertools.pairwise(timeline):
            assert left.end == right.start and left.status != right.status


RANK = {v.NOT_YET: 0, v.IN_FORCE: 1, v.PARTLY_EXPIRED: 2, v.EXPIRED: 3}


@settings(max_examples=200, deadline=None)
@given(registers())
def test_statuses_only_move_forward_outside_suspension_windows(register):
    for document_id in IDS:
        ranks = [
            RANK[period.status]
            for period in register.timeline(document_id)
            if period.status in RANK
        ]
        assert ranks == sorted(ranks)
        # Once wholly expired, always expired.
        statuses = [period.status for period in register.timeline(document_id)]
        if v.EXPIRED in statuses:
            assert statuses[statuses.index(v.EXPIRED) :] == [v.EXPIRED]
