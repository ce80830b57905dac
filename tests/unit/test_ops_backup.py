"""The pieces of ``ops`` that need no database: which backup a restore
picks, the blob snapshots' hard links, and the zodbpack configuration taken
from a cluster's zope.conf."""

from dienbien.policy.ops.backup import _chosen
from dienbien.policy.ops.backup import _snapshot
from dienbien.policy.ops.backup import BackupError
from dienbien.policy.ops.storage import relstorage_section

import pytest


STAMPS = ["2026-11-29-18-00-00", "2026-11-30-18-00-00", "2026-11-30-21-00-03"]


@pytest.mark.parametrize(
    "at, chosen",
    [
        (None, "2026-11-30-21-00-03"),
        ("2026-11-30-21-00-03", "2026-11-30-21-00-03"),
        ("2026-11-30-21", "2026-11-30-18-00-00"),  # before 21:00
        ("2026-11-30", "2026-11-29-18-00-00"),  # before 30 November began
    ],
)
def test_a_restore_takes_the_newest_backup_at_or_before(at, chosen):
    assert _chosen(STAMPS, at, "backups") == chosen


def test_no_backup_that_early():
    with pytest.raises(BackupError, match="No backup in backups at or before 2026"):
        _chosen(STAMPS, "2026-11-29", "backups")


def test_snapshots_share_unchanged_blobs(tmp_path):
    live = tmp_path / "blobstorage"
    (live / "0x00" / "0x01").mkdir(parents=True)
    (live / "tmp").mkdir()
    (live / "tmp" / "upload").write_bytes(b"not committed")
    (live / ".layout").write_text("bushy")
    old = live / "0x00" / "0x01" / "0x03.blob"
    old.write_bytes(b"scan")
    snapshots = tmp_path / "backups"
    _snapshot(live, snapshots, "2026-11-30-18-00-00", log=lambda _: None)
    (live / "0x00" / "0x01" / "0x04.blob").write_bytes(b"new scan")
    _snapshot(live, snapshots, "2026-11-30-21-00-03", log=lambda _: None)

    first, second = snapshots / "2026-11-30-18-00-00", snapshots / "2026-11-30-21-00-03"
    shared = "0x00/0x01/0x03.blob"
    assert (first / shared).stat().st_ino == (second / shared).stat().st_ino
    assert (second / "0x00/0x01/0x04.blob").read_bytes() == b"new scan"
    assert (second / ".layout").read_text() == "bushy"
    assert list((second / "tmp").iterdir()) == []  # uploads in progress stay out
    assert sorted(p.name for p in snapshots.iterdir()) == [first.name, second.name]


def test_zodbpack_reads_the_cluster_zope_conf_section():
    conf = """%define INSTANCE $(INSTANCE_HOME)
%define VAR $INSTANCE/var
%import relstorage
instancehome $INSTANCE
<zodb_db main>
  <relstorage>
    blob-dir $VAR/blobcache
    <postgresql>
      dsn host=127.0.0.1 dbname=zodb
    </postgresql>
  </relstorage>
  mount-point /
  cache-size 30000
</zodb_db>
"""
    assert relstorage_section(conf) == (
        "%import relstorage\n"
        "%define INSTANCE $(INSTANCE_HOME)\n"
        "%define VAR $INSTANCE/var\n"
        "\n"
        "  <relstorage>\n"
        "    blob-dir $VAR/blobcache\n"
        "    <postgresql>\n"
        "      dsn host=127.0.0.1 dbname=zodb\n"
        "    </postgresql>\n"
        "  </relstorage>\n"
    )


def test_zodbpack_reads_the_section_zope_conf_includes(tmp_path):
    (tmp_path / "storage-relstorage.conf").write_text(
        "%import relstorage\n<relstorage>\n  <postgresql>\n    dsn $PGDSN\n"
        "  </postgresql>\n</relstorage>\n"
    )
    conf = "%define STORAGE relstorage\n%define PGDSN dbname=zodb\n"
    conf += "<zodb_db main>\n  %include storage-$STORAGE.conf\n</zodb_db>\n"
    assert relstorage_section(conf, tmp_path) == (
        "%import relstorage\n"
        "%define STORAGE relstorage\n"
        "%define PGDSN dbname=zodb\n"
        "\n"
        "<relstorage>\n"
        "  <postgresql>\n"
        "    dsn $PGDSN\n"
        "  </postgresql>\n"
        "</relstorage>\n"
    )
