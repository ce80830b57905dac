"""Full-text indexes that let concurrent writers commit together.

ZCTextIndex keeps, per word, the documents that hold it (``_wordinfo``: an
IOBTree of word id -> a dict while the word is in fewer than ten documents,
an IIBTree after). Indexing a document ends, for each of its words, with
``self._wordinfo[wid] = doc2score``, "not redundant: Persistency!". It is
redundant for an IIBTree, which is persistent and records its own change;
but the IOBTree bucket that is given the entry again is marked changed. When
two transactions both do so for the same word, in a bucket that also holds
rarer words' dicts (as the word table's buckets do), ZODB cannot merge the
two and raises ``ConflictError`` (tests/unit/test_textindex_conflicts.py
shows it). Two dossiers received at once at two desks share their words (the
district's code, the day, the procedure's words), so one of the two requests
was replayed from its start; with several instances on one database that
was most replayed requests (docs/deploy.md, "What conflicts cost"). It also
wrote a bucket of the word table per word of each document indexed.

The same three methods, giving a word's entry again only when it must: a
new word, or a word's dict. And a word is kept in a dict only while it is
in one document (stock: ten): from the second, its documents are an IIBTree
of their own, to which concurrent documents add different keys, which ZODB
merges. Dicts are for the many words that only one document holds (a name,
a number); a word two documents share (a day, a sequence number in dossier
codes, a word of a procedure's name) soon has more, and the first ten of
each such word each conflicted with each other (observed in bench/load.py:
two thirds of the replayed receptions). A word that was a dict of two to
ten documents becomes an IIBTree at its next document. What a search finds
is the same (tests/unit/test_textindex_conflicts.py).
(A fix for Products.ZCTextIndex itself; until it has one, applied when this
package is imported.)
"""

from BTrees.IIBTree import IIBTree
from Products.ZCTextIndex.BaseIndex import BaseIndex


#: A word's documents stay in a dict while they are at most this many.
DICT_AT_MOST = 1


def _store(index, wid, weight, docid) -> bool:
    """Record ``docid``'s weight under word ``wid``; whether the word is new."""
    doc2score = index._wordinfo.get(wid)
    if doc2score is None:
        index._wordinfo[wid] = {docid: weight}
        return True
    if isinstance(doc2score, dict):
        if len(doc2score) >= DICT_AT_MOST and docid not in doc2score:
            doc2score = IIBTree(doc2score)
        doc2score[docid] = weight
        index._wordinfo[wid] = doc2score
    else:
        doc2score[docid] = weight
    return False


def _add_wordinfo(self, wid, f, docid):
    if _store(self, wid, f, docid):
        self.length.change(1)


def _mass_add_wordinfo(self, wid2weight, docid):
    new_words = sum(_store(self, wid, w, docid) for wid, w in wid2weight.items())
    if new_words:
        self.length.change(new_words)


def _del_wordinfo(self, wid, docid):
    doc2score = self._wordinfo[wid]
    del doc2score[docid]
    if not doc2score:
        del self._wordinfo[wid]
        self.length.change(-1)
    elif isinstance(doc2score, dict):
        self._wordinfo[wid] = doc2score


PATCHED = {
    "_add_wordinfo": _add_wordinfo,
    "_mass_add_wordinfo": _mass_add_wordinfo,
    "_del_wordinfo": _del_wordinfo,
}
#: Products.ZCTextIndex's own methods (tests compare with them).
ORIGINAL = {name: BaseIndex.__dict__[name] for name in PATCHED}


def apply() -> None:
    for name, method in PATCHED.items():
        setattr(BaseIndex, name, method)
