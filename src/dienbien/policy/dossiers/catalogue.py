"""What the site's catalog holds of a dossier: the indexes it is found,
sorted and filtered by, and the columns its listings read, not the ninety
indexes and eighty-five columns every other object is written to.

Most of the catalog is for other types (documents, legal texts, procedures,
units, work files) or for Plone's own pages (navigation, sitemaps, full-text
title search, subjects, authors): no dossier has a value there, or none that
any screen asks for. A dossier is written and rewritten on every step of
its life and, in a migration, half a million at a time; each index it is
written to costs its time (docs/benchmarks.md, "The bulk load, fifth
pass").

``INDEXES`` names where a dossier is written: security (``path``,
``allowedRolesAndUsers``, and ``effectiveRange``, which Plone adds to every
query of a user who may not see inactive content), the UID, state and type,
the dates, the dossiers' own indexes, and ``SearchableText``, which holds
its code only (``indexers.searchable_text``), so that the site's search
finds a dossier by its code for the staff who may see it.
``Dossier.indexObject`` and ``Dossier.reindexObject`` keep to them; so does
the bulk loader.

``NAMES`` is what the catalog may read of a dossier at all (the indexes'
source attributes and ``COLUMNS``): ``DossierIndexableWrapper`` answers no
other name, so the other columns hold the missing value. A rebuild of the
whole catalog (``clearFindAndRebuild``, ``refreshCatalog``), or of the
``Title``, ``Description`` or ``Creator`` index alone (the ZMI's "Reindex"),
writes every object to those indexes: a dossier then lands in them too,
the three of its names with an index of their own outside ``INDEXES``.
Upgrade step 1031 (``upgrades/v1031_dossier_indexes``), run again from the
ZMI (``portal_setup``, Upgrades, "Show old upgrades"), takes the dossiers
out again (docs/deploy.md).
"""

#: The catalog indexes a dossier is written to.
INDEXES = (
    "UID",
    "path",
    "allowedRolesAndUsers",
    "effectiveRange",
    "effective",
    "expires",
    "portal_type",
    "review_state",
    "getId",
    "id",
    "created",
    "modified",
    "getObjPositionInParent",
    "SearchableText",
    "dossier_code",
    "dossier_receiving_unit",
    "dossier_handling_unit",
    "dossier_units",
    "dossier_procedure",
    "dossier_field",
    "dossier_channel",
    "dossier_appointment",
    "dossier_accepted",
    "dossier_applicant",
    "dossier_open_months",
)

#: The metadata columns a dossier fills: those its listings, its lookup and
#: the statistics read, those of plone.restapi's summary of a search result
#: (``@id``, ``@type``, ``title``, ``description``, ``review_state``) and
#: those the site's search page shows under a result (author, dates: a
#: missing publication date would read "published" with no date).
COLUMNS = frozenset(
    (
        "UID",
        "Creator",
        "EffectiveDate",
        "ModificationDate",
        "getId",
        "id",
        "Title",
        "Description",
        "portal_type",
        "review_state",
        "created",
        "modified",
        "effective",
        "expires",
        "dossier_code",
        "dossier_receiving_unit",
        "dossier_handling_unit",
        "dossier_procedure",
        "dossier_field",
        "dossier_channel",
        "dossier_appointment",
        "dossier_accepted",
        "dossier_facts",
    )
)

#: The source attributes of ``INDEXES`` whose names differ from the index's
#: (``effectiveRange`` reads ``effective`` and ``expires``, ``path`` the
#: physical path, ``dossier_open_months`` the statistics' facts).
SOURCES = frozenset(("getPhysicalPath", "dossier_facts"))

#: Every name the catalog may read of a dossier.
NAMES = frozenset(INDEXES) | COLUMNS | SOURCES


def written(idxs) -> list[str]:
    """The indexes of ``idxs`` (all, when empty) a dossier is written to."""
    if not idxs:
        return list(INDEXES)
    return [name for name in idxs if name in INDEXES]
