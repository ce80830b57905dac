"""One-stop dossier statistics, without Plone: each column on concrete
dossiers, the four groupings, properties over random dossiers, the xlsx."""

from datetime import datetime
from datetime import timedelta
from dienbien.policy.core.dossiers import timeliness
from dienbien.policy.core.statistics import as_facts
from dienbien.policy.core.statistics import as_row
from dienbien.policy.core.statistics import COLUMNS
from dienbien.policy.core.statistics import compute
from dienbien.policy.core.statistics import COUNT_COLUMNS
from dienbien.policy.core.statistics import DossierFacts
from dienbien.policy.core.statistics import encode
from dienbien.policy.core.statistics import minutes
from dienbien.policy.core.statistics import monthly_on_time_rate
from dienbien.policy.core.statistics import STATUS_CODES
from dienbien.policy.dossiers.statistics.workbook import period_label
from dienbien.policy.dossiers.statistics.workbook import sheet_title
from dienbien.policy.dossiers.statistics.workbook import write_xlsx
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import io
import json
import pytest


START = datetime(2026, 3, 1)
END = datetime(2026, 4, 1)
SEQUENCE = iter(range(1, 10**9))


def dossier(
    state="processing",
    accepted=datetime(2026, 3, 2, 9, 0),
    appointment=datetime(2026, 3, 9, 9, 0),
    channel="in_person",
    field="ho-tich",
    procedure="1.000001",
    unit="H15.50.MC",
    resolved=None,
    returned=None,
    state_changed=None,
    submitted=None,
):
    return DossierFacts(
        code=f"H15.50.MC-260301-{next(SEQUENCE):04d}",
        state=state,
        channel=channel,
        field=field,
        procedure=procedure,
        unit=unit,
        submitted=submitted,
        accepted=accepted,
        appointment=appointment,
        resolved=resolved,
        returned=returned,
        state_changed=state_changed,
    )


def total(*dossiers, start=START, end=END):
    return compute(dossiers, start, end, "field").total


#: The counts that are not sums of other counts.
BASE = [
    column
    for column in COUNT_COLUMNS
    if column not in {"new", "received_total", "resolved_total", "in_progress_total"}
]


def only(**expected):
    """A row's base counts: ``expected`` and zero everywhere else."""
    return {column: expected.get(column, 0) for column in BASE}


def counts(row):
    return {column: row[column] for column in BASE}


# -- received ----------------------------------------------------------------


def test_status_codes_are_the_national_ones():
    assert STATUS_CODES["submitted"] == 1
    assert STATUS_CODES["supplement_requested"] == 5
    assert STATUS_CODES["returned"] == 10
    assert sorted(STATUS_CODES.values()) == list(range(1, 11))


def test_carried_over_and_new():
    report = total(
        # Accepted in February, still in processing: carried over.
        dossier(accepted=datetime(2026, 2, 20, 9, 0), appointment=END),
        # Accepted at the first moment of the period: new.
        dossier(accepted=START, appointment=END),
        dossier(accepted=datetime(2026, 3, 31, 16, 0), appointment=END),
        # Resolved in February: finished before the period.
        dossier(
            state="resolved",
            accepted=datetime(2026, 2, 10, 9, 0),
            resolved=datetime(2026, 2, 25, 9, 0),
        ),
        # Withdrawn in February: finished too.
        dossier(
            state="withdrawn",
            accepted=datetime(2026, 2, 10, 9, 0),
            state_changed=datetime(2026, 2, 11, 9, 0),
        ),
        # Accepted at the end of the period: next period.
        dossier(accepted=END),
    )
    assert counts(report) == only(carried_over=1, new_in_person=2, in_progress_within=3)
    assert (report["new"], report["received_total"]) == (2, 3)


def test_not_accepted_is_not_received():
    report = total(
        dossier(state="submitted", accepted=None, appointment=None),
        dossier(state="supplement_requested", accepted=None, appointment=None),
        dossier(state="withdrawn", accepted=None, appointment=None),
        # The desk refuses before accepting: never received, even with a time.
        dossier(state="refused", state_changed=datetime(2026, 3, 3, 9, 0)),
    )
    assert report["received_total"] == 0
    assert report["on_time_rate"] is None


