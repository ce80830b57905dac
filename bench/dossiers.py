"""Benchmark: one-stop dossiers at district scale, against stock plone.restapi.

Builds a throw-away instance with the demo site, bulk-loads N dossiers (default
100,000) spread over two years (``--years``: the last N, ending on 27 November
2026) with the bulk loader (deferred indexing,
batched transactions), serves it with runwsgi on a free 127.0.0.1 port and
prints, in one run:

- the load rate (dossiers stored and indexed per second; the time the
  benchmark spends making up the records, as a migration would read them
  from its export, is shown apart and not counted) and Data.fs bytes per
  dossier;
- ``@dossier-status`` p50/p95 against an empty REST call (stock ``@site``)
  and against stock ``@search`` finding the same
  dossier by its code (as a Manager: stock has no anonymous way), both with
  stock's full-text ``SearchableText=<code>`` and with the ``dossier_code``
  index this add-on adds to the catalog;
- ``@dossiers?overdue=1`` p50 against the equivalent stock ``@search``;
- ``@dossier-stats`` for one year (``--stats-year``, default 2025), if the
  endpoint exists: the first call after a restart of the server (cold) and
  the p50 of the warm calls that follow;
- the server's RSS.

``--reuse DIR`` measures an instance kept by ``--keep`` again, after running
the add-on's pending upgrade steps (the code may have changed since it was
loaded): the listing and the statistics only.

Bounded: fixed request counts, one client, and the server is stopped.

    .venv/bin/python bench/dossiers.py [--dossiers 100000] [--years 2] [--rounds 200]
"""

from instance import percentile
from instance import ThrowAwayInstance
from zoneinfo import ZoneInfo

import argparse
import base64
import datetime
import json
import os
import pathlib
import random
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = pathlib.Path(sys.executable).parent

LOADER = r"""
import json, sys, time, transaction
from zope.component.hooks import setSite
from plone import api
from Testing.makerequest import makerequest
from dienbien.policy.dossiers.bulk import bulk_load

app = makerequest(app)
portal = app.dienbien
setSite(portal)
bench, count, years = sys.argv[-3], int(sys.argv[-2]), int(sys.argv[-1])
sys.path.insert(0, bench)
from dossier_records import empty_dossier_folder, make_records, timed

with api.env.adopt_roles(["Manager"]):
    empty_dossier_folder(portal)

# The records a migration would read from its export, made as the load
# takes them; the time spent making them (their calendar arithmetic) is the
# benchmark's set-up, not the load's, and is left out of its rate.
records = timed(make_records(portal, count, years))
started = time.time()
def progress(n):
    spent = time.time() - started - records.seconds
    print(f"  {n}/{count} ({n / spent:.0f}/s)", flush=True)
with api.env.adopt_roles(["Manager"]):
    loaded = bulk_load(portal["ho-so"], records, batch_size=5000, progress=progress)
elapsed = time.time() - started - records.seconds
print(f"RECORDS {records.seconds:.1f}")
print(f"LOADED {loaded} {elapsed:.1f}")
sample = [m for m in portal.portal_catalog.unrestrictedSearchResults(portal_type="Dossier")[:: max(1, count // 200)]]
codes = []
for brain in sample[:200]:
    obj = brain._unrestrictedGetObject()
    codes.append((obj.code, obj.applicant_phone[-4:]))
print("SAMPLE " + json.dumps(codes))
"""

UPGRADE = r"""
import transaction
from zope.component.hooks import setSite
portal = app.dienbien
setSite(portal)
setup = portal.portal_setup
profile = "dienbien.policy:default"
before = setup.getLastVersionForProfile(profile)
import time
started = time.time()
setup.upgradeProfile(profile)
transaction.commit()
print("profile", ".".join(before), "->", ".".join(setup.getLastVersionForProfile(profile)),
      f"in {time.time() - started:.0f} s")
"""


def get(url, auth=None):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return (time.perf_counter() - started) * 1000, status, body


