"""Incoming documents in the classic UI: the clerk's registration form, the
document's page, and the short forms of its steps (assign, progress, close,
return to sender).

Nothing changes on GET; every step is a POST carrying plone.protect's
authenticator, and goes through the workflow, whose guards decide who may
take it (the forms only offer what the guards allow).
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import date
from datetime import datetime
from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.core.correspondence import doctypes
from dienbien.policy.core.correspondence import handling
from dienbien.policy.core.correspondence import marks
from dienbien.policy.correspondence import incoming
from dienbien.policy.dossiers.browser.display import full_name
from dienbien.policy.dossiers.browser.display import without_side_columns
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.services.errors import translated
from dienbien.policy.workingtime import display_time
from dienbien.policy.workingtime import site_calendar
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from zope.i18n import translate


HANDLE = "dienbien.policy: Handle documents"
ADD_INCOMING = "dienbien.policy: Add IncomingDocument"
REGISTER = "dienbien.policy: Register documents"

URGENCY_TITLES = {
    "normal": _("urgency_normal", default="Normal"),
    "urgent": _("urgency_urgent", default="Urgent (khẩn)"),
    "very_urgent": _("urgency_very_urgent", default="Very urgent (thượng khẩn)"),
    "flash": _("urgency_flash", default="Flash (hỏa tốc)"),
}
CONFIDENTIALITY_TITLES = {
    "normal": _("confidentiality_normal", default="Normal"),
    "confidential": _("confidentiality_confidential", default="Confidential (mật)"),
    "secret": _("confidentiality_secret", default="Secret (tối mật)"),
    "top_secret": _("confidentiality_top_secret", default="Top secret (tuyệt mật)"),
}
STATE_TITLES = {
    "received": _("incoming_state_received", default="Awaiting registration"),
    "registered": _("incoming_state_registered", default="Registered"),
    "assigned": _("incoming_state_assigned", default="Assigned"),
    "in_progress": _("incoming_state_in_progress", default="In progress"),
    "done": _("incoming_state_done", default="Done"),
    "returned": _("incoming_state_returned", default="Returned to sender"),
    "recalled": _("incoming_state_recalled", default="Recalled by the sender"),
}
STEP_TITLES = {
    "register": _("incoming_step_register", default="Register"),
    "assign": _("incoming_step_assign", default="Assign"),
    "reassign": _("incoming_step_reassign", default="Re-assign"),
    "start": _("incoming_step_start", default="Start handling"),
    "progress": _("incoming_step_progress", default="Record progress"),
    "close": _("incoming_step_close", default="Close"),
    "return": _("incoming_step_return", default="Return to sender"),
    "recall": _("incoming_step_recall", default="Recalled by the sender"),
    # Updates and replacements from the sender (exchange/corrections.py).
    "update_requested": _(
        "incoming_step_update_requested", default="Update asked by the sender"
    ),
    "replace_requested": _(
        "incoming_step_replace_requested", default="Replacement asked by the sender"
    ),
    "update_applied": _(
        "incoming_step_update_applied", default="Updated by the sender"
    ),
    "update_refused": _("incoming_step_update_refused", default="Update refused"),
    "replace_refused": _(
        "incoming_step_replace_refused", default="Replacement refused"
    ),
    "replace": _("incoming_step_replace", default="Replaced by the sender"),
}


def _text(form, name) -> str:
    value = form.get(name, "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return value.strip() if isinstance(value, str) else ""


def _list(form, name) -> list[str]:
    value = form.get(name, [])
    values = [value] if isinstance(value, str) else list(value or [])
    return [item.strip() for item in values if isinstance(item, str) and item.strip()]


def _moment(text: str):
    try:
        return datetime.fromisoformat(text).replace(second=0, microsecond=0)
    except ValueError:
        return None


def _day(text: str):
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def day_text(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def type_choices() -> list[dict]:
    return [{"id": t.id, "title": t.title} for t in doctypes.load_document_types()]


def type_title(type_id: str) -> str:
    try:
        return doctypes.document_type(type_id).title
    except KeyError:
        return type_id or ""


class FormMixin:
    """Errors shown on their fields, translated."""

    def error(self, field: str) -> str:
        return self.errors.get(field, "")

    def invalid(self, field: str) -> str:
        return "is-invalid" if field in self.errors else ""

    def value(self, name: str, default: str = "") -> str:
        if name in self.request.form:
            return _text(self.request.form, name)
        return default

    def _fail(self, problems):
        for problem in problems:
            self.errors.setdefault(problem.field, translated(problem, self.request))
        self.request.response.setStatus(400)
        return self.index()

    def urgencies(self):
        return [
            {
                "id": level.id,
                "title": translate(URGENCY_TITLES[level.id], context=self.request),
            }
            for level in marks.URGENCIES
        ]

    def confidentialities(self):
        return [
            {
                "id": level.id,
                "title": translate(
                    CONFIDENTIALITY_TITLES[level.id], context=self.request
                ),
            }
            for level in marks.CONFIDENTIALITIES
        ]


# -- The clerk's registration form --------------------------------------------


class RegisterIncomingView(FormMixin, BrowserView):
    """One page, filled at the desk: saving creates the document and gives
    it its incoming number in the same request."""

    index = ViewPageTemplateFile("templates/incoming_register.pt")

    def __call__(self):
        self.errors = {}
        self.duplicates = []
        #: Whether the form came with a file (which the browser will not
        #: keep when the form is shown again).
        self.file_chosen = False
        without_side_columns(self.request)
        self.units = incoming.clerk_units(self.context)
        if not self.units:
            raise NotFound("incoming-registration")
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            if self.request.form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            return self.save()
        return self.index()

    def unit_choices(self):
        titles = unit_titles(api.portal.get())
        return [{"code": code, "title": titles.get(code, code)} for code in self.units]

    def sender_units(self):
        titles = unit_titles(api.portal.get())
        return sorted(
            ({"code": code, "title": title} for code, title in titles.items()),
            key=lambda unit: unit["title"],
        )

    def address_book(self) -> list[str]:
        """The names of the address book's external organisations, offered
        for a sender outside (one not in the book is typed)."""
        catalog = api.portal.get_tool("portal_catalog")
        return [
            brain.Title
            for brain in catalog(
                portal_type="ExternalOrganisation", sort_on="sortable_title"
            )
        ]

    def unit_staff(self, unit=None) -> dict[str, str]:
        """Who may be named on a secret document: the unit's staff."""
        units = [unit] if unit else self.units
        return incoming.staff(self.context, units)

    def chosen_readers(self) -> list[str]:
        return _list(self.request.form, "readers")

    def now_value(self) -> str:
        return f"{clock.now():%Y-%m-%dT%H:%M}"

    def types(self):
        return type_choices()

    def duplicate_rows(self):
        return [
            {
                "url": doc.absolute_url(),
                "number": getattr(doc, "incoming_number", None) or "",
                "received": display_time(doc.received),
                "summary": doc.summary,
            }
            for doc in self.duplicates
        ]

    def save(self):
        form = self.request.form
        unit = _text(form, "unit") or self.units[0]
        if unit not in self.units:
            self.errors["unit"] = translate(
                _("incoming_unit_not_yours", default="Choose one of your units."),
                context=self.request,
            )
            self.request.response.setStatus(400)
            return self.index()
        received_text = _text(form, "received")
        date_text = _text(form, "sender_date")
        registration, problems = handling.check_registration(
            received=_moment(received_text) if received_text else None,
            sender_unit=_text(form, "sender_unit"),
            sender_name=_text(form, "sender_name"),
            sender_notation=_text(form, "sender_notation"),
            sender_date=_day(date_text) if date_text else None,
            doctype=_text(form, "doctype"),
            summary=_text(form, "summary"),
            urgency=_text(form, "urgency") or "normal",
            confidentiality=_text(form, "confidentiality") or "normal",
            now=clock.now(),
            known_units=set(unit_titles(api.portal.get())),
        )
        if received_text and _moment(received_text) is None:
            problems = [p for p in problems if p.field != "received"]
            self.errors["received"] = translate(
                _("incoming_bad_time", default="Enter a date and time."),
                context=self.request,
            )
        if problems or self.errors:
            return self._fail(problems)
        self.duplicates = incoming.find_duplicates(self.context, unit, registration)
        upload = form.get("file")
        if self.duplicates and not form.get("confirm_duplicate"):
            self.file_chosen = bool(getattr(upload, "filename", None))
            self.request.response.setStatus(409)
            return self.index()
        blob = None
        if upload and getattr(upload, "filename", None):
            blob = NamedBlobFile(
                data=upload.read(),
                filename=upload.filename,
                contentType=getattr(upload, "headers", {}).get("content-type", "")
                or "application/octet-stream",
            )
        readers = [p for p in _list(form, "readers") if p in self.unit_staff(unit)]
        doc = incoming.create_registered(
            self.context, unit, registration, blob, readers
        )
        api.portal.show_message(
            _(
                "incoming_registered",
                default="Registered. Incoming number: ${number}.",
                mapping={"number": doc.incoming_number},
            ),
            request=self.request,
        )
        return self.request.response.redirect(doc.absolute_url())


