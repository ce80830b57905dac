"""The issuer's editors are reminded of their published documents whose end
date comes within 30 days or whose basis (căn cứ) was replaced or repealed
(rules: ``core/legal/reminders.py``): on the page ``@@legal-reminders`` of
the register and in the daily reminder mail (``make send-reminders``,
``POST /@send-reminders``, next to the dossiers' reminders).

Who are "the issuer's editors": the members of the issuing unit's groups
(any function: clerical office, officers, leaders…; a retired issuer's
successor's) who may add and edit normative documents in the register
(``dienbien.policy: Add LegalDocument``: Editor, Contributor, Site
Administrator, Manager — the roles the legal workflow lets edit a draft).
The unit's groups say whose documents they are, the role says who keeps
them: a site grants the Editor role to, say, the People's Committee
office's clerical group, and those people get its reminders.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from dienbien.policy.core.legal import reminders as rules
from dienbien.policy.core.orgunits import FUNCTIONS
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.core.reorganisation import resolve
from dienbien.policy.legal.document import LEGAL_PATH
from dienbien.policy.legal.validity import _brains
from dienbien.policy.legal.validity import build_register
from dienbien.policy.legal.validity import display_notation
from dienbien.policy.orgunits import references
from dienbien.policy.orgunits.lookup import unit_titles
from plone import api

import logging


logger = logging.getLogger("dienbien.policy")
EDIT_PERMISSION = "dienbien.policy: Add LegalDocument"


@dataclass
class IssuerReminder:
    unit: str
    items: list = field(default_factory=list)

    def of_kind(self, kind: str) -> list:
        return [item for item in self.items if item["kind"] == kind]


def collect(today: date) -> list[dict]:
    """Every reminder on ``today`` as a row for a page or a mail (from
    catalog metadata: no document is woken)."""
    register, by_key = build_register(_brains())
    rows = []
    for reminder in rules.reminders(register, today):
        brain = by_key[reminder.document]
        row = {
            "kind": reminder.kind,
            "notation": brain.legal_notation,
            "title": brain.Title,
            "url": brain.getURL(),
            "issuer": brain.legal_issuer or "",
            "day": reminder.day,
            "relation": reminder.relation,
            "part": reminder.part,
            "basis": _other(reminder.basis, by_key),
            "cause": _other(reminder.cause, by_key),
        }
        rows.append(row)
    return rows


def _other(key: str, by_key: dict) -> dict | None:
    if not key:
        return None
    brain = by_key.get(key)
    if brain is None:
        return {"notation": display_notation(key), "url": ""}
    return {"notation": brain.legal_notation, "url": brain.getURL()}


def by_issuer(rows: list[dict]) -> dict[str, IssuerReminder]:
    """The rows by the unit that now answers for the issuer (a retired
    issuer's documents go to its successor)."""
    succession = references.succession()
    found: dict[str, IssuerReminder] = {}
    for row in rows:
        if not row["issuer"]:
            continue
        unit = resolve(row["issuer"], succession)
        found.setdefault(unit, IssuerReminder(unit)).items.append(row)
    return found


def editors(unit: str, register) -> list:
    """The members of ``unit``'s groups who may edit normative documents in
    ``register``, each once, in order of login."""
    found = {}
    for function in FUNCTIONS:
        group = api.group.get(groupname=group_id(unit, function))
        if group is None:
            continue
        for member_id in group.getGroupMemberIds():
            if member_id in found:
                continue
            user = api.user.get(userid=member_id)
            if user is not None and api.user.has_permission(
                EDIT_PERMISSION, user=user, obj=register
            ):
                found[member_id] = user
    return [found[member_id] for member_id in sorted(found)]


def day_text(day: date) -> str:
    return day.strftime("%d/%m/%Y")


#: How the mail (Vietnamese, as the dossiers' reminder) says what happened.
RELATION_WORDS = {"replaces": "thay thế", "repeals": "bãi bỏ"}


def detail(row: dict) -> str:
    if row["kind"] == rules.ENDING:
        return f"hết hiệu lực từ ngày {day_text(row['day'])}"
    words = RELATION_WORDS.get(row["relation"], row["relation"])
    if row["kind"] == rules.BASIS_PARTLY:
        words += f" một phần ({row['part']})" if row["part"] else " một phần"
    return (
        f"căn cứ {row['basis']['notation']} bị {words} bởi "
        f"{row['cause']['notation']} từ ngày {day_text(row['day'])}"
    )


def _line(row: dict) -> str:
    return f"- {row['title']} — {detail(row)}\n  {row['url']}"


SECTIONS = (
    (rules.ENDING, "Văn bản sắp hết hiệu lực (trong 30 ngày tới):"),
    (rules.BASIS_ENDED, "Văn bản có căn cứ bị thay thế, bãi bỏ:"),
    (rules.BASIS_PARTLY, "Văn bản có căn cứ bị thay thế, bãi bỏ một phần:"),
)


def message(reminder: IssuerReminder, unit_title: str) -> tuple[str, str]:
    ending = len(reminder.of_kind(rules.ENDING))
    basis = len(reminder.items) - ending
    subject = (
        f"[Văn bản QPPL] {unit_title}: {ending} văn bản sắp hết hiệu lực, "
        f"{basis} văn bản có căn cứ bị thay thế, bãi bỏ"
    )
    parts = [f"Kính gửi người biên tập văn bản của {unit_title},", ""]
    for kind, heading in SECTIONS:
        rows = reminder.of_kind(kind)
        if rows:
            parts += [heading, *map(_line, rows), ""]
    parts.append(
        "Thư này được gửi tự động mỗi ngày làm việc; danh sách đầy đủ ở trang "
        "Nhắc việc văn bản QPPL."
    )
    return subject, "\n".join(parts)


def send(today: date) -> list[tuple[str, str]]:
    """Send each issuer's reminders to its editors; return (unit, recipient)s."""
    portal = api.portal.get()
    register = portal.get(LEGAL_PATH)
    if register is None:
        return []
    titles = unit_titles(portal)
    sent = []
    issuers = by_issuer(collect(today))
    for unit, reminder in issuers.items():
        subject, body = message(reminder, titles.get(unit, unit))
        for user in editors(unit, register):
            email = user.getProperty("email")
            if not email:
                continue
            api.portal.send_email(recipient=email, subject=subject, body=body)
            sent.append((unit, email))
    # Counts only: no names or addresses in the log.
    logger.info("legal reminders: %d issuers, %d mails", len(issuers), len(sent))
    return sent
