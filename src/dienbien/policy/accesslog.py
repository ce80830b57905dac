"""The access log without query strings (a Paste TransLogger filter).

Query strings carry what people type — searches for an applicant's name or
phone by staff, old bookmarks of the status lookup with its digits — and an
access log is kept long and read widely. This filter writes the Apache
combined format of ``paste.translogger`` with the path only, and the Referer
without its query string. The client is the address Zope believes (see
``trusted-proxy`` in zope.conf): an X-Forwarded-For header counts only from
a trusted proxy, so nobody else can write what they like into the log's
first column. ``instance/etc/zope.ini`` uses it::

    [filter:translogger]
    paste.filter_app_factory = dienbien.policy.accesslog:make_filter
"""

from paste.translogger import TransLogger
from paste.util.converters import asbool
from ZPublisher import HTTPRequest


def without_query(url: str) -> str:
    return url.split("?", 1)[0].split("#", 1)[0]


class PathOnlyTransLogger(TransLogger):
    def write_log(self, environ, method, req_uri, start, status, bytes):
        environ = dict(environ, QUERY_STRING="")
        if environ.get("REMOTE_ADDR") not in HTTPRequest.trusted_proxies:
            environ.pop("HTTP_X_FORWARDED_FOR", None)
        if environ.get("HTTP_REFERER"):
            environ["HTTP_REFERER"] = without_query(environ["HTTP_REFERER"])
        super().write_log(environ, method, without_query(req_uri), start, status, bytes)


def make_filter(
    app, global_conf, logger_name="wsgi", format=None, setup_console_handler=True
):
    """The options of ``egg:Paste#translogger`` that zope.ini uses."""
    return PathOnlyTransLogger(
        app,
        format=format or None,
        logger_name=logger_name,
        setup_console_handler=asbool(setup_console_handler),
    )
