"""Unit and procedure imports for people: a Site Setup page each
(``@@import-orgunits``, ``@@import-procedures``) and a REST endpoint each
(``@import-orgunits``, ``@import-procedures``).

Both run the wings' importers (``orgunits.importer``, ``procedures.importer``),
which check the whole file before writing anything. "Check only" (a dry run)
runs the same import and rolls it back, so it reports what would be created
and updated as well as every problem, by line (or sheet and row) and field.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from dienbien.policy import _
from dienbien.policy.core.messages import Problem
from dienbien.policy.orgunits import importer as unit_importer
from dienbien.policy.orgunits.vocabularies import forget_units_vocabulary
from dienbien.policy.procedures import importer as procedure_importer
from dienbien.policy.procedures.files.layout import format_of
from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.indexing import processQueue
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate

import base64
import binascii
import transaction


@dataclass
class ImportOutcome:
    """What an import did (or, with ``dry_run``, would do), or why not."""

    dry_run: bool
    report: object | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> dict:
        return {"dry_run": self.dry_run, **asdict(self.report)}


@contextmanager
def rolled_back(dry_run: bool):
    """Run a block; with ``dry_run`` undo everything it wrote afterwards."""
    savepoint = transaction.savepoint() if dry_run else None
    try:
        yield
    finally:
        if savepoint is not None:
            # Index now what the block queued, so that nothing queued for
            # objects about to vanish is indexed at commit.
            processQueue()
            savepoint.rollback()
            forget_units_vocabulary()


def import_units_file(portal, filename: str, data: bytes, dry_run: bool):
    """Import a JSON or CSV file of units (all or nothing)."""
    try:
        fmt = unit_importer.format_of(filename)
    except ValueError:
        return ImportOutcome(
            dry_run, problems=[Problem("file", "Expected a .json or .csv file.")]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ImportOutcome(
            dry_run, problems=[Problem("file", "The file is not UTF-8 text.")]
        )
    try:
        with rolled_back(dry_run):
            report = unit_importer.import_units(portal, text, fmt)
    except unit_importer.UnitImportRefused as refused:
        return ImportOutcome(dry_run, problems=refused.problems)
    return ImportOutcome(dry_run, report)


def import_procedures_file(portal, filename: str, data: bytes, dry_run: bool):
    """Import a catalogue file (``.xlsx``, ``.zip`` of CSV, ``.json``)."""
    try:
        fmt = format_of(filename)
    except ValueError:
        return ImportOutcome(
            dry_run,
            problems=[Problem("file", "Expected a .xlsx, .zip (CSV) or .json file.")],
        )
    try:
        with rolled_back(dry_run):
            report = procedure_importer.import_procedures(portal, data, fmt)
    except procedure_importer.ProcedureImportRefused as refused:
        return ImportOutcome(dry_run, problems=refused.problems)
    return ImportOutcome(dry_run, report)


def import_legal_file(
    portal, filename: str, data: bytes, dry_run: bool, publish: bool = False
):
    """Import a workbook of normative documents (``.xlsx``), all or nothing;
    ``publish`` publishes what it creates (else drafts)."""
    from dienbien.policy.legal import importer as legal_importer
    from dienbien.policy.legal.document import LEGAL_PATH

    folder = portal[LEGAL_PATH]
    if publish and not api.user.has_permission("Review portal content", obj=folder):
        return ImportOutcome(
            dry_run,
            problems=[
                Problem(
                    "publish",
                    "Only the reviewer of the register (the justice office) may "
                    "publish on import; import as drafts.",
                )
            ],
        )
    if not filename.lower().endswith(".xlsx"):
        return ImportOutcome(
            dry_run, problems=[Problem("file", "Expected a .xlsx workbook.")]
        )
    try:
        with rolled_back(dry_run):
            report = legal_importer.import_legal_documents(portal, data, publish)
    except legal_importer.LegalImportRefused as refused:
        return ImportOutcome(dry_run, problems=refused.problems)
    return ImportOutcome(dry_run, report)


def problem_rows(problems: list[Problem], request) -> list[dict]:
    """Every problem as a row: sheet, line (or row), field, translated message."""
    return [
        {
            "sheet": problem.sheet or "",
            "line": problem.line,
            "field": problem.field,
            "message": translate(
                _(problem.template, mapping=problem.mapping), context=request
            ),
        }
        for problem in problems
    ]


# REST: where the file comes from ---------------------------------------------

TRUE = ("1", "true", "yes", "on")
FALSE = ("", "0", "false", "no", "off")


class UploadError(Exception):
    def __init__(self, field: str, message):
        super().__init__(field)
        self.field = field
        self.message = message


def read_upload(request, body: Callable[[], dict]) -> tuple[str, bytes, bool]:
    """``(filename, data, dry_run)`` from a multipart upload (field
    ``file``) or a JSON body ``{"file": {"filename", "data", "encoding"},
    "dry_run": true}``; ``?dry_run=1`` works with both."""
    dry_run = _flag(request.form.get("dry_run", ""))
    upload = request.form.get("file")
    if upload is not None and hasattr(upload, "filename"):
        return upload.filename or "", upload.read(), dry_run
    data = body()
    if not isinstance(data, dict):
        raise UploadError("file", _("Send a file (multipart) or a JSON object."))
    unknown = sorted(set(data) - {"file", "dry_run"})
    if unknown:
        raise UploadError(unknown[0], _("Unknown parameter."))
    if "dry_run" in data:
        if not isinstance(data["dry_run"], bool):
            raise UploadError("dry_run", _("dry_run is true or false."))
        dry_run = dry_run or data["dry_run"]
    sent = data.get("file")
    if not isinstance(sent, dict) or not isinstance(sent.get("data"), str):
        raise UploadError(
            "file",
            _("file is an object with filename, data and encoding (base64 or utf-8)."),
        )
    filename = str(sent.get("filename") or "")
    encoding = sent.get("encoding") or "utf-8"
    if encoding == "base64":
        try:
            content = base64.b64decode(sent["data"], validate=True)
        except (binascii.Error, ValueError):
            raise UploadError("file", _("file.data is not base64.")) from None
    elif encoding == "utf-8":
        content = sent["data"].encode("utf-8")
    else:
        raise UploadError("file", _("file.encoding is base64 or utf-8."))
    return filename, content, dry_run


def _flag(value) -> bool:
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise UploadError("dry_run", _("dry_run is 1 or 0."))


# Site Setup pages --------------------------------------------------------------


class ImportPage(BrowserView):
    """Upload a file, then "Check only" or "Import"; every problem in a
    table by line and field. A classic form: CSRF token checked."""

    index = ViewPageTemplateFile("templates/import.pt")
    title = None
    description = None
    accept = ""
    run = None  # (portal, filename, data, dry_run) -> ImportOutcome
    outcome = None

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            dry_run = "form.buttons.import" not in self.request.form
            upload = self.request.form.get("file")
            if upload is None or not getattr(upload, "filename", ""):
                self.outcome = ImportOutcome(
                    dry_run, problems=[Problem("file", "Choose a file.")]
                )
            else:
                self.outcome = self.run(
                    self.context, upload.filename, upload.read(), dry_run
                )
            if not self.outcome.ok:
                transaction.doom()  # nothing of a refused import is kept
        return self.index()

    def problems(self) -> list[dict]:
        return problem_rows(self.outcome.problems, self.request)

    def counts(self) -> list[dict]:
        """The report as (what, how many) rows for the summary table."""
        labels = {
            "created": _("import_created", default="Created"),
            "updated": _("import_updated", default="Updated"),
            "unchanged": _("import_unchanged", default="Unchanged"),
            "transitions": _("import_transitions", default="Moved to another state"),
            "forms": _("import_forms", default="Form files stored"),
            "missing_forms": _("import_missing_forms", default="Form files missing"),
            "published": _("import_published", default="Published"),
        }
        summary = asdict(self.outcome.report)
        return [
            {
                "name": name,
                "label": translate(label, context=self.request),
                "count": len(summary[name]),
                "items": ", ".join(summary[name]),
            }
            for name, label in labels.items()
            if name in summary
        ]


class ImportUnitsPage(ImportPage):
    title = _("import_orgunits_title", default="Import units")
    description = _(
        "import_orgunits_description",
        default="A JSON or CSV file of units (code, title, kind, abbreviation, "
        "parent, …). All or nothing: a file with any problem imports nothing.",
    )
    accept = ".csv,.json"
    run = staticmethod(import_units_file)


class ImportProceduresPage(ImportPage):
    title = _("import_procedures_title", default="Import procedures")
    description = _(
        "import_procedures_description",
        default="A catalogue file as the export writes it: .xlsx, .zip of CSV "
        "files (with form files) or .json. All or nothing: a file with any "
        "problem imports nothing.",
    )
    accept = ".xlsx,.zip,.json"
    run = staticmethod(import_procedures_file)


class ImportLegalPage(ImportPage):
    """In the register (``/van-ban-qppl/@@import-legal-documents``), for
    its editors: the workbook, "publish" as an option, the empty template."""

    title = _("import_legal_title", default="Import normative documents")
    description = _(
        "import_legal_description",
        default="A workbook with the sheets “Văn bản” and “Quan hệ” as in the "
        "template. All or nothing: a file with any problem imports nothing. "
        "Imported documents are drafts unless you choose to publish them.",
    )
    accept = ".xlsx"
    publish_option = True

    def template_url(self):
        return f"{self.context.absolute_url()}/@@legal-import-template"

    def run(self, portal, filename, data, dry_run):
        publish = bool(self.request.form.get("publish"))
        return import_legal_file(
            api.portal.get(), filename, data, dry_run, publish=publish
        )
