"""Backups of the site's database and their restore (``make backup``,
``make restore``; docs/deploy.md, "Backups").

FileStorage: ``repozo`` (ZODB's own tool) keeps full and incremental,
gzipped copies of ``Data.fs`` in ``BACKUP/filestorage``; it reads only the
transactions committed when it starts, so it runs while the server serves.
The blobs are copied next to it, one snapshot per backup in
``BACKUP/blobstorage/<stamp>``, named like the repozo file it belongs to. A
blob file is written once and never changed (a new revision is a new file),
so a snapshot hard-links the files the previous snapshot already holds and
copies only the new ones: every snapshot is a whole directory a restore can
use alone, and costs the disk only its new files. Hard links need the
previous snapshot, not the live directory: the backup stays an independent
copy (put ``BACKUP`` on another disk). The blobs are copied after repozo has
run, so every blob the backed-up transactions name is there (a later blob
is harmless: the next pack removes it).

RelStorage on PostgreSQL: ``pg_dump --format=custom`` into
``BACKUP/postgresql/<stamp>.dump`` (the blobs are in the database, unless the
storage keeps them in a shared directory, which is then copied as above);
``pg_restore --clean`` puts it back, and this host's RelStorage caches are
emptied (they would serve the state after the backup).

A restore brings back the newest backup taken at or before ``at``
(repozo's ``-D`` form, ``YYYY-MM-DD[-HH[-MM[-SS]]]``, UTC: the names of the
backup files), or the newest of all. The servers must be stopped.
"""

from dienbien.policy.ops.storage import FileStorage
from dienbien.policy.ops.storage import RelStorage

import os
import pathlib
import re
import shutil
import subprocess
import sys
import time


BIN = pathlib.Path(sys.executable).parent
#: repozo's file names: the UTC second of the backup.
STAMP = "%Y-%m-%d-%H-%M-%S"
DATA_FILE = re.compile(r"^(\d{4}(?:-\d\d){5})\.(?:delta)?fsz?$")
DUMP_FILE = re.compile(r"^(\d{4}(?:-\d\d){5})\.dump$")
AT = re.compile(r"^\d{4}-\d\d-\d\d(?:-\d\d){0,3}$")


class BackupError(SystemExit):
    """A backup or restore that cannot go on; the message says why."""


def backup(storage, target, full: bool = False, log=print) -> str | None:
    """Back ``storage`` up into ``target``; return the backup's stamp, or
    None when nothing changed since the last one."""
    target = pathlib.Path(target)
    if isinstance(storage, FileStorage):
        return _backup_filestorage(storage, target, full, log)
    return _backup_relstorage(storage, target, log)


def restore(storage, target, at: str | None = None, log=print) -> str:
    """Put the backup of ``target`` taken at or before ``at`` (the newest
    without it) in place of ``storage``'s data; return its stamp."""
    target = pathlib.Path(target)
    if at is not None and not AT.match(at):
        raise BackupError(f"AT must read YYYY-MM-DD[-HH[-MM[-SS]]] (UTC), not {at!r}")
    if isinstance(storage, FileStorage):
        return _restore_filestorage(storage, target, at, log)
    return _restore_relstorage(storage, target, at, log)


def stamps(directory: pathlib.Path, pattern=DATA_FILE) -> list[str]:
    """The backup stamps found in ``directory``, oldest first."""
    if not directory.is_dir():
        return []
    found = {m[1] for m in map(pattern.match, os.listdir(directory)) if m}
    return sorted(found)


# FileStorage ---------------------------------------------------------------


def _backup_filestorage(storage: FileStorage, target, full, log):
    repository = target / "filestorage"
    repository.mkdir(parents=True, exist_ok=True)
    before = set(stamps(repository))
    _next_second(before)
    command = [str(BIN / "repozo"), "-B", "-z", "-r", str(repository)]
    command += ["-f", str(storage.path)]
    # Incremental: check only the last backup file against its checksum,
    # not the whole chain (which would read every backup each night).
    command += ["-F"] if full else ["-Q"]
    _run(command, log)
    new = sorted(set(stamps(repository)) - before)
    if not new:
        log("No change since the last backup.")
        return None
    stamp = new[-1]
    if storage.blob_dir is not None:
        _snapshot(storage.blob_dir, target / "blobstorage", stamp, log)
    log(f"Backup {stamp} in {target}")
    return stamp


def _restore_filestorage(storage: FileStorage, target, at, log):
    repository = target / "filestorage"
    stamp = _chosen(stamps(repository), at, repository)
    with _stopped(storage.path):
        restored = storage.path.with_name(storage.path.name + ".restoring")
        restored.unlink(missing_ok=True)
        command = [str(BIN / "repozo"), "-R", "-r", str(repository)]
        command += ["-o", str(restored), "-D", stamp]
        _run(command, log)
        if storage.blob_dir is not None:
            snapshot = _chosen_snapshot(target / "blobstorage", stamp)
            _replace_directory(storage.blob_dir, snapshot)
        # The index and the transaction scratch file belong to the old data.
        for suffix in (".index", ".tmp", ".old"):
            storage.path.with_name(storage.path.name + suffix).unlink(missing_ok=True)
        os.replace(restored, storage.path)
        # repozo keeps the index with each backup: no index rebuild at start.
        index = restored.with_name(restored.name + ".index")
        if index.exists():
            os.replace(index, storage.path.with_name(storage.path.name + ".index"))
    log(f"Restored the backup {stamp} to {storage.path}")
    return stamp


