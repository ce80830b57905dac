"""Load test: one instance against two behind HAProxy, on RelStorage.

Builds a throw-away PostgreSQL cluster (scripts/pgcluster.py) with the demo
site, serves it with two Zope instances and HAProxy on free 127.0.0.1
ports (scripts/cluster.py), and drives the same mixed load twice, for the
same time and with the same number of clients: first against one instance
directly, then against HAProxy in front of both. Prints, per phase, the
requests per second, p50/p95 per kind and overall, and every error response
(any status other than the expected one).

The mix, per request drawn (weights): the public status lookup
(``POST @dossier-status``, anonymous) 30 %, the procedure catalogue search
(``GET @procedures?q=``, anonymous) 25 %, a clerk's listing
(``GET @dossiers``) 20 %, a dossier received at the desk (``POST /ho-so``)
15 %, a step (``transfer`` of a dossier received earlier) 10 %. Each client
is the clerk of one desk: the district's one-stop desk and commune desks,
each numbering its own dossiers (clients of one desk would queue on its
day counter: see docs/deploy.md).

Bounded: fixed duration per phase, loopback only, everything stopped and
removed on exit.

    .venv/bin/python bench/load.py [--seconds 60] [--clients 8[,16,...]]
        [--dossiers 0] [--keep]
"""

from instance import percentile

import argparse
import collections
import datetime
import os
import pathlib
import random
import re
import shutil
import sys
import tempfile
import threading
import time


ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import cluster  # noqa: E402
import pgcluster  # noqa: E402
import requests  # noqa: E402


DESK = ("motcua.huyen", "dienbien-demo")
PASSWORD = "dienbien-demo"
#: Client 0 works at the district's one-stop desk, the others at commune
#: desks (each desk numbers its own dossiers, as in a province where 45
#: communes receive at once); (receiving unit, procedure received there).
DESKS = [("H15.50.MC", "2.000528")] + [
    (f"H15.50.05.{n:02d}", "1.001193") for n in range(1, 22)
]

# Run by zconsole: the demo site, then one desk clerk per commune desk.
SETUP = """
import runpy, sys, transaction
from plone import api
from zope.component.hooks import setSite
from dienbien.policy.core.orgunits import group_id
from Testing.makerequest import makerequest
create_site = sys.argv[-1]
sys.argv = [create_site]  # runpy puts the path first: no arguments after it
runpy.run_path(create_site, init_globals={"app": app})
app = makerequest(app)
setSite(app.dienbien)
for code, _procedure in DESKS[1:]:
    login = "bench." + code.replace(".", "")
    api.user.create(username=login, email=login + "@example.invalid",
                    password=PASSWORD)
    api.group.add_user(groupname=group_id(code, "desk"), username=login)
transaction.commit()
"""


# Run by zconsole when asked (--dossiers N): a district's history of N
# dossiers over the last two years, bulk-loaded as bench/dossiers.py does,
# so that the catalogue's trees have the depth of a site in service.
HISTORY = r"""
import sys
from zope.component.hooks import setSite
from plone import api
from Testing.makerequest import makerequest
from dienbien.policy.dossiers.bulk import bulk_load
app = makerequest(app)
portal = app.dienbien
setSite(portal)
bench, count = sys.argv[-2], int(sys.argv[-1])
sys.path.insert(0, bench)
from dossier_records import empty_dossier_folder, make_records
with api.env.adopt_roles(["Manager"]):
    empty_dossier_folder(portal)
    bulk_load(portal["ho-so"], make_records(portal, count, 2), batch_size=5000)
"""


def desk_login(index):
    code, procedure = DESKS[index % len(DESKS)]
    login = (
        "motcua.huyen" if index % len(DESKS) == 0 else "bench." + code.replace(".", "")
    )
    return (login, PASSWORD), code, procedure


WORDS = ["khai sinh", "ket hon", "chung thuc", "dat dai", "ho kinh doanh", "xay dung"]
MIX = [
    ("lookup", 30),
    ("catalogue", 25),
    ("listing", 20),
    ("create", 15),
    ("transition", 10),
]
EXPECTED = {"lookup": 200, "catalogue": 200, "listing": 200, "create": 201}


