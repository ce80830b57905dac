"""The demo's ~30 normative documents, loaded through the spreadsheet
importer: on a fixed day the register holds each status, a district
decision replaced by a commune's after the 2025 reform among them."""

from collections import Counter
from datetime import date
from dienbien.policy.legal.search import search
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pathlib


UNITS = (
    pathlib.Path(__file__).parent.parent / "src/dienbien/policy/data/demo/orgunits.json"
)
DAY = date(2026, 12, 1)


def test_the_demo_register_holds_every_status(portal):
    from dienbien.policy.legal.demo import load_legal_documents
    from dienbien.policy.orgunits.importer import import_units

    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, UNITS.read_text("utf-8"), "json")
    assert load_legal_documents(portal) == 30
    assert load_legal_documents(portal) == 0  # a second run adds nothing

    counts = Counter()
    for status in (
        "not_yet",
        "in_force",
        "partly_expired",
        "expired",
        "suspended",
        "partly_suspended",
    ):
        found = search(portal, {"status": status, "on": DAY.isoformat()}, DAY)
        counts[status] = len(found)
    assert counts == {
        "in_force": 17,
        "expired": 7,
        "partly_expired": 2,
        "not_yet": 2,
        "suspended": 1,
        "partly_suspended": 1,
    }
    expired = {
        (brain.legal_notation, brain.legal_issuer)
        for brain in search(portal, {"status": "expired", "on": "2026-12-01"}, DAY)
    }
    assert expired == {
        ("01/2021/QĐ-UBND", "H15.50"),  # replaced
        ("12/2020/QĐ-UBND", "H15.50"),  # its end date
        ("05/2022/QĐ-UBND", "H15.50"),  # repealed
        ("10/2024/QĐ-UBND", "H15.50"),  # replaced by the commune of Thanh Xương
        ("11/2024/QĐ-UBND", "H15.50"),  # detailed the one replaced
        ("01/2019/NQ-HĐND", "H15.50.HD"),  # replaced
        ("06/2025/QĐ-UBND", "H15.50.05.21"),  # its end date
    }
    # The district's decision was in force until the commune's took over.
    on_the_eve = search(portal, {"status": "in_force", "on": "2025-09-19"}, DAY)
    assert ("10/2024/QĐ-UBND", "H15.50") in {
        (brain.legal_notation, brain.legal_issuer) for brain in on_the_eve
    }
    document = portal["van-ban-qppl"].objectValues()[0]
    assert "Dữ liệu mẫu" in document.text.raw
