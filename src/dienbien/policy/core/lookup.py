"""What the public status lookup tells a citizen (issue 9, item 5).

Each step of the hand-over log is named for the citizen ("Tiếp nhận",
"Chuyển xử lý", "Yêu cầu bổ sung"…), a dossier waiting for a supplement says
which papers to bring and why, and every state says what the citizen has to
do next, if anything. Only the step, its unit and its time leave the log:
never who acted, nor the notes of other steps (they may name people).
"""

from dataclasses import dataclass

import re


#: The steps a citizen sees, by hand-over log action. An action not listed
#: (a future one) is shown as ``update``.
PUBLIC_STEPS = {
    "accept": "accepted",
    "refuse": "refused",
    "transfer": "transferred",
    "request_supplement": "supplement_requested",
    "receive_supplement": "supplement_received",
    "request_payment": "payment_requested",
    "confirm_payment": "payment_confirmed",
    "resolve": "resolved",
    "stop": "stopped",
    "withdraw": "withdrawn",
    "return_result": "returned",
    "apology": "new_appointment",
    "reorganise": "reorganised",
}
OTHER_STEP = "update"

#: What the citizen has to do in each state; states not listed ask nothing.
ACTIONS = {
    "accepted": "wait",
    "processing": "wait",
    "supplement_requested": "bring_supplement",
    "awaiting_payment": "pay_fees",
    "resolved": "collect_result",
    "refused": "ask_desk",
    "stopped": "ask_desk",
}

#: A line of the request that gives its reason: "Lý do: …" / "Reason: …".
_REASON = re.compile(r"^\s*(?:l[ýy]\s*do|reason)\s*[:：-]\s*", re.IGNORECASE)
#: The numbering or bullet a clerk types before an item.
_BULLET = re.compile(r"^\s*(?:\d+\s*[.)]|[-•*+])\s*")


def public_step(action: str | None) -> str:
    return PUBLIC_STEPS.get(action or "", OTHER_STEP)


def citizen_action(state: str | None) -> str | None:
    return ACTIONS.get(state or "")


@dataclass(frozen=True)
class SupplementRequest:
    """The papers a supplement request asks for, and its reason."""

    papers: tuple[str, ...]
    reason: str


def supplement_request(note: str, papers=None) -> SupplementRequest:
    """The request as the citizen reads it.

    ``papers`` is the list the request recorded, when it recorded one; the
    note is then its reason. Otherwise the note is the text of Mẫu 02: one
    paper a line (numbered or bulleted or not), and a line starting with
    "Lý do:" for the reason.
    """
    lines = [line.strip() for line in (note or "").splitlines() if line.strip()]
    if papers:
        listed = tuple(p.strip() for p in papers if p and p.strip())
        return SupplementRequest(listed, " ".join(lines))
    items, reasons = [], []
    for line in lines:
        if _REASON.match(line):
            reasons.append(_REASON.sub("", line).strip())
        else:
            item = _BULLET.sub("", line).strip()
            if item:
                items.append(item)
    return SupplementRequest(tuple(items), " ".join(r for r in reasons if r))
