"""E-mail each handling unit's officers their overdue and due-soon dossiers,
and each issuer's editors their legal documents ending within 30 days or
whose basis was replaced or repealed.

    zconsole run instance/etc/zope.conf scripts/send_reminders.py [--site-id ID]

(``make send-reminders``; run it every working day from cron, e.g. 07:00.)
"""

from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.reminders import send
from dienbien.policy.legal.reminders import send as send_legal
from dienbien.policy.scripting import open_site
from dienbien.policy.scripting import script_args
from dienbien.policy.site import SITE_ID
from plone import api

import argparse
import sys
import transaction


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="send_reminders.py")
    parser.add_argument("--site-id", default=SITE_ID)
    options = parser.parse_args(argv)
    open_site(app, options.site_id)
    if not api.portal.get_registry_record("plone.email_from_address", default=None):
        print(
            "error: set the site's e-mail sender (Site Setup → Mail) first",
            file=sys.stderr,
        )
        return 2
    moment = now()
    sent = send(moment) + send_legal(moment.date())
    # MailHost queues mail until the transaction commits.
    transaction.commit()
    print(f"{len(sent)} reminders sent")
    return 0


if "app" in globals():
    sys.exit(main(globals()["app"], script_args(sys.argv, "send_reminders.py")))
