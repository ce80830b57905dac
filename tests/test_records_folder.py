"""The record folders (``records.RecordFolder``): a record added is indexed,
owned and in its workflow as anywhere else; the folder itself is not
reindexed for it."""

from correspondence_steps import incoming
from plone import api
from zope.component import getGlobalSiteManager
from zope.lifecycleevent.interfaces import IObjectAddedEvent
from zope.lifecycleevent.interfaces import IObjectModifiedEvent

import transaction


def test_a_document_added_fires_its_events_and_leaves_the_folder_alone(
    offices_portal,
):
    portal = offices_portal
    folder = portal["van-ban"]
    catalog = portal.portal_catalog
    [folder_brain] = catalog.unrestrictedSearchResults(UID=api.content.get_uuid(folder))
    folder_modified = folder_brain.modified
    heard = []

    def added(obj, event):
        heard.append(("added", obj.getId()))

    def modified(obj, event):
        heard.append(("modified", obj.getId()))

    registry = getGlobalSiteManager()
    registry.registerHandler(added, (None, IObjectAddedEvent))
    registry.registerHandler(modified, (None, IObjectModifiedEvent))
    try:
        document = incoming(portal, register=False)
        transaction.savepoint(optimistic=True)
    finally:
        registry.unregisterHandler(added, (None, IObjectAddedEvent))
        registry.unregisterHandler(modified, (None, IObjectModifiedEvent))

    assert ("added", document.getId()) in heard
    assert ("modified", "van-ban") not in heard
    found = catalog.unrestrictedSearchResults(UID=api.content.get_uuid(document))
    assert [brain.review_state for brain in found] == ["received"]
    assert found[0].getPath() == "/".join(document.getPhysicalPath())
    assert document.getOwner().getId() == "vanthu"
    [folder_brain] = catalog.unrestrictedSearchResults(UID=api.content.get_uuid(folder))
    assert folder_brain.modified == folder_modified
    assert document.getId() in folder.objectIds()


def test_record_ids_are_checked_for_duplicates_only(offices_portal):
    """A record's id (a dossier's code, a document's opaque id) is checked
    against the folder's own ids; any other id goes through Plone's check."""
    from dienbien.policy.records import RECORD_ID
    from zExceptions import BadRequest

    import pytest

    folder = offices_portal["van-ban"]
    document = incoming(offices_portal, register=False)
    assert RECORD_ID.fullmatch(document.getId())
    assert RECORD_ID.fullmatch("h15-50-mc-261129-0007")
    assert folder._checkId("vbden-0123456789ab") is None
    assert folder._checkId("h15-50-mc-261129-0007") is None
    with pytest.raises(BadRequest, match="already in use"):
        folder._checkId(document.getId())
    assert folder._checkId(document.getId(), allow_dup=1) is None
    # Names a record's id cannot be are still refused the stock way.
    for name in ("portal_catalog", "view-261129", "aq_parent", "_p_jar", "@@view"):
        assert not RECORD_ID.fullmatch(name)
    for name in ("portal_catalog", "aq_parent", "_p_jar", "@@view"):
        with pytest.raises(BadRequest):
            folder._checkId(name)
    transaction.abort()
