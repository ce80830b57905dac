"""Words of the slips: dates and times as administrative documents write them
(Decree 30/2020), money, processing times, place names, the lookup link and
its QR code."""

from datetime import date
from datetime import datetime
from dienbien.policy.dossiers.slips.model import BLANK
from dienbien.policy.workingtime import display_time
from urllib.parse import quote

import io
import re


def day_text(value: date) -> str:
    """``ngày 03 tháng 3 năm 2026``; the months 1 and 2 take a zero."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def clock_text(value: datetime) -> str:
    """``09 giờ 00 phút``."""
    return f"{value.hour:02d} giờ {value.minute:02d} phút"


def moment_text(value: datetime | None) -> str:
    """``09 giờ 00 phút, ngày 04 tháng 3 năm 2026``."""
    if value is None:
        return BLANK
    return f"{clock_text(value)}, {day_text(value)}"


def short_text(value: datetime | None) -> str:
    """``09:00 03/03/2026``, for the narrow columns of a register."""
    return display_time(value)


def place_date(place: str, value: date | None) -> str:
    """``Điện Biên, ngày 03 tháng 3 năm 2026`` (blank day when unknown)."""
    day = day_text(value) if value else "ngày …… tháng …… năm ……"
    return f"{place}, {day}" if place else day[:1].upper() + day[1:]


_UNIT_WORDS = re.compile(
    r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+"
    r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+",
    re.IGNORECASE,
)


def place_name(unit_title: str) -> str:
    """The place of a People's Committee: ``UBND huyện Điện Biên`` ->
    ``Điện Biên``; other titles give no place (``""``)."""
    title = (unit_title or "").strip()
    match = _UNIT_WORDS.match(title)
    return title[match.end() :].strip() if match else ""


def money_text(amount: int | None) -> str:
    """``2.000 đồng``; nothing to pay says so."""
    if not amount:
        return "Không thu phí, lệ phí"
    return f"{amount:,} đồng".replace(",", ".")


def number_text(value: float) -> str:
    number = int(value) if float(value).is_integer() else value
    return str(number).replace(".", ",")


def processing_time_text(terms: dict | None) -> str:
    """The legal processing time of the frozen terms, in words."""
    if not terms:
        return BLANK
    unit = terms.get("time_unit")
    value = terms.get("time_value") or 0
    if unit == "same_day":
        cutoff = terms.get("cutoff") or ""
        if cutoff:
            hour, minute = (int(part) for part in cutoff.split(":"))
            return (
                "Trong ngày làm việc (hồ sơ nhận trước "
                f"{hour:02d} giờ {minute:02d} phút)"
            )
        return "Trong ngày làm việc"
    words = {
        "working_days": "ngày làm việc",
        "working_hours": "giờ làm việc",
        "calendar_days": "ngày",
    }
    return f"{number_text(value)} {words.get(unit, unit or '')}".strip()


def lookup_link(lookup_url: str, code: str) -> str:
    """The lookup page for one dossier: ``…/tra-cuu-ho-so?code=<code>``.

    Never the verification digits: the applicant types them."""
    return f"{lookup_url}?code={quote(code, safe='')}"


def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as a PNG image (black on white, 4-module quiet
    zone, medium error correction)."""
    import qrcode
    import qrcode.constants

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=6, border=4
    )
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
