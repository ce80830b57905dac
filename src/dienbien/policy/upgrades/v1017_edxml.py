"""Upgrade to profile version 1017 (document exchange): the AddressBook and
ExternalOrganisation types (no workflow: the book's own permissions rule),
their add permission, and ``/so-dia-chi``, the address book itself. Units
and documents need no change: the new fields (``organ_id``, ``organ_code``,
``external_organisations``) read empty where they were never set."""

from dienbien.policy.exchange.addressbook import set_up_address_book
from plone import api

import logging


logger = logging.getLogger("dienbien.policy")
PROFILE = "profile-dienbien.policy:default"


def add_address_book(setup_tool=None) -> None:
    setup = setup_tool or api.portal.get_tool("portal_setup")
    for step in ("typeinfo", "workflow", "rolemap"):
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    set_up_address_book(api.portal.get())
    logger.info("exchange: address book types and /so-dia-chi in place")


def add_exchange_keys_index(setup_tool=None) -> int:
    """The ``document_exchange_keys`` index (duplicate warnings on arrival),
    filled for the incoming documents there are."""
    from dienbien.policy.exchange.importer import INDEX

    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog.indexes():
        catalog.addIndex(INDEX, "KeywordIndex", extra={"indexed_attrs": INDEX})
    brains = catalog.unrestrictedSearchResults(portal_type="IncomingDocument")
    for brain in brains:
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            brain.getPath(),
            idxs=[INDEX],
            update_metadata=False,
        )
    logger.info("%s index: %d documents", INDEX, len(brains))
    return len(brains)
