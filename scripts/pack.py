"""Pack the site's database (``make pack``): revisions older than DAYS days
and unreachable objects go. FileStorage with the server stopped; RelStorage
through zodbpack at any time. docs/deploy.md, "Packing".

    python scripts/pack.py --conf instance/etc/zope.conf [--days 7]
"""

from dienbien.policy.ops import pack
from dienbien.policy.ops import storage

import argparse


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="pack.py")
    parser.add_argument("--conf", required=True, help="the instance's zope.conf")
    parser.add_argument("--days", type=float, default=7, help="history to keep")
    options = parser.parse_args(argv)
    pack.pack(storage.read(options.conf), options.days)


if __name__ == "__main__":
    main()