class _stopped:
    """Hold the FileStorage's lock file while restoring: refuses when a
    server (or any process) has the database open."""

    def __init__(self, path: pathlib.Path):
        self.lock_path = path.with_name(path.name + ".lock")

    def __enter__(self):
        import zc.lockfile

        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.lock = zc.lockfile.LockFile(str(self.lock_path))
        except zc.lockfile.LockError:
            raise BackupError(
                "The database is open (a server is running?): stop it, then restore."
            ) from None
        return self

    def __exit__(self, *exc_info):
        self.lock.close()


# RelStorage ----------------------------------------------------------------


def _backup_relstorage(storage: RelStorage, target, log):
    dumps = target / "postgresql"
    dumps.mkdir(parents=True, exist_ok=True)
    _next_second(stamps(dumps, DUMP_FILE))
    stamp = time.strftime(STAMP, time.gmtime())
    partial = dumps / f"{stamp}.dump.partial"
    command = [_pg("pg_dump"), "--format=custom", "--no-owner", "--file"]
    _run([*command, str(partial), "--dbname", storage.dsn], log)
    partial.rename(dumps / f"{stamp}.dump")
    if storage.shared_blob_dir and storage.blob_dir is not None:
        _snapshot(storage.blob_dir, target / "blobstorage", stamp, log)
    log(f"Backup {stamp} in {target}")
    return stamp


def _restore_relstorage(storage: RelStorage, target, at, log):
    dumps = target / "postgresql"
    stamp = _chosen(stamps(dumps, DUMP_FILE), at, dumps)
    command = [_pg("pg_restore"), "--clean", "--if-exists", "--no-owner"]
    command += ["--single-transaction", "--dbname", storage.dsn]
    _run([*command, str(dumps / f"{stamp}.dump")], log)
    if storage.shared_blob_dir and storage.blob_dir is not None:
        _replace_directory(
            storage.blob_dir, _chosen_snapshot(target / "blobstorage", stamp)
        )
    else:
        # Blobs live in the database; the directory only caches them.
        _empty(storage.blob_dir)
    # RelStorage's persistent cache knows objects newer than the backup.
    _empty(storage.cache_local_dir)
    log(f"Restored the backup {stamp} to the database")
    return stamp


def _pg(tool: str) -> str:
    """A PostgreSQL client from the PATH, or from Debian's versioned
    directory (the postgresql-client package does not link every tool)."""
    found = shutil.which(tool)
    if found:
        return found
    for directory in sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin"))[::-1]:
        if (directory / tool).exists():
            return str(directory / tool)
    raise BackupError(f"{tool} not found: apt-get install postgresql-client")


# Shared --------------------------------------------------------------------


def _run(command, log):
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    for line in (result.stdout + result.stderr).splitlines():
        if line.strip():
            log(f"  {line}")
    if result.returncode:
        raise BackupError(
            f"{pathlib.Path(command[0]).name} failed ({result.returncode})"
        )


def _next_second(existing) -> None:
    """Backups are named by the second (repozo's rule): a second backup in
    the same second waits for the next one rather than overwrite."""
    existing = set(existing)
    while time.strftime(STAMP, time.gmtime()) in existing:
        time.sleep(0.05)


def _chosen(available: list[str], at: str | None, where) -> str:
    # repozo's rule: a stamp is at or before ``at`` when it sorts so.
    eligible = [s for s in available if at is None or s <= at]
    if not eligible:
        raise BackupError(
            f"No backup in {where}" + (f" at or before {at}" if at else "")
        )
    return eligible[-1]


def _snapshot(source: pathlib.Path, snapshots: pathlib.Path, stamp, log) -> None:
    snapshots.mkdir(parents=True, exist_ok=True)
    previous = [s for s in _snapshots(snapshots) if s < stamp]
    base = snapshots / previous[-1] if previous else None
    partial = snapshots / f"{stamp}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    copied = linked = 0
    for directory, subdirs, files in os.walk(source):
        relative = pathlib.Path(directory).relative_to(source)
        if relative.parts[:1] == ("tmp",):
            subdirs[:] = []  # uncommitted uploads
            continue
        (partial / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            if name.endswith(".lock"):
                continue
            original = pathlib.Path(directory) / name
            copy = partial / relative / name
            earlier = base / relative / name if base is not None else None
            if (
                name.endswith(".blob")
                and earlier is not None
                and earlier.exists()
                and earlier.stat().st_size == original.stat().st_size
            ):
                os.link(earlier, copy)
                linked += 1
            else:
                shutil.copy2(original, copy)
                copied += 1
    (partial / "tmp").mkdir(exist_ok=True)
    partial.rename(snapshots / stamp)
    log(f"Blobs: {copied} copied, {linked} unchanged (hard links)")


def _snapshots(snapshots: pathlib.Path) -> list[str]:
    if not snapshots.is_dir():
        return []
    return sorted(
        p.name for p in snapshots.iterdir() if p.is_dir() and AT.match(p.name)
    )


def _chosen_snapshot(snapshots: pathlib.Path, stamp: str) -> pathlib.Path:
    eligible = [s for s in _snapshots(snapshots) if s <= stamp]
    if not eligible:
        raise BackupError(f"No blob snapshot in {snapshots} for the backup {stamp}")
    return snapshots / eligible[-1]


def _replace_directory(live: pathlib.Path, snapshot: pathlib.Path) -> None:
    """A copy of ``snapshot`` in place of ``live``: copied, not linked, so
    that nothing done to the live blobs can reach the backup."""
    incoming = live.with_name(live.name + ".restoring")
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.copytree(snapshot, incoming)
    if live.exists():
        outgoing = live.with_name(live.name + ".replaced")
        shutil.rmtree(outgoing, ignore_errors=True)
        live.rename(outgoing)
        incoming.rename(live)
        shutil.rmtree(outgoing)
    else:
        incoming.rename(live)


def _empty(directory: pathlib.Path | None) -> None:
    if directory is None or not directory.is_dir():
        return
    for child in directory.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
