"""Cluster mode: PostgreSQL, several Zope instances on RelStorage, HAProxy.

    python scripts/cluster.py start [--instances 2] [--port 8080]
    python scripts/cluster.py stop
    python scripts/cluster.py configure      # write the files only

(``make start-cluster`` / ``make stop-cluster``.) Everything lives under
``instance/var/``:

    postgres/          the PostgreSQL cluster (scripts/pgcluster.py)
    cluster/zopeN/     instance N: etc/ (copies of instance/etc with the
                       storage switched to relstorage) and var/ (logs,
                       template cache, blob cache)
    cluster/haproxy.cfg, cluster/*.pid

Instance N listens on 127.0.0.1:PORT+N; HAProxy listens on HOST:PORT,
hands the requests that write to instance 1 and the others to the rest, to
the one with the fewest requests in progress (docs/deploy.md, "The proxy").
The functions below are also used by the tests and by bench/load.py.
"""

import argparse
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request


ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import pgcluster  # noqa: E402


BIN = pathlib.Path(sys.executable).parent
VAR = ROOT / "instance" / "var"
#: Requests one instance works on at once (waitress threads in zope.ini);
#: HAProxy queues the others instead of piling them on a busy instance.
THREADS = 4
#: Writes the writer works on at once. Two writes at once meet in the
#: catalogue's B-trees (the same last buckets, the index counters) and one
#: of them is replayed after Zope's back-off of up to 1, 2, 4 s; one at a
#: time, none is (docs/benchmarks.md, "Seventh run"). The long writes
#: (imports, the daily jobs' endpoints) have a lane of their own, so that
#: an import does not hold the desks' receptions.
WRITES_AT_ONCE = 1
LONG_WRITES = r"/@@?(import-[a-z-]+|send-reminders|sync-groups)/?$"


def relstorage_conf(template: str, dsn: str, trusted_proxy: str | None) -> str:
    """instance/etc/zope.conf switched to RelStorage on ``dsn``."""
    default = "%define STORAGE filestorage\n%define PGDSN dbname=dienbien\n"
    if default not in template:
        raise SystemExit("instance/etc/zope.conf lost its STORAGE/PGDSN lines")
    text = template.replace(
        default, f"%define STORAGE relstorage\n%define PGDSN {dsn}\n"
    )
    if trusted_proxy:
        text += f"\n# HAProxy in front (scripts/cluster.py)\ntrusted-proxy {trusted_proxy}\n"
    return text


def write_instance(home, dsn: str, trusted_proxy: str | None = "127.0.0.1"):
    """An instance folder on RelStorage; returns its zope.conf path."""
    home = pathlib.Path(home)
    etc = home / "etc"
    if etc.exists():
        shutil.rmtree(etc)
    shutil.copytree(ROOT / "instance" / "etc", etc)
    conf = etc / "zope.conf"
    conf.write_text(relstorage_conf(conf.read_text(), dsn, trusted_proxy))
    conf.chmod(0o600)  # it holds the database password
    for sub in ("log", "cache", "blobcache"):
        (home / "var" / sub).mkdir(parents=True, exist_ok=True)
    return conf


def instance_env(home) -> dict:
    return dict(os.environ, INSTANCE_HOME=str(home), TZ="Asia/Ho_Chi_Minh")


def zconsole(home, script, *args, quiet=False):
    return subprocess.run(
        [
            str(BIN / "zconsole"),
            "run",
            str(pathlib.Path(home) / "etc" / "zope.conf"),
            str(script),
            *map(str, args),
        ],
        env=instance_env(home),
        check=True,
        capture_output=quiet,
        text=True,
    )


def serve(home, port: int, log=None) -> subprocess.Popen:
    """Start an instance's server (in its own session: it outlives us)."""
    output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    return subprocess.Popen(
        [
            str(BIN / "runwsgi"),
            str(pathlib.Path(home) / "etc" / "zope.ini"),
            "http_host=127.0.0.1",
            f"http_port={port}",
        ],
        env=instance_env(home),
        stdout=output,
        stderr=output,
        start_new_session=True,
    )


def wait_until_up(url: str, timeout: float = 180, process=None) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30):
                return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return
        except OSError:
            pass
        if process is not None and process.poll() is not None:
            raise SystemExit(f"the server for {url} stopped (see its log)")
        if time.time() > deadline:
            raise SystemExit(f"{url} did not answer within {timeout:.0f} s")
        time.sleep(0.3)


def haproxy_binary() -> str | None:
    return shutil.which("haproxy") or (
        "/usr/sbin/haproxy" if os.path.exists("/usr/sbin/haproxy") else None
    )


