"""What one year's ``@dossier-stats`` reads, on a kept bench instance
(``bench/dossiers.py --keep``), in a process of its own so that nothing is
in memory yet (the cold call): the catalog search, the facts read by record
id, the report; each with its time and the objects it loaded from the
storage.

    INSTANCE_HOME=DIR .venv/bin/zconsole run DIR/etc/zope.conf \\
        bench/stats_reads.py 2025 bounded|history|store

``history`` is the search before profile 1023 (every dossier accepted
before the end), ``bounded`` the ``dossier_open_months`` one, both reading
the metadata column; ``store`` reads the facts the index keeps beside its
terms (profile 1024) and prints how many objects and bytes they take.
"""

from datetime import datetime
from dienbien.policy.core.statistics import compute
from dienbien.policy.dossiers.statistics import facts as module
from zope.component.hooks import setSite

import sys
import time


year, mode = int(sys.argv[-2]), sys.argv[-1]
portal = app.dienbien  # noqa: F821 (zconsole's)
setSite(portal)
start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
connection = portal._p_jar
catalog = portal.portal_catalog
table = catalog._catalog
if mode == "history":
    query = {
        "portal_type": "Dossier",
        "dossier_accepted": {"query": end.strftime("%Y-%m-%dT%H:%M"), "range": "max"},
    }
else:
    query = {module.PERIODS_INDEX: module.period_terms(start, end)}
data, column = table.data, table.schema["dossier_facts"]


def loads():
    return connection.getTransferCounts()[0]


if mode == "store":
    index = table.getIndex(module.PERIODS_INDEX)
    storage = connection._storage
    for run in ("first", "second"):
        before, started = loads(), time.perf_counter()
        rows = index.period_facts(start, end)
        read, after_read = time.perf_counter(), loads()
        report = compute(rows, start, end, "field", as_of=end)
        done = time.perf_counter()
        print(
            f"store {year} {run}: {len(rows)} rows; facts "
            f"{(read - started) * 1000:.0f} ms ({after_read - before} objects), "
            f"report {(done - read) * 1000:.0f} ms; received "
            f"{report.total['received_total']}, resolved "
            f"{report.total['resolved_total']}"
        )
    buckets = size = kept = 0
    for term in module.period_terms(start, end):
        tree = index._facts.get(term)
        bucket = tree._firstbucket if tree is not None else None
        while bucket is not None:
            buckets += 1
            kept += len(bucket)
            size += len(storage.load(bucket._p_oid)[0])
            bucket = bucket._next
    print(
        f"the year's trees: {buckets} buckets, {kept} rows, {size / 1e6:.1f} MB, "
        f"{size / max(kept, 1):.0f} bytes a row; {index.facts_size()} rows in all"
    )
    sys.exit(0)

for run in ("first", "second"):
    before, started = loads(), time.perf_counter()
    rids = list(table.search(query)._seq)
    searched, after_search = time.perf_counter(), loads()
    rows = [data[rid][column] for rid in rids]
    read, after_read = time.perf_counter(), loads()
    report = compute(rows, start, end, "field", as_of=end)
    done = time.perf_counter()
    print(
        f"{mode} {year} {run}: {len(rids)} records; search "
        f"{(searched - started) * 1000:.0f} ms ({after_search - before} objects "
        f"loaded), facts {(read - searched) * 1000:.0f} ms ({after_read - after_search}"
        f" objects), report {(done - read) * 1000:.0f} ms; received "
        f"{report.total['received_total']}, resolved {report.total['resolved_total']}"
    )
