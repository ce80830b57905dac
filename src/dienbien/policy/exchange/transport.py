"""The transport seam: how packages leave the site and arrive at it.

One small interface, ``ITransport`` — send a package, list what was
received, fetch one, acknowledge it — so that the documents never know
whether a package travels through the provincial platform or a folder. The
folder-drop implementation here serves the tests and the sites without a
platform connection: the outbox is a directory another program (or a
person with a USB stick) carries away, the inbox one it fills.

- ``send`` writes ``<time>-<random>.xml`` in the outbox, first under a
  ``.part`` name then renamed, so a reader never sees half a package;
- ``received`` lists the ``*.xml`` of the inbox, oldest name first (names
  that start with the time sort in order of arrival);
- ``fetch`` reads one; ``acknowledge`` removes it: a package is
  acknowledged once it is filed (or its status recorded), never before, so
  a failure leaves it waiting for the next run.

The directories are the site settings ``exchange_outbox`` and
``exchange_inbox`` (``dienbien.settings``); ``site_transport`` gives
``None`` while the outbox is not set, and nothing is sent then.
"""

from datetime import datetime
from dienbien.policy import clock
from pathlib import Path
from zope.interface import implementer
from zope.interface import Interface

import logging
import os
import re
import secrets
import transaction


logger = logging.getLogger("dienbien.policy")
OUTBOX = "dienbien.settings.exchange_outbox"
INBOX = "dienbien.settings.exchange_inbox"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.xml$")


class ITransport(Interface):
    """Sends and receives edXML packages (bytes)."""

    def send(package, note=""):
        """Hand ``package`` over for delivery; its identifier."""

    def received():
        """The identifiers of the packages waiting, oldest first."""

    def fetch(identifier):
        """The bytes of a waiting package (``KeyError``: none such)."""

    def acknowledge(identifier):
        """The package is dealt with: it no longer waits."""


@implementer(ITransport)
class FolderTransport:
    """Packages as files in an outbox and an inbox directory."""

    def __init__(self, outbox, inbox=None):
        self.outbox = Path(outbox) if outbox else None
        self.inbox = Path(inbox) if inbox else None

    def _new_name(self, moment: datetime, note: str) -> str:
        note = re.sub(r"[^A-Za-z0-9-]+", "-", note).strip("-")[:40]
        parts = [moment.strftime("%Y%m%d-%H%M%S"), note, secrets.token_hex(4)]
        return "-".join(part for part in parts if part) + ".xml"

    def send(self, package: bytes, note: str = "") -> str:
        if self.outbox is None:
            raise RuntimeError("no outbox")
        self.outbox.mkdir(parents=True, exist_ok=True)
        name = self._new_name(clock.now(), note)
        partial = self.outbox / (name + ".part")
        partial.write_bytes(package)
        os.replace(partial, self.outbox / name)
        logger.info("edXML package %s put in the outbox", name)
        return name

    def received(self) -> list[str]:
        if self.inbox is None or not self.inbox.is_dir():
            return []
        return sorted(
            entry.name
            for entry in self.inbox.iterdir()
            if entry.is_file() and NAME.match(entry.name)
        )

    def _path(self, identifier: str) -> Path:
        # Only names listed by ``received``: no path from outside the inbox.
        if self.inbox is None or not NAME.match(identifier or ""):
            raise KeyError(identifier)
        return self.inbox / identifier

    def fetch(self, identifier: str) -> bytes:
        try:
            return self._path(identifier).read_bytes()
        except FileNotFoundError:
            raise KeyError(identifier) from None

    def acknowledge(self, identifier: str) -> None:
        self._path(identifier).unlink(missing_ok=True)


def site_transport() -> ITransport | None:
    """The site's transport (the folders of its settings), ``None`` when no
    outbox is set."""
    from plone import api

    outbox = api.portal.get_registry_record(OUTBOX, default=None) or ""
    inbox = api.portal.get_registry_record(INBOX, default=None) or ""
    if not outbox.strip() and not inbox.strip():
        return None
    return FolderTransport(outbox.strip() or None, inbox.strip() or None)


def send(package: bytes, note: str = "") -> bool:
    """Send through the site's transport once the transaction commits (a
    step that fails or is retried sends nothing); ``False`` when the site
    has no outbox."""
    found = site_transport()
    if found is None or getattr(found, "outbox", True) is None:
        logger.info("no exchange outbox set: a package was not sent")
        return False
    transaction.get().addAfterCommitHook(_after_commit, args=(found, package, note))
    return True


def _after_commit(success: bool, found, package: bytes, note: str) -> None:
    if not success:
        return
    try:
        found.send(package, note)
    except OSError:
        # The step is committed; the clerk sees no status in the outbox
        # and the log says why.
        logger.exception("edXML package not written to the outbox")
