"""The verdict on a signed PDF from its signatures' facts (core/signatures.py)."""

from datetime import datetime
from dienbien.policy.core import signatures as s

import pytest


NOW = datetime(2026, 8, 3, 17, 0)


def facts(**changes):
    values = {
        "signer": "Nguyễn Văn A",
        "organisation": "UBND huyện Điện Biên",
        "signed": datetime(2026, 8, 1, 9, 0),
        "intact": True,
        "unchanged": True,
        "trusted": True,
        "not_before": datetime(2026, 1, 1),
        "not_after": datetime(2027, 1, 1),
    }
    values.update(changes)
    return s.SignatureFacts(**values)


@pytest.mark.parametrize(
    "changes, verdict",
    [
        ({}, s.VALID),
        ({"intact": False}, s.MODIFIED),
        ({"unchanged": False}, s.MODIFIED),
        ({"trusted": False}, s.UNTRUSTED),
        ({"not_after": datetime(2026, 7, 1)}, s.EXPIRED),
        ({"not_before": datetime(2026, 8, 2)}, s.EXPIRED),
        # Precedence: modified over untrusted over expired.
        ({"unchanged": False, "trusted": False}, s.MODIFIED),
        ({"intact": False, "not_after": datetime(2026, 7, 1)}, s.MODIFIED),
        ({"trusted": False, "not_after": datetime(2026, 7, 1)}, s.UNTRUSTED),
    ],
)
def test_signature_verdict(changes, verdict):
    assert s.signature_verdict(facts(**changes), NOW) == verdict


def test_expiry_is_judged_at_the_signing_time_not_today():
    # Signed while the certificate was valid; it has lapsed since.
    later = datetime(2030, 1, 1)
    assert s.signature_verdict(facts(), later) == s.VALID
    # No time stated: judged now.
    assert s.signature_verdict(facts(signed=None), later) == s.EXPIRED


@pytest.mark.parametrize(
    "verdicts, verdict",
    [
        ([], s.UNSIGNED),
        ([s.VALID], s.VALID),
        ([s.VALID, s.EXPIRED], s.EXPIRED),
        ([s.EXPIRED, s.UNTRUSTED, s.VALID], s.UNTRUSTED),
        ([s.VALID, s.UNTRUSTED, s.MODIFIED], s.MODIFIED),
    ],
)
def test_document_verdict_is_the_worst(verdicts, verdict):
    assert s.document_verdict(verdicts) == verdict
