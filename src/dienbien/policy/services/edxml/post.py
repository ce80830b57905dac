"""``POST /@edxml``: a received edXML package (the request body, XML) into
the inbox of the unit it is addressed to, awaiting registration
(exchange/importer.py). 201 with the incoming documents made; 400 naming
the element of a bad package; 403 for anybody but the addressed unit's
clerical office; 409 naming the earlier document when the unit holds it
already. A status package (``MessageStatus``) is recorded on the outgoing
document it names, or recalls our copies (exchange/statuses.py): 200 with
the documents it changed. An update or a replacement (``BussinessDocType``
2, 3) of a document received before is applied or kept for the clerical
office's decision (exchange/corrections.py): 200 with the documents and
``pending``. See docs/exchange.md."""

from dienbien.policy import _
from dienbien.policy.core.exchange.edxml import PackageError
from dienbien.policy.exchange import statuses
from dienbien.policy.exchange.importer import Duplicate
from dienbien.policy.exchange.importer import NotAddressed
from dienbien.policy.exchange.importer import NotClerk
from dienbien.policy.exchange.receive import file_package
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import envelope
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides


TO = "edXML:MessageHeader/edXML:To"
DOCUMENT_ID = "edXML:MessageHeader/edXML:DocumentId"


def body_of(request) -> bytes:
    body = request.get("BODY") or b""
    return body.encode("utf-8") if isinstance(body, str) else body


def created(documents) -> dict:
    return {
        "items": [
            {
                "@id": document.absolute_url(),
                "UID": api.content.get_uuid(document),
                "unit": document.unit,
                "title": document.Title(),
                "review_state": api.content.get_state(document),
            }
            for document in documents
        ],
        "document_id": documents[0].exchange_document_id,
    }


def recorded(filed) -> dict:
    """The answer to a status package: what it said, and the documents it
    changed (the outgoing one, or our recalled copies)."""
    return {
        "status": {
            "code": filed.status.code,
            "name": filed.status.name,
            "from": filed.status.sender.organ_id,
            "document_id": filed.status.document.document_id,
        }
        if filed.status is not None
        else None,
        "items": [
            {
                "@id": document.absolute_url(),
                "UID": api.content.get_uuid(document),
                "unit": document.unit,
                "title": document.Title(),
                "review_state": api.content.get_state(document),
            }
            for document in filed.documents
        ],
    }


def refusal(request, error) -> dict:
    """The answer to a package that is not filed (status set)."""
    response = request.response
    if isinstance(error, PackageError | statuses.StatusRefused):
        return bad_request(request, [error.problem])
    if isinstance(error, NotAddressed):
        return bad_request(
            request,
            [
                (
                    TO,
                    _(
                        "edxml_not_addressed",
                        default="No unit of this site has the identifier of a "
                        "recipient of this package.",
                    ),
                )
            ],
        )
    if isinstance(error, NotClerk | statuses.NotClerk):
        response.setStatus(403)
        return {
            "type": "Forbidden",
            "message": translate(
                _(
                    "edxml_not_clerk",
                    default="Only the clerical office of a unit the package is "
                    "addressed to may receive it.",
                ),
                context=request,
            ),
        }
    earlier = error.earlier
    response.setStatus(409)
    body = envelope(
        [
            (
                DOCUMENT_ID,
                _(
                    "edxml_duplicate",
                    default="The unit has received this document already: ${title}.",
                    mapping={"title": earlier.Title},
                ),
            )
        ],
        request,
        kind="Conflict",
    )
    body["earlier"] = {
        "@id": earlier.getURL(),
        "UID": earlier.UID,
        "title": earlier.Title,
    }
    return body


class EdxmlPost(Service):
    def reply(self):
        # A machine's POST of an XML body, authenticated, as plone.restapi's
        # JSON ones: no form authenticator to carry.
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            filed = file_package(self.context, body_of(self.request))
        except (
            PackageError,
            NotAddressed,
            NotClerk,
            Duplicate,
            statuses.StatusRefused,
            statuses.NotClerk,
        ) as error:
            return refusal(self.request, error)
        if filed.kind == "status":
            return recorded(filed)
        if filed.kind == "correction":
            # An update or replacement: the copies it changed or keeps for
            # the clerical office's decision, and a replacement's new one.
            return {"items": recorded(filed)["items"]} | {
                "pending": [
                    api.content.get_uuid(document)
                    for document in filed.documents
                    if getattr(document, "exchange_request", None)
                ]
            }
        self.request.response.setStatus(201)
        return created(filed.documents)
