"""Import and export the procedure catalogue: all or nothing, and idempotent.

The file format (``procedures.files``) reads and checks the whole file — field
tokens against the site's field setting, unit codes against the site's units —
before anything is written. A procedure is found by its code: new codes are
created in ``/thu-tuc-hanh-chinh``, known ones updated where they differ and
left alone where they do not, so a second run of the same file changes
nothing. Procedures of the site that the file does not name are kept.

A row's ``state`` moves the procedure through its workflow (every transition
recorded in its history); an empty state keeps the current one. Form files
come from the zipped CSV format (``forms/<code>/<form>``) or, for the demo
data, from the caller; a form that a component names but no file provides is
listed in the report, not refused (an XLSX export cannot carry files).
"""

from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.procedures import Procedure
from dienbien.policy.orgunits.lookup import unit_codes
from dienbien.policy.procedures.files.forms import read_forms
from dienbien.policy.procedures.files.layout import describe
from dienbien.policy.procedures.files.layout import FormKey
from dienbien.policy.procedures.files.reading import read_workbook
from dienbien.policy.procedures.files.writing import write_workbook
from dienbien.policy.procedures.procedure import apply_procedure
from dienbien.policy.procedures.procedure import IProcedure
from dienbien.policy.procedures.procedure import procedure_of
from dienbien.policy.procedures.procedure import PROCEDURES_PATH
from dienbien.policy.procedures.vocabularies import procedure_fields
from plone import api
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from plone.namedfile.file import NamedBlobFile
from Products.CMFCore.utils import getToolByName
from zope.container.interfaces import INameChooser
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import modified


#: ``progress(done, total)``, called after each procedure.
Progress = Callable[[int, int], None]


class ProcedureImportRefused(Exception):
    """The file was refused; nothing was imported."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(describe(problem) for problem in problems))
        self.problems = problems


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: code -> "old state -> new state"
    transitions: dict[str, str] = field(default_factory=dict)
    #: "code/form" of every form file stored or replaced
    forms: list[str] = field(default_factory=list)
    #: "code/form" named by a component but found neither in the file nor
    #: in the procedure
    missing_forms: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.transitions)} moved to "
            f"another state, {len(self.forms)} form files stored"
        )
        if self.missing_forms:
            text += f"; {len(self.missing_forms)} form files missing"
        return text


def catalogue(portal):
    return portal[PROCEDURES_PATH]


def procedures_by_code(portal) -> dict:
    """Every procedure of the site by its code (whatever its state)."""
    catalog = getToolByName(portal, "portal_catalog")
    found = {}
    for brain in catalog.unrestrictedSearchResults(portal_type="Procedure"):
        obj = brain._unrestrictedGetObject()
        if obj.code:
            found[obj.code] = obj
    return found


def import_procedures(
    portal,
    data: bytes,
    fmt: str,
    progress: Progress | None = None,
    forms: Mapping[FormKey, bytes] | None = None,
) -> ImportReport:
    """Import a catalogue file (``xlsx``, ``csv`` zip or ``json``).

    Raises ``ProcedureImportRefused`` with every problem (sheet, row, column)
    when the file cannot be imported as a whole; nothing has been written then.
    ``forms`` adds form files ``{(code, form id): bytes}``. The caller owns
    the transaction (and aborts it should a write fail half-way).
    """
    items, problems = read_workbook(data, fmt, procedure_fields(), unit_codes(portal))
    files = dict(forms or {})
    if fmt == "csv":
        packed, more = read_forms(data, items)
        problems = problems + more
        files.update(packed)
    if problems:
        raise ProcedureImportRefused(problems)

    folder = catalogue(portal)
    existing = procedures_by_code(portal)
    report = ImportReport()
    with api.env.adopt_roles(["Manager"]):
        for done, (procedure, state) in enumerate(items, start=1):
            obj = existing.get(procedure.code)
            if obj is None:
                obj = _create(folder, procedure)
                report.created.append(procedure.code)
                touched = True
            else:
                changes = apply_procedure(obj, procedure)
                if changes:
                    modified(obj, Attributes(IProcedure, *sorted(changes)))
                    obj.reindexObject()
                touched = bool(changes)
            # Both record their own changes (events, workflow history).
            touched = _store_forms(obj, procedure, files, report) or touched
            touched = _move_to(obj, state, report) or touched
            if procedure.code not in report.created:
                (report.updated if touched else report.unchanged).append(procedure.code)
            if progress is not None:
                progress(done, len(items))
    return report


def procedure_id(code: str) -> str:
    """``1.000948`` -> ``1-000948``, as the add form names a procedure."""
    return code.lower().replace(".", "-")


def _create(folder, procedure: Procedure):
    # Set every field before the item joins the site: indexed once.
    obj = createContent("Procedure", title=procedure.title)
    apply_procedure(obj, procedure)
    obj.id = INameChooser(folder).chooseName(procedure_id(procedure.code), obj)
    return addContentToContainer(folder, obj, checkConstraints=False)


def _store_forms(obj, procedure: Procedure, files, report: ImportReport) -> bool:
    changed = False
    for component in procedure.components:
        form = component.form
        if not form:
            continue
        path = f"{procedure.code}/{form}"
        content = files.get((procedure.code, form))
        current = obj.get(form) if form in obj.objectIds() else None
        if content is None:
            if current is None and path not in report.missing_forms:
                report.missing_forms.append(path)
            continue
        blob = NamedBlobFile(content, filename=form)
        if current is None:
            api.content.create(
                container=obj, type="File", id=form, title=component.name, file=blob
            )
        elif current.file is None or current.file.data != content:
            current.file = blob
            modified(current)
            current.reindexObject()
        else:
            continue
        report.forms.append(path)
        changed = True
    return changed


def _move_to(obj, state: str, report: ImportReport) -> bool:
    current = api.content.get_state(obj, default="")
    if not state or state == current:
        return False
    api.content.transition(
        obj=obj, to_state=state, comment="Imported from a catalogue file"
    )
    report.transitions[obj.code] = f"{current} -> {state}"
    return True


def export_procedures(portal, fmt: str) -> bytes:
    """The whole catalogue in one file, procedures sorted by code.

    The zipped CSV format also carries the form files; importing the file
    into an empty site and exporting again gives the same bytes.
    """
    items, files = [], {}
    for code, obj in sorted(procedures_by_code(portal).items()):
        procedure = procedure_of(obj)
        items.append((procedure, api.content.get_state(obj, default="")))
        for component in procedure.components:
            if component.form and component.form in obj.objectIds():
                stored = obj[component.form]
                if getattr(stored, "file", None) is not None:
                    files[(code, component.form)] = stored.file.data
    return write_workbook(items, fmt, files if fmt == "csv" else None)
