"""Catalog data of the exchange: the keys an arriving package is compared
with (``importer.document_keys``)."""

from dienbien.policy.correspondence.documents import IIncomingDocument
from dienbien.policy.exchange.importer import document_keys
from plone.indexer import indexer


@indexer(IIncomingDocument)
def document_exchange_keys(obj):
    return document_keys(obj)