def test_new_by_channel():
    report = total(
        dossier(channel="in_person"),
        dossier(channel="online"),
        dossier(channel="online"),
        dossier(channel="post"),
        dossier(channel="fax"),  # unknown: the desk
        dossier(channel="online", accepted=datetime(2026, 2, 1, 9, 0)),
    )
    assert (report["new_in_person"], report["new_online"], report["new_post"]) == (
        2,
        2,
        1,
    )
    assert (report["new"], report["carried_over"]) == (5, 1)


# -- resolved ----------------------------------------------------------------

DUE = datetime(2026, 3, 10, 17, 0)


def resolved_at(moment, state="resolved", appointment=DUE, **kwargs):
    return dossier(
        state=state,
        accepted=datetime(2026, 3, 5, 9, 0),
        appointment=appointment,
        resolved=moment,
        state_changed=moment,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("moment", "column"),
    [
        (datetime(2026, 3, 10, 16, 59, 59), "early"),
        (datetime(2026, 3, 9, 9, 0), "early"),
        (DUE, "on_time"),
        (datetime(2026, 3, 10, 17, 0, 59), "on_time"),  # the same minute
        (datetime(2026, 3, 10, 17, 1), "late"),
        (datetime(2026, 3, 20, 9, 0), "late"),
    ],
)
def test_early_on_time_late(moment, column):
    report = total(resolved_at(moment))
    assert counts(report) == only(new_in_person=1, **{column: 1})
    assert report["resolved_total"] == 1


def test_returned_counts_when_resolved():
    # Resolved in March, handed over in April: resolved in March...
    returned = resolved_at(
        datetime(2026, 3, 9, 10, 0),
        state="returned",
        returned=datetime(2026, 4, 2, 8, 0),
    )
    assert total(returned)["early"] == 1
    # ... and finished before April.
    assert total(returned, start=END, end=datetime(2026, 5, 1))["received_total"] == 0
    # Without a resolution time, the return time stands in.
    bare = dossier(
        state="returned",
        accepted=datetime(2026, 3, 5, 9, 0),
        appointment=DUE,
        returned=datetime(2026, 3, 11, 9, 0),
    )
    assert total(bare)["late"] == 1


def test_resolved_without_appointment_is_on_time():
    assert total(resolved_at(datetime(2026, 3, 6), appointment=None))["on_time"] == 1


def test_resolved_after_the_period_is_in_progress_at_its_end():
    late = resolved_at(datetime(2026, 4, 3, 9, 0))
    assert counts(total(late)) == only(new_in_person=1, in_progress_overdue=1)
    # Resolved at the very end of the period: not in it.
    at_end = resolved_at(END, appointment=datetime(2026, 4, 2, 9, 0))
    assert counts(total(at_end)) == only(new_in_person=1, in_progress_within=1)


def test_rate_and_average_days():
    accepted = datetime(2026, 3, 5, 9, 0)
    report = total(
        resolved_at(accepted + timedelta(days=1)),  # early
        resolved_at(DUE),  # on time
        resolved_at(accepted + timedelta(days=10)),  # late
        resolved_at(accepted + timedelta(days=2)),  # early
    )
    assert report["on_time_rate"] == 0.75
    assert report["average_calendar_days"] == round((1 + 10 + 2 + 5.333333) / 4, 2)
    thirds = total(
        resolved_at(DUE), resolved_at(DUE), resolved_at(datetime(2026, 3, 20))
    )
    assert thirds["on_time_rate"] == 0.6667


def test_finishing_before_acceptance_is_taken_as_acceptance():
    odd = resolved_at(datetime(2026, 2, 1, 9, 0))  # bad data
    report = total(odd)
    assert (report["early"], report["average_calendar_days"]) == (1, 0.0)


# -- in progress at the end --------------------------------------------------


def test_within_and_overdue_at_the_end():
    report = total(
        dossier(appointment=datetime(2026, 3, 31, 17, 0)),  # overdue
        dossier(appointment=datetime(2026, 3, 20, 9, 0), state="awaiting_payment"),
        dossier(appointment=END, state="accepted"),  # due at the end: within
        dossier(appointment=datetime(2026, 4, 2, 9, 0)),
        dossier(appointment=None),  # no appointment: cannot be overdue
    )
    assert counts(report) == only(
        new_in_person=5, in_progress_within=3, in_progress_overdue=2
    )
    assert report["in_progress_total"] == 5


