"""The pages around the forms: what arrived (staff), answering a question
(editors), the public Q&A list, the exports."""

from AccessControl import Unauthorized
from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.citizenforms import storage
from dienbien.policy.citizenforms.interfaces import IQuestionForm
from dienbien.policy.core.citizenforms import cell_text
from dienbien.policy.core.citizenforms import qa_entry
from dienbien.policy.orgunits.groups import user_units
from dienbien.policy.orgunits.lookup import unit_codes
from dienbien.policy.orgunits.lookup import unit_title
from io import BytesIO
from io import StringIO
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate

import csv


def local_text(moment) -> str:
    """ "17:00 03/08/2026"."""
    return moment.strftime("%H:%M %d/%m/%Y") if moment else ""


def day_text(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def may_manage(form) -> bool:
    return bool(api.user.has_permission("Modify portal content", obj=form))


class Received(BrowserView):
    """``@@cau-hoi-da-nhan``: the submissions a person may read — all of
    them for the form's editors, those sent to their units for the units'
    staff — with, on the question form, a box to publish an answer."""

    index = ViewPageTemplateFile("templates/received.pt")

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("cau-hoi-da-nhan")
        self.manager = may_manage(self.context)
        self.answering = self.manager and IQuestionForm.providedBy(self.context)
        self.error = None
        if self.request.method == "POST":
            if not self.answering:
                raise Unauthorized("tra-loi")
            CheckAuthenticator(self.request)
            if self.answer():
                api.portal.show_message(
                    _("citizen_answer_published", default="The answer is published."),
                    self.request,
                )
                self.request.response.redirect(
                    f"{self.context.absolute_url()}/@@cau-hoi-da-nhan"
                )
                return ""
        return self.index()

    def units(self) -> set[str] | None:
        """None: every unit."""
        if self.manager:
            return None
        found = user_units(unit_codes(self.context))
        return set().union(*found.values())

    def rows(self) -> list[dict]:
        units = self.units()
        answered = storage.answered_rows(self.context)
        shown = []
        for row in storage.rows(self.context):
            if units is not None and row.get("unit") not in units:
                continue
            attachment = row.get("attachment")
            shown.append(
                {
                    "id": row["id"],
                    "received": local_text(row["received"]),
                    "fullname": row.get("fullname", ""),
                    "contact": row.get("contact", ""),
                    "unit": unit_title(self.context, row.get("unit")),
                    "subject": row.get("subject", ""),
                    "message": row.get("message", ""),
                    "attachment": getattr(attachment, "filename", "") or "",
                    "answered": row["id"] in answered,
                }
            )
        return shown

    def answer(self) -> bool:
        form = self.request.form
        try:
            row_id = int(form.get("row", ""))
        except ValueError:
            row_id = None
        rows = {row["id"]: row for row in storage.rows(self.context)}
        if row_id not in rows or row_id in storage.answered_rows(self.context):
            self.error = _(
                "citizen_answer_no_row", default="This question is not in the list."
            )
            return False
        question = dict(rows[row_id])
        # The editor may reword the question (to take out a name, say).
        question["message"] = form.get("question") or question.get("message")
        try:
            entry = qa_entry(question, form.get("answer", ""), clock.now())
        except ValueError:
            self.error = _("citizen_answer_empty", default="Write the answer first.")
            return False
        storage.publish(self.context, entry, row_id)
        return True


class QuestionList(BrowserView):
    """``hoi-dap`` of the question section: the published answers."""

    index = ViewPageTemplateFile("templates/qa.pt")

    def __call__(self):
        return self.index()

    def form(self):
        for item in self.context.objectValues():
            if IQuestionForm.providedBy(item):
                return item
        return None

    def entries(self) -> list[dict]:
        form = self.form()
        if form is None:
            return []
        shown = [
            {
                "subject": entry["subject"],
                "message": entry["message"],
                "answer": entry["answer"],
                "unit": unit_title(self.context, entry.get("unit")),
                "answered": day_text(entry["answered"]),
                "sample": entry.get("sample", False),
                "sort": entry["answered"],
            }
            for entry in storage.entries(form)
        ]
        shown.sort(key=lambda entry: entry["sort"], reverse=True)
        return shown


COLUMNS = (
    ("received", _("citizen_column_received", default="Received")),
    ("fullname", _("label_citizen_fullname", default="Full name")),
    ("contact", _("label_citizen_contact", default="Phone or e-mail")),
    ("unit", _("label_citizen_unit", default="Unit concerned")),
    ("subject", _("label_citizen_subject", default="Subject")),
    ("message", _("citizen_column_message", default="Content")),
    ("attachment", _("label_citizen_attachment", default="Attachment")),
)


class Export(BrowserView):
    """``@@xuat-du-lieu?dinh_dang=csv|xlsx``: every submission, for those
    who may download a form's saved input."""

    def table(self) -> tuple[list[str], list[list[str]]]:
        names = storage.saver(self.context).getColumnNames()
        columns = [
            (key, title) for key, title in COLUMNS if key in names or key == "received"
        ]
        language = api.portal.get_default_language()
        header = [translate(title, target_language=language) for _key, title in columns]
        body = []
        for row in reversed(storage.rows(self.context)):
            values = []
            for key, _title in columns:
                value = row.get(key)
                if key == "received":
                    value = local_text(value)
                elif key == "unit":
                    value = unit_title(self.context, value)
                elif key == "attachment":
                    value = getattr(value, "filename", "") or ""
                values.append(cell_text(value))
            body.append(values)
        return header, body

    def __call__(self):
        kind = self.request.form.get("dinh_dang", "csv")
        header, body = self.table()
        name = self.context.getId()
        response = self.request.response
        if kind == "xlsx":
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            sheet.append(header)
            for values in body:
                sheet.append(values)
            out = BytesIO()
            book.save(out)
            data = out.getvalue()
            response.setHeader(
                "Content-Type",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            text = StringIO()
            writer = csv.writer(text)
            writer.writerow(header)
            writer.writerows(body)
            # With a BOM, spreadsheet programs read the Vietnamese right.
            data = text.getvalue().encode("utf-8-sig")
            kind = "csv"
            response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{name}.{kind}"'
        )
        response.setHeader("Cache-Control", "private, no-store")
        return data
