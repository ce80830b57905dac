"""Back up or restore the site's database (``make backup``, ``make
restore``): repozo and the blob directory for the embedded FileStorage,
pg_dump/pg_restore for RelStorage; the storage is read from zope.conf.

    python scripts/backup.py backup  --conf instance/etc/zope.conf --dir backups [--full]
    python scripts/backup.py restore --conf instance/etc/zope.conf --dir backups [--at 2026-11-30-22]

``--at`` (UTC, as the backup files are named) restores the newest backup
taken at or before it; without it, the newest. Restore with the servers
stopped. docs/deploy.md, "Backups".
"""

from dienbien.policy.ops import backup
from dienbien.policy.ops import storage

import argparse


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="backup.py")
    parser.add_argument("action", choices=("backup", "restore"))
    parser.add_argument("--conf", required=True, help="the instance's zope.conf")
    parser.add_argument("--dir", required=True, help="where the backups live")
    parser.add_argument("--full", action="store_true", help="a full backup")
    parser.add_argument("--at", help="restore the backup at or before this UTC time")
    options = parser.parse_args(argv)
    configured = storage.read(options.conf)
    if options.action == "backup":
        backup.backup(configured, options.dir, full=options.full)
    else:
        backup.restore(configured, options.dir, at=options.at or None)


if __name__ == "__main__":
    main()
