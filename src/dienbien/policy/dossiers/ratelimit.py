"""The limits of the public status lookup (in process memory).

Two sliding windows (``dienbien.policy.core.ratelimit``), both with bounded
memory:

- lookups per client address: 20 a minute. Behind a reverse proxy the
  address is the citizen's only when zope.conf declares the proxy with
  ``trusted-proxy`` (Zope then reads ``X-Forwarded-For``; a client that is
  not a trusted proxy cannot choose its address that way). See
  docs/security.md;
- wrong verification digits per dossier code: after 5 within an hour the
  code answers 429 to everyone until that hour is over. Unknown codes count
  alike, so the lock tells nothing about which codes exist.

With several Zope processes each keeps its own windows (the limit is per
process), which a reverse proxy's own limit complements.
"""

from dienbien.policy.core.dossiers import CODE_PATTERN
from dienbien.policy.core.ratelimit import SlidingWindow

import logging
import os


logger = logging.getLogger("dienbien.policy.lookup")

#: DIENBIEN_STATUS_LOOKUPS_PER_MINUTE (zope.conf <environment>) changes it.
STATUS_LOOKUPS = SlidingWindow(
    limit=int(os.environ.get("DIENBIEN_STATUS_LOOKUPS_PER_MINUTE", "20")),
    window=60.0,
)
#: Wrong digit sets per dossier code and hour.
CODE_FAILURES = SlidingWindow(limit=5, window=3600.0)


def code_key(code: str) -> str:
    # Codes are looked up in any case; a key is never longer than a code.
    return code.strip().lower()[:64]


def client_wait(request) -> int:
    """Count one lookup of the request's client; seconds to wait if refused."""
    allowed, wait = STATUS_LOOKUPS.allow(request.getClientAddr() or "")
    return 0 if allowed else wait


def code_wait(code: str) -> int:
    """Seconds until ``code`` may be looked up again (0: now)."""
    return CODE_FAILURES.retry_after(code_key(code))


def wrong_digits(code: str) -> None:
    """Count a failed lookup of ``code``; log when it locks the code.

    The log never holds the digits tried nor the client's address, and names
    the code only when it has the form of a dossier code: a citizen who typed
    a phone number into the code field must not find it in the log.
    """
    key = code_key(code)
    if not key:
        return
    if CODE_FAILURES.hit(key) == CODE_FAILURES.limit:
        logger.warning(
            "Status lookups of dossier code %s refused for up to %d minutes "
            "after %d wrong verifications",
            key.upper() if CODE_PATTERN.match(key) else "(not a dossier code)",
            CODE_FAILURES.window // 60,
            CODE_FAILURES.limit,
        )


def reset() -> None:
    """Forget every count (tests)."""
    STATUS_LOOKUPS.reset()
    CODE_FAILURES.reset()
