"""Upgrade to profile version 1014 (sending and my work): the
``document_waiting`` index (whom a document waits for: its handlers, the
drafter of a returned draft) filled for the documents there are, and the
"My work" links of the personal menu and the navigation."""

from dienbien.policy.upgrades.indexing import add_and_fill
from plone import api


INDEX = "document_waiting"
TYPES = ("IncomingDocument", "OutgoingDocument")


def add_waiting_index(setup_tool=None, batch_size: int = 1000) -> int:
    return add_and_fill(INDEX, "KeywordIndex", TYPES, batch_size)


def my_work_links(setup_tool=None) -> None:
    setup = setup_tool or api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile("profile-dienbien.policy:default", "actions")