class Shared:
    """Dossiers received during the run: looked up, then moved on."""

    def __init__(self):
        self.lock = threading.Lock()
        self.codes = []  # (code, digits) for lookups
        # Per desk: the @id of dossiers awaiting their transfer (a clerk
        # moves on the dossiers of his own desk only).
        self.accepted = collections.defaultdict(collections.deque)

    def add(self, desk, url, code, digits):
        with self.lock:
            self.codes.append((code, digits))
            self.accepted[desk].append(url)

    def next_accepted(self, desk):
        with self.lock:
            waiting = self.accepted[desk]
            return waiting.popleft() if waiting else None


def rebase(url: str, base: str) -> str:
    """A dossier's @id as seen through ``base`` (another port)."""
    path = url.split("/dienbien/", 1)[1]
    return f"{base}/{path}"


def one_request(kind, base, desk, anonymous, shared, rng, serial, where=DESKS[0]):
    headers = {"Accept": "application/json"}
    if kind == "transition":
        url = shared.next_accepted(where[0])
        if url is None:
            kind = "create"
        else:
            response = desk.post(
                rebase(url, base) + "/@workflow/transfer",
                json={"comment": "Chuyển phòng chuyên môn"},
                headers=headers,
                timeout=120,
            )
            return kind, response.status_code, 200
    if kind == "lookup":
        code, digits = rng.choice(shared.codes)
        response = anonymous.post(
            f"{base}/@dossier-status",
            json={"code": code, "digits": digits},
            headers=headers,
            timeout=120,
        )
    elif kind == "catalogue":
        response = anonymous.get(
            f"{base}/@procedures",
            params={"q": rng.choice(WORDS)},
            headers=headers,
            timeout=120,
        )
    elif kind == "listing":
        response = desk.get(
            f"{base}/@dossiers",
            params={"b_size": 20, "b_start": rng.choice([0, 20, 40])},
            headers=headers,
            timeout=120,
        )
    else:
        phone = f"0912 {serial % 1000:03d} {rng.randrange(1000):03d}"
        response = desk.post(
            f"{base}/ho-so",
            json={
                "@type": "Dossier",
                "procedure": where[1],
                "channel": "in_person",
                "receiving_unit": where[0],
                "applicant_name": "Người nộp thử tải",
                "applicant_phone": phone,
            },
            headers=headers,
            timeout=120,
        )
        if response.status_code == 201:
            body = response.json()
            shared.add(where[0], body["@id"], body["code"], phone.replace(" ", "")[-4:])
    return kind, response.status_code, EXPECTED[kind]


def phase(name, base, clients, seconds, shared, seed):
    """Drive the mix against ``base`` for ``seconds``; return the figures."""
    results = []  # (kind, seconds, ok)
    errors = collections.Counter()
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    kinds = [kind for kind, _w in MIX]
    weights = [weight for _k, weight in MIX]

    def client(index):
        rng = random.Random(seed * 100 + index)
        login, code, procedure = desk_login(index)
        desk = requests.Session()
        desk.auth = login
        anonymous = requests.Session()
        serial = index * 100000
        mine = []
        while time.perf_counter() < stop_at:
            kind = rng.choices(kinds, weights)[0]
            serial += 1
            started = time.perf_counter()
            try:
                kind, status, expected = one_request(
                    kind, base, desk, anonymous, shared, rng, serial, (code, procedure)
                )
            except requests.RequestException as error:
                kind, status, expected = kind, type(error).__name__, 200
            ended = time.perf_counter()
            # Requests still running at the end count in the latencies,
            # not in the throughput.
            mine.append((kind, ended - started, ended <= stop_at))
            if status != expected:
                with lock:
                    errors[f"{kind} {status}"] += 1
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    by_kind = collections.defaultdict(list)
    for kind, elapsed, _ok in results:
        by_kind[kind].append(elapsed)
    return {
        "name": name,
        "requests": len(results),
        "throughput": sum(1 for _k, _e, inside in results if inside) / seconds,
        "p50": percentile([e for _k, e, _o in results], 0.5),
        "p95": percentile([e for _k, e, _o in results], 0.95),
        "kinds": {
            kind: (len(values), percentile(values, 0.5), percentile(values, 0.95))
            for kind, values in sorted(by_kind.items())
        },
        "errors": dict(errors),
    }


