"""Upgrade to profile 1013 (work files): the types, workflows, roles, icons,
the tab and the document button from the profile's import steps; the
catalog's indexes and columns of work files (added one by one, without
re-importing catalog.xml, which would rebuild the existing indexes); the
container ``/ho-so-cong-viec`` as a new site's set-up makes it."""

from dienbien.policy.setuphandlers import post_install
from plone import api

import logging


logger = logging.getLogger(__name__)
PROFILE = "profile-dienbien.policy:default"
STEPS = ("typeinfo", "workflow", "rolemap", "plone.app.registry", "actions")

INDEXES = {
    "workfile_unit": "FieldIndex",
    "workfile_year": "FieldIndex",
    "workfile_order": "FieldIndex",
    "workfile_owner": "FieldIndex",
    "workfile_closed": "FieldIndex",
    "workfile_items": "KeywordIndex",
}
COLUMNS = (
    "workfile_unit",
    "workfile_year",
    "workfile_symbol",
    "workfile_owner",
    "workfile_retention",
    "workfile_closed",
    "workfile_count",
)


def set_up_workfiles(setup_tool=None):
    setup = setup_tool or api.portal.get_tool("portal_setup")
    for step in STEPS:
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    for name, meta_type in INDEXES.items():
        if name not in catalog.indexes():
            catalog.addIndex(name, meta_type)
    for name in COLUMNS:
        if name not in catalog.schema():
            catalog.addColumn(name)
    # The set-up handler creates only the containers that are missing; a
    # site from before 1013 has no work files to index yet.
    post_install(setup)
    logger.info("Work files: indexes and /ho-so-cong-viec are there.")
