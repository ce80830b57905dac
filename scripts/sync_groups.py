"""Bring every unit's groups up to date; retire units whose end date passed.

    zconsole run instance/etc/zope.conf scripts/sync_groups.py [--site-id ID]

(``make sync-groups``; run it daily from cron.) Idempotent.
"""

from dienbien.policy.orgunits.events import sync_all_units
from dienbien.policy.scripting import open_site
from dienbien.policy.scripting import script_args
from dienbien.policy.site import SITE_ID

import argparse
import sys
import transaction


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="sync_groups.py")
    parser.add_argument("--site-id", default=SITE_ID)
    options = parser.parse_args(argv)
    portal = open_site(app, options.site_id)
    count = sync_all_units(portal)
    transaction.get().note("Synchronised unit groups")
    transaction.commit()
    print(f"{count} units checked")
    return 0


if "app" in globals():
    sys.exit(main(globals()["app"], script_args(sys.argv, "sync_groups.py")))
