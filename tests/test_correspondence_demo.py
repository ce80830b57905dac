"""The demo correspondence on the demo site: loaded through the bulk loader,
numbers that later issues continue, work waiting for every demo clerk,
officer and leader, secret documents seen by the cleared users only."""

from collections import Counter
from conftest import TEST_NOW
from datetime import datetime
from plone import api
from plone.app.testing import applyProfile
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest
import transaction


PASSWORD = "dienbien-demo"
CLEARED = {"vanthu.mat.huyen", "lanhdao.mat.huyen"}
#: What each demo user's function acts on: (portal_type, states, named).
#: ``named``: the user must be among the document's people (drafter,
#: handler…), not only in the unit's group.
WORK = {
    "clerical": [
        ("IncomingDocument", ("received",), False),
        ("OutgoingDocument", ("approved",), False),
    ],
    "leader": [
        ("IncomingDocument", ("registered",), False),
        ("OutgoingDocument", ("pending",), False),
    ],
    "officer": [
        ("IncomingDocument", ("assigned", "in_progress"), True),
        ("OutgoingDocument", ("draft",), True),
    ],
}
DEMO_STAFF = {
    "vanthu.huyen": ("H15.50", "clerical"),
    "chuyenvien.huyen": ("H15.50", "officer"),
    "lanhdao.huyen": ("H15.50", "leader"),
    "vanthu.thanhxuong": ("H15.50.05.01", "clerical"),
    "chuyenvien.thanhxuong": ("H15.50.05.01", "officer"),
    "lanhdao.thanhxuong": ("H15.50.05.01", "leader"),
    "vanthu.mat.huyen": ("H15.50", "clerical"),
    "lanhdao.mat.huyen": ("H15.50", "leader"),
}


def expected_records():
    from dienbien.policy.correspondence.demo import demo_records

    return list(demo_records(datetime.fromisoformat(TEST_NOW)))


def search_as(username, **query):
    with api.env.adopt_user(username=username):
        catalog = api.portal.get_tool("portal_catalog")
        return catalog.searchResults(**query)


