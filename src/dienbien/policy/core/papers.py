"""The papers a desk clerk ticks as received in the add form.

The form lists the procedure's papers (its components) with the number of
originals and copies the procedure asks for; the clerk ticks those handed
in and corrects the counts. A few blank lines take papers the list lacks.
What was ticked becomes the dossier's paper rows, one per kind::

    >>> rows, problems = received_papers(
    ...     [PaperLine("Giấy chứng sinh", True, "1", "2"),
    ...      PaperLine("Tờ khai", False, "1", "0"),
    ...      PaperLine("", True, "", "")])
    >>> rows
    [{'name': 'Giấy chứng sinh', 'kind': 'original', 'count': 1}, {'name': 'Giấy chứng sinh', 'kind': 'copy', 'count': 2}]
    >>> problems
    []

A line left as it was shown (not ticked, or a blank line) is never a
problem: it is simply not a paper received.
"""

from dataclasses import dataclass
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.numbers import is_whole


#: More copies than this of one paper is a typing slip, not a dossier.
MAX_COUNT = 99


@dataclass(frozen=True)
class PaperLine:
    """One line of the form as submitted: the counts as typed."""

    name: str
    received: bool
    originals: str = ""
    copies: str = ""


def _count(text: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return 0
    if not is_whole(text) or int(text) > MAX_COUNT:
        return None
    return int(text)


def received_papers(lines) -> tuple[list[dict], list[Problem]]:
    """The paper rows (``name``, ``kind``, ``count``) of the ticked lines,
    and the problems of the ticked lines whose counts cannot be used."""
    rows, problems = [], []
    for line in lines:
        name = (line.name or "").strip()
        if not (name and line.received):
            continue
        originals, copies = _count(line.originals), _count(line.copies)
        if originals is None or copies is None:
            problems.append(
                Problem(
                    "papers",
                    "The numbers of originals and copies of ${name} must be "
                    "whole numbers from 0 to ${top}.",
                    {"name": name, "top": MAX_COUNT},
                )
            )
            continue
        if not (originals or copies):
            problems.append(
                Problem(
                    "papers",
                    "${name} is ticked as received: give the number of "
                    "originals or copies.",
                    {"name": name},
                )
            )
            continue
        for kind, count in (("original", originals), ("copy", copies)):
            if count:
                rows.append({"name": name, "kind": kind, "count": count})
    return rows, problems
