"""Receiving a package of either kind, and the inbox folder's receive step.

``file_package`` is what ``POST /@edxml``, ``@@edxml-upload`` and the
receive step call: a status package (``MessageStatus``) is applied
(``statuses.apply``), a document package imported (``importer``) and its
arrival told to the sender (status 01).

``receive_waiting`` takes every package waiting in the transport's inbox,
oldest first, files each in its own savepoint and acknowledges those that
were filed or applied; a refused one stays in the inbox and is reported
(the clerk deals with it through the upload form or asks the sender). It
serves ``@@edxml-receive`` (the clerical office, POST) and
``scripts/exchange_receive.py`` (cron, ``make exchange-receive``).
"""

from dataclasses import dataclass
from dataclasses import field
from dienbien.policy import _
from dienbien.policy.core.exchange import edxml
from dienbien.policy.core.exchange import status as core
from dienbien.policy.core.exchange.corrections import is_correction
from dienbien.policy.core.exchange.package import DocumentMessage
from dienbien.policy.exchange import corrections
from dienbien.policy.exchange import importer
from dienbien.policy.exchange import statuses
from dienbien.policy.exchange.transport import site_transport
from dienbien.policy.services.errors import translated
from plone import api

import logging
import transaction


logger = logging.getLogger("dienbien.policy")
REFUSALS = (
    edxml.PackageError,
    importer.NotAddressed,
    importer.NotClerk,
    importer.Duplicate,
    statuses.StatusRefused,
    statuses.NotClerk,
)


@dataclass
class Filed:
    """What a package did: ``kind`` ``document`` or ``status``."""

    kind: str
    documents: list
    status: core.StatusMessage | None = None
    #: Dealt with for every unit of ours it concerns. ``False``: it was
    #: filed for the user's units, and other units' clerical offices still
    #: have theirs to file — the inbox keeps it for them.
    complete: bool = True


def file_package(
    context, data: bytes, limits: edxml.Limits | None = None, atomic: bool = True
) -> Filed:
    """File one package; raises one of ``REFUSALS`` before writing
    (``atomic``: see ``importer.import_package``)."""
    message = edxml.parse(data, limits)
    if isinstance(message, core.StatusMessage):
        return Filed("status", statuses.apply(context, message), message)
    if is_correction(message.business_doc_type) and not corrections.arrives_as_new(
        message
    ):
        # An update or a replacement of a document received before (a
        # replacement of a copy that left the inbox arrives as a new one).
        touched = corrections.receive(context, message, data)
        return Filed(
            "correction",
            touched,
            complete=corrections.held_by_every_copy(message, data),
        )
    documents = importer.import_package(
        context, data, limits, message=message, atomic=atomic
    )
    statuses.announce_arrival(documents)
    return Filed("document", documents, complete=held_by_every_unit(context, message))


def held_by_every_unit(context, message) -> bool:
    """Every unit of ours the package is addressed to holds its document
    (a clerk files only for their own units: the others' wait)."""
    if "Manager" in api.user.get_roles():
        return True  # the cron step, a site administrator: filed for all
    units = importer.addressed_units(context, message)
    keys = importer.message_keys(message)
    return all(importer.earlier_document(unit, keys) is not None for unit in units)


NOTE = "Received edXML packages from the inbox folder"


@dataclass
class Outcome:
    filed: list = field(default_factory=list)  # (identifier, Filed)
    refused: list = field(default_factory=list)  # (identifier, error)
    #: Filed for the user's units before, kept for other units' offices.
    waiting: list = field(default_factory=list)  # identifiers


def receive_waiting(context, transport=None, commit_every: int = 0) -> Outcome:
    """File what waits in the inbox; acknowledge what was filed once the
    transaction commits. The caller commits; with ``commit_every`` (the
    cron script), every that many filed packages are committed on the way:
    a platform's thousand packages neither wait for one huge transaction nor
    hold all their new objects in memory, and a failure later loses none of
    what was already filed."""
    transport = transport or site_transport()
    outcome = Outcome()
    if transport is None:
        return outcome
    pending = 0  # filed since the last commit
    for identifier in transport.received():
        if commit_every and pending >= commit_every:
            transaction.get().note(NOTE)
            transaction.commit()
            pending = 0
        try:
            data = transport.fetch(identifier)
        except KeyError:
            continue  # taken by a parallel run
        # No savepoint: a refusal is raised before anything is written, and
        # any other error leaves this function, and the caller aborts what
        # was filed since the last commit (those packages, not acknowledged,
        # wait in the inbox for the next run).
        try:
            filed = file_package(context, data, atomic=False)
        except REFUSALS as error:
            if isinstance(error, importer.Duplicate) and _kept_for_others(
                context, data
            ):
                outcome.waiting.append(identifier)
                continue
            logger.info("package %s refused: %s", identifier, type(error).__name__)
            outcome.refused.append((identifier, error))
            continue
        outcome.filed.append((identifier, filed))
        pending += 1
        if filed.complete:
            # A package other units still have to file stays for them.
            transaction.get().addAfterCommitHook(
                _acknowledge, args=(transport, identifier)
            )
    return outcome


def _kept_for_others(context, data: bytes) -> bool:
    """A document package the user's units hold already (a duplicate for
    them) that another addressed unit still lacks: it waits for that unit's
    clerical office, it is not refused."""
    message = edxml.parse(data)
    return isinstance(message, DocumentMessage) and not held_by_every_unit(
        context, message
    )


def _acknowledge(success: bool, transport, identifier: str) -> None:
    if success:
        transport.acknowledge(identifier)


def refusal(error, request) -> dict:
    """``{"element", "message", "earlier"}`` of a refused package, in the
    request's language (the upload form's and the receive page's words)."""
    earlier = None
    if isinstance(error, edxml.PackageError | statuses.StatusRefused):
        element, message = error.problem.field, error.problem
    elif isinstance(error, importer.NotAddressed):
        element = "edXML:MessageHeader/edXML:To"
        message = _(
            "edxml_not_addressed",
            default="No unit of this site has the identifier of a "
            "recipient of this package.",
        )
    elif isinstance(error, importer.NotClerk | statuses.NotClerk):
        element = (
            "edXML:MessageStatus/edXML:ResponseFor"
            if isinstance(error, statuses.NotClerk)
            else "edXML:MessageHeader/edXML:To"
        )
        message = _(
            "edxml_not_clerk",
            default="Only the clerical office of a unit the package is "
            "addressed to may receive it.",
        )
    else:
        element = "edXML:MessageHeader/edXML:DocumentId"
        message = _(
            "edxml_duplicate",
            default="The unit has received this document already: ${title}.",
            mapping={"title": error.earlier.Title},
        )
        earlier = {"url": error.earlier.getURL(), "title": error.earlier.Title}
    return {
        "element": element,
        "message": translated(message, request),
        "earlier": earlier,
    }
