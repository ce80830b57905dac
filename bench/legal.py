"""Benchmark: the register of normative documents at scale, against stock
plone.restapi with client-side filtering.

Builds a throw-away instance with the demo site, bulk-loads N published
``LegalDocument`` records (default 20,000) with R relations between them
(default 30,000: based on, details, amends, replaces, repeals whole or part,
suspends for a window, refers to), issued by the district's People's
Committee and Council and its communes from 2012 to 2026. Objects are
stored without events, their timelines computed once for the whole
register by ``core.legal.validity`` (what ``legal.validity.refresh`` would
store) and indexed in batches of 2,000 per transaction. Then, served on
127.0.0.1, as an anonymous client, one request at a time:

- ours: ``GET /dienbien/@legal-documents?status=in_force&on=<day>`` (the
  first page, 25 items, with ``items_total``);
- stock: ``GET /dienbien/@search?portal_type=LegalDocument&review_state=
  published&sort_on=legal_signed&sort_order=descending`` with the
  ``legal_timeline`` and ``legal_notation`` metadata, 100 a page, the client
  keeping the documents in force on the day by the same core rule
  (``validity.status_on``) until it has the same first page of 25 — the
  cheapest stock client that shows that page (it cannot know the total);
- stock, whole: the same, reading every page (1,000 a page) to count the
  documents in force (what ``items_total`` needs), fewer rounds.

Checks that both first pages name the same documents. Bounded: fixed counts,
one client, loopback only; the server is stopped and the folder removed at
the end.

    .venv/bin/python bench/legal.py [--documents 20000] [--relations 30000] \
        [--rounds 60] [--keep]
    .venv/bin/python bench/legal.py --instance /tmp/bench-legal-… [--rounds 60]
"""

from datetime import date
from dienbien.policy.core.legal import validity
from instance import percentile
from instance import ThrowAwayInstance

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


#: The days asked for, in turn: before, around and after the 2025 reform.
DAYS = ("2019-06-01", "2024-01-01", "2025-07-01", "2026-06-01")
PAGE = 25
STOCK_PAGE = 100
WHOLE_PAGE = 1000

