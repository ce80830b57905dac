"""1027 → 1028: the indexes whose values are nearly all one object's (the
ids, the sortable titles, the dossiers' codes and applicant terms) keep such a value as the object's record id, not as a tree
set of one (``compactindexes.py``).

Each index is replaced by its compact kind under the same name and filled
from the old one's entries: no object is woken, so half a million dossiers
take minutes, not the hours of a reindexing. The old tree sets go at the
next pack.
"""

from dienbien.policy.compactindexes import make_compact
from plone import api


def compact_indexes(setup_tool=None) -> dict[str, int]:
    """Make the indexes compact; return how many objects each holds. Run
    again, it leaves compact indexes as they are."""
    return make_compact(api.portal.get_tool("portal_catalog"))
