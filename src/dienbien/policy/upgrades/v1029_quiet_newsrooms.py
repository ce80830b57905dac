"""1028 → 1029: a newsroom with nothing published stays out of the
navigation (the sitemap page and the side menu listed some twenty empty
commune newsrooms). Each newsroom is shown or hidden by what it holds;
publishing its first item shows it (``editorial.newsroom``)."""

from dienbien.policy.editorial.newsroom import newsrooms
from dienbien.policy.editorial.newsroom import show_if_it_has_news
from plone import api

import logging


logger = logging.getLogger("dienbien.policy.upgrades")


def quiet_newsrooms(setup_tool=None) -> int:
    """Show or hide every newsroom; return how many it changed."""
    changed = sum(
        show_if_it_has_news(newsroom)
        for newsroom in newsrooms(api.portal.get()).values()
    )
    logger.info("Newsrooms shown or hidden by their news: %d changed", changed)
    return changed
