"""Put the folding normalizer into ``plone_lexicon`` (and take it out)."""

from Acquisition import aq_base
from dienbien.policy.search.lexicon import FoldingNormalizer
from dienbien.policy.search.lexicon import GROUP
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.utils import getToolByName
from Products.CMFPlone.UnicodeSplitter.splitter import I18NNormalizer
from Products.ZCTextIndex.PipelineFactory import element_factory

import logging


logger = logging.getLogger(__name__)

LEXICON_ID = "plone_lexicon"
MARKER = "dienbien-search.txt"


def install_vietnamese_folding(portal) -> bool:
    """Make ``plone_lexicon`` fold Vietnamese; reindex the indexes using it.

    Idempotent: when the lexicon already folds, nothing changes and nothing is
    reindexed. Returns whether the lexicon changed.
    """
    return _use_normalizer(portal, FoldingNormalizer)


def uninstall_vietnamese_folding(portal) -> bool:
    """Give ``plone_lexicon`` back Plone's own normalizer ("Unicode Ignoring
    Accents Case Normalizer") and reindex; to run before the code goes away,
    since the lexicon stores an instance of the folding normalizer."""
    return _use_normalizer(portal, I18NNormalizer)


def import_step(context):
    """GenericSetup import step: acts for profiles with the marker file."""
    if context.readDataFile(MARKER) is None:
        return
    install_vietnamese_folding(context.getSite())


def _use_normalizer(portal, factory) -> bool:
    catalog = getToolByName(portal, "portal_catalog")
    lexicon = catalog[LEXICON_ID]
    old = tuple(lexicon._pipeline)
    new = _pipeline_with(old, factory)
    if [type(e) for e in new] == [type(e) for e in old]:
        return False
    lexicon._pipeline = new
    _rebuild(catalog, lexicon)
    logger.info("%s now normalizes with %s", LEXICON_ID, factory.__name__)
    return True


def _pipeline_with(pipeline, factory):
    """``pipeline`` with ``factory``'s element as its only case normalizer,
    in the place of the first one (or after the splitters if none)."""
    normalizers = _factories(GROUP)
    result = []
    placed = False
    for element in pipeline:
        if isinstance(element, normalizers):
            if not placed:
                result.append(element if type(element) is factory else factory())
                placed = True
            continue
        result.append(element)
    if not placed:
        splitters = [
            i
            for i, element in enumerate(result)
            if isinstance(element, _factories("Word Splitter"))
        ]
        result.insert(splitters[-1] + 1 if splitters else 0, factory())
    return tuple(result)


def _factories(group) -> tuple:
    """The classes registered with ZCTextIndex in ``group`` (read as
    GenericSetup's lexicon exporter reads them)."""
    factories = element_factory._groups.get(group, {}).values()
    return tuple(factory for factory in factories if factory is not None)


def _rebuild(catalog, lexicon):
    """Empty ``lexicon`` and every text index using it, then index again.

    The indexes store word ids of the lexicon, so the lexicon cannot be
    emptied alone; GenericSetup's own lexicon import empties it and leaves
    the indexes pointing at words that no longer exist.
    """
    names = [
        index.getId()
        for index in catalog.getIndexObjects()
        if index.meta_type == "ZCTextIndex"
        and aq_base(index.getLexicon()) is aq_base(lexicon)
    ]
    # Index what is still queued first, so nothing is left out below.
    processQueue()
    lexicon.clear()
    for name in names:
        catalog._catalog.getIndex(name).clear()
    catalog.reindexIndex(names, getattr(catalog, "REQUEST", None))
    logger.info("Reindexed %s", ", ".join(names))
