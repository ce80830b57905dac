"""Import administrative procedures from a catalogue file into the site.

    zconsole run instance/etc/zope.conf scripts/import_procedures.py FILE
        [--site-id dienbien] [--dry-run] [--every 25]

(``make import-procedures FILE=thu-tuc.xlsx``). FILE is an ``.xlsx`` workbook,
a ``.zip`` of CSV files (with form files) or a ``.json`` file, as
``make export-procedures`` writes them. All or nothing: a file with any
problem is refused with every problem listed by sheet, row and column, and
nothing is imported. Progress is printed every ``--every`` procedures; running
the same file twice changes nothing the second time.
"""

from dienbien.policy.procedures.files.layout import describe
from dienbien.policy.procedures.files.layout import format_of
from dienbien.policy.procedures.importer import import_procedures
from dienbien.policy.procedures.importer import ProcedureImportRefused
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


def printer(every: int):
    """A progress callback printing ``120/400`` every ``every`` procedures."""

    def progress(done: int, total: int) -> None:
        if done % every == 0 or done == total:
            print(f"{done}/{total}", flush=True)

    return progress


def main(app, argv) -> int:
    parser = argparse.ArgumentParser(prog="import_procedures.py")
    parser.add_argument("file")
    parser.add_argument("--site-id", default=SITE_ID)
    parser.add_argument("--dry-run", action="store_true", help="check only")
    parser.add_argument(
        "--every", type=int, default=25, help="print progress every N procedures"
    )
    options = parser.parse_args(argv)

    app = makerequest(app)
    portal = app[options.site_id]
    setSite(portal)
    path = pathlib.Path(options.file)
    try:
        fmt = format_of(options.file)
        data = path.read_bytes()
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    started = time.monotonic()
    with api.env.adopt_user(username="admin"):
        try:
            report = import_procedures(
                portal, data, fmt, progress=printer(max(1, options.every))
            )
        except ProcedureImportRefused as refused:
            transaction.abort()
            print(
                f"{path}: refused, nothing imported "
                f"({len(refused.problems)} problems):",
                file=sys.stderr,
            )
            for problem in refused.problems:
                print(f"  {describe(problem)}", file=sys.stderr)
            return 1
    for missing in report.missing_forms:
        print(f"  form file missing: {missing}")
    if options.dry_run:
        transaction.abort()
        print(f"{path}: would import: {report}")
        return 0
    transaction.get().note(f"Imported procedures from {path.name}")
    transaction.commit()
    print(f"{path}: {report} ({time.monotonic() - started:.1f} s)")
    return 0


if "app" in globals():
    sys.exit(main(globals()["app"], script_args(sys.argv, "import_procedures.py")))