def report(figures):
    print(
        f"\n{figures['name']}: {figures['requests']} requests, "
        f"{figures['throughput']:.1f} requests/s, p50 {figures['p50'] * 1000:.0f} ms, "
        f"p95 {figures['p95'] * 1000:.0f} ms, errors: {figures['errors'] or 'none'}"
    )
    for kind, (count, p50, p95) in figures["kinds"].items():
        print(
            f"  {kind:<11} {count:>6}  p50 {p50 * 1000:>6.0f} ms  p95 {p95 * 1000:>6.0f} ms"
        )


def report_replays(logs, marks) -> None:
    """The requests replayed after a conflict during a phase, by the class
    of the object written at once (the servers' ``dienbien.policy.conflicts``
    lines, docs/deploy.md)."""
    where = collections.Counter()
    for log, mark in zip(logs, marks, strict=True):
        with log.open("rb") as lines:
            lines.seek(mark)
            for line in lines.read().decode("utf-8", "replace").splitlines():
                found = re.search(r"request replayed .* after (\S+) on (\S+)", line)
                if found:
                    # RelStorage's read conflicts name no class: the error's
                    # type says what it was.
                    error, name = found.groups()
                    where[error if name == "an" else name] += 1
    listed = ", ".join(f"{name} {count}" for name, count in where.most_common(4))
    print(
        f"  replayed after a conflict: {sum(where.values())}"
        + (f" ({listed})" if listed else "")
    )


