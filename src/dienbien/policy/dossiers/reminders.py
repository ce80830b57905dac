"""Daily reminders: each handling unit's officers get the list of their
dossiers that are overdue or due by the end of the next working day.

Run from cron with ``make send-reminders`` (scripts/send_reminders.py), or
with ``POST /@send-reminders`` while the server holds the database;
mail goes through the site's MailHost.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from dienbien.policy.core.dossiers import CLOCK_RUNS
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.core.reorganisation import resolve
from dienbien.policy.orgunits import references
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.workingtime import site_calendar
from plone import api


@dataclass
class UnitReminder:
    unit: str
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)


def collect(now: datetime) -> dict[str, UnitReminder]:
    """Overdue and due-soon dossiers by handling unit (from catalog metadata).

    A dossier still naming a retired unit goes to the unit that now answers
    for it (open dossiers are handed over when the unit retires; this keeps
    any that were not, such as one loaded from an older system, in a queue
    someone reads).
    """
    calendar = site_calendar()
    horizon = calendar.closing(calendar.next_working_day(now.date()))
    now_text = now.strftime("%Y-%m-%dT%H:%M")
    horizon_text = horizon.strftime("%Y-%m-%dT%H:%M")
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Dossier",
        review_state=list(CLOCK_RUNS),
        dossier_appointment={"query": horizon_text, "range": "max"},
        sort_on="dossier_appointment",
    )
    succession = references.succession()
    units: dict[str, UnitReminder] = {}
    for brain in brains:
        unit = brain.dossier_handling_unit
        if not unit:
            continue
        unit = resolve(unit, succession)
        reminder = units.setdefault(unit, UnitReminder(unit))
        item = {
            "code": brain.dossier_code,
            "title": brain.Title,
            "appointment": brain.dossier_appointment,
            "url": brain.getURL(),
        }
        if brain.dossier_appointment < now_text:
            reminder.overdue.append(item)
        else:
            reminder.due_soon.append(item)
    return units


def _line(item) -> str:
    day, clock = item["appointment"].split("T")
    year, month, date_ = day.split("-")
    return f"- {item['title']} — hẹn trả {clock} ngày {date_}/{month}/{year}\n  {item['url']}"


def message(reminder: UnitReminder, unit_title: str) -> tuple[str, str]:
    subject = (
        f"[Một cửa] {unit_title}: {len(reminder.overdue)} hồ sơ quá hạn, "
        f"{len(reminder.due_soon)} hồ sơ sắp đến hạn"
    )
    parts = [f"Kính gửi chuyên viên {unit_title},", ""]
    if reminder.overdue:
        parts += ["Hồ sơ đã quá hạn hẹn trả:", *map(_line, reminder.overdue), ""]
    if reminder.due_soon:
        parts += [
            "Hồ sơ đến hạn trước khi hết giờ làm việc ngày làm việc tiếp theo:",
            *map(_line, reminder.due_soon),
            "",
        ]
    parts.append("Thư này được gửi tự động mỗi ngày làm việc.")
    return subject, "\n".join(parts)


def send(now: datetime) -> list[tuple[str, str]]:
    """Send each unit's reminder to its officers; return (unit, recipient)s."""
    titles = unit_titles(api.portal.get())
    sent = []
    for unit, reminder in collect(now).items():
        group = api.group.get(groupname=group_id(unit, "officer"))
        if group is None:
            continue
        subject, body = message(reminder, titles.get(unit, unit))
        for member_id in group.getGroupMemberIds():
            user = api.user.get(userid=member_id)
            email = user.getProperty("email") if user else None
            if not email:
                continue
            api.portal.send_email(recipient=email, subject=subject, body=body)
            sent.append((unit, email))
    return sent
