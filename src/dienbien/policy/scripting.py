"""Helpers for the zconsole scripts in ``scripts/`` (``make import-…`` and
friends): their arguments, and the site with a request and local site set."""

from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import pathlib


def script_args(argv: list[str], script: str) -> list[str]:
    """The arguments after the script's path, whether zconsole
    (``['zconsole', 'run', CONF, SCRIPT, *args]``) or buildout's ``bin/instance
    run`` (``[SCRIPT, *args]``) started it."""
    name = pathlib.Path(script).name
    for index, arg in enumerate(argv):
        if arg.endswith(name):
            return argv[index + 1 :]
    return []


def open_site(app, site_id: str):
    """The Plone site ``site_id`` of ``app``, request-wrapped and set as the
    local site, as a request would see it."""
    portal = makerequest(app)[site_id]
    setSite(portal)
    return portal
