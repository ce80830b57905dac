"""Finding units: the one place that asks the catalog for OrgUnits.

Everything here answers from catalog metadata (``unit_code``, ``Title``,
``unit_parent``, ``unit_kind``); only ``unit_objects`` wakes the units, for
the rules that need what metadata does not hold (validity, successor).
"""

from plone.memoize import ram
from Products.CMFCore.utils import getToolByName


def unit_brains(context, **query) -> list:
    """Every unit's catalog brain (unrestricted: the organisation is public)."""
    catalog = getToolByName(context, "portal_catalog")
    return catalog.unrestrictedSearchResults(portal_type="OrgUnit", **query)


def unit_objects(context) -> list:
    """Every unit object, woken. Each folder of units is traversed once: a
    brain's own ``getObject`` traverses the whole path for every unit, and
    those 35 traversals were a sixth of an edXML package's import."""
    portal = getToolByName(context, "portal_url").getPortalObject()
    folders = {}
    found = []
    for brain in unit_brains(context):
        folder_path, _, name = brain.getPath().rpartition("/")
        folder = folders.get(folder_path)
        if folder is None:
            folder = folders[folder_path] = portal.unrestrictedTraverse(folder_path)
        found.append(folder._getOb(name))
    return found


def unit_codes(context) -> set[str]:
    """The codes of the site's units."""
    return {brain.unit_code for brain in unit_brains(context) if brain.unit_code}


def _unit_titles_key(function, context):
    # The catalog's counter changes with every (re)indexing: titles are read
    # again after any change, and not on every request in between.
    portal = getToolByName(context, "portal_url").getPortalObject()
    return (
        "/".join(portal.getPhysicalPath()),
        getToolByName(portal, "portal_catalog").getCounter(),
    )


@ram.cache(_unit_titles_key)
def unit_titles(context) -> dict[str, str]:
    """Unit code -> name, for lists and pages."""
    return {brain.unit_code: brain.Title for brain in unit_brains(context)}


def unit_title(context, code: str | None) -> str:
    """The unit's name; the code itself for a code no unit has."""
    if not code:
        return ""
    return unit_titles(context).get(code, code)