@pytest.fixture
def demo_site(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    applyProfile(portal, "dienbien.policy:demo")
    return portal


def test_the_demo_site_holds_a_year_of_correspondence(demo_site):
    """One demo site for every check (loading it takes seconds)."""
    records = expected_records()
    the_documents_are_loaded(demo_site, records)
    issues_and_registrations_continue_the_series(demo_site, records)
    for username in sorted(DEMO_STAFF):
        the_user_has_work_waiting(username)
    secret_documents_are_named_on_and_seen_by_the_cleared_only(records)
    # Loading the demo again changes nothing.
    applyProfile(demo_site, "dienbien.policy:demo")
    assert len(demo_site["van-ban"].objectIds()) == len(records)


def the_documents_are_loaded(portal, records):
    from dienbien.policy.correspondence.documents import type_name

    folder = portal["van-ban"]
    assert len(folder.objectIds()) == len(records) > 500
    catalog = api.portal.get_tool("portal_catalog")
    states = Counter(
        (brain.portal_type, brain.review_state)
        for brain in catalog.unrestrictedSearchResults(
            portal_type=["OutgoingDocument", "IncomingDocument"]
        )
    )
    kinds = {"outgoing": "OutgoingDocument", "incoming": "IncomingDocument"}
    assert states == Counter((kinds[r["kind"]], r["state"]) for r in records)
    # A document as a person opens it: its fields, its unit, its number.
    first = next(r for r in records if r["kind"] == "outgoing" and r["state"] == "sent")
    # (Administrators do not read correspondence: unrestricted.)
    document = catalog.unrestrictedSearchResults(UID=first["uid"])[
        0
    ]._unrestrictedGetObject()
    assert document.unit == first["unit"]
    assert document.notation == first["notation"]
    assert document.number == first["number"]
    assert document.Title() == " ".join(
        (type_name(first["doctype"]), first["notation"], first["summary"])
    )
    assert api.content.get_state(document) == "sent"
    history = document.workflow_history["dienbien_outgoing_workflow"]
    assert [entry["action"] for entry in history][-2:] == ["issue", "send"]
    # Sent inside: the sender's deliveries and the recipient's incoming one.
    exchanged = next(r for r in records if r["kind"] == "outgoing" and r["deliveries"])
    sender = catalog.unrestrictedSearchResults(UID=exchanged["uid"])[
        0
    ]._unrestrictedGetObject()
    assert sender.deliveries == exchanged["deliveries"]
    arrived = catalog.unrestrictedSearchResults(document_source=exchanged["uid"])
    assert sorted(brain.UID for brain in arrived) == sorted(
        entry["uid"] for entry in exchanged["deliveries"]
    )


def issues_and_registrations_continue_the_series(portal, records):
    from dienbien.policy.core.correspondence.registers import Series
    from dienbien.policy.correspondence import sequence
    from dienbien.policy.orgunits.references import uid_of

    folder = portal["van-ban"]
    highest = {}
    for record in records:
        if record["series"] is not None:
            number = record.get("number") or record.get("incoming_number")
            key = record["series"]
            highest[key] = max(highest.get(key, 0), number)
    assert len(highest) > 20
    for series, number in highest.items():
        stored = Series(uid_of(series.unit), series.year, series.register, series.type)
        assert sequence.last_number(folder, stored) == number, series.key
    district = Series(uid_of("H15.50"), 2026, "incoming")
    last = highest[Series("H15.50", 2026, "incoming")]
    assert sequence.take_number(folder, district) == last + 1


def the_user_has_work_waiting(username):
    unit, function = DEMO_STAFF[username]
    cleared = username in CLEARED
    for portal_type, states, named in WORK[function]:
        query = {
            "portal_type": portal_type,
            "review_state": states,
            "document_unit": unit,
        }
        if named:
            query["document_people"] = username
        if cleared:
            # Their own work: the secret documents named on them.
            query["document_secret"] = True
        found = search_as(username, **query)
        assert len(found) >= 1, (username, portal_type, states)


def secret_documents_are_named_on_and_seen_by_the_cleared_only(records):
    from dienbien.policy.core.correspondence import marks

    secret = [r for r in records if marks.is_secret(r["confidentiality"])]
    assert len(secret) >= 7
    for record in secret:
        named = {
            record.get("drafter"),
            record.get("signer"),
            record.get("handler"),
            *record.get("co_handlers", ()),
            *record["readers"],
        } - {"", None}
        assert named <= CLEARED, record["uid"]
    for username in DEMO_STAFF:
        seen = search_as(username, document_secret=True)
        if username in CLEARED:
            assert len(seen) == len(secret)
        else:
            assert len(seen) == 0, username
    # A cleared user also sees the unit's ordinary documents.
    assert len(search_as("lanhdao.mat.huyen", document_unit="H15.50")) > len(secret)


@pytest.fixture
def served_demo(functional_portal):
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    applyProfile(functional_portal, "dienbien.policy:demo")
    transaction.commit()
    return functional_portal


def _entries(value) -> int:
    """How many items the lists of a JSON answer hold, at any depth."""
    if isinstance(value, list):
        return len(value) + sum(_entries(item) for item in value)
    if isinstance(value, dict):
        return sum(_entries(item) for item in value.values())
    return 0


def test_my_work_over_http_is_not_empty_for_any_demo_user(served_demo, http):
    probe = http("vanthu.huyen", PASSWORD).get("@my-work")
    if probe.status_code == 404:
        pytest.skip("@my-work is not on this branch")
    for username in DEMO_STAFF:
        response = http(username, PASSWORD).get("@my-work")
        assert response.status_code == 200, (username, response.text[:300])
        assert _entries(response.json()) > 0, username
