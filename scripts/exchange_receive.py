"""Receive what waits in the exchange's inbox folder: edXML documents into
the inboxes of the units they are addressed to, status messages onto the
documents they concern (docs/exchange.md). Filed packages are removed from
the folder; refused ones stay, each reported here with the element.

    zconsole run instance/etc/zope.conf scripts/exchange_receive.py [--site-id ID]

(``make exchange-receive``; run it from cron, e.g. every 10 minutes.)
"""

from dienbien.policy.exchange.receive import NOTE
from dienbien.policy.exchange.receive import receive_waiting
from dienbien.policy.exchange.transport import site_transport
from dienbien.policy.scripting import open_site
from dienbien.policy.scripting import script_args
from dienbien.policy.site import SITE_ID
from plone import api

import argparse
import sys
import transaction


# Filed packages are committed fifty at a time: a platform's backlog of a
# thousand is neither one huge transaction nor a thousand small ones.
COMMIT_EVERY = 50


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="exchange_receive.py")
    parser.add_argument("--site-id", default=SITE_ID)
    options = parser.parse_args(argv)
    portal = open_site(app, options.site_id)
    transport = site_transport()
    if transport is None or transport.inbox is None:
        print("error: set the edXML inbox folder in the site settings first")
        return 2
    with api.env.adopt_user(username="admin"):
        outcome = receive_waiting(portal, transport, commit_every=COMMIT_EVERY)
    transaction.get().note(NOTE)
    transaction.commit()
    for name, filed in outcome.filed:
        print(f"{name}: {filed.kind}, {len(filed.documents)} document(s)")
    for name, error in outcome.refused:
        problem = getattr(error, "problem", None)
        where = f" ({problem.field}: {problem.message})" if problem else ""
        print(f"{name}: refused, {type(error).__name__}{where}", file=sys.stderr)
    print(f"{len(outcome.filed)} received, {len(outcome.refused)} refused")
    return 0


if "app" in globals():
    sys.exit(main(globals()["app"], script_args(sys.argv, "exchange_receive.py")))