LOADER = r"""
import random, sys, time, transaction
from datetime import date, timedelta
from DateTime import DateTime
from zope.component.hooks import setSite
from plone import api
from plone.uuid.interfaces import ATTRIBUTE_NAME
from Testing.makerequest import makerequest
from dienbien.policy.bulkcache import cache_at_least
from dienbien.policy.core.legal import validity as rules
from dienbien.policy.legal.document import LEGAL_PATH, LegalDocument
from dienbien.policy.legal.validity import as_stored, notation_key
from dienbien.policy.orgunits.references import point_to, uids_by_code
from dienbien.policy.procedures.vocabularies import procedure_fields

app = makerequest(app)
portal = app.dienbien
setSite(portal)
count, relation_count = int(sys.argv[-2]), int(sys.argv[-1])
rnd = random.Random(20261130)
uids = uids_by_code()
fields = sorted(procedure_fields()) or ["other"]
communes = sorted(code for code in uids if code.startswith("H15.50.05."))
# (issuer, type, notation suffix, weight)
ISSUERS = [("H15.50", "decision", "QĐ-UBND", 40), ("H15.50.HD", "resolution", "NQ-HĐND", 15)]
ISSUERS += [(code, "decision", "QĐ-UBND", 45 / len(communes)) for code in communes]
weights = [weight for *_, weight in ISSUERS]

records, counters = [], {}
for _ in range(count):
    issuer, doctype, suffix, _w = rnd.choices(ISSUERS, weights)[0]
    year = rnd.randint(2012, 2026)
    signed = date(year, 1, 1) + timedelta(days=rnd.randint(0, 364))
    number = counters[(issuer, year)] = counters.get((issuer, year), 0) + 1
    end = signed + timedelta(days=rnd.randint(365, 3650)) if rnd.random() < 0.05 else None
    records.append({
        "notation": f"{number:02d}/{year}/{suffix}",
        "doctype": doctype,
        "issuer": issuer,
        "signed": signed,
        "in_force_from": signed + timedelta(days=rnd.randint(10, 45)),
        "in_force_until": end,
        "fields": rnd.sample(fields, min(len(fields), rnd.randint(1, 2))),
        "relations": [],
    })
records.sort(key=lambda record: record["signed"])
KINDS = [("based_on", 45), ("refers_to", 4), ("details", 10), ("amends", 20),
         ("replaces", 10), ("repeals", 8), ("suspends", 3)]
made = 0
while made < relation_count:
    source = rnd.randrange(1, count)
    target = rnd.randrange(0, source)
    kind = rnd.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    src, tgt = records[source], records[target]
    if (src["notation"], src["issuer"]) == (tgt["notation"], tgt["issuer"]):
        continue
    row = {"kind": kind, "target": tgt["notation"], "target_issuer": tgt["issuer"],
           "part": "", "on": None, "until": None}
    if kind in ("amends",) or (kind == "repeals" and rnd.random() < 0.5):
        row["part"] = f"Điều {rnd.randint(1, 20)}"
    if kind == "suspends":
        row["on"] = src["in_force_from"]
        row["until"] = row["on"] + timedelta(days=rnd.randint(60, 400)) if rnd.random() < 0.7 else None
        if rnd.random() < 0.5:
            row["part"] = f"Điều {rnd.randint(1, 20)}"
    src["relations"].append(row)
    made += 1

# The timelines of the whole register, as legal.validity.refresh stores them.
started = time.time()
keys = [notation_key(r["notation"], r["issuer"]) for r in records]
register = rules.Register(
    [rules.Document(key, r["in_force_from"], r["in_force_until"]) for key, r in zip(keys, records)],
    [rules.Relation(row["kind"], key, notation_key(row["target"], row["target_issuer"]),
                    row["on"], row["until"], row["part"])
     for key, r in zip(keys, records) for row in r["relations"]],
)
timelines = [as_stored(register.timeline(key)) for key in keys]
computed = time.time() - started

folder = portal[LEGAL_PATH]
catalog = portal.portal_catalog
wftool = portal.portal_workflow
definition = wftool["dienbien_legal_workflow"]
stamp = DateTime("2026-11-30T08:00:00+07:00")
started = time.time()
with api.env.adopt_roles(["Manager"]), cache_at_least(folder, 200_000, True):
    pending = []
    for index, (record, timeline) in enumerate(zip(records, timelines)):
        doc_id = "bench-" + record["notation"].lower().replace("/", "-").replace("đ", "d") + "-" + record["issuer"].replace(".", "")
        document = LegalDocument(id=doc_id)
        document.portal_type = "LegalDocument"
        for name in ("notation", "doctype", "signed", "in_force_from", "in_force_until", "fields", "relations"):
            setattr(document, name, record[name])
        point_to(document, "issuer", uids[record["issuer"]], record["issuer"])
        document.signer = "Lò Văn Minh"
        document.signer_position = "Chủ tịch"
        document.shortened = False
        document.summary = f"Quy định về quản lý hành chính, văn bản số {index + 1}"
        document.timeline = timeline
        setattr(document, ATTRIBUTE_NAME, f"{index:032x}")
        document.creation_date = document.modification_date = stamp
        document.creators = ("admin",)
        folder._setObject(doc_id, document, suppress_events=True)
        document = folder._getOb(doc_id)
        for state in ("pending", "published"):
            wftool.setStatusOf("dienbien_legal_workflow", document, {
                "review_state": state, "action": None, "actor": "admin",
                "comments": "", "time": stamp})
        definition.updateRoleMappingsFor(document)
        pending.append(document)
        if len(pending) >= 2000 or index == count - 1:
            for item in pending:
                catalog.catalog_object(item)
            pending = []
            transaction.commit()
            print(f"  {index + 1}/{count}", flush=True)
elapsed = time.time() - started
relations = sum(len(r["relations"]) for r in records)
print(f"LOADED {count} {relations} {elapsed:.1f} {computed:.1f}")
"""


def get(url):
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as response:
        payload = response.read()
    return (time.perf_counter() - started) * 1000, json.loads(payload)


def periods(stored):
    return [
        validity.Period(
            date.fromisoformat(start) if start else date.min,
            date.fromisoformat(end) if end else validity.FOREVER,
            status,
        )
        for start, end, status in stored or ()
    ]


def ours(base, day):
    query = urllib.parse.urlencode({"status": "in_force", "on": day})
    elapsed, data = get(f"{base}/@legal-documents?{query}")
    return elapsed, [item["@id"] for item in data["items"]], data["items_total"]


