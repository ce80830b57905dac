"""Import organisational units from a JSON or CSV file into the site.

    zconsole run instance/etc/zope.conf scripts/import_orgunits.py FILE
        [--site-id dienbien] [--dry-run]

(``make import-orgunits FILE=units.csv``). All or nothing: a file with any
problem is refused with every problem listed by line and field, and nothing
is imported. Running the same file twice changes nothing the second time.
"""

from dienbien.policy.orgunits.importer import format_of
from dienbien.policy.orgunits.importer import import_units
from dienbien.policy.orgunits.importer import UnitImportRefused
from dienbien.policy.scripting import script_args
from dienbien.policy.site import SITE_ID
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import argparse
import pathlib
import sys
import transaction


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="import_orgunits.py")
    parser.add_argument("file")
    parser.add_argument("--site-id", default=SITE_ID)
    parser.add_argument("--dry-run", action="store_true", help="check only")
    options = parser.parse_args(argv)

    app = makerequest(app)
    portal = app[options.site_id]
    setSite(portal)
    path = pathlib.Path(options.file)
    try:
        fmt = format_of(options.file)
        text = path.read_text("utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with api.env.adopt_user(username="admin"):
        try:
            report = import_units(portal, text, fmt)
        except UnitImportRefused as refused:
            transaction.abort()
            print(f"{path}: refused, nothing imported:", file=sys.stderr)
            for problem in refused.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
    if options.dry_run:
        transaction.abort()
        print(f"{path}: would import: {report}")
        return 0
    transaction.get().note(f"Imported units from {path.name}")
    transaction.commit()
    print(f"{path}: {report}")
    return 0


if "app" in globals():
    sys.exit(main(globals()["app"], script_args(sys.argv, "import_orgunits.py")))
