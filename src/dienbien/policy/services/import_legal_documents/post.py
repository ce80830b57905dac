"""``POST /van-ban-qppl/@import-legal-documents``: import a workbook of
normative documents (``.xlsx``), all or nothing; ``dry_run`` checks only,
``publish`` publishes what it creates (the register's reviewer only). 400
lists every problem by sheet, row and column heading."""

from dienbien.policy import _
from dienbien.policy.controlpanel.imports import _flag
from dienbien.policy.controlpanel.imports import import_legal_file
from dienbien.policy.controlpanel.imports import UploadError
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.imports import ImportPost
from plone import api


class ImportLegalDocumentsPost(ImportPost):
    publish = False

    def reply(self):
        # ``publish`` is this import's own option: taken out before the
        # shared shell checks the upload (which knows file and dry_run only).
        try:
            self.publish = _flag(self.request.form.pop("publish", ""))
        except UploadError:
            return bad_request(self.request, [("publish", _("publish is 1 or 0."))])
        return super().reply()

    def body(self):
        data = super().body()
        if isinstance(data, dict) and "publish" in data:
            value = data.pop("publish")
            if not isinstance(value, bool):
                raise UploadError("publish", _("publish is true or false."))
            self.publish = self.publish or value
        return data

    def run(self, portal, filename, data, dry_run):
        return import_legal_file(
            api.portal.get(), filename, data, dry_run, publish=self.publish
        )
