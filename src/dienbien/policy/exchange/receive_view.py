"""``@@edxml-receive`` on the site: the clerical office takes what waits in
the exchange's inbox folder (``receive.receive_waiting``). GET says how
many packages wait; POST (CSRF token checked) files them and lists, per
package, what it became — an incoming document awaiting registration, a
status recorded on an outgoing document, a recall — or why it was refused
and stays waiting."""

from dienbien.policy import _
from dienbien.policy.correspondence.sending import status_title
from dienbien.policy.exchange.receive import receive_waiting
from dienbien.policy.exchange.receive import refusal
from dienbien.policy.exchange.transport import site_transport
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


#: A package also addressed to units whose clerical office the user is not
#: in: filed for the user's, left in the inbox for the others'.
OTHERS = _(
    "edxml_receive_for_others",
    default="It is addressed to other units too: it stays in the inbox for "
    "their clerical offices.",
)
HELD = _(
    "edxml_receive_held",
    default="Filed for your unit already.",
)


class ReceivePage(BrowserView):
    results = None  # [{"name", "ok", "text", "links", "element"}]

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.results = self.receive()
        return self.index()

    def configured(self) -> bool:
        transport = site_transport()
        return transport is not None and getattr(transport, "inbox", None) is not None

    def waiting(self) -> int:
        """Packages still waiting (those just filed leave the folder when
        the transaction commits, after this page is written)."""
        transport = site_transport()
        if transport is None:
            return 0
        filed = {
            item["name"]
            for item in self.results or ()
            if item["ok"] and item.get("complete", True)
        }
        return len(set(transport.received()) - filed)

    def _t(self, message) -> str:
        return translate(message, context=self.request)

    def receive(self) -> list[dict]:
        outcome = receive_waiting(self.context)
        results = []
        for name, filed in outcome.filed:
            links = [
                {"url": document.absolute_url(), "title": document.Title()}
                for document in filed.documents
            ]
            if filed.kind == "document":
                text = _(
                    "edxml_receive_document",
                    default="Incoming document, awaiting registration:",
                )
            elif filed.kind == "correction":
                text = _(
                    "edxml_receive_correction",
                    default="An update or replacement from the sender; applied, "
                    "or waiting for the clerical office's decision:",
                )
            elif filed.status.code == "13":
                text = _(
                    "edxml_receive_recall",
                    default="Recalled by its sender; out of the inbox:",
                )
            else:
                text = _(
                    "edxml_receive_status",
                    default="${organisation} reports: ${status}, for",
                    mapping={
                        "organisation": filed.status.sender.name,
                        "status": status_title(filed.status.name, self.request),
                    },
                )
            results.append(
                {
                    "name": name,
                    "ok": True,
                    "text": self._t(text),
                    "links": links,
                    "complete": filed.complete,
                    "note": "" if filed.complete else self._t(OTHERS),
                }
            )
        for name in outcome.waiting:
            results.append(
                {
                    "name": name,
                    "ok": True,
                    "text": self._t(HELD),
                    "links": [],
                    "complete": False,
                    "note": self._t(OTHERS),
                }
            )
        for name, error in outcome.refused:
            refused = refusal(error, self.request)
            results.append(
                {
                    "name": name,
                    "ok": False,
                    "text": refused["message"],
                    "links": [refused["earlier"]] if refused["earlier"] else [],
                    "element": refused["element"],
                }
            )
        return results
