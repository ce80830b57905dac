"""Upgrade to profile 1015 (full text of attachments): the ``document_text``
index, and the text of the files of the documents there are, read in
batches (a savepoint and a trimmed object cache after each, so memory stays
flat however many documents the site holds). Secret documents' files are not
read (correspondence/fulltext.py)."""

from dienbien.policy.core.attachments import pdftotext_available
from dienbien.policy.correspondence.fulltext import INDEX
from dienbien.policy.correspondence.fulltext import refresh
from plone import api
from types import SimpleNamespace

import logging
import transaction


logger = logging.getLogger("dienbien.policy")
TYPES = ("IncomingDocument", "OutgoingDocument")


def add_text_index(setup_tool=None, batch_size: int = 200) -> int:
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog.indexes():
        # As catalog.xml declares it: on the folding lexicon.
        extra = SimpleNamespace(
            doc_attr=INDEX, index_type="Okapi BM25 Rank", lexicon_id="plone_lexicon"
        )
        catalog.addIndex(INDEX, "ZCTextIndex", extra=extra)
    if not pdftotext_available():
        logger.warning(
            "pdftotext is missing (Debian package poppler-utils): PDF files "
            "are not indexed; install it and run this step again"
        )
    done = 0
    for done, brain in enumerate(
        catalog.unrestrictedSearchResults(portal_type=list(TYPES)), start=1
    ):
        document = brain._unrestrictedGetObject()
        refresh(document)
        catalog.catalog_object(
            document, brain.getPath(), idxs=[INDEX], update_metadata=False
        )
        if done % batch_size == 0:
            transaction.savepoint(optimistic=True)
            document._p_jar.cacheGC()
    logger.info("%s index: %d documents", INDEX, done)
    return done