def load_curve(out: str, count: int, stretches: int = 5) -> str:
    """The load's rate in each fifth of it, from the loader's progress
    lines ("  N/COUNT (R/s)": R is the rate so far, so N / R is the time
    spent up to N): a load slows as the catalogue grows."""
    progress = re.findall(r"^  (\d+)/\d+ \((\d+)/s\)$", out, re.MULTILINE)
    points = [(0, 0.0)] + [(int(n), int(n) / int(r)) for n, r in progress if int(r)]
    marks = [count * (k + 1) // stretches for k in range(stretches)]
    parts, last = [], points[0]
    for mark in marks:
        point = next((p for p in points if p[0] >= mark), None)
        if point is None or point[1] <= last[1]:
            continue
        rate = (point[0] - last[0]) / (point[1] - last[1])
        parts.append(f"{last[0] // 1000}k–{point[0] // 1000}k {rate:.0f}/s")
        last = point
    return ", ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument(
        "--years", type=int, default=2, help="spread the dossiers over N years"
    )
    parser.add_argument("--stats-year", type=int, default=2025)
    parser.add_argument(
        "--keep", action="store_true", help="keep the instance folder for profiling"
    )
    parser.add_argument(
        "--reuse",
        metavar="DIR",
        help="measure the listing and the statistics of an instance kept by "
        "--keep again, after the add-on's upgrade steps; the folder is kept",
    )
    options = parser.parse_args()

    # One benchmark client makes every request: lift the per-client limit.
    with ThrowAwayInstance(
        "dossiers",
        keep=options.keep,
        home=options.reuse,
        DIENBIEN_STATUS_LOOKUPS_PER_MINUTE="1000000",
    ) as instance:
        if options.reuse:
            return measure_again(instance, options)
        print("creating the demo site…", flush=True)
        instance.create_site()
        size_before = instance.data_fs_size
        print(f"bulk-loading {options.dossiers} dossiers…", flush=True)
        out = instance.zconsole(
            instance.script("load.py", LOADER),
            pathlib.Path(__file__).resolve().parent,
            options.dossiers,
            options.years,
            quiet=True,
        )
        loaded_line = next(
            line for line in out.splitlines() if line.startswith("LOADED")
        )
        _, loaded, seconds = loaded_line.split()
        making = next(
            line for line in out.splitlines() if line.startswith("RECORDS")
        ).split()[1]
        sample = json.loads(
            next(line for line in out.splitlines() if line.startswith("SAMPLE"))[7:]
        )
        size = instance.data_fs_size
        base = instance.serve()
        admin = ("admin", os.environ.get("ADMIN_PASSWORD") or "admin")

        # Each endpoint in its own block over the same random dossiers, so
        # that none pays for the garbage and cache churn of another (stock
        # full-text search builds 100,000-entry score sets per request).
        rng = random.Random(1)
        picks = [rng.choice(sample) for _ in range(options.rounds)]
        ours, stock_text, stock_index, empty = [], [], [], []
        # The yardstick of the lookup's target: a REST call that does next
        # to nothing (stock ``@site``, anonymous), on the same instance.
        for _ in picks:
            elapsed, status, _body = get(f"{base}/@site")
            assert status == 200, status
            empty.append(elapsed)
        for code, verify in picks:
            elapsed, status, _body = get(
                f"{base}/@dossier-status?"
                + urllib.parse.urlencode({"code": code, "verify": verify})
            )
            assert status == 200, status
            ours.append(elapsed)
        for query_of, times in (
            (
                lambda code: {"SearchableText": code, "portal_type": "Dossier"},
                stock_text,
            ),
            (lambda code: {"dossier_code": code}, stock_index),
        ):
            for code, _verify in picks:
                elapsed, status, body = get(
                    f"{base}/@search?" + urllib.parse.urlencode(query_of(code)), admin
                )
                assert status == 200, body[:300]
                found = [item["@id"] for item in json.loads(body)["items"]]
                assert len(found) == 1 and found[0].endswith(
                    code.lower().replace(".", "-")
                ), found
                times.append(elapsed)

        rss = instance.server_rss()
        print()
        print(
            f"dossiers loaded: {loaded} in {float(seconds):.0f} s = "
            f"{int(loaded) / float(seconds):.0f} dossiers/s "
            f"(making the records took {float(making):.0f} s more)"
        )
        print("  by stretch: " + load_curve(out, int(loaded)))
        print(
            f"Data.fs: {size / 1e6:.0f} MB, {(size - size_before) / int(loaded):.0f} bytes per dossier"
        )
        print(f"{'request':52} {'p50 ms':>8} {'p95 ms':>8}")
        print(
            f"{'@dossier-status?code=&verify=':52} {percentile(ours, 0.5):8.1f} {percentile(ours, 0.95):8.1f}"
        )
        print(
            f"{'@site (stock, anonymous: an empty REST call)':52} "
            f"{percentile(empty, 0.5):8.1f} {percentile(empty, 0.95):8.1f}"
        )
        print(
            f"  @dossier-status / @site at p50: "
            f"{percentile(ours, 0.5) / percentile(empty, 0.5):.1f}x (target ≤ 2x)"
        )
        for label, stock in (
            ("@search?SearchableText=<code> (stock, Manager)", stock_text),
            ("@search?dossier_code=<code> (stock, Manager)", stock_index),
        ):
            print(
                f"{label:52} {percentile(stock, 0.5):8.1f} {percentile(stock, 0.95):8.1f}"
            )
            print(
                f"  stock/ours at p50: {percentile(stock, 0.5) / percentile(ours, 0.5):.1f}x"
            )
        overdue(base, admin, options.rounds)
        print(f"server RSS: {rss / 1e6:.0f} MB")
        statistics(instance, admin, options.stats_year)
        return 0


