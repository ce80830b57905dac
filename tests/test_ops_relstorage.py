"""Backup, restore and pack of a RelStorage database: a private PostgreSQL
(scripts/pgcluster.py, as the cluster tests start it) and an instance
configured as ``make start-cluster`` configures one (scripts/cluster.py:
zope.conf with storage-relstorage.conf, blobs in the database). Skipped
without PostgreSQL, except in CI."""

from cluster_support import cluster
from cluster_support import pgcluster
from cluster_support import postgresql
from cluster_support import require
from ops_instance import Instance

import pytest


@pytest.fixture
def instance(tmp_path_factory, tmp_path):
    require()
    with postgresql(tmp_path_factory) as pg:
        home = tmp_path / "instance"
        cluster.write_instance(home, pgcluster.dsn(pg), trusted_proxy=None)
        yield Instance(home)


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


def test_relstorage_backup_pack_restore(instance, tmp_path, monkeypatch):
    conf = instance.conf
    monkeypatch.setenv("INSTANCE_HOME", str(instance.home))
    backups = tmp_path / "backups"
    write(conf, scan=b"ban scan thu nhat", reply=b"cong van tra loi")
    output = instance.script("backup.py", "backup", "--dir", str(backups))
    assert (
        "Backup" in output and len(list((backups / "postgresql").glob("*.dump"))) == 1
    )

    # After the backup: one blob replaced, one added; then packed (zodbpack
    # with the zope.conf's section) while the data stays whole.
    write(conf, scan=b"ban scan da sua", later=b"sau sao luu")
    instance.script("pack.py", "--days", "0")
    changed = {
        "scan": b"ban scan da sua",
        "reply": b"cong van tra loi",
        "later": b"sau sao luu",
    }
    assert read(conf) == changed
    cache = instance.home / "var" / "blobcache"
    assert list(cache.iterdir())  # the instance's blob cache was written

    instance.script("backup.py", "restore", "--dir", str(backups))
    assert list(cache.iterdir()) == []  # it knew the newer blobs: emptied
    assert read(conf) == {"scan": b"ban scan thu nhat", "reply": b"cong van tra loi"}
