"""Compile ``.po`` files to ``.mo`` (run by ``make install``).

    python -m dienbien.policy.i18n path/to/file.po [...]

Zope also compiles them at start-up (``zope_i18n_compile_mo_files`` in
zope.conf); compiling at install time makes a fresh checkout complete before
the first start, and catches a broken catalogue early.
"""

from pythongettext.msgfmt import Msgfmt

import pathlib
import sys


def compile_po(po_path: pathlib.Path) -> pathlib.Path:
    mo_path = po_path.with_suffix(".mo")
    with po_path.open("rb") as po:
        mo_path.write_bytes(Msgfmt(po, name=str(po_path)).get())
    return mo_path


def main(argv: list[str]) -> int:
    for name in argv:
        print(f"compiled {compile_po(pathlib.Path(name))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
