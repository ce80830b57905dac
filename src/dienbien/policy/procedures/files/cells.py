"""Cells to values: what a person types in a spreadsheet cell (grouped
thousands, day/month/year dates, TRUE/có/x) read as the core's values, each
refusal a ``Problem`` at the cell."""

from dataclasses import fields as dataclass_fields
from datetime import date
from datetime import datetime
from datetime import time
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.procedures import ChannelTerms
from dienbien.policy.core.procedures import Component
from dienbien.policy.core.procedures import Procedure

import math
import re


_DEFAULTS = {
    **{f.name: f.default for f in dataclass_fields(Procedure)},
    **{f.name: f.default for f in dataclass_fields(ChannelTerms)},
    **{f.name: f.default for f in dataclass_fields(Component)},
    "state": "",
}
_INTEGERS = ("fee", "originals", "copies")
_DATES = ("in_force_from", "abolished_on")
_GROUPED = re.compile(r"^-?\d{1,3}([.,\s])\d{3}(\1\d{3})*$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_code(value) -> str:
    # Excel turns a typed 2.000630 into the number 2.00063: national codes
    # have six decimals, so a number is read back with six.
    if isinstance(value, float) and 0 <= value < 10:
        return f"{value:.6f}"
    return cell_text(value)


def _cutoff(value) -> str:
    if isinstance(value, datetime | time):
        return value.strftime("%H:%M")
    return cell_text(value)


def _number(name, value):
    if value is None or value == "":
        return _DEFAULTS[name], None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value):
            return value, None
    else:
        text = cell_text(value).replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # Vietnamese decimal comma: 0,5
        try:
            return int(text), None
        except ValueError:
            pass
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if math.isfinite(number):
            return number, None
    return _DEFAULTS[name], Problem(
        name, "${value} is not a number.", {"value": cell_text(value)}
    )


def _integer(name, value):
    if value is None or value == "":
        return _DEFAULTS[name], None
    if isinstance(value, int) and not isinstance(value, bool):
        return value, None
    if isinstance(value, float) and value.is_integer():
        return int(value), None
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"-?\d+", text):
            return int(text), None
        if _GROUPED.match(text):  # 50.000 or 50,000 or 50 000 đồng
            return int(re.sub(r"[.,\s]", "", text)), None
    return _DEFAULTS[name], Problem(
        name, "${value} is not a whole number.", {"value": cell_text(value)}
    )


_TRUE = {"true", "yes", "x", "1", "có", "co"}
_FALSE = {"false", "no", "0", "không", "khong", ""}


def _boolean(name, value):
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value), None
    text = cell_text(value).lower()
    if text in _TRUE:
        return True, None
    if text in _FALSE:
        return False, None
    return False, Problem(
        name,
        "${value} is not yes or no (TRUE/FALSE, x or empty).",
        {"value": cell_text(value)},
    )


def _date(name, value):
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, str):
        text = value.strip()
        match = _DMY.match(text)
        try:
            if match:  # 01/07/2025, as dates are written in Vietnam
                day, month, year = (int(part) for part in match.groups())
                return date(year, month, day), None
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return date.fromisoformat(text), None
        except ValueError:
            pass
    return None, Problem(
        name,
        "${value} is not a date (YYYY-MM-DD or DD/MM/YYYY).",
        {"value": cell_text(value)},
    )


def _choice(name, value) -> str:
    text = cell_text(value)
    return text if text else _DEFAULTS[name]


def parse_cell(name, value):
    """One cell as the value of column ``name``, and what is wrong with it."""
    if isinstance(value, list | dict):
        return _DEFAULTS[name], Problem(name, "Expected a single value, not a list.")
    if name == "code":
        return cell_code(value), None
    if name == "cutoff":
        return _cutoff(value), None
    if name == "time_value":
        return _number(name, value)
    if name in _INTEGERS:
        return _integer(name, value)
    if name == "boundary_free":
        return _boolean(name, value)
    if name in _DATES:
        return _date(name, value)
    if name in ("online_service", "time_unit"):
        return _choice(name, value), None
    return cell_text(value), None