def test_a_running_period_judges_overdue_at_the_present():
    """Mid-March, the March report must not call a dossier due on the 31st
    overdue already; one due on the 10th is."""
    due_later = dossier(appointment=datetime(2026, 3, 31, 17, 0))
    due_before = dossier(appointment=datetime(2026, 3, 10, 17, 0))
    now = datetime(2026, 3, 15, 10, 0)
    report = compute([due_later, due_before], START, END, "field", as_of=now).total
    assert (report["in_progress_within"], report["in_progress_overdue"]) == (1, 1)
    # A past period is judged at its end whatever the present.
    later = datetime(2026, 6, 1)
    report = compute([due_later, due_before], START, END, "field", as_of=later).total
    assert (report["in_progress_within"], report["in_progress_overdue"]) == (0, 2)


# -- counted apart -----------------------------------------------------------


def test_waiting_supplement_stopped_withdrawn():
    report = total(
        dossier(state="supplement_requested", state_changed=datetime(2026, 3, 4, 9, 0)),
        # Waiting since February: carried over and still waiting.
        dossier(
            state="supplement_requested",
            accepted=datetime(2026, 2, 2, 9, 0),
            state_changed=datetime(2026, 2, 4, 9, 0),
        ),
        dossier(state="stopped", state_changed=datetime(2026, 3, 20, 9, 0)),
        dossier(state="withdrawn", state_changed=datetime(2026, 3, 21, 9, 0)),
        # Missing state_changed: the state is taken to hold since acceptance.
        dossier(state="withdrawn"),
    )
    assert counts(report) == only(
        carried_over=1,
        new_in_person=4,
        waiting_supplement=2,
        stopped=1,
        withdrawn=2,
    )


def test_state_entered_after_the_end_counts_in_progress():
    # What these were doing on 1 April is not known: in progress then.
    after = datetime(2026, 4, 10, 9, 0)
    report = total(
        dossier(state="supplement_requested", state_changed=after),
        dossier(state="withdrawn", state_changed=after),
        dossier(state="stopped", state_changed=after, appointment=END),
    )
    assert counts(report) == only(
        new_in_person=3, in_progress_overdue=2, in_progress_within=1
    )


# -- grouping ----------------------------------------------------------------

GROUPED = [
    dossier(field="ho-tich", procedure="1.000001", unit="A", channel="online"),
    dossier(field="ho-tich", procedure="1.000002", unit="B", channel="post"),
    dossier(field="dat-dai", procedure="1.000003", unit="A", channel="online"),
    dossier(field="dat-dai", procedure="1.000003", unit="C", channel="in_person"),
    dossier(field="dat-dai", procedure="1.000004", unit="C", channel="?"),
]


@pytest.mark.parametrize(
    ("group_by", "expected"),
    [
        ("field", {"dat-dai": 3, "ho-tich": 2}),
        ("procedure", {"1.000001": 1, "1.000002": 1, "1.000003": 2, "1.000004": 1}),
        ("unit", {"A": 2, "B": 1, "C": 2}),
        ("channel", {"in_person": 2, "online": 2, "post": 1}),
    ],
)
def test_group_by(group_by, expected):
    report = compute(GROUPED, START, END, group_by)
    assert report.group_by == group_by
    assert [row["key"] for row in report.rows] == sorted(expected)
    assert {row["key"]: row["new"] for row in report.rows} == expected
    assert report.total["new"] == 5
    assert report.columns == list(COLUMNS)


def test_keys_without_dossiers_show_zero_rows():
    report = compute(GROUPED, START, END, "field", keys=["y-te", "ho-tich"])
    assert [row["key"] for row in report.rows] == ["dat-dai", "ho-tich", "y-te"]
    assert report.row("y-te")["received_total"] == 0
    assert report.row("y-te")["on_time_rate"] is None
    assert report.row("nope") is None


def test_bad_arguments():
    with pytest.raises(ValueError, match="group_by"):
        compute([], START, END, "applicant")
    with pytest.raises(ValueError, match="period"):
        compute([], END, START, "field")
    with pytest.raises(ValueError, match="period"):
        compute([], START, START, "field")


