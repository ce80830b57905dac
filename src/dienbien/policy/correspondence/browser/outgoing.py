"""The page of an outgoing document, laid out as the paper it becomes
(Decree 30/2020 Appendix I): the national heading, the issuer block, the
number and notation, place and date, the stamps, the type and summary, the
content, the signer and "Nơi nhận"; below it, where the document stands in
its workflow (state, history with people's names, reasons given) and the
steps the user may take, each opening its confirmation form.
"""

from dienbien.policy import _
from dienbien.policy.core.correspondence import doctypes
from dienbien.policy.core.correspondence import marks
from dienbien.policy.core.correspondence.notation import format_number
from dienbien.policy.core.correspondence.outgoing import in_order
from dienbien.policy.core.correspondence.outgoing import notation_department
from dienbien.policy.core.correspondence.paper import dateline
from dienbien.policy.core.correspondence.paper import issuer_lines
from dienbien.policy.core.correspondence.paper import MOTTO
from dienbien.policy.core.correspondence.paper import NATION
from dienbien.policy.core.correspondence.paper import place_from_title
from dienbien.policy.core.correspondence.paper import recipient_lines
from dienbien.policy.correspondence.drafting import unit_object
from dienbien.policy.correspondence.outgoing_titles import state_title
from dienbien.policy.correspondence.outgoing_titles import step_title
from dienbien.policy.dossiers.browser.display import full_name
from dienbien.policy.dossiers.browser.display import when
from dienbien.policy.dossiers.browser.display import without_side_columns
from dienbien.policy.exchange.addressbook import organisation_names
from dienbien.policy.orgunits.lookup import unit_titles
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate


STEP_VIEW = "outgoing-step"


def unit_place(context, unit) -> str:
    """The place written before the date: the unit's own, the one in its
    title, else its parent's (a department of the district writes the
    district's place)."""
    seen = set()
    while unit is not None and unit.code not in seen:
        seen.add(unit.code)
        place = (getattr(unit, "place", None) or "").strip()
        place = place or place_from_title(unit.title)
        if place:
            return place
        unit = unit_object(context, getattr(unit, "parent", None))
    return ""


def available_steps(document, request) -> list[dict]:
    """The steps the current user may take now (the workflow's guards)."""
    workflow = api.portal.get_tool("portal_workflow")
    ids = [transition["id"] for transition in workflow.getTransitionsFor(document)]
    url = document.absolute_url()
    return [
        {
            "id": step,
            "title": step_title(step, request),
            "url": f"{url}/@@{STEP_VIEW}?transition={step}",
        }
        for step in in_order(ids)
    ]


def paper_of(document, request) -> dict:
    """Every text of the document's paper layout, computed once."""
    context = document
    doctype = doctypes.document_type(document.doctype)
    unit = unit_object(context, document.unit)
    parent = unit_object(context, getattr(unit, "parent", None)) if unit else None
    above, below = issuer_lines(
        parent.title if parent is not None else "",
        unit.title if unit is not None else document.unit or "",
    )
    issuer = (getattr(unit, "abbreviation", None) or "").strip() if unit else ""
    notation = getattr(document, "notation", None) or ""
    if notation:
        number_line = f"Số: {notation}"
    else:
        # Before issue the number is blank on paper; the symbol is known.
        department = notation_department(document.doctype, document.department or "")
        parts = [doctype.abbreviation, issuer, department]
        symbol = "-".join(part for part in parts if part)
        year = "…/" if document.normative else ""
        number_line = f"Số: …/{year}{symbol}"
    issued = getattr(document, "issued", None)
    place = unit_place(context, unit)
    if issued is not None:
        date_line = dateline(place, issued.date())
    else:
        date_line = (
            f"{place}, ngày … tháng … năm …" if place else "Ngày … tháng … năm …"
        )
    titles = unit_titles(context)
    recipients = [titles.get(code, code) for code in document.internal_recipients or ()]
    recipients += organisation_names(getattr(document, "external_organisations", ()))
    recipients += [name for name in document.external_recipients or () if name]
    body = getattr(document, "body", None)
    return {
        "nation": NATION,
        "motto": MOTTO,
        "issuer_above": above,
        "issuer_below": below,
        "number_line": number_line,
        "date_line": date_line,
        "urgency": marks.urgency(document.urgency or "normal").stamp,
        "confidentiality": marks.confidentiality(
            document.confidentiality or "normal"
        ).stamp,
        "dispatch": doctype.dispatch_form,
        "type_name": doctype.title.upper(),
        "summary": document.summary or "",
        "dispatch_summary": dispatch_summary(document.summary or ""),
        "body": body.output_relative_to(document) if body is not None else "",
        "file": getattr(document, "file", None),
        "signer": full_name(document.signer),
        "recipients": recipient_lines(
            recipients, document.file_keeper or "", document.department or ""
        ),
    }


