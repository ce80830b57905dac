"""Every opening of a secret document, recorded outside the database.

The State Secrets Protection Law (29/2018) asks that who read a secret
document be known. An opening is a GET (a page, the REST representation, a
file download), and GETs never write to the ZODB (house rule: a write on GET
conflicts, bloats the database and defeats CSRF protection), so the record
goes to a dedicated logger, ``dienbien.policy.secret_access``, which the
instance's ``zope.ini`` (and buildout's ``instance/buildout-wsgi.ini``) sends
to its own file, ``var/log/secret-access.log``, kept apart from the event log.

One JSON line per opening: the time (site zone, to the second), the user id,
the document's UID, the method and the view (the path after the document:
``""`` for its page or REST representation, ``@@download/file``...). Never
the summary, the title, the notation or any other text of the document, nor
the client's address: the line alone says nothing of what the document holds.

Recorded after the request succeeded (``IPubSuccess``): a refused request
(401, 403, 404) opened nothing. The named leaders of the document read the
records (``@@secret-openings``), from the file.
"""

from Acquisition import aq_base
from datetime import datetime
from dienbien.policy.clock import TIMEZONE
from dienbien.policy.core.correspondence import marks
from plone import api
from plone.rest.interfaces import IAPIRequest

import json
import logging


LOGGER_NAME = "dienbien.policy.secret_access"
logger = logging.getLogger(LOGGER_NAME)


def wall_time() -> datetime:
    """The time of an opening (tests replace it)."""
    return datetime.now(TIMEZONE)


def is_document(obj) -> bool:
    from dienbien.policy.correspondence.documents import IIncomingDocument
    from dienbien.policy.correspondence.documents import IOutgoingDocument

    return IOutgoingDocument.providedBy(obj) or IIncomingDocument.providedBy(obj)


def is_secret(document) -> bool:
    level = getattr(document, "confidentiality", None) or "normal"
    try:
        return marks.is_secret(level)
    except ValueError:  # an unknown level is treated as secret, not as open
        return True


def record(uid: str, user: str, method: str, view: str) -> dict:
    entry = {
        "time": wall_time().isoformat(timespec="seconds"),
        "user": user,
        "uid": uid,
        "method": method,
        "view": view,
    }
    logger.info(json.dumps(entry, ensure_ascii=False, sort_keys=True))
    return entry


def published_document(request):
    """The document a request published: the object itself, or the context
    of the view or REST service published on it (``@@download/file``
    publishes the download view, whose context is the document)."""
    obj = request.get("PUBLISHED")
    for _ in range(4):
        if obj is None:
            return None
        if is_document(obj):
            return obj
        # a view's or a service's context, a bound method's object; never
        # acquired (a content object's "context" could be anything)
        bare = aq_base(obj)
        obj = getattr(bare, "context", None) or getattr(bare, "__self__", None)
    return None


def view_name(request, document) -> str:
    """The path after the document (no query string): ``""`` for the
    document's page, ``api`` for its REST representation."""
    url = request.get("ACTUAL_URL") or request.get("URL") or ""
    base = document.absolute_url()
    if url.startswith(base):
        view = url[len(base) :].strip("/")
    else:
        view = request.get("PUBLISHED").__class__.__name__
    if not view and IAPIRequest.providedBy(request):
        return "api"
    return view


def opened(event) -> None:
    """``IPubSuccess`` subscriber: record the opening of a secret document."""
    request = event.request
    try:
        document = published_document(request)
    except Exception:  # whatever was published, never fail the answer
        logging.getLogger(__name__).exception("could not tell what was published")
        return
    if document is None or not is_secret(document):
        return
    # the user traversal authenticated (the security manager may be gone)
    user = request.get("AUTHENTICATED_USER") or api.user.get_current()
    record(
        document.UID(),
        (user.getId() or "") if user is not None else "",
        request.get("REQUEST_METHOD", "GET"),
        view_name(request, document),
    )


def log_files() -> list[str]:
    """The files the logger writes to (the configured file handlers)."""
    files = []
    current = logger
    while current is not None:
        for handler in current.handlers:
            name = getattr(handler, "baseFilename", None)
            if name and name not in files:
                files.append(name)
        if not current.propagate:
            break
        current = current.parent
    return files


def openings(uid: str) -> list[dict]:
    """The recorded openings of one document, oldest first (reads the log
    files; lines that are not records of ours are skipped)."""
    found = []
    for name in log_files():
        try:
            with open(name, encoding="utf-8") as lines:
                for line in lines:
                    if uid not in line:
                        continue
                    try:
                        entry = json.loads(line[line.index("{") :])
                    except ValueError:
                        continue
                    if isinstance(entry, dict) and entry.get("uid") == uid:
                        found.append(entry)
        except OSError:
            continue
    return sorted(found, key=lambda entry: entry.get("time", ""))
