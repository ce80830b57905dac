"""Import existing normative documents from a workbook into the register.

    zconsole run instance/etc/zope.conf scripts/import_legal_documents.py FILE
        [--site-id dienbien] [--publish] [--dry-run]

(``make import-legal-documents FILE=van-ban.xlsx``). FILE is an ``.xlsx``
workbook with the sheets "Văn bản" and "Quan hệ" (the template:
``@@legal-import-template`` in the register). All or nothing: a file with any
problem is refused with every problem listed by sheet, row and column, and
nothing is imported. Documents are created as drafts unless ``--publish``.
"""

from dienbien.policy.legal.importer import import_legal_documents
from dienbien.policy.legal.importer import LegalImportRefused
from dienbien.policy.scripting import script_args
from dienbien.policy.site import SITE_ID
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import argparse
import pathlib
import sys
import time
import transaction


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="import_legal_documents.py")
    parser.add_argument("file")
    parser.add_argument("--site-id", default=SITE_ID)
    parser.add_argument("--publish", action="store_true", help="publish them")
    parser.add_argument("--dry-run", action="store_true", help="check only")
    options = parser.parse_args(argv)

    app = makerequest(app)
    portal = app[options.site_id]
    setSite(portal)
    path = pathlib.Path(options.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    started = time.monotonic()
    with api.env.adopt_user(username="admin"):
        try:
            report = import_legal_documents(portal, data, publish=options.publish)
        except LegalImportRefused as refused:
            transaction.abort()
            print(
                f"{path}: refused, nothing imported "
                f"({len(refused.problems)} problems):",
                file=sys.stderr,
            )
            for problem in refused.problems:
                print(
                    f"  {problem.sheet or ''} row {problem.line or '-'}, "
                    f"{problem.field}: {problem.message}",
                    file=sys.stderr,
                )
            return 1
    if options.dry_run:
        transaction.abort()
        print(f"{path}: would import: {report}")
        return 0
    transaction.get().note(f"Imported normative documents from {path.name}")
    transaction.commit()
    print(f"{path}: {report} ({time.monotonic() - started:.1f} s)")
    return 0


if "app" in globals():
    sys.exit(main(globals()["app"], script_args(sys.argv, "import_legal_documents.py")))
