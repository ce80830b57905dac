"""``@@edxml-upload`` on the site: a clerk files a received edXML package
(a file from the platform, a USB stick, an e-mail) the way ``POST /@edxml``
does, through a classic form (CSRF token checked). A refused package shows
the element and the reason; nothing is filed then."""

from dienbien.policy import _
from dienbien.policy.core.exchange.edxml import PackageError
from dienbien.policy.exchange import statuses
from dienbien.policy.exchange.importer import Duplicate
from dienbien.policy.exchange.importer import NotAddressed
from dienbien.policy.exchange.importer import NotClerk
from dienbien.policy.exchange.receive import file_package
from dienbien.policy.exchange.receive import refusal
from dienbien.policy.services.errors import translated
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


class UploadPage(BrowserView):
    outcome = None  # {"ok": bool, "documents": [...], "element", "message", "earlier"}

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.outcome = self.receive()
        return self.index()

    def translate(self, message) -> str:
        return translate(message, context=self.request)

    def receive(self) -> dict:
        upload = self.request.form.get("package")
        data = upload.read() if hasattr(upload, "read") else b""
        if not data:
            return self.refused(
                "package",
                _("edxml_upload_empty", default="Choose the package file (.xml)."),
            )
        try:
            filed = file_package(self.context, data)
        except (statuses.StatusRefused, statuses.NotClerk) as error:
            refused = refusal(error, self.request)
            return self.refused(refused["element"], refused["message"])
        except PackageError as error:
            return self.refused(error.element, translated(error.problem, self.request))
        except NotAddressed:
            return self.refused(
                "edXML:MessageHeader/edXML:To",
                _(
                    "edxml_not_addressed",
                    default="No unit of this site has the identifier of a "
                    "recipient of this package.",
                ),
            )
        except NotClerk:
            return self.refused(
                "edXML:MessageHeader/edXML:To",
                _(
                    "edxml_not_clerk",
                    default="Only the clerical office of a unit the package is "
                    "addressed to may receive it.",
                ),
            )
        except Duplicate as error:
            outcome = self.refused(
                "edXML:MessageHeader/edXML:DocumentId",
                _(
                    "edxml_duplicate",
                    default="The unit has received this document already: ${title}.",
                    mapping={"title": error.earlier.Title},
                ),
            )
            outcome["earlier"] = {
                "url": error.earlier.getURL(),
                "title": error.earlier.Title,
            }
            return outcome
        documents = filed.documents
        return {
            "ok": True,
            "status": filed.kind == "status",
            "documents": [
                {"url": document.absolute_url(), "title": document.Title()}
                for document in documents
            ],
        }

    def refused(self, element: str, message) -> dict:
        self.request.response.setStatus(400)
        if not isinstance(message, str):
            message = self.translate(message)
        return {"ok": False, "element": element, "message": message, "earlier": None}
