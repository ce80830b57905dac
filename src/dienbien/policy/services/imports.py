"""The two import endpoints' shared shell (``@import-orgunits``,
``@import-procedures``): read the upload, run the import, answer."""

from dienbien.policy import _
from dienbien.policy.controlpanel.imports import problem_rows
from dienbien.policy.controlpanel.imports import read_upload
from dienbien.policy.controlpanel.imports import UploadError
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import form_problems
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services import Service
from zope.interface import alsoProvides


class ImportPost(Service):
    """Shared by both imports: read the upload, run, answer."""

    run = None  # (portal, filename, data, dry_run) -> ImportOutcome

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        # The query string (and a multipart form) take these two only, once.
        problems = form_problems(self.request.form, ("file", "dry_run"))
        if problems:
            return bad_request(self.request, problems)
        try:
            filename, data, dry_run = read_upload(self.request, self.body)
        except UploadError as error:
            return bad_request(self.request, [(error.field, error.message)])
        outcome = self.run(self.context, filename, data, dry_run)
        if not outcome.ok:
            rows = problem_rows(outcome.problems, self.request)
            body = bad_request(
                self.request, [(row["field"], row["message"]) for row in rows]
            )
            # Where each problem is: the line (a CSV line, a JSON record, a
            # sheet's row) and the sheet of a workbook.
            for error, row in zip(body["errors"], rows, strict=True):
                if row["line"] is not None:
                    error["line"] = row["line"]
                if row["sheet"]:
                    error["sheet"] = row["sheet"]
            return body
        return outcome.summary()

    def body(self):
        try:
            return json_body(self.request)
        except DeserializationError:
            raise UploadError(
                "file", _("Send a file (multipart) or a JSON object.")
            ) from None
