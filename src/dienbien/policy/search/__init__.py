"""Search that ignores Vietnamese diacritics and case (domain.md §5).

``plone_lexicon``, the lexicon behind the SearchableText, Title and
Description indexes, gets a normalizer that folds every word with
:func:`dienbien.policy.core.text.fold`; the import step of the default profile
installs it and reindexes those indexes.
"""

# Register the lexicon element with ZCTextIndex as soon as the package is
# loaded (the ZCML include imports it), as Products.CMFPlone does for its own.
from dienbien.policy.search import lexicon  # noqa: F401
