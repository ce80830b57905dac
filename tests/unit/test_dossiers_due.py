"""The overdue listing's search (``dossiers.due``): the running dossiers
sorted by appointment, the run within the range found by bisection, is the
catalog's own range search; a window reads only what a page shows."""

from dienbien.policy.dossiers.due import bounds
from dienbien.policy.dossiers.due import running_by_appointment
from dienbien.policy.dossiers.due import Window
from types import SimpleNamespace

import pytest


APPOINTMENTS = [
    "2026-03-02T09:00",
    "2026-03-02T17:00",
    "2026-03-02T17:00",
    "2026-03-03T09:00",
    "2026-03-09T17:00",
]


class Catalog:
    """Sorted brains as the catalog gives them; counts the brains read."""

    def __init__(self):
        self.read = []
        self.queries = []

    def __call__(self, **query):
        self.queries.append(query)
        catalog = self

        class Brains:
            def __len__(self):
                return len(APPOINTMENTS)

            def __getitem__(self, index):
                catalog.read.append(index)
                return SimpleNamespace(dossier_appointment=APPOINTMENTS[index])

        return Brains()


@pytest.mark.parametrize(
    "limit, expected",
    [
        ({"query": "2026-03-02T17:00", "range": "max"}, APPOINTMENTS[:3]),
        ({"query": "2026-03-02T16:59", "range": "max"}, APPOINTMENTS[:1]),
        ({"query": "2026-03-01T00:00", "range": "max"}, []),
        (
            {"query": ("2026-03-02T17:00", "2026-03-03T09:00"), "range": "min:max"},
            APPOINTMENTS[1:4],
        ),
        ({"query": "2026-03-03T00:00", "range": "min"}, APPOINTMENTS[3:]),
    ],
)
def test_the_run_within_the_range(limit, expected):
    catalog = Catalog()
    query = {"review_state": ["processing"], "sort_on": "dossier_appointment"}
    found = running_by_appointment(
        catalog, {**query, "portal_type": "Dossier", "dossier_appointment": limit}
    )
    # The catalog is asked without the range (nor the type: the clock's
    # states are dossiers' only), and only a few brains read.
    assert catalog.queries == [query]
    assert len(catalog.read) <= 6
    assert len(found) == len(expected)
    assert [brain.dossier_appointment for brain in found] == expected


def test_window():
    window = Window(list("abcdef"), 1, 4)
    assert len(window) == 3
    assert window[0] == "b" and window[-1] == "d"
    assert window[1:] == ["c", "d"] and list(window) == ["b", "c", "d"]
    with pytest.raises(IndexError):
        window[3]
    assert len(Window([], 2, 1)) == 0
    assert bounds({"query": ["b", "a"], "range": "min:max"}) == ("a", "b")
