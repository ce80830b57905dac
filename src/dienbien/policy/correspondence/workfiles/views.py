"""The pages of work files.

- ``@@workfiles`` (the folder's page): the plans the user may see, the files
  he keeps, a form to start a unit's plan for a year (its clerical office and
  leaders);
- ``@@file-plan`` (a plan's page): the plan's files in order, each with its
  state, the "Open the file" button for its keeper; print view and .xlsx;
- ``view`` of a file: its documents, the search to add more, open / close /
  reopen;
- ``@@add-to-workfile`` on a document or dossier: put it in one of my open
  files;
- ``@@workfiles-due``: closed files due for the archive (and those due
  within 30 days).

Nothing changes on GET; every change is a POST with plone.protect's
authenticator, and the workflow's permissions decide who may do it.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import date
from datetime import timedelta
from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.core.correspondence import workfiles as rules
from dienbien.policy.correspondence.workfiles import lifecycle
from dienbien.policy.correspondence.workfiles.content import plan_id
from dienbien.policy.correspondence.workfiles.vocabularies import retention_title
from dienbien.policy.correspondence.workfiles.workbook import write_plan
from dienbien.policy.dossiers.browser.display import full_name
from dienbien.policy.dossiers.browser.display import without_side_columns
from dienbien.policy.orgunits.groups import user_units
from dienbien.policy.orgunits.lookup import unit_codes
from dienbien.policy.orgunits.lookup import unit_title
from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from urllib.parse import quote
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate


KEEP = "dienbien.policy: Keep work files"

#: What may be put in a work file: documents and dossiers.
DOCUMENT_TYPES = ("IncomingDocument", "OutgoingDocument", "Dossier")

STATE_TITLES = {
    rules.PLANNED: _("workfile_state_planned", default="Not opened"),
    rules.OPEN: _("workfile_state_open", default="Open"),
    rules.CLOSED: _("workfile_state_closed", default="Closed"),
}
STEP_TITLES = {
    "open": _("workfile_step_open", default="Open the file"),
    "close": _("workfile_step_close", default="Close the file"),
    "reopen": _("workfile_step_reopen", default="Reopen the file"),
}
KIND_TITLES = {
    "IncomingDocument": _("workfile_kind_incoming", default="Incoming document"),
    "OutgoingDocument": _("workfile_kind_outgoing", default="Outgoing document"),
    "Dossier": _("workfile_kind_dossier", default="One-stop dossier"),
}
#: The columns of the file plan (Decree 30/2020 Appendix V) and ours.
PLAN_COLUMNS = (
    _("workfile_col_symbol", default="File number and symbol"),
    _("workfile_col_title", default="Heading and file title"),
    _("workfile_col_retention", default="Retention period"),
    _("workfile_col_owner", default="Unit or person keeping the file"),
    _("workfile_col_state", default="State"),
    _("workfile_col_note", default="Notes"),
)


def day(value) -> str:
    """``03/08/2026`` (a date or a datetime; ``""`` for none)."""
    return f"{value:%d/%m/%Y}" if value else ""


def _t(message, request) -> str:
    return translate(message, context=request)


def state_of(obj) -> str:
    return api.content.get_state(obj=obj, default="")


def steps_for(obj) -> list[str]:
    workflow = api.portal.get_tool("portal_workflow")
    return [t["id"] for t in workflow.getTransitionsFor(obj)]


def file_state_text(workfile, request) -> str:
    """``Đang mở từ 03/03/2026``-style: the state with its day."""
    state = state_of(workfile)
    if state == rules.OPEN and workfile.opened:
        return _t(
            _(
                "workfile_open_since",
                default="Open since ${day}",
                mapping={"day": day(workfile.opened)},
            ),
            request,
        )
    if state == rules.CLOSED and workfile.closed:
        return _t(
            _(
                "workfile_closed_on",
                default="Closed on ${day}",
                mapping={"day": day(workfile.closed)},
            ),
            request,
        )
    return _t(STATE_TITLES.get(state, state), request)


def plan_files(plan) -> list:
    """The plan's files in the plan's order (only those the user sees)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="WorkFile",
        path={"query": "/".join(plan.getPhysicalPath()), "depth": 1},
    )
    return sorted(
        (brain.getObject() for brain in brains),
        key=lambda obj: rules.symbol_sort_key(obj.symbol or ""),
    )


def plan_row(workfile, request, names: dict) -> dict:
    return {
        "symbol": workfile.symbol,
        "title": workfile.title,
        "url": workfile.absolute_url(),
        "retention": _t(retention_title(workfile.retention), request),
        "owner": full_name(workfile.owner, names),
        "state": state_of(workfile),
        "state_text": file_state_text(workfile, request),
        "count": len(workfile.items or ()),
        "note": workfile.note or "",
        "may_open": "open" in steps_for(workfile),
    }


