"""The words of a legal document's full text and of its signed PDF in its
``SearchableText`` (issue 12, item 1): a published normative document is
public, and so are its words — citizens find a decision by what it says.

The PDF is read once when it is attached or replaced, by the same helper
as correspondence attachments (``correspondence.fulltext.refresh``: kept
with the file's digest, bounded, ``pdftotext`` with a timeout); viewing and
reindexing read nothing. The catalog's security filter keeps a draft's
words for those who may see the draft."""

from dienbien.policy.correspondence.fulltext import refresh
from dienbien.policy.correspondence.fulltext import stored_text
from dienbien.policy.correspondence.security import changed_fields
from plone import api

import logging


logger = logging.getLogger("dienbien.policy")
#: What makes the words change.
FIELDS = frozenset({"file", "text"})


def rich_text(document) -> str:
    """The full text (rich text) as plain words."""
    value = getattr(document, "text", None)
    html = getattr(value, "raw", None) or ""
    if not html.strip():
        return ""
    transforms = api.portal.get_tool("portal_transforms")
    found = transforms.convertTo("text/plain", html, mimetype="text/html")
    return found.getData() if found else ""


def words(document) -> str:
    """What the document says, beyond its title: full text and PDF."""
    return " ".join(
        part for part in (rich_text(document), stored_text(document)) if part
    )


def document_added(document, event) -> None:
    refresh(document)
    document.reindexObject(idxs=["SearchableText"])


def document_modified(document, event) -> None:
    if event.object is not document:
        return
    names = changed_fields(event)
    if names is not None and not names & FIELDS:
        return
    refresh(document)
    document.reindexObject(idxs=["SearchableText"])


def read_all(setup_tool=None, batch_size: int = 200) -> int:
    """Upgrade step: read the PDFs of the legal documents there are and
    index their words."""
    import transaction

    catalog = api.portal.get_tool("portal_catalog")
    done = 0
    for done, brain in enumerate(
        catalog.unrestrictedSearchResults(portal_type="LegalDocument"), start=1
    ):
        document = brain._unrestrictedGetObject()
        refresh(document)
        catalog.catalog_object(
            document, brain.getPath(), idxs=["SearchableText"], update_metadata=False
        )
        if done % batch_size == 0:
            transaction.savepoint(optimistic=True)
            document._p_jar.cacheGC()
    logger.info("legal documents' words: %d documents", done)
    return done