def stock(base, day, whole=False):
    """Stock @search, newest signed first, filtered here: pages of 100 until
    the first page is full, or (``whole``) pages of 1,000 to the end."""
    size = WHOLE_PAGE if whole else STOCK_PAGE
    on, found, total, start, spent = date.fromisoformat(day), [], 0, 0, 0.0
    while True:
        query = urllib.parse.urlencode(
            [
                ("portal_type", "LegalDocument"),
                ("review_state", "published"),
                ("sort_on", "legal_signed"),
                ("sort_order", "descending"),
                ("metadata_fields", "legal_timeline"),
                ("metadata_fields", "legal_notation"),
                ("b_size", size),
                ("b_start", start),
            ]
        )
        elapsed, data = get(f"{base}/@search?{query}")
        spent += elapsed
        for item in data["items"]:
            if validity.status_on(periods(item["legal_timeline"]), on) == "in_force":
                total += 1
                if len(found) < PAGE:
                    found.append(item["@id"])
        start += size
        if start >= data["items_total"] or (not whole and len(found) >= PAGE):
            return spent, found, total


def row(label, times):
    print(f"{label:62} {percentile(times, 0.5):8.1f} {percentile(times, 0.95):8.1f}")


def measure(base, rounds):
    # Warm both paths (the first request reads the catalog from disk).
    for day in DAYS:
        ours(base, day)
        stock(base, day)
    mine, theirs, whole, same, totals = [], [], [], True, {}
    for index in range(rounds):
        day = DAYS[index % len(DAYS)]
        elapsed, page, total = ours(base, day)
        mine.append(elapsed)
        totals[day] = total
        elapsed, found, _ = stock(base, day)
        theirs.append(elapsed)
        # Ties in the signing day may order differently: compare as sets.
        same = same and set(page) == set(found)
    for index in range(max(2, rounds // 30)):
        day = DAYS[index % len(DAYS)]
        elapsed, _found, total = stock(base, day, whole=True)
        whole.append(elapsed)
        same = same and total == totals[day]
    print(f"{'request':62} {'p50 ms':>8} {'p95 ms':>8}")
    row("@legal-documents?status=in_force&on=… (first page)", mine)
    row(f"stock @search, {STOCK_PAGE} a page, filtered in the client", theirs)
    row("stock @search, every page of 1,000 (to count), client-filtered", whole)
    print(
        "in force on "
        + ", ".join(f"{day}: {total}" for day, total in sorted(totals.items()))
    )
    print(
        f"stock first page / ours at p50: "
        f"{percentile(theirs, 0.5) / percentile(mine, 0.5):.1f}×; "
        f"same documents and totals: {'yes' if same else 'NO'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--relations", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the instance")
    parser.add_argument(
        "--instance", help="measure again on an instance kept by --keep (no load)"
    )
    options = parser.parse_args()
    if options.instance:
        return measure_again(pathlib.Path(options.instance), options.rounds)
    with ThrowAwayInstance("legal", keep=options.keep) as instance:
        print("creating the demo site…", flush=True)
        instance.create_site()
        size_before = instance.data_fs_size
        print(f"bulk-loading {options.documents} documents…", flush=True)
        try:
            out = instance.zconsole(
                instance.script("load.py", LOADER),
                options.documents,
                options.relations,
                quiet=True,
            )
        except subprocess.CalledProcessError as error:
            print(error.stdout[-3000:], error.stderr[-3000:])
            return 1
        line = next(x for x in out.splitlines() if x.startswith("LOADED"))
        _, loaded, relations, seconds, computed = line.split()
        size = instance.data_fs_size
        print(
            f"loaded {loaded} documents with {relations} relations in "
            f"{float(seconds):.0f} s ({int(loaded) / float(seconds):.0f}/s); "
            f"timelines of the whole register computed in {float(computed):.1f} s; "
            f"Data.fs +{(size - size_before) / int(loaded):.0f} bytes per document"
        )
        base = instance.serve()
        measure(base, options.rounds)
        print(f"server RSS: {instance.server_rss() / 1e6:.0f} MB")
        return 0


def measure_again(home, rounds) -> int:
    """Serve a kept instance with the present code and measure (after a
    change to the search, without loading again)."""
    instance = ThrowAwayInstance("legal", keep=True)
    instance.home, instance.conf = home, str(home / "etc" / "zope.conf")
    instance.env = dict(os.environ, INSTANCE_HOME=str(home))
    try:
        measure(instance.serve(), rounds)
        print(f"server RSS: {instance.server_rss() / 1e6:.0f} MB")
    finally:
        instance.__exit__(None, None, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
