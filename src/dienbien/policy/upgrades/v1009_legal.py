"""Upgrade to profile version 1009: normative legal documents — the type,
its workflow, the validity indexes and the public register ``/van-ban-qppl``."""

from dienbien.policy.setuphandlers import post_install
from plone import api


PROFILE = "profile-dienbien.policy:default"
#: The catalog step adds the new indexes, empty: no legal document exists
#: before this version.
STEPS = ("typeinfo", "workflow", "rolemap", "catalog", "plone.app.registry")


def add_legal_documents(setup_tool=None):
    setup = setup_tool or api.portal.get_tool("portal_setup")
    for step in STEPS:
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    post_install(setup)
