"""The papers ticked in the add form become the dossier's paper rows."""

from dienbien.policy.core.papers import MAX_COUNT
from dienbien.policy.core.papers import PaperLine
from dienbien.policy.core.papers import received_papers
from hypothesis import given
from hypothesis import strategies as st


def test_ticked_papers_give_one_row_per_kind():
    rows, problems = received_papers(
        [
            PaperLine("Tờ khai", True, "1", "0"),
            PaperLine("Giấy chứng sinh", True, " 2 ", "3"),
            PaperLine("Sổ hộ khẩu", False, "1", "1"),
        ]
    )
    assert problems == []
    assert rows == [
        {"name": "Tờ khai", "kind": "original", "count": 1},
        {"name": "Giấy chứng sinh", "kind": "original", "count": 2},
        {"name": "Giấy chứng sinh", "kind": "copy", "count": 3},
    ]


def test_blank_counts_are_none():
    rows, problems = received_papers([PaperLine("Bản sao", True, "", "2")])
    assert problems == []
    assert rows == [{"name": "Bản sao", "kind": "copy", "count": 2}]


def test_a_ticked_paper_needs_a_count():
    rows, problems = received_papers([PaperLine("Tờ khai", True, "0", "")])
    assert rows == []
    assert [(p.field, p.message) for p in problems] == [
        (
            "papers",
            "Tờ khai is ticked as received: give the number of originals or copies.",
        )
    ]


def test_counts_must_be_small_whole_numbers():
    for bad in ("-1", "1.5", "hai", str(MAX_COUNT + 1)):
        rows, problems = received_papers([PaperLine("Tờ khai", True, bad, "0")])
        assert rows == []
        assert [p.message for p in problems] == [
            "The numbers of originals and copies of Tờ khai must be whole "
            "numbers from 0 to 99."
        ]


@given(
    st.lists(st.tuples(st.text(max_size=20), st.text(max_size=3), st.text(max_size=3)))
)
def test_lines_left_as_shown_are_never_a_problem(lines):
    """Unticked lines, and blank lines whatever their counts, give neither
    rows nor problems: the form's untouched lines never block a save."""
    untouched = [PaperLine(name, False, o, c) for name, o, c in lines]
    untouched += [PaperLine("  ", True, o, c) for _name, o, c in lines]
    assert received_papers(untouched) == ([], [])
