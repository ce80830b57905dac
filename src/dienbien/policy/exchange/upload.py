"""``@@edxml-upload`` on the site: a clerk files a received edXML package
(a file from the platform, a USB stick, an e-mail) the way ``POST /@edxml``
does, through a classic form (CSRF token checked). A refused package shows
the element and the reason; nothing is filed then.

On the demo site the page also offers the sample packages (exchange/demo.py)
addressed to the clerk's units: one button files one (``sample=<name>``,
the same import), one link downloads it (``?download=<name>``) to try the
file field or ``POST /@edxml``."""

from dienbien.policy import _
from dienbien.policy.core.exchange.edxml import PackageError
from dienbien.policy.exchange import demo
from dienbien.policy.exchange import statuses
from dienbien.policy.exchange.importer import _clerk_units
from dienbien.policy.exchange.importer import Duplicate
from dienbien.policy.exchange.importer import earlier_document
from dienbien.policy.exchange.importer import message_keys
from dienbien.policy.exchange.importer import NotAddressed
from dienbien.policy.exchange.importer import NotClerk
from dienbien.policy.exchange.receive import file_package
from dienbien.policy.exchange.receive import refusal
from dienbien.policy.orgunits.lookup import unit_title
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
        elif self.request.form.get("download"):
            return self.download(self.request.form["download"])
        return self.index()

    def my_samples(self) -> list:
        """The sample packages addressed to a unit whose clerical office the
        user is in (every one for a Manager); none on a real site."""
        if not hasattr(self, "_samples"):
            self._samples = [
                package
                for package in demo.sample_packages()
                if _clerk_units(list(package.units))
            ]
        return self._samples

    def samples(self) -> list[dict]:
        """The offered sample packages, each with what the clerk decides on
        and, once filed, the incoming document it became."""
        rows = []
        for package in self.my_samples():
            message = package.message
            keys = message_keys(message)
            units = _clerk_units(list(package.units))
            earlier = [earlier_document(unit, keys) for unit in units]
            received = [brain for brain in earlier if brain is not None]
            rows.append(
                {
                    "name": package.name,
                    "sender": message.sender.name,
                    "code": message.code,
                    "type_name": message.type_name,
                    "subject": message.subject,
                    "date": message.promulgated.strftime("%d/%m/%Y"),
                    "to": ", ".join(unit_title(self.context, u) or u for u in units),
                    "files": len(message.attachments),
                    "download": f"{self.request['URL']}?download={package.name}",
                    "received": [
                        {"url": brain.getURL(), "title": brain.Title}
                        for brain in received
                    ],
                    "all_received": len(received) == len(units),
                }
            )
        return rows

    def sample_named(self, name):
        for package in self.my_samples():
            if package.name == name:
                return package
        return None

    def download(self, name):
        from zExceptions import NotFound

        package = self.sample_named(name)
        if package is None:
            raise NotFound(name)
        response = self.request.response
        response.setHeader("Content-Type", "application/xml; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{package.filename}"'
        )
        return package.build()

    def translate(self, message) -> str:
        return translate(message, context=self.request)

    def receive(self) -> dict:
        sample = self.request.form.get("sample")
        if sample:
            package = self.sample_named(sample)
            if package is None:
                return self.refused(
                    "sample",
                    _(
                        "edxml_sample_unknown",
                        default="There is no such sample package.",
                    ),
                )
            return self.file(package.build())
        upload = self.request.form.get("package")
        data = upload.read() if hasattr(upload, "read") else b""
        if not data:
            return self.refused(
                "package",
                _("edxml_upload_empty", default="Choose the package file (.xml)."),
            )
        return self.file(data)

    def file(self, data: bytes) -> dict:
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
            "correction": filed.kind == "correction",
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
