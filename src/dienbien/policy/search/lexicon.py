"""The lexicon pipeline element that folds words.

Plone's ``plone_lexicon`` pipeline is "Unicode Whitespace splitter" then
"Unicode Ignoring Accents Case Normalizer". That normalizer only
transliterates words whose *first* character is in U+0041-U+024F, so every word
starting with a precomposed vowel of Latin Extended Additional (U+1E00-U+1EFF)
keeps its marks: "Ủy ban" is indexed as ``ủy ban`` and "uy ban" does not find
it; nor do "ung dung" ("Ứng dụng"), "o" ("ở"), "ap" ("Ấp") or "on dinh"
("Ổn định").

This normalizer takes that element's place. It folds every word the splitter
yields with :func:`dienbien.policy.core.text.terms`, at index time and at
query time alike (glob characters included: ``Ủy*`` -> ``uy*``), and leaves
the words of the scripts the splitter cuts into bigrams (CJK, kana, Hangul,
Thai) lower-cased as the stock normalizer does.
"""

from dienbien.policy.core.text import terms
from Products.CMFPlone.UnicodeSplitter.config import rx_all as BIGRAM_SCRIPTS
from Products.ZCTextIndex.PipelineFactory import element_factory

import contextlib


GROUP = "Case Normalizer"
NAME = "Vietnamese Folding Normalizer"


class FoldingNormalizer:
    """Folds words to lower-case ASCII without diacritics."""

    def process(self, lst):
        result = []
        for word in lst:
            # Plone's splitter hands over UTF-8 bytes.
            if isinstance(word, bytes):
                try:
                    word = word.decode("utf-8")
                except UnicodeDecodeError:
                    result.append(word.lower())
                    continue
            if BIGRAM_SCRIPTS.search(word):
                result.append(word.lower())
                continue
            # A word that folds to nothing (no transliteration known) is kept
            # as it is, lower-cased, rather than lost.
            result.extend(terms(word) or [word.lower()])
        return result


# ValueError: already registered (the module was imported again).
with contextlib.suppress(ValueError):
    element_factory.registerFactory(GROUP, NAME, FoldingNormalizer)
