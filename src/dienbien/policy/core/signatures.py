"""The verdict on a signed PDF, from the facts read off its signatures
(``signatures/verify.py`` reads them with pyHanko; this module decides).

One verdict per signature, the document's verdict being the worst of them,
in this order (the first that applies wins; docs/signatures.md):

1. ``modified``: the signed bytes' digest does not match, or the file was
   changed after the signature in a way the signature does not allow (an
   incremental update beyond form filling and timestamps);
2. ``untrusted``: the signer's certificate does not chain to a trust root
   uploaded by the site administrators (none is shipped, so until one is
   uploaded every signature is untrusted);
3. ``expired``: the certificate was not valid at the signing time the
   signature states (before its start or after its end);
4. ``valid``.

A PDF without signatures is ``unsigned``. Revocation (CRL, OCSP) is not
checked: nothing is fetched at run time.
"""

from dataclasses import dataclass
from datetime import datetime


VALID = "valid"
MODIFIED = "modified"
UNTRUSTED = "untrusted"
EXPIRED = "expired"
UNSIGNED = "unsigned"

#: Worst first: a document's verdict is its worst signature's.
PRECEDENCE = (MODIFIED, UNTRUSTED, EXPIRED, VALID)
VERDICTS = (*PRECEDENCE, UNSIGNED)


@dataclass(frozen=True)
class SignatureFacts:
    """What one signature says and what was found about it."""

    signer: str
    organisation: str
    signed: datetime | None
    #: The digest of the signed bytes matches and the signature is sound.
    intact: bool
    #: Nothing was changed after signing beyond what the signature allows.
    unchanged: bool
    #: The certificate chains to one of the configured trust roots.
    trusted: bool
    not_before: datetime | None = None
    not_after: datetime | None = None


def expired(facts: SignatureFacts, now: datetime) -> bool:
    """Whether the certificate was outside its validity at signing time
    (``now`` when the signature states no time). The times are compared as
    given: the caller passes them all aware, or all naive in one zone."""
    moment = facts.signed or now
    if facts.not_after is not None and moment > facts.not_after:
        return True
    return facts.not_before is not None and moment < facts.not_before


def signature_verdict(facts: SignatureFacts, now: datetime) -> str:
    if not (facts.intact and facts.unchanged):
        return MODIFIED
    if not facts.trusted:
        return UNTRUSTED
    if expired(facts, now):
        return EXPIRED
    return VALID


def document_verdict(verdicts) -> str:
    """The worst of the signatures' verdicts; ``unsigned`` if there are none."""
    verdicts = list(verdicts)
    if not verdicts:
        return UNSIGNED
    return min(verdicts, key=PRECEDENCE.index)
