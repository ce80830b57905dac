"""Numbers and notations of outgoing documents, taken by the Plone issue
step (Decree 30/2020 Art. 15, Appendix I; domain.md §3): every type, the
leading zero, normative documents with the year and a series per type, the
secret series apart, the year's rollover at midnight in Vietnam."""

from dienbien.policy.core.correspondence.doctypes import load_document_types
from outgoing_site import approved
from outgoing_site import issue
from outgoing_site import outgoing_integration_fixture  # noqa: F401
from plone import api

import pytest


def issued(portal, **fields):
    document = issue(approved(portal, **fields))
    return document


def test_every_type_in_one_series(outgoing_integration, clock):
    portal = outgoing_integration
    expected = []
    found = []
    for number, doctype in enumerate(load_document_types(), start=1):
        document = issued(portal, doctype=doctype.id)
        symbol = "UBND-VP" if doctype.dispatch_form else f"{doctype.abbreviation}-UBND"
        expected.append((number, 2026, f"{number:02d}/{symbol}"))
        found.append((document.number, document.year, document.notation))
        assert api.content.get_state(document) == "issued"
    assert found == expected
    # The leading zero below 10, none from 10 on.
    assert found[0][2] == "01/NQ-UBND"
    assert found[8][2] == "09/CTr-UBND"
    assert found[9][2] == "10/KH-UBND"
    assert found[17][2] == "18/UBND-VP"  # công văn: issuer, then department


def test_a_cong_van_names_its_department(outgoing_integration):
    portal = outgoing_integration
    first = issued(portal, doctype="dispatch", department="TCKH")
    second = issued(portal, doctype="dispatch", department="VP")
    # A decision drafted by the office is numbered without it.
    third = issued(portal, doctype="decision", department="VP")
    assert [first.notation, second.notation, third.notation] == [
        "01/UBND-TCKH",
        "02/UBND-VP",
        "03/QĐ-UBND",
    ]


def test_normative_documents_have_a_series_per_type_with_the_year(
    outgoing_integration,
):
    portal = outgoing_integration
    ordinary = issued(portal, doctype="decision")
    decision = issued(portal, doctype="decision", normative=True)
    resolution = issued(portal, doctype="resolution", normative=True)
    second_decision = issued(portal, doctype="decision", normative=True)
    after = issued(portal, doctype="plan")
    assert [
        ordinary.notation,
        decision.notation,
        resolution.notation,
        second_decision.notation,
        after.notation,
    ] == [
        "01/QĐ-UBND",
        "01/2026/QĐ-UBND",
        "01/2026/NQ-UBND",
        "02/2026/QĐ-UBND",
        "02/KH-UBND",
    ]


def test_the_secret_series_is_apart(outgoing_integration):
    portal = outgoing_integration
    first = issued(portal)
    secret = issued(
        portal, confidentiality="confidential", readers=["ld_huyen", "vt_huyen"]
    )
    top = issued(portal, confidentiality="top_secret", readers=["vt_huyen"])
    second = issued(portal)
    assert [(d.number, d.notation) for d in (first, secret, top, second)] == [
        (1, "01/QĐ-UBND"),
        (1, "01/QĐ-UBND"),
        (2, "02/QĐ-UBND"),
        (2, "02/QĐ-UBND"),
    ]


def test_each_unit_numbers_on_its_own(outgoing_integration):
    portal = outgoing_integration
    district = issued(portal)
    commune = issued(
        portal, unit="H15.50.21", signer="ld_xa", internal_recipients=["H15.50"]
    )
    assert (district.notation, commune.notation) == ("01/QĐ-UBND", "01/QĐ-UBND")
    assert district.unit == "H15.50"
    assert commune.unit == "H15.50.21"


@pytest.mark.parametrize(
    "last_moment, first_moment",
    [
        # The site's clock is local time (Asia/Ho_Chi_Minh, UTC+7).
        ("2026-12-31T23:59", "2027-01-01T00:00"),
    ],
)
def test_numbers_restart_at_midnight_on_31_december_in_vietnam(
    outgoing_integration, clock, last_moment, first_moment
):
    portal = outgoing_integration
    clock("2026-12-31T16:00")
    issued(portal)
    issued(portal, doctype="decision", normative=True)
    clock(last_moment)
    last = issued(portal)
    last_normative = issued(portal, doctype="decision", normative=True)
    clock(first_moment)
    first = issued(portal)
    first_normative = issued(portal, doctype="decision", normative=True)
    assert [
        (d.year, d.number, d.notation)
        for d in (last, last_normative, first, first_normative)
    ] == [
        (2026, 2, "02/QĐ-UBND"),
        (2026, 2, "02/2026/QĐ-UBND"),
        (2027, 1, "01/QĐ-UBND"),
        (2027, 1, "01/2027/QĐ-UBND"),
    ]
    assert last.issued.year == 2026
    assert first.issued.year == 2027


def test_no_number_before_issue(outgoing_integration):
    document = approved(outgoing_integration)
    assert not document.number
    assert not document.notation
    assert api.content.get_state(document) == "approved"
