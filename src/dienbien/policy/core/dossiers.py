"""One-stop dossiers: states and national status codes, dossier codes,
appointment times and the timeliness of each step (domain.md §1).

The Plone shell stores dossiers, runs the workflow and keeps the hand-over
log; the rules live here.
"""

from .calendar import WorkingCalendar
from .messages import Problem
from .procedures import ChannelTerms
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time

import re


#: Workflow state ids and the status codes used with the National Public
#: Service Portal.
STATUS_CODES = {
    "submitted": 1,
    "accepted": 2,
    "refused": 3,
    "processing": 4,
    "supplement_requested": 5,
    "awaiting_payment": 6,
    "withdrawn": 7,
    "stopped": 8,
    "resolved": 9,
    "returned": 10,
}
STATUS_TITLES = {
    "submitted": "Mới đăng ký",
    "accepted": "Được tiếp nhận",
    "refused": "Không được tiếp nhận",
    "processing": "Đang xử lý",
    "supplement_requested": "Yêu cầu bổ sung giấy tờ",
    "awaiting_payment": "Yêu cầu thực hiện nghĩa vụ tài chính",
    "withdrawn": "Công dân yêu cầu rút hồ sơ",
    "stopped": "Dừng xử lý",
    "resolved": "Đã xử lý xong",
    "returned": "Đã trả kết quả",
}
FINISHED = ("refused", "withdrawn", "stopped", "returned")
#: States in which the processing clock runs.
CLOCK_RUNS = ("accepted", "processing", "awaiting_payment")
CHANNELS = ("in_person", "online", "post")
PAPER_KINDS = ("original", "copy")

CODE_PATTERN = re.compile(r"^(?P<unit>[A-Za-z0-9.]+)-(?P<day>\d{6})-(?P<seq>\d{4,})$")


def dossier_code(unit_code: str, day: date, sequence: int) -> str:
    """``H15.50.MC-261129-0007``: unit, yymmdd, a daily sequence of 4 digits."""
    if sequence < 1:
        raise ValueError("sequences start at 1")
    return f"{unit_code}-{day:%y%m%d}-{sequence:04d}"


def dossier_id(code: str) -> str:
    """The content id of a dossier: its code in lower case, dots as dashes."""
    return code.lower().replace(".", "-")


def appointment(
    calendar: WorkingCalendar,
    accepted: datetime,
    terms: ChannelTerms,
    default_cutoff: time,
) -> datetime:
    """The due time of a dossier accepted at ``accepted`` under ``terms``."""
    if terms.time_unit == "working_days":
        return calendar.add_working_days(accepted, terms.time_value)
    if terms.time_unit == "working_hours":
        return calendar.add_working_hours(accepted, terms.time_value)
    if terms.time_unit == "calendar_days":
        return calendar.add_calendar_days(accepted, int(terms.time_value))
    if terms.time_unit == "same_day":
        cutoff = (
            time(*map(int, terms.cutoff.split(":"))) if terms.cutoff else default_cutoff
        )
        return calendar.same_day(accepted, cutoff)
    raise ValueError(f"unknown time unit {terms.time_unit!r}")


def timeliness(done: datetime, due: datetime | None) -> str | None:
    """``early``, ``on_time`` or ``late`` for a step done at ``done``.

    The same minute as the appointment counts as on time.
    """
    if due is None:
        return None
    done_minute = done.replace(second=0, microsecond=0)
    due_minute = due.replace(second=0, microsecond=0)
    if done_minute < due_minute:
        return "early"
    if done_minute == due_minute:
        return "on_time"
    return "late"


def last_digits(value: str, count: int = 4) -> str:
    digits = re.sub(r"\D", "", value or "")
    return digits[-count:]


def verify_matches(verify: str, phone: str, id_number: str) -> bool:
    """The public lookup's check: the last 4 digits of phone or ID number."""
    verify = (verify or "").strip()
    if not re.fullmatch(r"\d{4}", verify):
        return False
    return verify in {last_digits(phone), last_digits(id_number)} - {""}


@dataclass(frozen=True)
class Applicant:
    name: str
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


PHONE = re.compile(r"^\+?[0-9 .-]{8,15}$")
ID_NUMBER = re.compile(r"^[0-9A-Za-z]{8,12}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_applicant(applicant: Applicant) -> list[Problem]:
    """What is wrong with the applicant's details. The messages never repeat
    the value sent: they reach responses, forms and logs, and the values are
    personal data."""
    problems = []
    if not applicant.name.strip():
        problems.append(Problem("applicant_name", "The applicant's name is required."))
    if applicant.phone and not PHONE.match(applicant.phone):
        problems.append(
            Problem(
                "applicant_phone",
                "This is not a phone number: 8 to 15 digits, spaces, dots or "
                "dashes, with an optional leading +.",
            )
        )
    if applicant.id_number and not ID_NUMBER.match(applicant.id_number):
        problems.append(
            Problem(
                "applicant_id_number",
                "This is not an ID number: 8 to 12 letters and digits.",
            )
        )
    if applicant.email and not EMAIL.match(applicant.email):
        problems.append(
            Problem(
                "applicant_email",
                "This is not an e-mail address.",
            )
        )
    if not (applicant.phone or applicant.id_number):
        problems.append(
            Problem(
                "applicant_phone",
                "A phone number or an ID number is required: the applicant "
                "checks the dossier's status with its last 4 digits.",
            )
        )
    return problems
