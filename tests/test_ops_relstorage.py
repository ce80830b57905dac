"""Backup, restore and pack of a RelStorage database on a PostgreSQL the
test starts itself (initdb in tmp_path, a free loopback port; as the
``postgres`` user when the tests run as root, since PostgreSQL refuses
root). The storage is read from a ``zope.conf`` with a ``<relstorage>``
section, as a cluster instance has; blobs are kept in the database."""

from ops_instance import free_port
from ops_instance import ROOT

import os
import pathlib
import pwd
import pytest
import shutil
import stat
import subprocess
import sys


BIN = pathlib.Path(sys.executable).parent


def pg_tool(name: str) -> str | None:
    for directory in sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin"))[::-1]:
        if (directory / name).exists():
            return str(directory / name)
    return shutil.which(name)


def _server_user_missing() -> bool:
    """As root, the server runs as Debian's ``postgres`` user."""
    if os.geteuid() != 0:
        return False
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return True
    return False


pytestmark = pytest.mark.skipif(
    pg_tool("initdb") is None or _server_user_missing(),
    reason="PostgreSQL's server is not installed (apt-get install postgresql)",
)


@pytest.fixture
def postgresql(tmp_path):
    """A PostgreSQL cluster in tmp_path; yields its DSN."""
    owner = {}
    if os.geteuid() == 0:
        owner = {"user": "postgres", "group": pwd.getpwnam("postgres").pw_gid}
        # The server's user must reach its folder: let it pass through
        # pytest's private temporary folders (search only, no listing).
        for folder in [tmp_path, *tmp_path.parents]:
            if folder == pathlib.Path("/tmp") or folder.stat().st_uid != 0:
                break
            folder.chmod(folder.stat().st_mode | stat.S_IXOTH)
    cluster = tmp_path / "pg"
    cluster.mkdir()
    if owner:
        shutil.chown(cluster, "postgres", "postgres")
    port = free_port()

    def run(*command):
        subprocess.run(command, check=True, capture_output=True, timeout=120, **owner)

    # No fsync: a throw-away cluster (initdb -N, postgres -F).
    run(
        pg_tool("initdb"),
        "-N",
        "-D",
        str(cluster / "data"),
        "-U",
        "zodb",
        "--auth=trust",
    )
    run(
        pg_tool("pg_ctl"),
        "-D",
        str(cluster / "data"),
        "-l",
        str(cluster / "server.log"),
        "-o",
        f"-F -p {port} -h 127.0.0.1 -k {cluster}",
        "-w",  # pg_ctl returns once the server accepts connections
        "start",
    )
    try:
        dsn = f"host=127.0.0.1 port={port} user=zodb dbname=zodb"
        run(
            pg_tool("createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "zodb",
            "zodb",
        )
        yield dsn
    finally:
        run(pg_tool("pg_ctl"), "-D", str(cluster / "data"), "-m", "immediate", "stop")


def cluster_conf(tmp_path, dsn) -> pathlib.Path:
    """The project's zope.conf with its storage swapped for RelStorage."""
    home = tmp_path / "instance"
    shutil.copytree(ROOT / "instance" / "etc", home / "etc")
    for sub in ("blobcache", "relstorage-cache", "log", "cache"):
        (home / "var" / sub).mkdir(parents=True)
    conf = home / "etc" / "zope.conf"
    text = conf.read_text("utf-8")
    start = text.index("  <filestorage>")
    end = text.index("</filestorage>") + len("</filestorage>")
    section = f"""  <relstorage>
    blob-dir $VAR/blobcache
    shared-blob-dir false
    cache-local-dir $VAR/relstorage-cache
    keep-history false
    <postgresql>
      dsn {dsn}
    </postgresql>
  </relstorage>"""
    conf.write_text(
        "%import relstorage\n" + text[:start] + section + text[end:], "utf-8"
    )
    return conf


def script(conf, name, *args) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), "--conf", str(conf), *args],
        env=dict(os.environ, INSTANCE_HOME=str(conf.parent.parent)),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    return result.stdout


def open_database(conf):
    """The database as zodbpack sees it: the <relstorage> section of the
    instance's zope.conf, read by ``ops.storage``."""
    from dienbien.policy.ops import storage
    from ZODB import DB
    from ZODB.config import storageFromString

    return DB(storageFromString(storage.read(conf).section))


def write(conf, **values) -> None:
    """Store ``values`` in the root, each as a blob."""
    from ZODB.blob import Blob

    import transaction

    db = open_database(conf)
    try:
        with db.transaction() as connection:
            root = connection.root()
            for key, value in values.items():
                blob = Blob()
                with blob.open("w") as stream:
                    stream.write(value)
                root[key] = blob
    finally:
        db.close()
    transaction.begin()


def read(conf) -> dict:
    db = open_database(conf)
    try:
        with db.transaction() as connection:
            return {
                key: blob.open("r").read() for key, blob in connection.root().items()
            }
    finally:
        db.close()


def test_relstorage_backup_pack_restore(postgresql, tmp_path, monkeypatch):
    conf = cluster_conf(tmp_path, postgresql)
    monkeypatch.setenv("INSTANCE_HOME", str(conf.parent.parent))
    backups = tmp_path / "backups"
    write(conf, scan=b"ban scan thu nhat", reply=b"cong van tra loi")
    output = script(conf, "backup.py", "backup", "--dir", str(backups))
    assert (
        "Backup" in output and len(list((backups / "postgresql").glob("*.dump"))) == 1
    )

    # After the backup: one blob replaced, one added; then packed (zodbpack
    # with the zope.conf's section) while the data stays whole.
    write(conf, scan=b"ban scan da sua", later=b"sau sao luu")
    script(conf, "pack.py", "--days", "0")
    changed = {
        "scan": b"ban scan da sua",
        "reply": b"cong van tra loi",
        "later": b"sau sao luu",
    }
    assert read(conf) == changed
    cache = conf.parent.parent / "var" / "relstorage-cache"
    assert list(cache.iterdir())  # the instance's persistent cache was written

    script(conf, "backup.py", "restore", "--dir", str(backups))
    assert list(cache.iterdir()) == []  # it knew the newer state: emptied
    assert read(conf) == {"scan": b"ban scan thu nhat", "reply": b"cong van tra loi"}