def test_as_dict_is_json():
    data = compute(GROUPED, START, END, "unit").as_dict()
    assert json.loads(json.dumps(data)) == data
    assert (data["start"], data["end"]) == (
        "2026-03-01T00:00:00",
        "2026-04-01T00:00:00",
    )
    assert data["rows"][0]["key"] == "A"
    assert data["total"]["received_total"] == 5


# -- monthly on-time rate ----------------------------------------------------


def test_monthly_on_time_rate():
    january = datetime(2026, 1, 10, 9, 0)
    march = datetime(2026, 3, 10, 9, 0)
    dossiers = [
        dossier(
            state="resolved",
            accepted=january,
            appointment=january + timedelta(days=5),
            resolved=january + timedelta(days=1),
        ),
        dossier(
            state="returned",
            accepted=january,
            appointment=january + timedelta(days=5),
            resolved=january + timedelta(days=9),
            returned=january + timedelta(days=40),
        ),
        dossier(
            state="resolved",
            field="dat-dai",
            accepted=march,
            appointment=march,
            resolved=march,
        ),
        # Last year's and unfinished ones are not in the chart.
        dossier(
            state="resolved",
            field="y-te",
            accepted=datetime(2025, 12, 1),
            resolved=datetime(2025, 12, 2),
        ),
        dossier(field="xay-dung", accepted=march),
    ]
    rates = monthly_on_time_rate(dossiers, 2026)
    assert list(rates) == ["dat-dai", "ho-tich"]
    assert rates["ho-tich"] == [0.5] + [None] * 11
    assert rates["dat-dai"] == [None, None, 1.0] + [None] * 9
    assert monthly_on_time_rate(dossiers, 2026, "channel") == {
        "in_person": [0.5, None, 1.0] + [None] * 9
    }


# -- spreadsheet -------------------------------------------------------------


def test_xlsx_round_trip():
    dossiers = [
        *GROUPED,
        resolved_at(DUE, field="ho-tich"),
        resolved_at(datetime(2026, 3, 20), field="ho-tich"),
        resolved_at(datetime(2026, 3, 20), field="ho-tich"),
    ]
    report = compute(dossiers, START, END, "field")
    titles = {"ho-tich": "Hộ tịch", "dat-dai": "Đất đai"}
    column_titles = {"key": "Lĩnh vực", "new": "Mới tiếp nhận", "on_time_rate": "Tỷ lệ"}
    data = write_xlsx(
        report, titles, column_titles, title="Thống kê hồ sơ", total_title="Tổng cộng"
    )
    sheet = load_workbook(io.BytesIO(data)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Thống kê hồ sơ (01/03/2026 – 31/03/2026)"
    header = values[1]
    assert header[0] == "Lĩnh vực"
    assert header[1:] == tuple(column_titles.get(c, c) for c in report.columns)
    assert [line[0] for line in values[2:]] == ["Đất đai", "Hộ tịch", "Tổng cộng"]
    for line, row in zip(values[2:4], report.rows, strict=True):
        assert dict(zip(report.columns, line[1:], strict=True)) == {
            column: row[column] for column in report.columns
        }
    last = dict(zip(report.columns, values[4][1:], strict=True))
    assert last == report.total
    assert isinstance(last["received_total"], int)
    assert last["on_time_rate"] == pytest.approx(1 / 3, abs=1e-4)
    rate_column = report.columns.index("on_time_rate") + 2
    assert sheet.cell(row=5, column=rate_column).number_format == "0.00%"
    # Rows without a resolved dossier leave the rate empty.
    assert dict(zip(report.columns, values[2][1:], strict=True))["on_time_rate"] is None
    # Deterministic: the same report, the same bytes.
    assert (
        write_xlsx(
            report,
            titles,
            column_titles,
            title="Thống kê hồ sơ",
            total_title="Tổng cộng",
        )
        == data
    )


def test_sheet_names_fit_excel_after_a_whole_word():
    assert sheet_title("Thống kê hồ sơ") == "Thống kê hồ sơ"
    # 34 characters: cut after "một", not inside "cửa", no space left over.
    assert sheet_title("Tình hình giải quyết hồ sơ một cửa") == (
        "Tình hình giải quyết hồ sơ một"
    )
    assert sheet_title("a" * 40) == "a" * 31
    assert sheet_title("Báo cáo: 2026/01") == "Báo cáo- 2026-01"
    assert sheet_title("") == "Statistics"


def test_xlsx_untitled_and_untranslated():
    report = compute(GROUPED, START, END, "unit")
    sheet = load_workbook(io.BytesIO(write_xlsx(report, {}, {}))).active
    assert sheet.title == "Statistics"
    assert sheet["A1"].value == "01/03/2026 – 31/03/2026"
    assert sheet["A2"].value == "unit"
    assert [sheet.cell(row=line, column=1).value for line in (3, 4, 5, 6)] == [
        "A",
        "B",
        "C",
        "Total",
    ]


def test_period_label():
    assert period_label(START, END) == "01/03/2026 – 31/03/2026"
    assert (
        period_label(datetime(2026, 3, 1, 7, 30), datetime(2026, 3, 2, 12, 0))
        == "01/03/2026 07:30 – 02/03/2026 12:00"
    )


# -- properties --------------------------------------------------------------

# A small window with the period boundaries themselves often drawn, so that
# equalities (accepted == start, resolved == end, ...) happen.
BOUNDS = [datetime(2026, month, 1) for month in range(1, 8)]
moments = st.one_of(
    st.sampled_from(BOUNDS),
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 7, 1)),
)
maybe = st.none() | moments
facts = st.builds(
    DossierFacts,
    code=st.just("X"),
    state=st.sampled_from(sorted(STATUS_CODES)),
    channel=st.sampled_from(["in_person", "online", "post", ""]),
    field=st.sampled_from(["ho-tich", "dat-dai", "y-te"]),
    procedure=st.sampled_from(["1.000001", "1.000002"]),
    unit=st.sampled_from(["A", "B"]),
    submitted=maybe,
    accepted=maybe,
    appointment=maybe,
    resolved=maybe,
    returned=maybe,
    state_changed=maybe,
)
some = st.lists(facts, max_size=40)
groupings = st.sampled_from(["field", "procedure", "unit", "channel"])
cuts = st.lists(st.sampled_from(BOUNDS), min_size=3, max_size=3, unique=True).map(
    sorted
)
OUTCOMES = (
    "resolved_total",
    "in_progress_total",
    "waiting_supplement",
    "stopped",
    "withdrawn",
)


