"""1003 → 1004: edits under rules, with a trail; staff find a dossier by its
applicant.

- the dossier workflow gives the desk, not officers and leaders, the edit
  permission where the edit rules let the desk change something (processing,
  awaiting payment, resolved): re-imported by an ``upgradeDepends``, then the
  existing dossiers' permissions are recomputed here;
- the ``dossier_applicant`` index (keyed hashes of the applicant's name
  words, phone and ID number), the site's key, and every dossier indexed;
- the dossier folder's listing with the applicant search as its view.
"""

from Acquisition import aq_base
from dienbien.policy.dossiers.applicants import INDEX
from dienbien.policy.dossiers.applicants import site_key
from dienbien.policy.dossiers.dossier import DOSSIERS_PATH
from plone import api

import logging
import transaction


logger = logging.getLogger("dienbien.policy.upgrades")

WORKFLOW = "dienbien_dossier_workflow"
LISTING = "dossier-listing"


def _dossiers(catalog):
    for brain in catalog.unrestrictedSearchResults(portal_type="Dossier"):
        yield brain, brain._unrestrictedGetObject()


def update_dossier_permissions(setup_tool=None, batch_size: int = 1000) -> int:
    """Apply the re-imported workflow's permission map to every dossier."""
    workflow = api.portal.get_tool("portal_workflow")[WORKFLOW]
    catalog = api.portal.get_tool("portal_catalog")
    done = 0
    for done, (_brain, dossier) in enumerate(_dossiers(catalog), start=1):
        if workflow.updateRoleMappingsFor(dossier):
            # The roles that view a dossier did not change: only the
            # security index would, and it is unaffected by Modify.
            dossier._p_changed = True
        if done % batch_size == 0:
            transaction.savepoint(optimistic=True)
    logger.info("dossier permissions: %d dossiers", done)
    return done


def add_applicant_index(setup_tool=None, batch_size: int = 1000) -> int:
    """Add the index, make the site's key and index every dossier in it."""
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog.indexes():
        catalog.addIndex(INDEX, "KeywordIndex", extra={"indexed_attrs": INDEX})
    site_key(create=True)
    done = 0
    for done, (brain, dossier) in enumerate(_dossiers(catalog), start=1):
        catalog.catalog_object(
            dossier, brain.getPath(), idxs=[INDEX], update_metadata=False
        )
        if done % batch_size == 0:
            transaction.savepoint(optimistic=True)
            logger.info("applicant index: %d dossiers", done)
    logger.info("applicant index: %d dossiers", done)
    return done


def dossier_listing(setup_tool=None) -> None:
    """The dossier folder shows the staff's listing with the search."""
    fti = api.portal.get_tool("portal_types").get("DossierFolder")
    if fti is not None:
        methods = tuple(fti.view_methods)
        if LISTING not in methods:
            fti.view_methods = (LISTING, *methods)
        fti.default_view = LISTING
    # The folder follows its type unless someone chose the stock listing.
    folder = api.portal.get().get(DOSSIERS_PATH)
    if getattr(aq_base(folder), "layout", None) == "listing_view":
        folder.setLayout(LISTING)
