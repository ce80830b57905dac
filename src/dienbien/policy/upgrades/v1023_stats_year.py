"""1022 → 1023: the ``dossier_open_months`` index (the months each dossier
was open in, ``open`` while it is), so that a period's statistics read that
period's dossiers and the open ones instead of the whole history."""

from dienbien.policy.dossiers.statistics.facts import PERIODS_INDEX
from dienbien.policy.upgrades.indexing import add_and_fill


def add_open_months_index(setup_tool=None, batch_size: int = 1000) -> int:
    """Add the index and index every dossier in it (its metadata is left as
    it is); return how many dossiers were indexed."""
    return add_and_fill(PERIODS_INDEX, "KeywordIndex", ["Dossier"], batch_size)