@settings(max_examples=300, deadline=None)
@given(some, cuts, groupings)
def test_total_is_the_sum_of_the_rows(dossiers, cut, group_by):
    report = compute(dossiers, cut[0], cut[1], group_by)
    for column in COUNT_COLUMNS:
        assert report.total[column] == sum(row[column] for row in report.rows)
    good = report.total["early"] + report.total["on_time"]
    resolved = report.total["resolved_total"]
    assert report.total["on_time_rate"] == (
        round(good / resolved, 4) if resolved else None
    )
    assert [row["key"] for row in report.rows] == sorted(
        {row["key"] for row in report.rows}
    )


@settings(max_examples=300, deadline=None)
@given(some, cuts, groupings)
def test_every_received_dossier_has_one_outcome(dossiers, cut, group_by):
    report = compute(dossiers, cut[0], cut[1], group_by)
    for row in [*report.rows, report.total]:
        assert row["received_total"] == sum(row[column] for column in OUTCOMES)
        assert row["received_total"] == row["carried_over"] + row["new"]
        assert row["new"] == row["new_in_person"] + row["new_online"] + row["new_post"]
        assert row["resolved_total"] == row["early"] + row["on_time"] + row["late"]
    assert all(row["received_total"] for row in report.rows)


@settings(max_examples=300, deadline=None)
@given(some, st.sampled_from(BOUNDS[1:]))
def test_from_the_beginning_every_accepted_dossier_counts_once(dossiers, end):
    report = compute(dossiers, datetime(2000, 1, 1), end, "unit")
    accepted = [
        d
        for d in dossiers
        if d.accepted is not None and d.accepted < end and d.state != "refused"
    ]
    assert report.total["carried_over"] == 0
    assert report.total["received_total"] == len(accepted)


@settings(max_examples=300, deadline=None)
@given(some, cuts, groupings)
def test_what_is_open_at_the_end_is_carried_over(dossiers, cut, group_by):
    first = compute(dossiers, cut[0], cut[1], group_by)
    second = compute(dossiers, cut[1], cut[2], group_by)
    open_at_end = {
        row["key"]: row["in_progress_total"] + row["waiting_supplement"]
        for row in first.rows
    }
    carried = {row["key"]: row["carried_over"] for row in second.rows}
    assert {k: v for k, v in open_at_end.items() if v} == {
        k: v for k, v in carried.items() if v
    }


