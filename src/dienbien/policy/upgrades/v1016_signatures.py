"""Upgrade to profile 1016 (signed PDFs verified on arrival): the control
panel's link to the trust roots page, and a verdict for the PDFs already
attached (untrusted until roots are uploaded; the roots page's button
verifies them again then). Savepoints keep memory flat."""

from dienbien.policy.signatures.store import refresh
from dienbien.policy.signatures.store import TYPES
from plone import api

import logging
import transaction


logger = logging.getLogger("dienbien.policy")
PROFILE = "profile-dienbien.policy:default"


def upgrade(setup_tool=None, batch_size: int = 200) -> int:
    setup = setup_tool or api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "controlpanel", run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    done = 0
    for done, brain in enumerate(
        catalog.unrestrictedSearchResults(portal_type=list(TYPES)), start=1
    ):
        document = brain._unrestrictedGetObject()
        refresh(document)
        if done % batch_size == 0:
            transaction.savepoint(optimistic=True)
            document._p_jar.cacheGC()
    logger.info("signatures: %d documents checked", done)
    return done
