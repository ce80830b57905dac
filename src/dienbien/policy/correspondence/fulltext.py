"""The text of a document's attached file, searchable by the officers who
may see the document and by nobody else (docs/security.md, "Full text of
attachments").

The text is read once, when the document is added or its file (or its
confidentiality) changes, by ``core/attachments.py``, and kept in an
annotation of the document with the digest of the file it came from; a
reindex only reads the annotation. The ``document_text`` index (a
ZCTextIndex on the folding ``plone_lexicon``) holds the document's own words
(``SearchableText``) plus that text; only ``GET /@documents?q=`` queries it.
The site's ``SearchableText``, which ``@search`` and the search page query,
never holds it.

A secret document's file is never read: its annotation is removed, and the
indexer gives its own words only, so its attachment's words are in no index
for anyone, the people named on it included.
"""

from dienbien.policy.core import attachments
from dienbien.policy.core.correspondence.marks import is_secret
from dienbien.policy.core.recent import Recent
from dienbien.policy.core.recent import RETRY_WINDOW
from dienbien.policy.correspondence.documents import IDocument
from dienbien.policy.correspondence.indexers import document_searchable_text
from dienbien.policy.correspondence.security import changed_fields
from plone.indexer import indexer
from zope.annotation.interfaces import IAnnotations

import hashlib
import logging


logger = logging.getLogger(__name__)

KEY = "dienbien.policy.attachment_text"
INDEX = "document_text"
#: What makes the text be read again.
FIELDS = frozenset({"file", "confidentiality"})


def _secret(document) -> bool:
    return is_secret(getattr(document, "confidentiality", None) or "normal")


def _digest(file) -> str:
    digest = hashlib.sha256()
    with file.open() as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def stored_text(document) -> str:
    """The attachment's text kept on the document ("" when none)."""
    kept = IAnnotations(document).get(KEY)
    return kept[1] if kept else ""


def refresh(document) -> bool:
    """Read the attachment's text again if the file changed since it was
    read; drop it for a secret document or one without a file. Returns
    whether what is kept changed (the caller reindexes ``document_text``)."""
    annotations = IAnnotations(document)
    kept = annotations.get(KEY)
    file = getattr(document, "file", None)
    if _secret(document) or file is None or not file.getSize():
        if kept is None:
            return False
        del annotations[KEY]
        return True
    digest = _digest(file)
    if kept and kept[0] == digest:
        return False
    found = _read(digest, file)
    if found.problem == attachments.MISSING_TOOL:
        logger.warning(
            "pdftotext is missing (Debian package poppler-utils): the PDF of "
            "%s is not indexed",
            "/".join(document.getPhysicalPath()),
        )
    elif found.problem:
        # The path is an opaque id; never the file's name, which may name people.
        logger.warning(
            "No text read from the file of %s (%s)",
            "/".join(document.getPhysicalPath()),
            found.problem,
        )
    # A file that cannot be read is kept as read (empty), not tried again on
    # every edit; one that could not be read for now (no pdftotext yet, a
    # busy server) is, and by the upgrade step run again.
    retry = found.problem in (attachments.MISSING_TOOL, attachments.TIMED_OUT)
    annotations[KEY] = (None if retry else digest, found.text)
    return kept is None or kept[1] != found.text


#: The last files read, by digest and kind: internal sending gives every
#: recipient unit a document sharing the same file, and Zope replays a
#: registration that conflicted (``core/recent.py``); both read the file
#: once. At most 32 texts of ``attachments.MAX_CHARS``.
_RECENT = Recent(32)


def _read(digest: str, file) -> attachments.Extraction:
    key = (digest, attachments.kind_of(file.filename, file.contentType))
    found = _RECENT.get(key)
    if found is not None:
        return found
    with file.open() as stream:
        found = attachments.extract(
            stream, file.filename, file.contentType, size=file.getSize()
        )
    if found.problem == attachments.TIMED_OUT:
        # A busy server may read it next time, but not in the replays of
        # this request: each would wait for the timeout again.
        _RECENT.put(key, found, max_age=RETRY_WINDOW)
    elif found.problem != attachments.MISSING_TOOL:
        # The text, or the file's fault: the same for the same bytes.
        _RECENT.put(key, found)
    return found


def document_added(document, event) -> None:
    if refresh(document):
        document.reindexObject(idxs=[INDEX])


def document_modified(document, event) -> None:
    if event.object is not document:
        return
    names = changed_fields(event)
    if names is not None and not names & FIELDS:
        return
    if refresh(document):
        document.reindexObject(idxs=[INDEX])


@indexer(IDocument)
def document_text(obj):
    """The document's own words and, unless it is secret, its file's."""
    own = document_searchable_text.callable(obj)
    if _secret(obj):
        return own
    return f"{own} {stored_text(obj)}".strip()