@settings(max_examples=300, deadline=None)
@given(some, cuts)
def test_flows_add_up_over_adjacent_periods(dossiers, cut):
    a, b, c = cut
    whole = compute(dossiers, a, c, "field").total
    first = compute(dossiers, a, b, "field").total
    second = compute(dossiers, b, c, "field").total
    for column in ("new", "new_online", "early", "on_time", "late", "stopped"):
        assert whole[column] == first[column] + second[column], column
    assert whole["withdrawn"] == first["withdrawn"] + second["withdrawn"]
    assert whole["carried_over"] == first["carried_over"]
    # The state at the end of the whole is the state at the end of the second.
    for column in ("in_progress_within", "in_progress_overdue", "waiting_supplement"):
        assert whole[column] == second[column]


@settings(max_examples=200, deadline=None)
@given(some, cuts)
def test_the_grouping_does_not_change_the_total(dossiers, cut):
    totals = [compute(dossiers, cut[0], cut[1], g).total for g in ("field", "unit")]
    totals += [compute(dossiers, cut[0], cut[1], g).total for g in ("channel",)]
    assert totals[0] == totals[1] == totals[2]


@settings(max_examples=200, deadline=None)
@given(some)
def test_after_every_event_the_columns_are_the_current_states(dossiers):
    report = compute(dossiers, datetime(2000, 1, 1), datetime(2030, 1, 1), "unit")
    received = [d for d in dossiers if d.accepted is not None and d.state != "refused"]

    def current(*states):
        return sum(1 for d in received if d.state in states)

    assert report.total["resolved_total"] == current("resolved", "returned")
    assert report.total["waiting_supplement"] == current("supplement_requested")
    assert report.total["stopped"] == current("stopped")
    assert report.total["withdrawn"] == current("withdrawn")
    assert report.total["in_progress_total"] == current(
        "submitted", "accepted", "processing", "awaiting_payment"
    )


@settings(max_examples=200, deadline=None)
@given(some, groupings)
def test_monthly_rates_are_the_monthly_reports(dossiers, group_by):
    rates = monthly_on_time_rate(dossiers, 2026, group_by)
    for month in range(1, 7):
        report = compute(
            dossiers, datetime(2026, month, 1), datetime(2026, month + 1, 1), group_by
        )
        expected = {
            row["key"]: row["on_time_rate"]
            for row in report.rows
            if row["resolved_total"]
        }
        got = {key: values[month - 1] for key, values in rates.items()}
        assert {k: v for k, v in got.items() if v is not None} == expected


@settings(max_examples=300, deadline=None)
@given(moments, maybe)
def test_resolved_columns_follow_the_timeliness_rule(moment, due):
    report = total(
        dossier(
            state="resolved",
            accepted=datetime(2026, 1, 1),
            appointment=due,
            resolved=moment,
        ),
        start=datetime(2026, 1, 1),
        end=datetime(2026, 8, 1),
    )
    expected = timeliness(moment, due) or "on_time"
    assert [c for c in ("early", "on_time", "late") if report[c]] == [expected]


@given(some, groupings)
def test_plain_rows_count_as_named_facts(dossiers, group_by):
    """The catalog keeps plain tuples (profile 1002): the report and the
    chart read them by position exactly as they read ``DossierFacts``."""
    rows = [as_row(dossier) for dossier in dossiers]
    assert all(type(row) is tuple for row in rows)
    assert [as_facts(row) for row in rows] == dossiers
    assert compute(rows, START, END, group_by) == compute(
        dossiers, START, END, group_by
    )
    assert monthly_on_time_rate(rows, 2026, group_by) == monthly_on_time_rate(
        dossiers, 2026, group_by
    )