class RegisterIncomingAddView(RegisterIncomingView):
    """The same form as the folder's add view (``++add++IncomingDocument``,
    what "Add new…" opens): no other way to add an incoming document skips
    its registration."""

    def __init__(self, context, request, ti=None):
        super().__init__(context, request)
        self.ti = ti


# -- The document's page --------------------------------------------------------


def available_steps(doc, request) -> list[dict]:
    """The forms the current user may open now, as the page's buttons."""
    workflow = api.portal.get_tool("portal_workflow")
    allowed = {t["id"] for t in workflow.getTransitionsFor(doc)}
    state = api.content.get_state(doc)
    steps = []
    if "register" in allowed:
        # Delivered from another unit of ours: awaiting its incoming number.
        steps.append("register")
    if "assign" in allowed:
        steps.append("reassign" if state in ("assigned", "in_progress") else "assign")
    if state in ("assigned", "in_progress") and api.user.has_permission(
        HANDLE, obj=doc
    ):
        steps.append("progress")
    if "close" in allowed:
        steps.append("close")
    if "return" in allowed:
        steps.append("return")
    url = doc.absolute_url()
    return [
        {
            "id": step,
            "title": translate(STEP_TITLES[step], context=request),
            "url": f"{url}/@@incoming-step?step={step}",
        }
        for step in steps
    ]


