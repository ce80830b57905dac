"""Spam protection of the citizens' forms.

- The honeypot: a text field (``website``) that people do not see (moved off
  the screen by the form's style, labelled "leave this field empty" for
  screen readers) and robots fill in. A submission with it filled gets the
  same thank-you page as any other and is neither stored nor mailed.
- A per-client limit: ``DIENBIEN_FORM_SUBMISSIONS_PER_HOUR`` (zope.conf
  ``<environment>``, 10 by default) accepted submissions per client address
  and hour, across the forms, in process memory (bounded: see
  ``core.ratelimit``). Past it the forms answer 429 with a message in
  Vietnamese. As for the dossier lookup, the address is the citizen's
  behind a proxy only when zope.conf declares the proxy (docs/security.md).
"""

from dienbien.policy.core.ratelimit import SlidingWindow

import logging
import os


logger = logging.getLogger("dienbien.policy.citizenforms")

HONEYPOT = "website"

SUBMISSIONS = SlidingWindow(
    limit=int(os.environ.get("DIENBIEN_FORM_SUBMISSIONS_PER_HOUR", "10")),
    window=3600.0,
)


def client(request) -> str:
    return request.getClientAddr() or ""


def wait_for(request) -> int:
    """Seconds until the request's client may submit again (0: now)."""
    return SUBMISSIONS.retry_after(client(request))


def count(request) -> None:
    SUBMISSIONS.hit(client(request))


def is_spam(data) -> bool:
    """The honeypot was filled in. Logged without what was sent nor who."""
    if (data.get(HONEYPOT) or "").strip():
        logger.info("A form submission with the honeypot filled in was dropped")
        return True
    return False


def reset() -> None:
    """Forget every count (tests)."""
    SUBMISSIONS.reset()
