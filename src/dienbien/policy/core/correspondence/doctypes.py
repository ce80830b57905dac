"""The administrative document types of Decree 30/2020/NĐ-CP Art. 7.

Data, not code: ``data/correspondence/document_types.json`` (its README says
which abbreviations are not confirmed). Records are immutable and loaded once.
"""

from dataclasses import dataclass
from functools import lru_cache

import json
import pathlib


DATA = pathlib.Path(__file__).parents[2] / "data" / "correspondence"
TYPES_FILE = DATA / "document_types.json"


@dataclass(frozen=True)
class DocumentType:
    """One type: a stable English id, the legal name and abbreviation."""

    id: str
    title: str
    abbreviation: str
    #: A local issuer may issue it as a normative legal document (domain.md §4).
    may_be_normative: bool = False
    #: Why the row is not confirmed against the Decree's text ("" if it is).
    unverified: str = ""

    @property
    def dispatch_form(self) -> bool:
        """Numbered as a công văn: ``05/UBND-VP`` (issuer and drafting
        department), since the type has no abbreviation (Appendix III)."""
        return not self.abbreviation


@dataclass(frozen=True)
class CopyForm:
    """A form of copy (bản sao y, trích sao, sao lục), not a type."""

    id: str
    title: str
    abbreviation: str


def _read(path: pathlib.Path) -> dict:
    with path.open(encoding="utf-8") as stream:
        return json.load(stream)


def _check(types: tuple[DocumentType, ...]) -> None:
    ids = [doctype.id for doctype in types]
    if len(set(ids)) != len(ids):
        raise ValueError("document type ids must be unique")
    # Abbreviations are matched without case when notations are parsed.
    folded = [t.abbreviation.casefold() for t in types if t.abbreviation]
    if len(set(folded)) != len(folded):
        raise ValueError("document type abbreviations must be unique")


@lru_cache(maxsize=4)
def load_document_types(path: pathlib.Path = TYPES_FILE) -> tuple[DocumentType, ...]:
    """The types in the order of Art. 7."""
    types = tuple(
        DocumentType(
            id=row["id"],
            title=row["title"],
            abbreviation=row.get("abbreviation", ""),
            may_be_normative=bool(row.get("may_be_normative", False)),
            unverified=row.get("unverified", ""),
        )
        for row in _read(path)["types"]
    )
    _check(types)
    return types


@lru_cache(maxsize=4)
def load_copy_forms(path: pathlib.Path = TYPES_FILE) -> tuple[CopyForm, ...]:
    return tuple(
        CopyForm(row["id"], row["title"], row["abbreviation"])
        for row in _read(path).get("copy_forms", ())
    )


def document_type(type_id: str) -> DocumentType:
    """The type with this id; ``KeyError`` for an unknown one."""
    for doctype in load_document_types():
        if doctype.id == type_id:
            return doctype
    raise KeyError(type_id)


def by_abbreviation(abbreviation: str) -> DocumentType | None:
    """The type written ``abbreviation`` in a notation, ignoring case
    (``QĐ``, ``qđ``); ``None`` if no type has it."""
    wanted = abbreviation.casefold()
    if not wanted:
        return None
    for doctype in load_document_types():
        if doctype.abbreviation and doctype.abbreviation.casefold() == wanted:
            return doctype
    return None


def normative_types() -> tuple[DocumentType, ...]:
    return tuple(t for t in load_document_types() if t.may_be_normative)
