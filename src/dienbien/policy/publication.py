"""Requests refused before traversal: methods the site does not serve and
bodies Zope cannot parse.

The site answers ``GET``, ``HEAD`` and ``POST``, plus whatever method
plone.rest has a service for with the request's ``Accept`` header (``PATCH``
and ``DELETE`` on content with ``Accept: application/json``, CORS
preflights). Any other request used to reach Zope's traversal, which for
methods other than ``GET``/``POST`` refuses to end on a view (its WebDAV
rule against acquiring the target) with an ``AttributeError``: a 500 and a
traceback in the error log for every ``PUT``, ``DELETE`` or ``TRACE`` on a
page. They now get 405 with an ``Allow`` header; the site speaks no
WebDAV.

A ``multipart/form-data`` body without its ``boundary`` made Zope's form
parser fail with a ``KeyError`` (a 503); it is now a 400 on the site (and an
opaque body elsewhere). A multipart body whose parts cannot be read was
refused by Zope's parser before the site's layer applied, in plone.restapi's
plain error shape instead of the site's error envelope; it is read once here
and refused the same way.
"""

from multipart import MultipartError
from multipart import MultipartParser
from multipart import parse_options_header
from plone.rest.cors import lookup_preflight_service_id
from plone.rest.negotiation import lookup_service_id
from zExceptions import BadRequest
from zExceptions import MethodNotAllowed
from ZPublisher import HTTPRequest


ALWAYS = frozenset(("GET", "HEAD", "POST"))


def served(request) -> bool:
    """Whether the site serves the request's method."""
    method = (request.get("REQUEST_METHOD") or "GET").upper()
    if method in ALWAYS:
        return True
    if method == "OPTIONS" and request.getHeader("Origin"):
        preflighted = request.getHeader("Access-Control-Request-Method")
        return lookup_preflight_service_id(preflighted) is not None
    accept = request.getHeader("Accept", "text/html")
    return lookup_service_id(method, accept) is not None


def parsable(request) -> bool:
    """Whether Zope's form parser can read the body's content type."""
    content_type = (request.environ.get("CONTENT_TYPE") or "").lower()
    return not content_type.startswith("multipart/") or "boundary=" in content_type


def readable_parts(request) -> bool:
    """Whether the parts of a multipart form body can be read, with the
    limits Zope's own parser applies (the body is read again by Zope)."""
    content_type, options = parse_options_header(
        request.environ.get("CONTENT_TYPE") or ""
    )
    if content_type != "multipart/form-data" or not options.get("boundary"):
        return True
    stream = request.stdin
    try:
        start = stream.tell()
    except (AttributeError, OSError):
        return True  # not seekable: Zope's parser will judge alone
    try:
        for part in MultipartParser(
            stream,
            options["boundary"],
            part_limit=HTTPRequest.FORM_PART_LIMIT,
            mem_limit=HTTPRequest.FORM_MEMORY_LIMIT,
            disk_limit=HTTPRequest.FORM_DISK_LIMIT,
            memfile_limit=HTTPRequest.FORM_MEMFILE_LIMIT,
            charset="latin-1",
        ):
            part.close()
    except MultipartError:
        return False
    finally:
        stream.seek(start)
    return True


def set_aside_unparsable_body(event) -> None:
    """``IPubStart``: a body Zope's parser would fail on is kept as an opaque
    body, and the request marked to be refused once it reaches the site.

    Nothing can be refused from here: an exception raised by a ``PubStart``
    subscriber escapes Zope's error handling (its context manager has not
    yielded yet).
    """
    request = event.request
    if not parsable(request):
        request.environ["CONTENT_TYPE"] = "application/octet-stream"
        request._dienbien_unparsable = "A multipart body needs a boundary."
    elif not readable_parts(request):
        request.environ["CONTENT_TYPE"] = "application/octet-stream"
        request._dienbien_unparsable = "The parts of the multipart body cannot be read."


def refuse_unserved(site, event) -> None:
    """``IBeforeTraverseEvent`` of the site: 405 or 400 before traversal
    reaches a view."""
    request = event.request
    if not served(request):
        request.response.setHeader("Allow", ", ".join(sorted(ALWAYS)))
        raise MethodNotAllowed(request.get("REQUEST_METHOD"))
    reason = getattr(request, "_dienbien_unparsable", None)
    if reason:
        raise BadRequest(reason)