class IncomingView(BrowserView):
    def __call__(self):
        without_side_columns(self.request)
        self.request.set("enable_toolbar", True)
        self.names = {}
        return self.index()

    def register_url(self):
        """The clerk registers one arrival after another."""
        folder = aq_parent(aq_inner(self.context))
        if not api.user.has_permission(ADD_INCOMING, obj=folder):
            return None
        if not incoming.clerk_units(folder):
            return None
        return f"{folder.absolute_url()}/@@incoming-registration"

    def name(self, userid):
        return full_name(userid, self.names)

    def state(self):
        state = api.content.get_state(self.context)
        return {
            "id": state,
            "title": translate(STATE_TITLES.get(state, state), context=self.request),
        }

    def actions(self):
        return available_steps(self.context, self.request)

    def type_title(self):
        return type_title(self.context.doctype)

    def urgency(self):
        level = marks.urgency(self.context.urgency or "normal")
        return {
            "id": level.id,
            "stamp": level.stamp,
            "urgent": marks.is_urgent(level.id),
            "title": translate(URGENCY_TITLES[level.id], context=self.request),
        }

    def confidentiality(self):
        level = marks.confidentiality(self.context.confidentiality or "normal")
        return {
            "id": level.id,
            "stamp": level.stamp,
            "secret": marks.is_secret(level.id),
            "title": translate(CONFIDENTIALITY_TITLES[level.id], context=self.request),
        }

    def unit_title(self, code):
        if not code:
            return ""
        return unit_titles(api.portal.get()).get(code, code)

    def when(self, value):
        return display_time(value)

    def day(self, value):
        return day_text(value)

    def file(self):
        blob = getattr(self.context, "file", None)
        if not blob:
            return None
        return {
            "url": f"{self.context.absolute_url()}/@@download/file/{blob.filename}",
            "name": blob.filename,
            "size": f"{max(1, round(blob.getSize() / 1024))} KB",
        }

    def other_files(self):
        """Further files that came with an edXML package (exchange/)."""
        from dienbien.policy.exchange.views import other_files

        return other_files(self.context)

    def exchange_package(self):
        """The received edXML package itself, for the unit's clerks."""
        from dienbien.policy.exchange.views import exchange_package

        return exchange_package(self.context)

    def timing(self):
        """Registered and forwarded the same working day (Art. 21–23)."""
        doc = self.context
        registered = getattr(doc, "registered", None)
        assigned = incoming.first_assignment(doc)
        if not registered:
            return None
        calendar = site_calendar()
        limit = handling.forwarding_limit(calendar, registered)
        # A document returned to its sender waits for no assignment.
        waiting = not assigned and api.content.get_state(doc) != "returned"
        return {
            "registered": display_time(registered),
            "assigned": display_time(assigned),
            "limit": display_time(limit),
            "late": bool(assigned)
            and handling.assigned_late(calendar, registered, assigned),
            "waiting": waiting,
            "waiting_late": waiting and clock.now() > limit,
        }

    def overdue(self):
        doc = self.context
        if api.content.get_state(doc) == "returned":
            return False
        return handling.is_overdue(
            getattr(doc, "deadline", None),
            clock.today(),
            getattr(doc, "closed", None),
        )

    def people(self):
        doc = self.context
        return {
            "handler": self.name(doc.handler) if getattr(doc, "handler", "") else "",
            "co_handlers": [
                self.name(p) for p in getattr(doc, "co_handlers", []) or []
            ],
        }

    def progress(self):
        return [
            {
                "time": display_time(entry["time"]),
                "user": self.name(entry["user"]),
                "text": entry["text"],
            }
            for entry in getattr(self.context, "progress", None) or []
        ]

    def reply(self):
        uid = getattr(self.context, "reply", None)
        if not uid:
            return None
        target = api.content.get(UID=uid)
        if target is None:
            return None
        return {
            "url": target.absolute_url(),
            "title": f"{getattr(target, 'notation', '') or ''} – {target.Title()}",
        }

    def history(self):
        """Each step, when, by whom (full name), the state after it."""
        return [
            {
                "time": display_time(entry["time"]),
                "action": translate(
                    STEP_TITLES.get(entry["action"], entry["action"]),
                    context=self.request,
                ),
                "actor": self.name(entry["actor"]),
                "state": translate(
                    STATE_TITLES.get(entry["state"], entry["state"]),
                    context=self.request,
                ),
                "comment": entry["comment"],
            }
            for entry in incoming.history(self.context)
        ]


