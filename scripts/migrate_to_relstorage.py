"""Copy a FileStorage (and its blobs) into RelStorage, then compare them.

    python scripts/migrate_to_relstorage.py --data-fs instance/var/filestorage/Data.fs \
        --blobs instance/var/blobstorage --dsn "host=… dbname=…" [--clear] [--sample N]

(``make migrate-to-relstorage``.) The FileStorage is opened read-only: it
takes no lock, so the site may keep running (``make start``); what is copied
is the database as of the last transaction committed when the copy starts.
The copy is RelStorage's ``zodbconvert``; the destination is history-free
with its blobs in the database, as ``instance/etc/storage-relstorage.conf``.

Afterwards both storages are opened again and compared: the number of
objects per class must be equal, and every object of the sample (all of
them by default) must have the same transaction id and pickle in both;
blobs of the sample must have the same bytes. Exit status 1 on a difference.
"""

from ZODB.blob import is_blob_record
from ZODB.utils import get_pickle_metadata
from ZODB.utils import oid_repr

import argparse
import collections
import pathlib
import random
import subprocess
import sys
import tempfile
import ZConfig


BIN = pathlib.Path(sys.executable).parent

CONFIG = """\
%import relstorage
<filestorage source>
  path {data_fs}
  blob-dir {blobs}
  read-only true
</filestorage>
<relstorage destination>
  keep-history false
  shared-blob-dir false
  blob-dir {blob_cache}
  <postgresql>
    dsn {dsn}
  </postgresql>
</relstorage>
"""

SCHEMA = """
<schema>
  <import package="ZODB"/>
  <import package="relstorage"/>
  <section type="ZODB.storage" name="source" attribute="source" required="yes" />
  <section type="ZODB.storage" name="destination" attribute="destination"
    required="yes" />
</schema>
"""


def write_config(path, data_fs, blobs, dsn, blob_cache) -> None:
    pathlib.Path(path).write_text(
        CONFIG.format(data_fs=data_fs, blobs=blobs, dsn=dsn, blob_cache=blob_cache)
    )
    pathlib.Path(path).chmod(0o600)  # the DSN holds the password


def open_storages(config_path):
    import io

    schema = ZConfig.loadSchemaFile(io.StringIO(SCHEMA))
    config, _handlers = ZConfig.loadConfig(schema, str(config_path))
    return config.source.open(), config.destination.open()


def current_records(storage):
    """(oid, tid, pickle) of every object's current state."""
    cursor = None
    while True:
        oid, tid, data, cursor = storage.record_iternext(cursor)
        yield oid, tid, data
        if cursor is None:
            return


def classes(storage) -> collections.Counter:
    counts = collections.Counter()
    for _oid, _tid, data in current_records(storage):
        module, name = get_pickle_metadata(data)
        counts[f"{module}.{name}"] += 1
    return counts


def compare(config_path, sample: int | None, seed: int = 14) -> list[str]:
    """Differences between the two storages (none: an empty list)."""
    source, destination = open_storages(config_path)
    problems = []
    try:
        counts = classes(source)
        copied = classes(destination)
        if counts != copied:
            for name in sorted(set(counts) | set(copied)):
                if counts[name] != copied[name]:
                    problems.append(
                        f"{name}: {counts[name]} objects in the FileStorage, "
                        f"{copied[name]} in RelStorage"
                    )
        oids = [oid for oid, _tid, _data in current_records(source)]
        if sample is not None and sample < len(oids):
            oids = random.Random(seed).sample(oids, sample)
        blobs = 0
        for oid in oids:
            data, tid = source.load(oid)
            other, other_tid = destination.load(oid)
            if (data, tid) != (other, other_tid):
                problems.append(f"object {oid_repr(oid)} differs")
            elif is_blob_record(data):
                blobs += 1
                with (
                    open(source.loadBlob(oid, tid), "rb") as one,
                    open(destination.loadBlob(oid, tid), "rb") as two,
                ):
                    if one.read() != two.read():
                        problems.append(f"blob {oid_repr(oid)} differs")
        print(
            f"Compared: {sum(counts.values())} objects of {len(counts)} classes "
            f"counted in both; {len(oids)} objects and {blobs} blobs compared "
            "byte for byte."
        )
    finally:
        source.close()
        destination.close()
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="migrate_to_relstorage.py")
    parser.add_argument("--data-fs", required=True)
    parser.add_argument("--blobs", required=True)
    parser.add_argument("--dsn", required=True)
    parser.add_argument(
        "--clear",
        action="store_true",
        help="empty the destination first (it must not hold a site otherwise)",
    )
    parser.add_argument(
        "--sample", type=int, default=None, help="compare N random objects (all)"
    )
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zodbconvert-") as work:
        config = pathlib.Path(work) / "zodbconvert.conf"
        write_config(
            config,
            pathlib.Path(options.data_fs).resolve(),
            pathlib.Path(options.blobs).resolve(),
            options.dsn,
            pathlib.Path(work) / "blobcache",
        )
        command = [str(BIN / "zodbconvert")]
        if options.clear:
            command.append("--clear")
        result = subprocess.run([*command, str(config)])
        if result.returncode:
            return result.returncode
        problems = compare(config, options.sample)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("The copy differs from the FileStorage.", file=sys.stderr)
        return 1
    print("The RelStorage copy matches the FileStorage.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