class WorkFilesHome(BrowserView):
    """The folder's page: plans, my open files, a new plan."""

    def __call__(self):
        self.errors = {}
        without_side_columns(self.request)
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            plan = self.create_plan()
            if plan is not None:
                return self.request.response.redirect(plan.absolute_url())
        return self.index()

    def year(self) -> int:
        return clock.today().year

    def planning_units(self) -> list[dict]:
        """The units whose plan the user may start: his clerical office's
        and leaders' units."""
        found = user_units(unit_codes(self.context))
        codes = sorted(found["clerical"] | found["leader"])
        return [
            {"code": code, "title": unit_title(self.context, code)} for code in codes
        ]

    def create_plan(self):
        form = self.request.form
        code = form.get("unit", "")
        if code not in {unit["code"] for unit in self.planning_units()}:
            self.errors["unit"] = _t(
                _("workfile_error_plan_unit", default="Choose one of your units."),
                self.request,
            )
        try:
            year = int(form.get("year", ""))
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            self.errors["year"] = _t(
                _("workfile_error_plan_year", default="Write a year such as 2026."),
                self.request,
            )
        if self.errors:
            return None
        existing = self.context.get(plan_id(code, year))
        if existing is not None:
            return existing
        title = _t(
            _(
                "workfile_plan_title",
                default="File plan ${year} – ${unit}",
                mapping={"year": year, "unit": unit_title(self.context, code)},
            ),
            self.request,
        )
        # Plans are made here only, for the user's own units (checked
        # above): the type's add permission is the Manager's, so that no
        # generic add form offers a plan for any unit.
        with api.env.adopt_roles(["Manager"]):
            return api.content.create(
                container=self.context,
                type="WorkFilePlan",
                id=plan_id(code, year),
                title=title,
                unit=code,
                year=year,
            )

    def plans(self) -> list[dict]:
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(
            portal_type="WorkFilePlan",
            path={"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            sort_on="sortable_title",
        )
        return [{"title": b.Title, "url": b.getURL()} for b in brains]

    def my_files(self) -> list[dict]:
        """The files the user keeps that are open or not opened yet."""
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(
            portal_type="WorkFile",
            workfile_owner=api.user.get_current().getId(),
            review_state=[rules.PLANNED, rules.OPEN],
        )
        names: dict = {}
        rows = [plan_row(b.getObject(), self.request, names) for b in brains]
        return sorted(rows, key=lambda row: rules.symbol_sort_key(row["symbol"]))


class FilePlanView(BrowserView):
    """A plan's page: its files in order, what each keeper may do."""

    def __call__(self):
        without_side_columns(self.request)
        return self.index()

    def unit_title(self) -> str:
        return unit_title(self.context, self.context.unit)

    def rows(self) -> list[dict]:
        names: dict = {}
        return [plan_row(obj, self.request, names) for obj in plan_files(self.context)]

    def may_add(self) -> bool:
        return api.user.has_permission(
            "dienbien.policy: Add WorkFile", obj=self.context
        )


class FilePlanPrint(FilePlanView):
    """The plan on A4 landscape paper, every column: the unit's name top
    left, the heading, the table (Decree 30/2020 Appendix V)."""

    def heading(self) -> str:
        return _t(
            _(
                "workfile_print_heading",
                default="File plan ${year}",
                mapping={"year": self.context.year},
            ),
            self.request,
        )


class FilePlanWorkbook(BrowserView):
    """``@@file-plan.xlsx``: the plan as a workbook (the rows the user sees)."""

    def __call__(self):
        request = self.request
        names: dict = {}
        rows = []
        for obj in plan_files(self.context):
            row = plan_row(obj, request, names)
            rows.append(
                [
                    row["symbol"],
                    row["title"],
                    row["retention"],
                    row["owner"],
                    row["state_text"],
                    row["note"],
                ]
            )
        title = self.context.Title()
        data = write_plan(title, [_t(c, request) for c in PLAN_COLUMNS], rows)
        filename = f"{self.context.getId()}.xlsx"
        response = request.response
        response.setHeader(
            "Content-Type",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{quote(filename)}"'
        )
        return data


def document_row(brain, request) -> dict:
    """What a file's table shows of one document or dossier."""
    notation = getattr(brain, "document_notation", None) or getattr(
        brain, "dossier_code", None
    )
    number = getattr(brain, "document_number", None)
    moment = getattr(brain, "document_date", None) or getattr(
        brain, "dossier_accepted", None
    )
    if isinstance(moment, str):
        try:
            moment = date.fromisoformat(moment[:10])
        except ValueError:
            moment = None
    kind = _t(KIND_TITLES.get(brain.portal_type, brain.portal_type), request)
    notation = notation or (str(number) if number else "")
    moment = day(moment)
    return {
        "uid": brain.UID,
        "title": brain.Title,
        "url": brain.getURL(),
        "kind": kind,
        "notation": notation or "—",
        "date": moment or "—",
        # What the search's check box says: the parts that exist.
        "label": " ".join(part for part in (kind, notation, moment) if part)
        + f" – {brain.Title}",
    }


class WorkFileView(BrowserView):
    """A file's page: its facts, documents, the search to add documents
    and the buttons of its state."""

    def __call__(self):
        without_side_columns(self.request)
        return self.index()

    def state(self) -> str:
        return state_of(self.context)

    def state_text(self) -> str:
        return file_state_text(self.context, self.request)

    def facts(self) -> list[dict]:
        context = self.context
        request = self.request
        rows = [
            (
                _("workfile_col_symbol", default="File number and symbol"),
                context.symbol,
            ),
            (_("label_workfile_plan_year", default="Year"), str(context.year or "")),
            (
                _("label_workfile_plan_unit", default="Unit"),
                unit_title(context, context.unit),
            ),
            (
                _("label_workfile_owner", default="Kept by"),
                full_name(context.owner),
            ),
            (
                _("label_workfile_retention", default="Retention period"),
                _t(retention_title(context.retention), request),
            ),
            (_("workfile_col_state", default="State"), self.state_text()),
        ]
        if context.closed:
            deadline = rules.archive_deadline(context.closed.date())
            rows.append(
                (
                    _("workfile_archive_deadline", default="To the archive by"),
                    day(deadline),
                )
            )
            end = rules.retention_end(context.closed.date(), context.retention_period)
            rows.append(
                (
                    _("workfile_retention_end", default="Kept until"),
                    day(end)
                    if end
                    else _t(_("retention_permanent", default="Permanent"), request),
                )
            )
        if context.note:
            rows.append((_("label_workfile_note", default="Notes"), context.note))
        return [{"label": _t(label, request), "value": value} for label, value in rows]

    def documents(self) -> list[dict]:
        """The file's documents the user may see, in the order added."""
        items = list(self.context.items or ())
        if not items:
            return []
        catalog = api.portal.get_tool("portal_catalog")
        found = {b.UID: b for b in catalog(UID=items)}
        return [document_row(found[uid], self.request) for uid in items if uid in found]

    def hidden_count(self) -> int:
        """Documents in the file the user may not open (e.g. secret ones)."""
        return len(self.context.items or ()) - len(self.documents())

    def may_keep(self) -> bool:
        return self.state() == rules.OPEN and api.user.has_permission(
            KEEP, obj=self.context
        )

    def steps(self) -> list[dict]:
        return [
            {"id": step, "title": _t(STEP_TITLES.get(step, step), self.request)}
            for step in steps_for(self.context)
        ]

    def query(self) -> str:
        value = self.request.form.get("q", "")
        return value.strip() if isinstance(value, str) else ""

    def candidates(self) -> list[dict]:
        """Documents and dossiers matching the search, that the user may see
        and that are not in the file yet (the catalog's security filters)."""
        text = self.query()
        if not text or not self.may_keep():
            return []
        catalog = api.portal.get_tool("portal_catalog")
        present = set(self.context.items or ())
        words = " ".join(f"{word}*" for word in text.split())
        try:
            brains = catalog(
                portal_type=list(DOCUMENT_TYPES),
                SearchableText=words,
                sort_on="created",
                sort_order="descending",
                sort_limit=20,
            )[:20]
        except Exception:  # a query the text index cannot parse
            return []
        return [
            document_row(brain, self.request)
            for brain in brains
            if brain.UID not in present
        ]


class WorkFileDocuments(BrowserView):
    """POST ``@@workfile-documents``: add (``add``) or remove (``remove``)
    documents by UID; only documents the user may see are added."""

    def __call__(self):
        request = self.request
        if request.method != "POST":
            raise BadRequest("POST only")
        CheckAuthenticator(request)
        if not api.user.has_permission(KEEP, obj=self.context):
            raise Forbidden("not the file's keeper")
        uids = request.form.get("uids") or []
        if isinstance(uids, str):
            uids = [uids]
        if request.form.get("remove"):
            lifecycle.remove_documents(self.context, uids)
        else:
            catalog = api.portal.get_tool("portal_catalog")
            visible = [
                b.UID for b in catalog(UID=list(uids), portal_type=list(DOCUMENT_TYPES))
            ]
            lifecycle.add_documents(self.context, [u for u in uids if u in visible])
            if visible:
                api.portal.show_message(
                    _t(
                        _(
                            "workfile_documents_added",
                            default="${count} document(s) added to the file.",
                            mapping={"count": len(visible)},
                        ),
                        request,
                    ),
                    request,
                )
        return request.response.redirect(self.context.absolute_url())


class WorkFileStep(BrowserView):
    """POST ``@@workfile-step``: open, close or reopen the file (the
    workflow's guards decide who may); back to where the button was."""

    def __call__(self):
        request = self.request
        if request.method != "POST":
            raise BadRequest("POST only")
        CheckAuthenticator(request)
        transition = request.form.get("transition", "")
        if transition not in steps_for(self.context):
            raise Forbidden("step not offered")
        try:
            api.content.transition(obj=self.context, transition=transition)
        except WorkflowException as error:
            raise Forbidden("step refused") from error
        api.portal.show_message(
            _t(
                _(
                    "workfile_step_done",
                    default="${file}: ${state}.",
                    mapping={
                        "file": self.context.symbol,
                        "state": file_state_text(self.context, request),
                    },
                ),
                request,
            ),
            request,
        )
        back = request.form.get("came_from", "")
        plan = aq_parent(aq_inner(self.context))
        if plan is not None and back == plan.absolute_url():
            return request.response.redirect(back)
        return request.response.redirect(self.context.absolute_url())


class AddToWorkFile(BrowserView):
    """``@@add-to-workfile`` on a document or dossier: the open files the
    user keeps, those that already hold it, and a POST to add it."""

    def __call__(self):
        without_side_columns(self.request)
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            return self.add()
        return self.index()

    def uid(self) -> str:
        return api.content.get_uuid(obj=self.context)

    def open_files(self) -> list:
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(portal_type="WorkFile", review_state=rules.OPEN)
        files = [b.getObject() for b in brains]
        return sorted(
            (f for f in files if api.user.has_permission(KEEP, obj=f)),
            key=lambda f: (-(f.year or 0), rules.symbol_sort_key(f.symbol or "")),
        )

    def choices(self) -> list[dict]:
        uid = self.uid()
        return [
            {
                "uid": api.content.get_uuid(obj=f),
                "label": f"{f.symbol} – {f.title} ({f.year})",
                "url": f.absolute_url(),
            }
            for f in self.open_files()
            if uid not in (f.items or ())
        ]

    def all_held(self) -> bool:
        """The user has open files, and each already holds this document."""
        return bool(self.open_files()) and not self.choices()

    def holding(self) -> list[dict]:
        """The files (that the user may see) that hold this document."""
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(portal_type="WorkFile", workfile_items=self.uid())
        return [
            {"label": f"{b.workfile_symbol} – {b.Title}", "url": b.getURL()}
            for b in brains
        ]

    def add(self):
        wanted = self.request.form.get("workfile", "")
        for workfile in self.open_files():
            if api.content.get_uuid(obj=workfile) == wanted:
                lifecycle.add_documents(workfile, [self.uid()])
                api.portal.show_message(
                    _t(
                        _(
                            "workfile_document_filed",
                            default="Added to the file ${file}.",
                            mapping={"file": f"{workfile.symbol} – {workfile.title}"},
                        ),
                        self.request,
                    ),
                    self.request,
                )
                return self.request.response.redirect(self.context.absolute_url())
        self.error = _t(
            _("workfile_error_choose_file", default="Choose one of your open files."),
            self.request,
        )
        return self.index()

    error = ""


class DueForArchive(BrowserView):
    """``@@workfiles-due``: closed files due for the archive (a year after
    closing, Art. 29) and those due within 30 days (Appendix VI)."""

    def __call__(self):
        without_side_columns(self.request)
        return self.index()

    def today(self) -> date:
        return clock.today()

    def rows(self) -> list[dict]:
        today = self.today()
        # Closed on or before this day → due (or due within the warning).
        latest_closed = rules.latest_closing_day(
            today + timedelta(days=rules.ARCHIVE_WARNING_DAYS)
        )
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(
            portal_type="WorkFile",
            review_state=rules.CLOSED,
            workfile_closed={"query": latest_closed.isoformat(), "range": "max"},
            sort_on="workfile_closed",
        )
        names: dict = {}
        rows = []
        for brain in brains:
            closed = date.fromisoformat(brain.workfile_closed)
            status = rules.archive_status(closed, today)
            if status == rules.NOT_DUE:
                continue
            rows.append(
                {
                    "symbol": brain.workfile_symbol,
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "unit": unit_title(self.context, brain.workfile_unit),
                    "year": brain.workfile_year,
                    "owner": full_name(brain.workfile_owner, names),
                    "closed": day(closed),
                    "deadline": day(rules.archive_deadline(closed)),
                    "due": status == rules.DUE,
                }
            )
        return rows
