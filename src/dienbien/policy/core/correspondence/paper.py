"""How an administrative document is laid out on paper (Decree 30/2020
Appendix I): the national heading, the issuer block, the place and date
line, the "Nơi nhận" list. Texts only; the page template places them.
"""

from collections.abc import Iterable
from datetime import date

import re


NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

#: Words in front of a place name in a unit's title ("UBND huyện Điện Biên",
#: "Ủy ban nhân dân xã Thanh Nưa"): the place is what follows them.
_PLACE_PREFIX = re.compile(
    r"^(?:(?:ubnd|hđnd|ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân|"
    r"văn phòng hđnd và ubnd|văn phòng)\s+)?"
    r"(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+",
    re.IGNORECASE,
)


def place_from_title(title: str) -> str:
    """The place name in a unit's title (``UBND huyện Điện Biên`` → ``Điện
    Biên``); ``""`` when the title names no administrative unit (``Phòng Tư
    pháp``: its place is its parent's)."""
    title = (title or "").strip()
    match = _PLACE_PREFIX.match(title)
    return title[match.end() :].strip() if match else ""


def dateline(place: str, day: date) -> str:
    """``Điện Biên, ngày 05 tháng 3 năm 2026``: a day below 10 and the
    months January and February take a leading zero (Appendix I), so that
    nothing can be written in front of them."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place.strip()}, {text}" if place and place.strip() else text.capitalize()


def issuer_lines(parent_title: str, unit_title: str) -> tuple[str, str]:
    """The issuer block: the governing body above (may be empty) and the
    issuer below, both in capitals."""
    return ((parent_title or "").strip().upper(), (unit_title or "").strip().upper())


#: A comma outside parentheses: what separates the keepers of copies.
_KEEPER_PARTS = re.compile(r",(?![^()]*\))")


def recipient_lines(
    recipients: Iterable[str], keeper: str = "", department: str = ""
) -> list[str]:
    """The "Nơi nhận" list: one line per recipient ending in ``;``, then the
    copies kept: ``Lưu: VT, VP.`` (the clerical office, then the keeper or
    the drafting department). A keeper written as the register's column
    has it, "VT, VP", names the clerical office once, first, with its
    count of copies when written ("VT (02)"); a comma inside parentheses,
    "VP (02 bản, 01 bản gốc)", does not part keepers."""
    lines = [f"- {name.strip()};" for name in recipients if name and name.strip()]
    kept = ["VT"]
    for part in _KEEPER_PARTS.split(keeper or department):
        part = part.strip()
        if part.split("(")[0].strip().upper() == "VT":
            # The clerical office, with its count when one is written.
            if "(" in part:
                kept[0] = "VT " + part[part.index("(") :]
        elif part and part.upper() not in (k.upper() for k in kept):
            kept.append(part)
    lines.append(f"- Lưu: {', '.join(kept)}.")
    return lines
