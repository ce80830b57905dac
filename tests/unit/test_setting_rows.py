"""The settings' rows read by the core: calendar overrides and procedure
fields, every problem named by row and column; the former text lines still
read (a site whose upgrade to rows has not run)."""

from datetime import date
from dienbien.policy.core.calendar import Override
from dienbien.policy.core.calendar import override_row
from dienbien.policy.core.calendar import parse_override_rows
from dienbien.policy.core.procedures import parse_field_rows


def row(day="2026-03-04", kind="day_off", reference="QĐ 1", name="Bão"):
    return {"day": day, "kind": kind, "reference": reference, "name": name}


def messages(problems):
    return [(problem.line, problem.message) for problem in problems]


def test_override_rows():
    overrides, problems = parse_override_rows(
        [row(day=date(2026, 3, 4)), row(day="2026-03-07", kind="working_day")]
    )
    assert problems == []
    assert overrides == [
        Override(date(2026, 3, 4), "day_off", "QĐ 1", "Bão"),
        Override(date(2026, 3, 7), "working_day", "QĐ 1", "Bão"),
    ]
    assert override_row(overrides[0]) == row(day=date(2026, 3, 4))


def test_override_row_problems():
    _overrides, problems = parse_override_rows(
        [
            row(day="2026-02-30"),
            row(kind="holiday"),
            row(reference=" "),
            row(),
            row(day=date(2026, 3, 4)),
            None,
        ]
    )
    assert messages(problems) == [
        (1, "Row 1, day: 2026-02-30 is not a date in the form YYYY-MM-DD."),
        (2, "Row 2, kind: holiday is neither day_off nor working_day."),
        (3, "Row 3, reference: the legal reference is required."),
        (5, "Row 5: 2026-03-04 is already overridden in row 4."),
        (6, "Row 6, day:  is not a date in the form YYYY-MM-DD."),
    ]
    assert {problem.field for problem in problems} == {"calendar_overrides"}


def test_former_override_lines_still_read():
    overrides, problems = parse_override_rows(
        ["2026-01-02 | day_off | CV 12729 | Nghỉ Tết | hoán đổi"]
    )
    assert problems == []
    assert overrides == [
        Override(date(2026, 1, 2), "day_off", "CV 12729", "Nghỉ Tết | hoán đổi")
    ]


def test_field_rows():
    fields, problems = parse_field_rows(
        [
            {"id": "ho-tich", "name": "Hộ tịch"},
            {"id": "Hộ tịch", "name": "x"},
            {"id": "y-te", "name": " "},
            {"id": "ho-tich", "name": "Lặp"},
            "dat-dai|Đất đai",
        ]
    )
    assert fields == {"ho-tich": "Hộ tịch", "dat-dai": "Đất đai"}
    assert messages(problems) == [
        (
            2,
            "Row 2, id: Hộ tịch is not lower-case ASCII letters, digits and dashes.",
        ),
        (3, "Row 3, name: the name of the field is required."),
        (4, "The field token ho-tich appears twice."),
    ]
