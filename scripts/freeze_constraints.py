"""Print a frozen constraints file of the current venv (``make constraints``)."""

import subprocess
import sys


HEADER = """\
# Frozen, known-good set for dienbien.policy on Python 3.11 (Plone 6.2.2).
# Every install path uses it: pip -c constraints.txt, the Makefile, CI, and
# buildout (versions.cfg is generated from it by scripts/sync_buildout_versions.py).
# Regenerate with: make constraints"""


def main() -> int:
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    keep = [
        line
        for line in frozen
        if line and not line.lower().startswith(("dienbien", "pip=="))
    ]
    print(HEADER)
    print("\n".join(sorted(keep, key=str.lower)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
