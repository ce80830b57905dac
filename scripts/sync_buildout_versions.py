"""Write buildout's ``versions.cfg`` from the frozen ``constraints.txt``.

pip and buildout must install the same set, so the ``[versions]`` section is
never edited by hand: it is generated from ``constraints.txt`` (the frozen,
known-good set that ``make constraints`` writes).

    python scripts/sync_buildout_versions.py           # rewrite versions.cfg
    python scripts/sync_buildout_versions.py --check   # exit 1 when out of date

Special cases:

* the add-on itself (``dienbien.policy``) is a develop egg in buildout; pinning
  it would fight the version in ``pyproject.toml``, so it is left out;
* ``zc.buildout``, ``setuptools``, ``wheel``, ``packaging``, ``platformdirs``
  (buildout's own dependencies) are kept: buildout compares its own
  ``zc.buildout`` and ``setuptools`` with ``[versions]`` and tries to
  "upgrade" itself when they differ, so the venv that runs ``bin/buildout``
  must be installed from the same constraints (``scripts/check-buildout.sh``
  does). ``pip`` is not in constraints.txt (``pip freeze`` leaves it out);
  buildout never installs it as an egg, so no pin is needed here;
* build back-ends (``hatchling`` and its dependencies) are kept too: harmless
  as pins; pip builds the develop egg with them, held to constraints.txt by
  ``PIP_BUILD_CONSTRAINT`` in ``scripts/check-buildout.sh``;
* extras (``name[extra]==1``) and environment markers are dropped; only exact
  ``==`` / ``===`` pins are accepted, anything else is an error.
"""

from pathlib import Path

import argparse
import difflib
import re
import sys


ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"
VERSIONS = ROOT / "versions.cfg"

# Develop eggs of this repository: buildout takes their version from the source.
DEVELOP_EGGS = {"dienbien-policy"}

PIN = re.compile(
    r"""^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)  # project name
        (?:\[[^\]]*\])?                        # extras, dropped
        \s*===?\s*
        (?P<version>[^\s;#]+)                  # version
        \s*(?:;.*)?$                           # environment marker, dropped
    """,
    re.VERBOSE,
)

HEADER = """\
# GENERATED FILE, DO NOT EDIT.
# Written by scripts/sync_buildout_versions.py from constraints.txt (the frozen,
# known-good set). Regenerate with `python scripts/sync_buildout_versions.py`
# (`make constraints` does it); CI runs it with --check.
# The add-on itself (dienbien.policy) is a develop egg and is not pinned here.
"""


def canonical(name: str) -> str:
    """PEP 503 name, as buildout compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_constraints(text: str, source: str = "constraints.txt") -> list[tuple]:
    """``(name, version)`` pairs of the pins in a pip constraints file."""
    pins = {}
    errors = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        if match is None:
            errors.append(f"{source}:{number}: not an exact pin: {raw!r}")
            continue
        name, version = match.group("name", "version")
        key = canonical(name)
        if key in DEVELOP_EGGS:
            continue
        if key in pins and pins[key][1] != version:
            errors.append(f"{source}:{number}: {name} pinned twice")
            continue
        pins[key] = (name, version)
    if errors:
        raise ValueError("\n".join(errors))
    return sorted(pins.values(), key=lambda pin: canonical(pin[0]))


def render(pins: list[tuple]) -> str:
    # No column alignment: a new long name must not rewrite every line.
    lines = [f"{name} = {version}" for name, version in pins]
    return HEADER + "\n[versions]\n" + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 when versions.cfg is out of date",
    )
    parser.add_argument("--constraints", type=Path, default=CONSTRAINTS)
    parser.add_argument("--output", type=Path, default=VERSIONS)
    options = parser.parse_args(argv)

    try:
        pins = parse_constraints(
            options.constraints.read_text(encoding="utf-8"),
            str(options.constraints),
        )
    except (OSError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    if not pins:
        print(f"{options.constraints}: no pins found", file=sys.stderr)
        return 2
    expected = render(pins)

    current = (
        options.output.read_text(encoding="utf-8") if options.output.exists() else ""
    )
    if options.check:
        if current == expected:
            print(f"{options.output.name} is in sync with {options.constraints.name}")
            return 0
        diff = difflib.unified_diff(
            current.splitlines(keepends=True),
            expected.splitlines(keepends=True),
            fromfile=f"{options.output.name} (committed)",
            tofile=f"{options.output.name} (from {options.constraints.name})",
        )
        sys.stderr.writelines(diff)
        print(
            f"{options.output.name} is out of date: run "
            "python scripts/sync_buildout_versions.py",
            file=sys.stderr,
        )
        return 1
    if current != expected:
        options.output.write_text(expected, encoding="utf-8")
        print(f"Wrote {options.output} ({len(pins)} pins)")
    else:
        print(f"{options.output} already up to date ({len(pins)} pins)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