@given(some, groupings)
def test_rows_in_minutes_count_as_named_facts(dossiers, group_by):
    """The ``dossier_open_months`` index keeps the rows with their moments
    as minutes (profile 1026), a report may read both forms at once."""
    rows = [encode(as_row(dossier)) for dossier in dossiers]
    assert [encode(row) for row in rows] == rows  # already in minutes
    half = len(rows) // 2
    mixed = rows[:half] + dossiers[half:]
    assert compute(mixed, START, END, group_by) == compute(
        dossiers, START, END, group_by
    )
    assert monthly_on_time_rate(mixed, 2026, group_by) == monthly_on_time_rate(
        dossiers, 2026, group_by
    )


def test_minutes():
    assert minutes(None) is None
    assert minutes(datetime(1, 1, 1, 0, 1, 59)) == 1
    assert minutes(datetime(2026, 3, 1)) - minutes(datetime(2026, 2, 28)) == 1440
    assert minutes(12) == 12
    row = dossier(
        state="resolved",
        submitted=datetime(2026, 3, 2, 8, 59, 30),
        resolved=datetime(2026, 3, 5, 16, 0),
    )
    assert encode(row) == (
        row.code,
        *row[1:6],
        minutes(datetime(2026, 3, 2, 8, 59)),
        minutes(datetime(2026, 3, 2, 9, 0)),
        minutes(datetime(2026, 3, 9, 9, 0)),
        minutes(datetime(2026, 3, 5, 16, 0)),
        None,
        None,
        (),
    )


def test_the_period_is_exact_to_the_second():
    """Rows are whole minutes; the period's bounds and the present may not
    be: a dossier due at 10:00 is overdue at 10:00:30, not at 10:00."""
    due = dossier(appointment=datetime(2026, 3, 10, 10, 0))
    for now, overdue in (
        (datetime(2026, 3, 10, 10, 0), 0),
        (datetime(2026, 3, 10, 10, 0, 30), 1),
    ):
        report = compute([due], START, END, "field", as_of=now).total
        assert report["in_progress_overdue"] == overdue
    # Accepted at 09:00, a period from 09:00:30 carries it over.
    report = compute(
        [due], datetime(2026, 3, 2, 9, 0, 30), END, "field", as_of=END
    ).total
    assert (report["carried_over"], report["new"]) == (1, 0)
    # A period ending at 09:00:30 counts it as new, one ending at 09:00 not.
    for end, received in (
        (datetime(2026, 3, 2, 9, 0, 30), 1),
        (datetime(2026, 3, 2, 9, 0), 0),
    ):
        assert compute([due], START, end, "field").total["new"] == received


# -- the table adds up (the dashboard's identities) ---------------------------


def test_unbalanced_names_the_broken_sums():
    from dienbien.policy.core.statistics import unbalanced

    row = compute([dossier()], START, END, "field").total
    assert unbalanced(row) == []
    broken = {**row, "in_progress_within": row["in_progress_within"] + 1}
    assert unbalanced(broken) == [
        "in_progress_total = in_progress_within + in_progress_overdue"
    ]
    broken = {**row, "stopped": 1}
    assert unbalanced(broken) == [
        "received_total = resolved_total + in_progress_total"
        " + waiting_supplement + stopped + withdrawn"
    ]


@settings(max_examples=300, deadline=None)
@given(some, cuts, groupings, st.none() | moments)
def test_every_row_and_the_total_add_up(dossiers, cut, group_by, as_of):
    from dienbien.policy.core.statistics import unbalanced

    # Any set of facts, any period, grouping and present moment.
    report = compute(dossiers, cut[0], cut[1], group_by, as_of=as_of)
    for row in [*report.rows, report.total]:
        assert unbalanced(row) == [], row


@settings(max_examples=200, deadline=None)
@given(some, groupings)
def test_monthly_counts_are_the_months_reports(dossiers, group_by):
    from dienbien.policy.core.statistics import monthly_timeliness

    months = monthly_timeliness(dossiers, 2026, group_by)
    rates = monthly_on_time_rate(dossiers, 2026, group_by)
    assert list(months) == list(rates)
    for month in range(1, 13):
        start = datetime(2026, month, 1)
        end = datetime(2026 + month // 12, month % 12 + 1, 1)
        report = compute(dossiers, start, end, group_by)
        for row in report.rows:
            good, resolved = months.get(row["key"], [(0, 0)] * 12)[month - 1]
            assert resolved == row["resolved_total"]
            assert good == row["early"] + row["on_time"]
            if resolved:
                assert rates[row["key"]][month - 1] == row["on_time_rate"]
