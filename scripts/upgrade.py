"""Run the pending upgrade steps of dienbien.policy on an existing site, so
that its data matches the code (``make upgrade``; ``make start`` runs it).

    zconsole run instance/etc/zope.conf scripts/upgrade.py [--site-id ID]

Nothing to do when the site is up to date; no site, nothing either.
"""

from dienbien.policy.scripting import script_args
from dienbien.policy.site import SITE_ID
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import argparse
import sys
import transaction


PROFILE = "dienbien.policy:default"


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="upgrade.py")
    parser.add_argument("--site-id", default=SITE_ID)
    options = parser.parse_args(argv)
    if options.site_id not in app.objectIds():
        print(f"No site '{options.site_id}': nothing to upgrade.")
        return 0
    app = makerequest(app)
    portal = app[options.site_id]
    setSite(portal)
    setup = portal.portal_setup
    before = setup.getLastVersionForProfile(PROFILE)
    if not setup.listUpgrades(PROFILE):
        print(f"Site '{options.site_id}' is up to date ({'.'.join(before)}).")
        return 0
    with api.env.adopt_roles(["Manager"]):
        setup.upgradeProfile(PROFILE)
    after = setup.getLastVersionForProfile(PROFILE)
    transaction.get().note(f"Upgraded {PROFILE} {before} -> {after}")
    transaction.commit()
    print(f"Upgraded '{options.site_id}' from {'.'.join(before)} to {'.'.join(after)}.")
    return 0


if "app" in globals():
    sys.exit(main(globals()["app"], script_args(sys.argv, "upgrade.py")))
