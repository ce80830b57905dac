"""The trust roots of the site and the verdict kept on each document.

The roots (DER bytes) are kept in an annotation of the site, edited by site
administrators on ``@@signature-roots``; none is shipped. Each document with
a PDF keeps its verdict in an annotation, with the digests of the file and
of the roots it was judged against: it is read on the page and in REST, and
worked out again only when the file or the roots change (on save, or by the
re-verification button after the roots changed). What pyHanko read of a
file is also kept in the process for a while (``_READINGS``), so that Zope's
replay of a request that conflicted does not verify the same bytes again.
"""

from dienbien.policy import clock
from dienbien.policy.core.recent import Recent
from dienbien.policy.core.recent import RETRY_WINDOW
from dienbien.policy.correspondence.security import changed_fields
from dienbien.policy.signatures import verify
from dienbien.policy.workingtime import to_aware
from dienbien.policy.workingtime import to_local
from persistent.list import PersistentList
from plone import api
from zope.annotation.interfaces import IAnnotations

import hashlib


KEY = "dienbien.policy.signatures"
ROOTS_KEY = "dienbien.policy.signature_roots"
#: The types whose ``file`` is checked (same code path for all three).
TYPES = ("IncomingDocument", "OutgoingDocument", "LegalDocument")


def _site_annotations():
    return IAnnotations(api.portal.get())


def root_ders() -> list[bytes]:
    return list(_site_annotations().get(ROOTS_KEY, ()))


def set_roots(ders) -> None:
    _site_annotations()[ROOTS_KEY] = PersistentList(bytes(d) for d in ders)


def roots_digest(ders) -> str:
    digest = hashlib.sha256()
    for der in sorted(ders):
        digest.update(hashlib.sha256(der).digest())
    return digest.hexdigest()


def describe_root(der: bytes) -> dict:
    cert = verify.load_root(der)
    subject = cert.subject.native
    return {
        "name": subject.get("common_name", ""),
        "organisation": subject.get("organization_name", ""),
        "not_after": to_local(cert["tbs_certificate"]["validity"]["not_after"].native),
        "sha256": hashlib.sha256(der).hexdigest(),
    }


def _file_bytes(document):
    file = getattr(document, "file", None)
    if file is None or not file.getSize():
        return None
    return file.data


def stored(document) -> dict | None:
    """The kept verdict: ``{"verdict", "signatures": [...]}`` or ``None``
    (no file, or not a PDF)."""
    return IAnnotations(document).get(KEY)


def refresh(document, force: bool = False) -> bool:
    """Judge the document's PDF again if the file or the roots changed since
    (always with ``force``). Returns whether anything was (re)judged."""
    annotations = IAnnotations(document)
    data = _file_bytes(document)
    if data is None or not data.startswith(b"%PDF"):
        return annotations.pop(KEY, None) is not None
    ders = root_ders()
    file_digest = hashlib.sha256(data).hexdigest()
    trust = roots_digest(ders)
    kept = annotations.get(KEY)
    if (
        not force
        and kept
        and kept.get("file") == file_digest
        and kept.get("roots") == trust
    ):
        return False
    result = verify.judge(
        _reading(data, file_digest, ders, trust, force),
        now=to_aware(clock.now()),
    )
    annotations[KEY] = {
        "file": file_digest,
        "roots": trust,
        "verdict": result.verdict,
        "signatures": [
            {
                "signer": facts.signer,
                "organisation": facts.organisation,
                # Naive local time, as every time the site keeps.
                "signed": to_local(facts.signed) if facts.signed else None,
                "verdict": verdict,
            }
            for facts, verdict in result.signatures
        ],
    }
    return True


#: pyHanko's last readings, by the digests of the file and of the trust
#: roots (another set of roots is another key, never a kept reading): Zope
#: replays a registration that conflicted from its start, and the replay
#: reads them back instead of verifying again (``core/recent.py``).
_READINGS = Recent(32)


def _reading(data: bytes, file_digest: str, ders, trust: str, force: bool):
    key = (file_digest, trust)
    reading = None if force else _READINGS.get(key)
    if reading is None:
        reading = verify.read(data, [verify.load_root(der) for der in ders])
        # A signature that states no signing time had its chain checked at
        # the moment it was read: that reading is kept for the replays only.
        _READINGS.put(key, reading, max_age=None if reading.timeless else RETRY_WINDOW)
    return reading


def document_changed(document, event) -> None:
    """On add, and on a save that changed the file or did not say what it
    changed: a workflow step or an edit of other fields does not read the
    file again (as the attachments' text, ``correspondence/fulltext.py``)."""
    if getattr(event, "object", document) is not document:
        return
    names = changed_fields(event)
    if names is not None and "file" not in names:
        return
    refresh(document)


def reverify_all() -> int:
    """Judge again every document with a PDF (after the roots changed)."""
    catalog = api.portal.get_tool("portal_catalog")
    done = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=list(TYPES)):
        document = brain._unrestrictedGetObject()
        if refresh(document, force=True):
            done += 1
    return done