def dispatch_summary(summary: str) -> str:
    """A công văn's summary under its number: ``V/v …`` (về việc)."""
    summary = summary.strip()
    if summary.casefold().startswith(("v/v", "về việc")):
        return summary
    return f"V/v {summary}"


class OutgoingView(BrowserView):
    def __call__(self):
        self.request.set("enable_toolbar", True)
        without_side_columns(self.request)
        return self.index()

    def paper(self) -> dict:
        return paper_of(self.context, self.request)

    def state(self) -> dict:
        state = api.content.get_state(self.context)
        return {"id": state, "title": state_title(state, self.request)}

    def facts(self) -> list[dict]:
        """The record beside the paper: what the register keeps."""
        document = self.context
        names = {}
        rows = [
            (
                _("label_outgoing_drafter", default="Drafted by"),
                full_name(document.drafter, names),
            ),
            (
                _("label_outgoing_signer", default="Signer"),
                full_name(document.signer, names),
            ),
            (
                _("label_outgoing_department", default="Drafting department"),
                document.department,
            ),
            (_("label_outgoing_copies", default="Copies"), str(document.copies or "")),
            (
                _("label_outgoing_file_keeper", default="File copy kept by"),
                document.file_keeper,
            ),
            (
                _("label_outgoing_issued", default="Issued"),
                when(getattr(document, "issued", None)),
            ),
            (
                _("label_outgoing_sent", default="Sent"),
                when(getattr(document, "sent", None)),
            ),
            (
                _("label_outgoing_return_reason", default="Reason for return"),
                getattr(document, "return_reason", None),
            ),
            (
                _("label_outgoing_recall_reason", default="Reason for recall"),
                getattr(document, "recall_reason", None),
            ),
        ]
        return [
            {
                "id": label.split("label_outgoing_")[-1],
                "label": translate(label, context=self.request),
                "value": value,
            }
            for label, value in rows
            if value
        ]

    def actions(self) -> list[dict]:
        from dienbien.policy.exchange.corrections_views import correction_action

        # Besides the workflow's steps: an update or a replacement of a
        # document sent outside (exchange/corrections.py).
        correction = correction_action(self.context, self.request)
        steps = available_steps(self.context, self.request)
        return [*steps, correction] if correction else steps

    def history(self) -> list[dict]:
        """The workflow history, oldest first, with people's names."""
        workflow = api.portal.get_tool("portal_workflow")
        chain = workflow.getChainFor(self.context)
        entries = self.context.workflow_history.get(chain[0], ()) if chain else ()
        names = {}
        rows = []
        for entry in entries:
            action = entry.get("action")
            if not action:
                continue  # the creation entry: the drafter is shown above
            rows.append(
                {
                    "time": when(_local(entry.get("time"))),
                    "action": step_title(action, self.request),
                    "actor": full_name(entry.get("actor"), names),
                    "state": state_title(entry.get("review_state"), self.request),
                    "comment": entry.get("comments") or "",
                }
            )
        return rows

    def number_text(self) -> str:
        number = getattr(self.context, "number", None)
        return format_number(number) if number else ""


def _local(moment):
    """A workflow history time (Zope DateTime, with its zone) as the naive
    local time the site shows."""
    if moment is None:
        return None
    from dienbien.policy.workingtime import to_local

    if hasattr(moment, "asdatetime"):
        moment = moment.asdatetime()
    return to_local(moment)
