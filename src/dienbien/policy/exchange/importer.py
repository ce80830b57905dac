"""A received edXML package becomes an incoming document (``POST /@edxml``).

1. ``edxml.parse`` reads and checks the package (a ``PackageError`` names
   the element: a 400);
2. the addressed units are ours whose ``organ_id`` (or Decision 20/2020
   ``organ_code``) is one of the package's ``To``; the importing clerk must
   work in the clerical office of at least one (else 403); the package is
   filed for those;
3. a unit that already holds the same document — the same ``DocumentId``, or
   the same (number, notation, issuer) by identifier or by name — refuses
   it: ``Duplicate`` names the earlier one (a 409);
4. only then is anything written: one ``IncomingDocument`` per unit, state
   ``received`` (awaiting registration in the unit's inbox, as internal
   sending leaves them), the first file as its ``file``, the others in
   ``exchange_attachments``, the package's identity in
   ``exchange_document_id`` and ``exchange_sender``. A failure while
   writing rolls back to before the first (a savepoint): nothing
   half-created, even when the caller catches the error;
5. the package itself is kept on each document (``exchange_package``, a
   blob), for the unit's clerical office (``@@exchange-package``).
"""

from dataclasses import dataclass
from dienbien.policy import clock
from dienbien.policy.core.exchange import edxml
from dienbien.policy.core.exchange import mapping
from dienbien.policy.core.exchange.organs import exchange_keys
from dienbien.policy.core.exchange.package import DocumentMessage
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.correspondence.documents import DOCUMENTS_PATH
from dienbien.policy.correspondence.documents import INCOMING as INCOMING_KIND
from dienbien.policy.correspondence.documents import new_id
from dienbien.policy.orgunits.lookup import unit_objects
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile

import re
import transaction


INCOMING = "IncomingDocument"
INDEX = "document_exchange_keys"


class NotAddressed(Exception):
    """No unit of the site is among the package's recipients."""


class NotClerk(Exception):
    """The user is not in the clerical office of an addressed unit."""


@dataclass
class Duplicate(Exception):
    """The unit holds the document already: ``earlier`` is that one."""

    unit: str
    earlier: object


def document_keys(obj) -> list[str]:
    """An incoming document's keys: its package identity, else its sender's
    number and notation by the sender's name."""
    number, _, notation = (getattr(obj, "sender_notation", None) or "").partition("/")
    issuers = (getattr(obj, "exchange_sender", None), getattr(obj, "sender_name", None))
    return exchange_keys(
        number, notation, getattr(obj, "exchange_document_id", "") or "", issuers
    )


def message_keys(message: DocumentMessage) -> list[str]:
    return exchange_keys(
        message.number,
        message.notation,
        message.effective_document_id,
        (message.sender.organ_id, message.sender.name),
    )


def addressed_units(context, message: DocumentMessage) -> list[str]:
    """Our units (codes) the package is addressed to, in the site's order."""
    wanted = {organ.organ_id for organ in message.recipients}
    return [
        unit.code
        for unit in unit_objects(context)
        if {getattr(unit, "organ_id", None), getattr(unit, "organ_code", None)} & wanted
        and not getattr(unit, "valid_to", None)
    ]


def _clerk_units(units: list[str]) -> list[str]:
    user = api.user.get_current()
    if "Manager" in api.user.get_roles(user=user):
        return units
    groups = {group.getId() for group in api.group.get_groups(user=user)}
    return [code for code in units if group_id(code, "clerical") in groups]


def earlier_document(unit: str, keys: list[str]):
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(
        portal_type=INCOMING, document_unit=unit, **{INDEX: keys}
    )
    return found[0] if found else None


def _file(attachment) -> NamedBlobFile:
    return NamedBlobFile(
        attachment.data, contentType=attachment.content_type, filename=attachment.name
    )


def _create(folder, message: DocumentMessage, unit: str, now):
    fields = mapping.incoming_fields(message, unit, now)
    files = [_file(attachment) for attachment in message.attachments]
    # Everything is there when the document is added: its signatures are
    # judged and its text read on arrival (signatures/, fulltext.py), and it
    # is indexed once, with its exchange keys.
    return createContentInContainer(
        folder,
        INCOMING,
        checkConstraints=False,
        id=new_id(INCOMING_KIND),
        file=files[0] if files else None,
        exchange_attachments=tuple(files[1:]),
        exchange_document_id=message.effective_document_id,
        exchange_sender=message.sender.organ_id,
        exchange_due_date=message.due_date,
        **fields,
    )


def package_file(message: DocumentMessage, data: bytes) -> NamedBlobFile:
    """The received package as a file: ``edxml-1254-SNV-VP.xml``."""
    from unidecode import unidecode

    name = re.sub(r"[^A-Za-z0-9-]+", "", unidecode(message.code).replace("/", "-"))
    return NamedBlobFile(
        data, contentType="application/xml", filename=f"edxml-{name}.xml"
    )


def import_package(
    context,
    data: bytes,
    limits: edxml.Limits | None = None,
    message=None,
    atomic: bool = True,
) -> list:
    """The incoming documents made from ``data``; raises ``PackageError``,
    ``NotAddressed``, ``NotClerk`` or ``Duplicate`` before writing anything.
    ``message``: ``data`` already read (``receive.file_package``), not read
    twice. ``atomic=False``: no savepoint, for a caller whose transaction is
    the unit (it aborts on any error) and which files many packages in it —
    a savepoint pickles every object changed since the last one, ~15 ms a
    package measured."""
    if message is None:
        message = edxml.parse(data, limits)
    units = addressed_units(context, message)
    if not units:
        raise NotAddressed()
    units = _clerk_units(units)
    if not units:
        raise NotClerk()
    keys = message_keys(message)
    for unit in units:
        earlier = earlier_document(unit, keys)
        if earlier is not None:
            raise Duplicate(unit, earlier)
    folder = api.portal.get()[DOCUMENTS_PATH]
    now = clock.now()
    if not atomic:
        return _documents(folder, message, data, units, now)
    savepoint = transaction.savepoint()
    try:
        return _documents(folder, message, data, units, now)
    except Exception:
        savepoint.rollback()
        raise


def _documents(folder, message: DocumentMessage, data: bytes, units, now) -> list:
    documents = [_create(folder, message, unit, now) for unit in units]
    for document in documents:
        document.exchange_package = package_file(message, data)
    return documents