# -- The steps' forms --------------------------------------------------------------


class IncomingStepView(FormMixin, BrowserView):
    """``@@incoming-step?step=assign|reassign|progress|close|return``."""

    def __call__(self):
        self.step = _text(self.request.form, "step")
        if self.step == "assign" and api.content.get_state(self.context) in (
            "assigned",
            "in_progress",
        ):
            self.step = "reassign"  # the state menu names both "assign"
        self.errors = {}
        if self.step not in {
            s["id"] for s in available_steps(self.context, self.request)
        }:
            raise NotFound(self.step)
        without_side_columns(self.request)
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            if self.request.form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            return self.take()
        return self.index()

    def title(self):
        return translate(STEP_TITLES[self.step], context=self.request)

    def is_assign(self):
        return self.step in ("assign", "reassign")

    # -- assign
    def units(self):
        return incoming.child_units(self.context, self.context.unit)

    def unit_choices(self):
        titles = unit_titles(api.portal.get())
        return [
            {"code": code, "title": titles.get(code, code)} for code in self.units()
        ]

    def staff(self):
        return incoming.staff(self.context, self.units())

    def proposed(self):
        return incoming.proposed_deadline(self.context)

    def deadline_value(self):
        if "deadline" in self.request.form:
            return _text(self.request.form, "deadline")
        current = getattr(self.context, "deadline", None)
        return (current or self.proposed()).isoformat()

    def proposal_text(self):
        days = handling.handling_days(
            self.context.urgency or "normal", incoming.handling_days_setting()
        )
        return translate(
            _(
                "incoming_deadline_proposal",
                default="Proposed: ${date} (${days} working days for this urgency).",
                mapping={"date": day_text(self.proposed()), "days": days},
            ),
            context=self.request,
        )

    def selected_handler(self):
        if "handler" in self.request.form:
            return _text(self.request.form, "handler")
        return getattr(self.context, "handler", "") or ""

    def selected_unit(self):
        if "handling_unit" in self.request.form:
            return _text(self.request.form, "handling_unit")
        return getattr(self.context, "handling_unit", "") or ""

    def selected_co_handlers(self):
        if self.request.form.get("form.submitted"):
            return _list(self.request.form, "co_handlers")
        return list(getattr(self.context, "co_handlers", None) or [])

    # -- close
    def replies(self):
        return incoming.reply_choices(self.context)

    def take(self):
        form = self.request.form
        doc = self.context
        if self.is_assign():
            deadline_text = _text(form, "deadline")
            values = {
                "instruction": _text(form, "instruction"),
                "handling_unit": _text(form, "handling_unit"),
                "handler": _text(form, "handler"),
                "co_handlers": _list(form, "co_handlers"),
                "deadline": _day(deadline_text) if deadline_text else None,
            }
            problems = handling.check_assignment(
                **values,
                today=clock.today(),
                staff=set(self.staff()),
                known_units=set(self.units()),
            )
            if problems:
                return self._fail(problems)
            try:
                incoming.assign(doc, **values)
            except WorkflowException:
                raise NotFound(self.step) from None
        elif self.step == "register":
            api.content.transition(obj=doc, transition="register")
        elif self.step == "progress":
            entry, problems = handling.progress_entry(
                clock.now(), api.user.get_current().getId(), _text(form, "text")
            )
            if problems:
                return self._fail(problems)
            incoming.record_progress(doc, entry)
        elif self.step == "close":
            reply = _text(form, "reply")
            if reply and reply not in {row["uid"] for row in self.replies()}:
                self.errors["reply"] = translate(
                    _(
                        "incoming_reply_unknown",
                        default="Choose a reply from the list.",
                    ),
                    context=self.request,
                )
                self.request.response.setStatus(400)
                return self.index()
            incoming.close(doc, reply, _text(form, "note"))
        elif self.step == "return":
            reason = _text(form, "reason")
            problems = handling.check_reason(reason)
            if problems:
                return self._fail(problems)
            incoming.return_to_sender(doc, reason)
        api.portal.show_message(
            _(
                "incoming_step_done",
                default="Done: ${step}.",
                mapping={"step": self.title()},
            ),
            request=self.request,
        )
        return self.request.response.redirect(doc.absolute_url())
