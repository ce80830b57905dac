"""Upgrade to profile version 1008: the correspondence wing — the outgoing
and incoming document types, their workflows, roles, permissions, catalog
indexes and columns, and the documents' folder ``/van-ban``."""

from dienbien.policy.setuphandlers import post_install
from plone import api

import logging


logger = logging.getLogger(__name__)
PROFILE = "profile-dienbien.policy:default"
#: Import steps that carry what 1008 adds (the catalog's new indexes are
#: empty, as no document exists before this version).
STEPS = ("typeinfo", "workflow", "rolemap", "catalog", "plone.app.registry")


def add_correspondence(setup_tool=None):
    setup = setup_tool or api.portal.get_tool("portal_setup")
    for step in STEPS:
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    # Creates /van-ban (and nothing that exists already).
    post_install(setup)
    logger.info("correspondence: types, workflows and /van-ban in place")