def overdue(base, admin, rounds) -> None:
    overdue_ours, overdue_stock = [], []
    # The moment the server's listing uses (its clock: local time, to the
    # minute), so that both ask for the same dossiers.
    now_text = datetime.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime(
        "%Y-%m-%dT%H:%M"
    )
    stock_query = urllib.parse.urlencode(
        [
            ("portal_type", "Dossier"),
            ("review_state", "accepted"),
            ("review_state", "processing"),
            ("review_state", "awaiting_payment"),
            ("dossier_appointment.query", now_text),
            ("dossier_appointment.range", "max"),
            ("sort_on", "dossier_appointment"),
            ("metadata_fields", "dossier_code"),
            ("metadata_fields", "dossier_appointment"),
        ]
    )
    totals = {}
    # Each in its own block: stock's range search loads tens of thousands of
    # objects, which would push ours out of the cache between two calls.
    for _ in range(max(10, rounds // 10)):
        elapsed, status, body = get(f"{base}/@dossiers?overdue=1", admin)
        assert status == 200, body[:300]
        overdue_ours.append(elapsed)
        totals["ours"] = json.loads(body)["items_total"]
    for _ in range(max(10, rounds // 10)):
        elapsed, status, body = get(f"{base}/@search?{stock_query}", admin)
        assert status == 200
        overdue_stock.append(elapsed)
        totals["stock"] = json.loads(body)["items_total"]
    print(
        f"{'@dossiers?overdue=1 (' + str(totals['ours']) + ' hits)':52} "
        f"{percentile(overdue_ours, 0.5):8.1f} {percentile(overdue_ours, 0.95):8.1f}"
        f"  (first call {overdue_ours[0]:.1f})"
    )
    print(
        f"{'@search equivalent (stock, ' + str(totals['stock']) + ' hits)':52} "
        f"{percentile(overdue_stock, 0.5):8.1f} {percentile(overdue_stock, 0.95):8.1f}"
    )
    print(
        f"  stock/ours at p50: {percentile(overdue_stock, 0.5) / percentile(overdue_ours, 0.5):.1f}x"
    )


def restart(instance) -> str:
    instance.server.terminate()
    instance.server.wait(timeout=60)
    instance.server = None
    return instance.serve()


def statistics(instance, admin, year: int, warm: int = 10) -> None:
    """``@dossier-stats`` for ``year`` by field: the first call after a
    restart of the server (nothing of the catalog in memory but what the
    site's front page needed), then ``warm`` calls."""
    base = restart(instance)
    url = f"{base}/@dossier-stats?from={year}-01-01&to={year}-12-31&group_by=field"
    cold, status, body = get(url, admin)
    if status != 200:
        print(f"@dossier-stats: not available (HTTP {status})")
        return
    total = json.loads(body)["total"]
    times = [get(url, admin)[0] for _ in range(warm)]
    print(
        f"@dossier-stats {year} by field ({total['received_total']} received, "
        f"{total['carried_over']} carried over): first call after a restart "
        f"{cold:.1f} ms, warm p50 {percentile(times, 0.5):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms"
    )


def measure_again(instance, options) -> int:
    """The listing and the statistics of an instance kept by ``--keep``,
    after the add-on's pending upgrade steps."""
    print(f"reusing {instance.home} (Data.fs {instance.data_fs_size / 1e6:.0f} MB)")
    out = instance.zconsole(instance.script("upgrade.py", UPGRADE), quiet=True)
    print(out.strip())
    admin = ("admin", os.environ.get("ADMIN_PASSWORD") or "admin")
    base = instance.serve()
    overdue(base, admin, options.rounds)
    statistics(instance, admin, options.stats_year)
    print(f"server RSS: {instance.server_rss() / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
