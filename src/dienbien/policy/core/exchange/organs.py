"""Organisation identifiers of the national document exchange.

Two forms are in use and platforms keep both (reference exchange.md §5):

- the QCVN 102 identifier, 13 characters in four dot-separated groups
  (``000.00.00.H41`` a provincial People's Committee, ``000.00.00.G22`` the
  Government Office): three, two and two letters or digits, then a sector
  letter and two letters or digits;
- the Decision 20/2020/QĐ-TTg code (amended by Decision 09/2025/QĐ-TTg): up
  to 35 characters, levels separated by dots, starting with the sector
  letter (``G`` ministries, ``H`` provincial People's Committees, ``K``
  provincial People's Councils…).

A ``DocumentId`` is ``OrganId,yyyy/MM/dd,Number/Notation``, e.g.
``000.00.00.G22,2015/09/30,7816/VPCP-TTĐT``: the issuer, the issue date and
the number with its notation.
"""

from ..messages import Problem
from dataclasses import dataclass
from datetime import date
from datetime import datetime

import re


ORGAN_ID = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$")
DECISION20_MAX = 35
DECISION20 = re.compile(r"^[A-Z][0-9A-Z]*(?:\.[0-9A-Z]+)*$")
DATE_FORMAT = "%Y/%m/%d"


def organ_id_problems(value, field: str = "organ_id") -> list[Problem]:
    """Problems with a QCVN 102 identifier (none when it is well formed)."""
    if not isinstance(value, str) or not ORGAN_ID.match(value):
        return [
            Problem(
                field,
                "The identifier ${value} is not of the form 000.00.00.H41 "
                "(13 characters: three groups of letters or digits and a sector "
                "code, separated by dots).",
                {"value": value if isinstance(value, str) else ""},
            )
        ]
    return []


def decision20_problems(value, field: str = "organ_code") -> list[Problem]:
    """Problems with a Decision 20/2020 code (none when it is well formed)."""
    if (
        not isinstance(value, str)
        or len(value) > DECISION20_MAX
        or not DECISION20.match(value)
    ):
        return [
            Problem(
                field,
                "The code ${value} is not a Decision 20/2020 code (up to 35 "
                "capital letters and digits, levels separated by dots, starting "
                "with the sector letter).",
                {"value": value if isinstance(value, str) else ""},
            )
        ]
    return []


def is_organ_id(value) -> bool:
    return not organ_id_problems(value)


def is_exchange_identifier(value) -> bool:
    """Either form: what a package may carry in ``OrganId``."""
    return is_organ_id(value) or not decision20_problems(value)


@dataclass(frozen=True)
class DocumentId:
    """``OrganId,yyyy/MM/dd,Number/Notation``."""

    organ_id: str
    promulgated: date
    number: str
    notation: str

    def __str__(self) -> str:
        return (
            f"{self.organ_id},{self.promulgated.strftime(DATE_FORMAT)},"
            f"{self.number}/{self.notation}"
        )

    @property
    def key(self) -> str:
        """The same identifier written one way, for duplicate checks."""
        return str(self).casefold()


def parse_document_id(text: str) -> DocumentId:
    """Read a ``DocumentId``; ``ValueError`` when it does not read."""
    parts = text.strip().split(",", 2)
    if len(parts) != 3:
        raise ValueError("expected OrganId,yyyy/MM/dd,Number/Notation")
    organ_id, day, code = (part.strip() for part in parts)
    if not is_exchange_identifier(organ_id):
        raise ValueError(f"unknown organisation identifier {organ_id!r}")
    promulgated = datetime.strptime(day, DATE_FORMAT).date()
    number, slash, notation = code.partition("/")
    if not slash or not number or not notation:
        raise ValueError("expected Number/Notation after the date")
    return DocumentId(organ_id, promulgated, number, notation)


def same_document_key(number: str, notation: str, issuer: str) -> tuple:
    """The (number, notation, issuer) triple Appendix VI warns on, written
    one way: ``05`` and ``5`` are one number, case does not count."""
    digits = number.strip().lstrip("0") or "0"
    return (digits, notation.strip().casefold(), issuer.strip().casefold())


def exchange_keys(number, notation, document_id="", issuers=()) -> list[str]:
    """The keys two records of one document share: its ``DocumentId``, and
    its (number, notation, issuer) for each way the issuer is known (its
    identifier, its name). A package and a document entered from paper
    meet on the second."""
    keys = [f"id:{document_id.strip().casefold()}"] if document_id else []
    for issuer in issuers:
        if issuer and number and notation:
            keys.append(
                "triple:" + "|".join(same_document_key(number, notation, issuer))
            )
    return keys