def client_counts(text: str) -> list[int]:
    """``8`` or ``8,16``: how many clients, one pair of phases for each."""
    try:
        counts = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text}") from None
    if not counts or not all(1 <= count <= len(DESKS) for count in counts):
        raise argparse.ArgumentTypeError(f"from 1 to {len(DESKS)} clients")
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="load.py")
    parser.add_argument("--seconds", type=float, default=60, help="per phase")
    parser.add_argument(
        "--clients",
        type=client_counts,
        default=[8],
        help="at most 22; several (8,16) measure both setups at each count",
    )
    parser.add_argument("--warmup", type=float, default=15, help="seconds per phase")
    parser.add_argument(
        "--dossiers",
        type=int,
        default=0,
        help="bulk-load this many dossiers (two years) before the load",
    )
    parser.add_argument("--keep", action="store_true", help="keep the folder")
    parser.add_argument(
        "--proxied-one",
        action="store_true",
        help="also measure the first instance alone behind the same proxy",
    )
    options = parser.parse_args(argv)
    if pgcluster.bindir() is None or cluster.haproxy_binary() is None:
        raise SystemExit(
            "needs Debian's postgresql and haproxy (make cluster-packages)"
        )

    # PostgreSQL (as postgres when root) needs a folder it can reach.
    work = pathlib.Path(tempfile.mkdtemp(prefix="bench-load-", dir="/tmp"))
    work.chmod(0o755)
    servers = []
    try:
        pg = work / "postgres"
        pgcluster.init(pg)
        homes = [work / f"zope{n}" for n in (1, 2)]
        for home in homes:
            cluster.write_instance(home, pgcluster.dsn(pg))
        print("Creating the demo site on RelStorage…", flush=True)
        setup = work / "setup.py"
        setup.write_text(f"DESKS = {DESKS!r}\nPASSWORD = {PASSWORD!r}\n" + SETUP)
        cluster.zconsole(
            homes[0], setup, ROOT / "scripts" / "create_site.py", quiet=True
        )
        if options.dossiers:
            print(f"Bulk-loading {options.dossiers} dossiers…", flush=True)
            history = work / "history.py"
            history.write_text(HISTORY)
            started = time.perf_counter()
            cluster.zconsole(
                homes[0], history, ROOT / "bench", options.dossiers, quiet=True
            )
            print(f"  in {time.perf_counter() - started:.0f} s", flush=True)
        ports = [pgcluster.free_port() for _home in homes]
        # Every client comes from 127.0.0.1: lift the public lookup's
        # per-address budget, which would answer 429 to a load test.
        for home, port in zip(homes, ports, strict=True):
            conf = home / "etc" / "zope.conf"
            conf.write_text(
                conf.read_text().replace(
                    "<environment>\n",
                    "<environment>\n  DIENBIEN_STATUS_LOOKUPS_PER_MINUTE 1000000\n",
                    1,
                )
            )
            servers.append(
                cluster.serve(home, port, log=home / "var" / "log" / "server.log")
            )
        for port, server in zip(ports, servers, strict=True):
            cluster.wait_until_up(f"http://127.0.0.1:{port}/dienbien", process=server)
        proxy_port = pgcluster.free_port()
        conf = work / "haproxy.cfg"
        conf.write_text(cluster.haproxy_conf("127.0.0.1", proxy_port, ports))
        cluster.start_haproxy(conf, work / "haproxy.pid")
        proxy = f"http://127.0.0.1:{proxy_port}/dienbien"
        cluster.wait_until_up(proxy)
        proxied_one = None
        if options.proxied_one:
            # The same proxy in front of the first instance alone: what the
            # proxy's own settings give one instance.
            single_port = pgcluster.free_port()
            single_conf = work / "haproxy-one.cfg"
            single_conf.write_text(
                cluster.haproxy_conf("127.0.0.1", single_port, ports[:1])
            )
            cluster.start_haproxy(single_conf, work / "haproxy-one.pid")
            proxied_one = f"http://127.0.0.1:{single_port}/dienbien"
            cluster.wait_until_up(proxied_one)

        shared = Shared()
        one = f"http://127.0.0.1:{ports[0]}/dienbien"
        # A few dossiers to look up, received before the clock starts.
        desk = requests.Session()
        desk.auth = DESK
        rng = random.Random(1)
        for serial in range(20):
            one_request("create", one, desk, desk, shared, rng, serial)
        logs = [home / "var" / "log" / "server.log" for home in homes]
        ratios = []
        for clients in options.clients:
            print(
                f"\nMix {dict(MIX)}, {clients} clients, {options.seconds:.0f} s "
                f"per phase after {options.warmup:.0f} s of warm-up, "
                f"{options.dossiers} dossiers loaded before; "
                f"{datetime.datetime.now():%Y-%m-%d %H:%M}",
                flush=True,
            )
            figures = []
            setups = [("one instance", one), ("two instances behind HAProxy", proxy)]
            if options.proxied_one:
                setups.insert(1, ("one instance behind HAProxy", proxied_one))
            for index, (name, base) in enumerate(setups):
                phase("warm-up", base, clients, options.warmup, shared, 90 + index)
                marks = [log.stat().st_size for log in logs]
                figures.append(
                    phase(name, base, clients, options.seconds, shared, index)
                )
                report(figures[-1])
                report_replays(logs, marks)
                # Whether the 2 cores were the limit (1 minute's average).
                print(f"  load average at the end: {os.getloadavg()[0]:.1f}")
            ratios.append(
                (clients, figures[0]["throughput"], figures[-1]["throughput"])
            )
            print(
                f"\nTwo instances / one, {clients} clients: "
                f"{figures[-1]['throughput'] / figures[0]['throughput']:.2f}x the throughput"
            )
            if options.proxied_one:
                print(
                    f"Two instances / one behind HAProxy, {clients} clients: "
                    f"{figures[-1]['throughput'] / figures[1]['throughput']:.2f}x"
                )
        if len(ratios) > 1:
            # Capacity: the most each setup gave at any of the counts.
            best_one = max(one_rate for _c, one_rate, _two in ratios)
            best_two = max(two_rate for _c, _one, two_rate in ratios)
            print(
                f"Best of each: one {best_one:.1f}, two {best_two:.1f} requests/s, "
                f"{best_two / best_one:.2f}x"
            )
        return 0
    finally:
        cluster.stop_pid(work / "haproxy.pid")
        cluster.stop_pid(work / "haproxy-one.pid")
        for server in servers:
            server.terminate()
            server.wait(timeout=60)
        pgcluster.stop(work / "postgres")
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
