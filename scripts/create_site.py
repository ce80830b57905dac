"""Create the Điện Biên site in a Zope instance, with demo data.

Run by zconsole (``make create-site``) or by buildout's ``bin/instance run``;
``app`` is injected by both. Running it again on an existing site does
nothing harmful: the site is left as it is, the Zope admin user is ensured.

    zconsole run instance/etc/zope.conf scripts/create_site.py [--recreate]
        [--no-demo] [--site-id ID]

The Zope admin user is ``admin`` with the password in ADMIN_PASSWORD, or
``admin`` when it is not set: change it on any reachable server.
"""

from dienbien.policy import site
from dienbien.policy.scripting import script_args
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import argparse
import os
import pathlib
import sys
import transaction


def ensure_admin(app):
    password = os.environ.get("ADMIN_PASSWORD") or "admin"
    users = app.acl_users
    if users.getUserById("admin") is None:
        users._doAddUser("admin", password, ["Manager"], [])
        print("Created the Zope admin user 'admin'.")
    elif os.environ.get("ADMIN_PASSWORD"):
        users._doChangeUser("admin", password, ["Manager"], [])


def write_sample_packages(portal):
    """The demo's sample edXML packages into the instance's inbox folder
    (``var/exchange/inbox``), the site's exchange inbox unless one is set,
    where a clerk or the receive step finds them (docs/exchange.md)."""
    from dienbien.policy.exchange.demo import write_inbox

    home = os.environ.get("INSTANCE_HOME")
    if not home:
        return
    written = write_inbox(portal, pathlib.Path(home) / "var" / "exchange" / "inbox")
    if written:
        print(f"Wrote {len(written)} sample edXML packages to {written[0].parent}")


def main(app, argv):
    parser = argparse.ArgumentParser(prog="create_site.py")
    parser.add_argument("--site-id", default=site.SITE_ID)
    parser.add_argument("--recreate", action="store_true", help="delete and rebuild")
    parser.add_argument("--no-demo", action="store_true", help="without demo data")
    options = parser.parse_args(argv)

    if not hasattr(app, "REQUEST"):
        app = makerequest(app)
    ensure_admin(app)
    if options.site_id in app.objectIds():
        if not options.recreate:
            print(f"Site '{options.site_id}' exists; leaving it as it is.")
            transaction.commit()
            return
        app.manage_delObjects([options.site_id])
        print(f"Deleted site '{options.site_id}'.")

    portal = site.create(app, options.site_id, demo=not options.no_demo)
    setSite(portal)
    if not options.no_demo:
        write_sample_packages(portal)
    transaction.get().note(f"Created site {options.site_id} (dienbien.policy)")
    transaction.commit()
    print(
        f"Created site '{options.site_id}': {site.SITE_TITLE}"
        + ("" if options.no_demo else ", with demo data")
    )


if __name__ == "__main__" or "app" in globals():
    main(globals()["app"], script_args(sys.argv, "create_site.py"))
