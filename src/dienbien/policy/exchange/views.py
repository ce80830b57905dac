"""The address book's page: every organisation with its identifier and
contacts (a short list, woken), and the add link for those who keep it."""

from dienbien.policy.core.numbers import is_whole
from dienbien.policy.exchange.addressbook import ADD_PERMISSION
from plone import api
from Products.Five.browser import BrowserView


class AddressBookView(BrowserView):
    def entries(self) -> list[dict]:
        brains = api.content.find(
            context=self.context,
            portal_type="ExternalOrganisation",
            sort_on="sortable_title",
        )
        entries = []
        for brain in brains:
            entry = brain.getObject()
            entries.append(
                {
                    "url": entry.absolute_url(),
                    "title": entry.title,
                    "organ_id": entry.organ_id,
                    "address": entry.address or "",
                    "email": entry.email or "",
                    "telephone": entry.telephone or "",
                }
            )
        return entries

    def add_url(self) -> str | None:
        if api.user.has_permission(ADD_PERMISSION, obj=self.context):
            return f"{self.context.absolute_url()}/++add++ExternalOrganisation"
        return None


class ExchangeFile(BrowserView):
    """``@@exchange-file?n=2``: the n-th further file of an arrived package
    (the first is the document's own ``file``), as a download."""

    def __call__(self):
        from plone.namedfile.utils import set_headers
        from plone.namedfile.utils import stream_data
        from zExceptions import NotFound

        files = getattr(self.context, "exchange_attachments", None) or ()
        number = self.request.form.get("n", "")
        if not (isinstance(number, str) and is_whole(number)):
            raise NotFound("n")
        index = int(number) - 1
        if not 0 <= index < len(files):
            raise NotFound("n")
        file = files[index]
        set_headers(file, self.request.response, filename=file.filename)
        return stream_data(file)


def other_files(document) -> list[dict]:
    """The further files of an arrived package, for the document's page."""
    url = document.absolute_url()
    return [
        {
            "url": f"{url}/@@exchange-file?n={number}",
            "name": file.filename,
            "size": f"{max(1, round(file.getSize() / 1024))} KB",
        }
        for number, file in enumerate(
            getattr(document, "exchange_attachments", None) or (), start=1
        )
    ]


def may_fetch_package(document) -> bool:
    """The received package is for the clerical office of the document's
    unit (and Managers)."""
    from dienbien.policy.services.edxml.get import is_clerk_of

    return bool(getattr(document, "exchange_package", None)) and is_clerk_of(
        document.unit
    )


class ExchangePackage(BrowserView):
    """``@@exchange-package``: the edXML package an incoming document came
    in, as received, for the unit's clerical office."""

    def __call__(self):
        from plone.namedfile.utils import set_headers
        from plone.namedfile.utils import stream_data
        from zExceptions import Forbidden
        from zExceptions import NotFound

        file = getattr(self.context, "exchange_package", None)
        if file is None:
            raise NotFound("exchange-package")
        if not may_fetch_package(self.context):
            raise Forbidden("exchange-package")
        set_headers(file, self.request.response, filename=file.filename)
        return stream_data(file)


def exchange_package(document) -> dict | None:
    """The received package for the document's page (its clerks only)."""
    if not may_fetch_package(document):
        return None
    file = document.exchange_package
    return {
        "url": f"{document.absolute_url()}/@@exchange-package",
        "name": file.filename,
        "size": f"{max(1, round(file.getSize() / 1024))} KB",
    }


def file_facts(file, url: str) -> dict:
    """A file as plone.restapi serializes a file field."""
    return {
        "content-type": file.contentType,
        "download": url,
        "filename": file.filename,
        "size": file.getSize(),
    }


def exchange_facts(document) -> dict:
    """What REST adds to an incoming document that came as a package: its
    ``DocumentId``, the further files, and the package (its clerks only)."""
    url = document.absolute_url()
    package = getattr(document, "exchange_package", None)
    return {
        "exchange_document_id": getattr(document, "exchange_document_id", None) or None,
        "exchange_attachments": [
            file_facts(file, f"{url}/@@exchange-file?n={number}")
            for number, file in enumerate(
                getattr(document, "exchange_attachments", None) or (), start=1
            )
        ],
        "exchange_package": file_facts(package, f"{url}/@@exchange-package")
        if may_fetch_package(document)
        else None,
        "exchange_request": request_facts(document),
    }


def request_facts(document) -> dict | None:
    """The sender's update or replacement waiting for the clerical office's
    decision (exchange/corrections.py), for that office only."""
    from dienbien.policy.exchange.corrections import pending
    from dienbien.policy.services.edxml.get import is_clerk_of
    from dienbien.policy.workingtime import to_aware

    request = pending(document)
    if request is None or not is_clerk_of(document.unit):
        return None
    return {
        "kind": request["kind"],
        "reason": request.get("reason", ""),
        "received": to_aware(request["time"]).isoformat(),
        "sender": request.get("sender_name", ""),
        "code": request.get("code", ""),
        "subject": request.get("subject", ""),
    }
