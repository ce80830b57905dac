"""Urgency and confidentiality of a document, as ordered vocabularies.

Urgency (độ khẩn) and confidentiality (độ mật) are printed as stamps on the
document (Decree 30/2020 Appendix I) and drive the work: urgent documents are
registered and forwarded at once (Art. 15, 18, 21–23); secret ones (mật and
above, State Secrets Protection Law 29/2018 Art. 8) are numbered in their own
series and seen only by the people named on them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    id: str
    rank: int
    title: str  # Vietnamese, as the law names it
    stamp: str  # the text of the stamp ("" for the ordinary level)


URGENCIES = (
    Level("normal", 0, "Thường", ""),
    Level("urgent", 1, "Khẩn", "KHẨN"),
    Level("very_urgent", 2, "Thượng khẩn", "THƯỢNG KHẨN"),
    Level("flash", 3, "Hỏa tốc", "HỎA TỐC"),
)

CONFIDENTIALITIES = (
    Level("normal", 0, "Thường", ""),
    Level("confidential", 1, "Mật", "MẬT"),
    Level("secret", 2, "Tối mật", "TỐI MẬT"),
    Level("top_secret", 3, "Tuyệt mật", "TUYỆT MẬT"),
)

URGENCY_IDS = tuple(level.id for level in URGENCIES)
CONFIDENTIALITY_IDS = tuple(level.id for level in CONFIDENTIALITIES)

#: edXML ``OtherInfo/Priority`` codes for urgency (reference/exchange.md §5:
#: seen in implementations, no official list; "4 hỏa tốc hẹn giờ" left out).
EDXML_PRIORITY = {"normal": 0, "urgent": 1, "very_urgent": 2, "flash": 3}


def _find(levels: tuple[Level, ...], level_id: str, what: str) -> Level:
    for level in levels:
        if level.id == level_id:
            return level
    raise ValueError(f"unknown {what} {level_id!r}")


def urgency(level_id: str) -> Level:
    return _find(URGENCIES, level_id, "urgency")


def confidentiality(level_id: str) -> Level:
    return _find(CONFIDENTIALITIES, level_id, "confidentiality")


def is_urgent(level_id: str) -> bool:
    """Khẩn and above: registered, issued and forwarded immediately, not by
    the next working day (Decree 30/2020 Art. 15, 21)."""
    return urgency(level_id).rank >= 1


def is_secret(level_id: str) -> bool:
    """Mật and above: its own number series and named readers only."""
    return confidentiality(level_id).rank >= 1


def urgency_at_least(level_id: str, threshold: str) -> bool:
    return urgency(level_id).rank >= urgency(threshold).rank


def confidentiality_at_least(level_id: str, threshold: str) -> bool:
    return confidentiality(level_id).rank >= confidentiality(threshold).rank


def most_urgent_first(level_id: str) -> int:
    """A sort key: ``sorted(ids, key=most_urgent_first)`` puts hỏa tốc first."""
    return -urgency(level_id).rank


def highest_confidentiality(level_ids) -> str:
    """The strictest of several levels (a reply or a file is at least as
    secret as what it holds); ``normal`` for none."""
    levels = [confidentiality(level_id) for level_id in level_ids]
    return max(levels, key=lambda level: level.rank, default=CONFIDENTIALITIES[0]).id
