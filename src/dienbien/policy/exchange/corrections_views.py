"""The pages of updates and replacements (exchange/corrections.py).

- ``@@exchange-request-box`` (incoming document, inside its page): the
  sender's update or replacement waiting for the clerical office's decision,
  with "Đồng ý" and "Từ chối" (a reason); or the document that replaced it;
- ``@@exchange-decision`` (POST): the decision, for the clerical office of
  the document's unit (403 for anyone else), CSRF-checked;
- ``@@exchange-correction`` (outgoing document): the clerical office corrects
  an issued document sent outside — an update of its metadata, or its
  replacement by another issued document of the unit.
"""

from dienbien.policy import _
from dienbien.policy.core.correspondence import marks
from dienbien.policy.correspondence.browser.incoming import _text
from dienbien.policy.correspondence.browser.incoming import URGENCY_TITLES
from dienbien.policy.exchange import corrections
from dienbien.policy.exchange import statuses
from dienbien.policy.services.errors import translated
from dienbien.policy.workingtime import display_time
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import Forbidden
from zope.i18n import translate

import transaction


KIND_TITLES = {
    "update": _("exchange_kind_update", default="Update"),
    "replace": _("exchange_kind_replace", default="Replacement"),
}


class RequestBox(BrowserView):
    """The box on the incoming document's page (its clerks only)."""

    def __call__(self):
        self.error = getattr(self, "error", "")
        return self.index()

    def is_clerk(self) -> bool:
        return statuses._is_clerk_of([self.context.unit])

    def request_facts(self) -> dict | None:
        request = corrections.pending(self.context)
        if request is None or not self.is_clerk():
            return None
        return {
            "kind": request["kind"],
            "title": translate(KIND_TITLES[request["kind"]], context=self.request),
            "sender": request.get("sender_name", ""),
            "code": request.get("code", ""),
            "subject": request.get("subject", ""),
            "reason": request.get("reason", ""),
            "time": display_time(request.get("time")),
            "action": f"{self.context.absolute_url()}/@@exchange-decision",
        }

    def replaced_by(self) -> dict | None:
        uid = getattr(self.context, "exchange_replaced_by", None)
        if not uid:
            return None
        found = api.portal.get_tool("portal_catalog")(UID=uid)
        if not found:
            return None
        return {"url": found[0].getURL(), "title": found[0].Title}


class DecisionView(RequestBox):
    """``@@exchange-decision``: POST ``decision`` = ``agree`` | ``refuse``
    and ``reason``; GET shows the same box alone."""

    box = ViewPageTemplateFile("templates/request_box.pt")

    def __call__(self):
        if not self.is_clerk():
            raise Forbidden("exchange-decision")
        self.error = ""
        if self.request.method != "POST":
            return self.index()
        CheckAuthenticator(self.request)
        decision = _text(self.request.form, "decision")
        if decision not in ("agree", "refuse"):
            self.error = translate(
                _("exchange_decision_choose", default="Choose Agree or Refuse."),
                context=self.request,
            )
            self.request.response.setStatus(400)
            return self.index()
        try:
            corrections.decide(
                self.context,
                decision == "agree",
                _text(self.request.form, "reason"),
            )
        except corrections.NothingPending:
            self.error = translate(
                _(
                    "exchange_decision_nothing",
                    default="Nothing from the sender is waiting for a decision.",
                ),
                context=self.request,
            )
            self.request.response.setStatus(400)
            return self.index()
        except corrections.Refused as error:
            self.error = translated(error.problems[0], self.request)
            self.request.response.setStatus(400)
            return self.index()
        message = (
            _("exchange_decision_agreed", default="Agreed; the sender is told (15).")
            if decision == "agree"
            else _(
                "exchange_decision_refused",
                default="Refused; the sender is told with your reason (16).",
            )
        )
        IStatusMessage(self.request).add(
            translate(message, context=self.request), type="info"
        )
        return self.request.response.redirect(self.context.absolute_url())


class CorrectionForm(BrowserView):
    """``@@exchange-correction`` on an issued outgoing document."""

    def __call__(self):
        if not corrections.may_correct(self.context):
            raise Forbidden("exchange-correction")
        self.errors = {}
        form = self.request.form
        if self.request.method == "POST" and form.get("form.submitted"):
            CheckAuthenticator(self.request)
            if form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            return self.save()
        return self.index()

    def value(self, name: str, default: str = "") -> str:
        if self.request.method == "POST":
            return _text(self.request.form, name)
        return default

    def kind(self) -> str:
        return self.value("kind", "update") or "update"

    def error(self, name: str) -> str:
        return self.errors.get(name, "")

    def invalid(self, name: str) -> str:
        return "is-invalid" if name in self.errors else ""

    def urgencies(self) -> list[dict]:
        return [
            {
                "id": level.id,
                "title": translate(URGENCY_TITLES[level.id], context=self.request),
            }
            for level in marks.URGENCIES
        ]

    def choices(self) -> list[dict]:
        return [
            {"uid": choice["uid"], "title": choice["title"]}
            for choice in corrections.replacement_choices(self.context)
        ]

    def earlier(self) -> dict | None:
        correction = corrections.correction_of(self.context)
        if correction is None:
            return None
        return {
            "title": translate(KIND_TITLES[correction["kind"]], context=self.request),
            "time": display_time(correction["time"]),
            "reason": correction["reason"],
        }

    def save(self):
        form = self.request.form
        kind = _text(form, "kind")
        reason = _text(form, "reason")
        savepoint = transaction.savepoint()
        try:
            if kind == "replace":
                corrections.request_replacement(
                    self.context, reason, _text(form, "replacement")
                )
                done = _(
                    "exchange_replacement_sent",
                    default="The replacement is sent; the table below shows "
                    "each organisation's answer.",
                )
            else:
                upload = form.get("file")
                blob = None
                if upload and getattr(upload, "filename", None):
                    blob = NamedBlobFile(
                        data=upload.read(),
                        filename=upload.filename,
                        contentType=getattr(upload, "headers", {}).get(
                            "content-type", ""
                        )
                        or "application/octet-stream",
                    )
                corrections.request_update(
                    self.context,
                    reason,
                    _text(form, "summary"),
                    _text(form, "urgency"),
                    blob,
                )
                done = _(
                    "exchange_update_sent",
                    default="The update is sent; the table below shows each "
                    "organisation's answer.",
                )
        except corrections.Refused as error:
            savepoint.rollback()
            for problem in error.problems:
                self.errors.setdefault(problem.field, translated(problem, self.request))
            self.request.response.setStatus(400)
            return self.index()
        IStatusMessage(self.request).add(
            translate(done, context=self.request), type="info"
        )
        return self.request.response.redirect(self.context.absolute_url())


def correction_action(document, request) -> dict | None:
    """The outgoing page's button to this form, for those who may use it."""
    if not corrections.may_correct(document):
        return None
    return {
        "id": "exchange-correction",
        "title": translate(
            _(
                "exchange_correction_action",
                default="Update or replace (organisations outside)",
            ),
            context=request,
        ),
        "url": f"{document.absolute_url()}/@@exchange-correction",
    }
