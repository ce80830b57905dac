"""Two documents indexed at once in a full-text index, by two connections
to one database (two instances, or two threads of one): they share words, so
stock ZCTextIndex made the second commit a ConflictError (``ops/textindex``);
now both commit, and the index holds what indexing them one after the
other gives."""

from dienbien.policy.ops import textindex
from Products.ZCTextIndex.BaseIndex import BaseIndex
from Products.ZCTextIndex.Lexicon import CaseNormalizer
from Products.ZCTextIndex.Lexicon import Lexicon
from Products.ZCTextIndex.Lexicon import Splitter
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

import pytest
import transaction
import ZODB


TITLE = "H15.50.MC-{day}-{seq:04d} Chứng thực bản sao từ bản chính nhóm{group}"
# 200 dossiers of four desks' sequences, each with a word of its own (a
# name, a number), and a word each three of them share: words of one
# document, of a few and of many, side by side in the word table's buckets.
EARLIER = [
    (
        docid,
        TITLE.format(day=261130, seq=docid % 4, group=docid // 3) + f" riêng{docid}",
    )
    for docid in range(1, 201)
]
# Received at two desks at once, with the same words: words the index has
# (a new word takes the lexicon's next number in both, a conflict of its own).
AT_ONCE = [
    (1000, TITLE.format(day=261130, seq=1, group=7)),
    (90000, TITLE.format(day=261130, seq=1, group=7)),
]


def build(path) -> ZODB.DB:
    db = ZODB.DB(FileStorage(str(path / "Data.fs")))
    with db.transaction() as connection:
        index = OkapiIndex(Lexicon(Splitter(), CaseNormalizer()))
        for docid, text in EARLIER:
            index.index_doc(docid, text)
        connection.root()["index"] = index
    return db


@pytest.fixture
def database(tmp_path):
    db = build(tmp_path)
    yield db
    db.close()


def index_at_once(db, documents):
    """Each document indexed in its own connection, then both committed."""
    managers = [transaction.TransactionManager() for _ in documents]
    connections = [db.open(manager) for manager in managers]
    for connection, (docid, text) in zip(connections, documents, strict=True):
        connection.root()["index"].index_doc(docid, text)
    try:
        for manager in managers:
            manager.commit()
    finally:
        for manager, connection in zip(managers, connections, strict=True):
            manager.abort()
            connection.close()


def test_two_documents_indexed_at_once_both_commit(database):
    index_at_once(database, AT_ONCE)
    with database.transaction() as connection:
        index = connection.root()["index"]
        assert index.document_count() == 202
        for word in ("chứng", "h15", "0001", "261130", "nhóm7"):
            assert {1000, 90000} <= set(index.search(word))


def test_the_index_is_the_one_of_sequential_indexing(database):
    index_at_once(database, AT_ONCE)
    stock = OkapiIndex(Lexicon(Splitter(), CaseNormalizer()))
    for docid, text in EARLIER + AT_ONCE:
        stock.index_doc(docid, text)
    with database.transaction() as connection:
        index = connection.root()["index"]
        for word in ("chứng", "h15", "0001", "261130", "nhóm7", "riêng5"):
            assert dict(index.search(word)) == dict(stock.search(word))
        # Unindexing leaves it as if the document never came.
        index.unindex_doc(1000)
        stock.unindex_doc(1000)
        for word in ("chứng", "nhóm7"):
            assert dict(index.search(word)) == dict(stock.search(word))
        assert index.length() == stock.length()


def test_stock_zctextindex_conflicts(tmp_path, monkeypatch):
    """Why the change: stock ZCTextIndex gives each word's documents to the
    word table again, and keeps a word in a dict up to ten documents."""
    for name, method in textindex.ORIGINAL.items():
        monkeypatch.setattr(BaseIndex, name, method)
    db = build(tmp_path)
    try:
        with pytest.raises(ConflictError):
            index_at_once(db, AT_ONCE)
    finally:
        db.close()
