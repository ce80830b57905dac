"""Export the procedure catalogue to a file.

    zconsole run instance/etc/zope.conf scripts/export_procedures.py FILE
        [--site-id dienbien]

(``make export-procedures FILE=thu-tuc.xlsx``). The format follows FILE's
name: ``.xlsx`` (a workbook with the sheets procedures, channels and
components), ``.zip`` (the same tables as UTF-8 CSV files, plus the form
files) or ``.json``. Procedures are sorted by code; the same catalogue always
gives the same file, and ``scripts/import_procedures.py`` reads it back.
"""

from dienbien.policy.procedures.files.layout import format_of
from dienbien.policy.procedures.importer import export_procedures
from dienbien.policy.procedures.importer import procedures_by_code
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
    parser = argparse.ArgumentParser(prog="export_procedures.py")
    parser.add_argument("file")
    parser.add_argument("--site-id", default=SITE_ID)
    options = parser.parse_args(argv)

    app = makerequest(app)
    portal = app[options.site_id]
    setSite(portal)
    try:
        fmt = format_of(options.file)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with api.env.adopt_user(username="admin"):
        count = len(procedures_by_code(portal))
        data = export_procedures(portal, fmt)
    transaction.abort()  # reading only
    path = pathlib.Path(options.file)
    try:
        path.write_bytes(data)
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{path}: {count} procedures, {len(data)} bytes")
    return 0


if "app" in globals():
    sys.exit(main(globals()["app"], script_args(sys.argv, "export_procedures.py")))