def haproxy_conf(host: str, port: int, backends: list[int]) -> str:
    def servers(writer: bool) -> str:
        # The first instance writes, the others read; each stands in for
        # the other role while no instance of it is up.
        def backup(n):
            if len(backends) == 1:
                return False
            return n > 1 if writer else n == 1

        # The writer's lines follow the readers' health checks (``track``):
        # one check per instance, one view of which are up.
        health = "track zope/zope{n}" if writer else "check inter 2s"
        connections = WRITES_AT_ONCE if writer else THREADS
        return "\n".join(
            f"  server zope{n} 127.0.0.1:{p} {health.format(n=n)} maxconn {connections}"
            + (" backup" if backup(n) else "")
            for n, p in enumerate(backends, 1)
        )

    return f"""# Written by scripts/cluster.py: HTTP on {host}:{port} to the Zope instances.
global
  maxconn 1024

defaults
  mode http
  option forwardfor
  # A request's body is read before it is passed on (up to HAProxy's
  # buffer, 16 kB: a JSON write), so that a slow client does not hold the
  # writer's one place; larger uploads are buffered by nginx in front
  # (docs/deploy.md, "The proxy").
  option http-buffer-request
  timeout connect 5s
  timeout client 300s
  timeout server 300s
  timeout queue 300s

frontend www
  bind {host}:{port}
  # Requests that write go to the first instance, one at a time
  # (docs/deploy.md, "The proxy"): two writers at once meet in the
  # catalogue's B-trees and one of them is replayed. The reads, the public
  # status lookup (a POST that writes nothing) among them, go to the others.
  acl reads method GET HEAD OPTIONS
  # (the path as the client sent it, "%40" or "@": decoded first)
  acl reads_by_post path,url_dec -m end /@dossier-status /tra-cuu-ho-so /@querystring-search
  acl long_writes path,url_dec -m reg {LONG_WRITES}
  use_backend long_writes if !reads long_writes
  use_backend writer if !reads !reads_by_post
  default_backend zope

backend zope
  # Zope keeps no state in the process (sessions are signed cookies, the
  # keys are in the database): any instance can answer any request, and
  # the writer reads too while no other instance is up.
  balance leastconn
  option httpchk GET /
  http-check expect status 200-499
{servers(False)}

backend writer
  # The first instance; the others stand in while it is down.
{servers(True)}

backend long_writes
  # Imports and the daily jobs: beside the writes above, one at a time.
{servers(True)}
"""


def start_haproxy(conf_path, pidfile) -> None:
    binary = haproxy_binary()
    if binary is None:
        raise SystemExit("HAProxy is not installed (sudo apt-get install haproxy)")
    subprocess.run(
        [binary, "-q", "-D", "-f", str(conf_path), "-p", str(pidfile)], check=True
    )


def stop_pid(pidfile, timeout: float = 30) -> None:
    pidfile = pathlib.Path(pidfile)
    if not pidfile.exists():
        return
    pid = int(pidfile.read_text().split()[0])
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pidfile.unlink()
        return
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
    pidfile.unlink()


def start(options) -> None:
    pg = VAR / "postgres"
    pgcluster.init(pg, port=options.pg_port)
    pgcluster.start(pg)
    folder = VAR / "cluster"
    homes = [folder / f"zope{n}" for n in range(1, options.instances + 1)]
    for home in homes:
        write_instance(home, pgcluster.dsn(pg))
    site = options.site_id
    # The site is created once (by the first instance), then upgraded.
    zconsole(homes[0], ROOT / "scripts" / "create_site.py", "--site-id", site)
    zconsole(homes[0], ROOT / "scripts" / "upgrade.py", "--site-id", site)
    ports = [options.port + n for n in range(1, options.instances + 1)]
    for home, port in zip(homes, ports, strict=True):
        pidfile = folder / f"{home.name}.pid"
        stop_pid(pidfile)
        process = serve(home, port, log=home / "var" / "log" / "server.log")
        pidfile.write_text(f"{process.pid}\n")
    for port in ports:
        wait_until_up(f"http://127.0.0.1:{port}/")
    conf = folder / "haproxy.cfg"
    conf.write_text(haproxy_conf(options.host, options.port, ports))
    stop_pid(folder / "haproxy.pid")
    start_haproxy(conf, folder / "haproxy.pid")
    wait_until_up(f"http://127.0.0.1:{options.port}/{site}")
    print(
        f"Serving http://localhost:{options.port}/{site} through HAProxy: "
        f"{options.instances} instances on ports "
        f"{', '.join(map(str, ports))}, PostgreSQL on 127.0.0.1:"
        f"{pgcluster.port_of(pg)} (instance/var/postgres). `make stop-cluster` "
        "stops them."
    )


def stop(options) -> None:
    folder = VAR / "cluster"
    stop_pid(folder / "haproxy.pid")
    for pidfile in sorted(folder.glob("zope*.pid")):
        stop_pid(pidfile)
    if pgcluster.bindir() is not None:
        pgcluster.stop(VAR / "postgres")
    print("Cluster stopped.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="cluster.py")
    parser.add_argument("action", choices=["start", "stop", "configure"])
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--pg-port", type=int, default=5433)
    parser.add_argument("--site-id", default="dienbien")
    options = parser.parse_args(argv)
    if options.action == "start":
        start(options)
    elif options.action == "stop":
        stop(options)
    else:
        pg = VAR / "postgres"
        pgcluster.init(pg, port=options.pg_port)
        for n in range(1, options.instances + 1):
            print(write_instance(VAR / "cluster" / f"zope{n}", pgcluster.dsn(pg)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
