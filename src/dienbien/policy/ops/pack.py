"""Packing the database (``make pack``; docs/deploy.md, "Packing"): drop
object revisions older than ``days`` days, and objects (blobs included) no
longer reachable, so that Data.fs or the PostgreSQL tables stop growing
with every edit.

FileStorage: ZODB packs it in place; only one process may open it, so the
server must be stopped (a running server packs itself:
``Control_Panel/Database/main/manage_pack``, docs/deploy.md). RelStorage:
RelStorage's ``zodbpack``, given the ``<relstorage>`` section of the same
``zope.conf`` (written to a temporary file for the run, so the two never
disagree), while the instances keep serving.
"""

from dienbien.policy.ops.backup import BackupError
from dienbien.policy.ops.storage import FileStorage

import pathlib
import subprocess
import sys
import tempfile
import time


BIN = pathlib.Path(sys.executable).parent


def pack(storage, days: float, log=print) -> None:
    if isinstance(storage, FileStorage):
        _pack_filestorage(storage, days, log)
    else:
        _pack_relstorage(storage, days, log)


def _pack_filestorage(storage: FileStorage, days, log):
    from ZODB.FileStorage import FileStorage as ZODBFileStorage
    from ZODB.serialize import referencesf

    import zc.lockfile

    before = storage.path.stat().st_size
    try:
        opened = ZODBFileStorage(
            str(storage.path),
            blob_dir=str(storage.blob_dir) if storage.blob_dir else None,
        )
    except zc.lockfile.LockError:
        raise BackupError(
            "The database is open (a server is running?): stop it, or let the"
            " server pack itself (docs/deploy.md, Packing)."
        ) from None
    try:
        opened.pack(time.time() - days * 86400, referencesf)
    finally:
        opened.close()
    after = storage.path.stat().st_size
    log(f"Packed {storage.path}: {before:,} → {after:,} bytes")


def _pack_relstorage(storage, days, log):
    with tempfile.NamedTemporaryFile("w", suffix=".conf") as config:
        config.write(storage.section)
        config.flush()
        command = [str(BIN / "zodbpack"), "--days", str(days), config.name]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    for line in (result.stdout + result.stderr).splitlines():
        log(f"  {line}")
    if result.returncode:
        raise BackupError(f"zodbpack failed ({result.returncode})")
    log("Packed the RelStorage database")
