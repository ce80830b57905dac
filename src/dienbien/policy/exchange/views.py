"""The address book's page: every organisation with its identifier and
contacts (a short list, woken), and the add link for those who keep it."""

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
        if not (isinstance(number, str) and number.isdigit()):
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
