"""Read the signatures of a PDF with pyHanko: the facts ``core/signatures.py``
judges. Offline only: no CRL, OCSP or certificate is fetched (the validation
context forbids fetching), so revocation is not checked.

The trust check is made at the signing time the signature states (clamped
into the certificate's validity), so that a certificate that has lapsed since
is judged as expired, not untrusted.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from dienbien.policy.core import signatures as core

import asyncio
import io
import logging


logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    verdict: str
    signatures: tuple  # of (SignatureFacts, verdict)
    #: Why nothing could be read (a damaged PDF), else "".
    problem: str = ""


def _name(cert, oid_name: str) -> str:
    try:
        return cert.subject.native.get(oid_name, "") or ""
    except Exception:  # an odd subject: show no name rather than fail
        return ""


def _moment(cert, stated: datetime | None) -> datetime:
    """When to judge the chain: the stated signing time, kept inside the
    certificate's validity (expiry is judged apart, by the core)."""
    validity = cert["tbs_certificate"]["validity"]
    start = validity["not_before"].native
    end = validity["not_after"].native
    moment = stated or datetime.now(UTC)
    return max(start + timedelta(seconds=1), min(moment, end - timedelta(seconds=1)))


def _facts(embedded, roots) -> core.SignatureFacts:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    cert = embedded.signer_cert
    stated = embedded.self_reported_timestamp
    context = ValidationContext(
        trust_roots=list(roots),
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=_moment(cert, stated),
    )
    status = validate_pdf_signature(embedded, signer_validation_context=context)
    coverage = status.coverage
    unchanged = coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and status.modification_level is not None
        and status.modification_level <= ModificationLevel.FORM_FILLING
        and status.docmdp_ok is not False
    )
    validity = cert["tbs_certificate"]["validity"]
    return core.SignatureFacts(
        signer=_name(cert, "common_name"),
        organisation=_name(cert, "organization_name"),
        signed=stated,
        intact=bool(status.intact and status.valid),
        unchanged=bool(unchanged),
        trusted=bool(status.trusted),
        not_before=validity["not_before"].native,
        not_after=validity["not_after"].native,
    )


@dataclass(frozen=True)
class Reading:
    """What pyHanko read of a PDF's signatures (the costly part, the same
    for the same bytes and trust roots): the facts, not yet judged."""

    facts: tuple  # of SignatureFacts
    #: Why nothing could be read (a damaged PDF), else "".
    problem: str = ""

    @property
    def timeless(self) -> bool:
        """Whether every signature states its signing time: the chain was
        then checked at that time, else at the moment it was read."""
        return all(facts.signed is not None for facts in self.facts)


def verify(data: bytes, roots, now: datetime | None = None) -> Result | None:
    """The verdict on ``data``; ``None`` when it is not a PDF. ``roots`` are
    the trust roots as ``asn1crypto`` certificates."""
    reading = read(data, roots)
    return None if reading is None else judge(reading, now)


def read(data: bytes, roots) -> Reading | None:
    """pyHanko's reading of ``data`` (``None`` when it is not a PDF)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _read(data, roots)
    # pyHanko runs its own event loop, which cannot start inside a running
    # one (a caller that holds one, e.g. a script or a test driving a browser).
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_read, data, roots).result()


def judge(reading: Reading, now: datetime | None = None) -> Result:
    """The verdicts on what was read, at ``now`` (for a signature that
    states no signing time)."""
    if reading.problem:
        return Result(core.UNSIGNED, (), problem=reading.problem)
    now = now or datetime.now(UTC)
    found = tuple(
        (facts, core.signature_verdict(facts, now)) for facts in reading.facts
    )
    return Result(core.document_verdict(v for _, v in found), found)


def _read(data: bytes, roots) -> Reading | None:
    if not data.startswith(b"%PDF"):
        return None
    if b"/ByteRange" not in data:
        # Unsigned, without parsing a megabyte (~25 ms): a signature's
        # /ByteRange is always in the clear — the signer patches /Contents in
        # place at a known offset, so its dictionary is never compressed, and
        # names are never encrypted. A PDF spelling it otherwise (#-escapes)
        # is judged unsigned, never valid.
        return Reading(())
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # a damaged PDF is not a 500
        return Reading((), problem=type(error).__name__)
    found = []
    for signature in embedded:
        try:
            facts = _facts(signature, roots)
        except Exception as error:  # a signature pyHanko cannot read
            logger.warning("Unreadable PDF signature: %s", type(error).__name__)
            facts = core.SignatureFacts("", "", None, False, False, False)
        found.append(facts)
    return Reading(tuple(found))


def load_root(data: bytes):
    """A trust root from PEM or DER bytes (``ValueError`` if neither)."""
    from asn1crypto import pem
    from asn1crypto import x509

    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    try:
        cert = x509.Certificate.load(data)
        _ = cert.native  # parse it all now: a bad file fails here, not later
    except Exception as error:
        raise ValueError("not a certificate") from error
    return cert
