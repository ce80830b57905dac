"""Problems found by the core, as data the Plone shell can translate.

The core speaks in English message templates (``${name}`` placeholders); the
shell passes ``template`` and ``mapping`` through the ``dienbien.policy`` i18n
domain, so the same sentence reads in Vietnamese in the UI and in English in
the core's own tests.
"""

from dataclasses import dataclass
from dataclasses import field
from string import Template


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one record."""

    field: str
    template: str
    mapping: dict = field(default_factory=dict)
    line: int | None = None
    sheet: str | None = None

    @property
    def message(self) -> str:
        return Template(self.template).safe_substitute(
            {key: str(value) for key, value in self.mapping.items()}
        )

    def at(self, line: int | None = None, sheet: str | None = None) -> "Problem":
        """The same problem, located in a file."""
        return Problem(self.field, self.template, self.mapping, line, sheet)

    def as_dict(self, message: str | None = None) -> dict:
        data = {"field": self.field, "message": message or self.message}
        if self.line is not None:
            data["line"] = self.line
        if self.sheet is not None:
            data["sheet"] = self.sheet
        return data

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line is not None else ""
        return f"{where}{self.field}: {self.message}"
