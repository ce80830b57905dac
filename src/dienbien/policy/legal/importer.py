"""Import existing normative documents from a spreadsheet, all or nothing.

The workbook (``core/legal/sheets.py``) is read and checked as a whole —
units, fields, the register's documents and lead time taken from the site —
before anything is written. Documents are created in ``/van-ban-qppl`` as
drafts, or published when the caller asks (``publish``): the validity of the
register is then computed once for all of them.
"""

from dataclasses import dataclass
from dataclasses import field
from dienbien.policy.core.legal import sheets
from dienbien.policy.core.messages import Problem
from dienbien.policy.legal import validity
from dienbien.policy.legal.document import LEGAL_PATH
from dienbien.policy.orgunits.lookup import unit_brains
from dienbien.policy.procedures.vocabularies import procedure_fields
from plone import api
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from Products.CMFCore.indexing import processQueue
from zope.container.interfaces import INameChooser


class LegalImportRefused(Exception):
    """The file was refused; nothing was imported."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass
class LegalImportReport:
    created: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{len(self.created)} created, {len(self.published)} published"


def site_context(portal) -> sheets.Context:
    units = {}
    for brain in unit_brains(portal):
        unit = brain._unrestrictedGetObject()
        code = getattr(unit, "code", None)
        if code:
            units[code] = (getattr(unit, "abbreviation", None) or "").strip()
    return sheets.Context(
        units=units,
        fields=procedure_fields(),
        known=frozenset(validity.known_keys()),
        lead_days=api.portal.get_registry_record(
            "dienbien.settings.legal_lead_days", default=sheets.LEAD_DAYS
        ),
    )


def check_file(portal, data: bytes):
    rows, problems = sheets.read_workbook(data)
    if problems:
        return [], problems
    return sheets.check_sheets(rows, site_context(portal))


def import_legal_documents(
    portal, data: bytes, publish: bool = False
) -> LegalImportReport:
    """Raises ``LegalImportRefused`` with every problem (sheet, row, column
    heading) when the file cannot be imported as a whole; nothing has been
    written then. The caller owns the transaction."""
    documents, problems = check_file(portal, data)
    if problems:
        raise LegalImportRefused(problems)
    folder = portal[LEGAL_PATH]
    report = LegalImportReport()
    created = []
    with api.env.adopt_roles(["Manager"]):
        for document in documents:
            obj = createContent("LegalDocument", **document.values)
            obj.id = INameChooser(folder).chooseName(None, obj)
            obj = addContentToContainer(folder, obj, checkConstraints=False)
            created.append(obj)
            report.created.append(document.values["notation"])
        processQueue()
        if publish:
            for obj in created:
                api.content.transition(
                    obj=obj, transition="submit", comment="Imported from a spreadsheet"
                )
                api.content.transition(
                    obj=obj, transition="publish", comment="Imported from a spreadsheet"
                )
                report.published.append(obj.notation)
            processQueue()
            validity.refresh()
    return report
