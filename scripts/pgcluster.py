"""A private PostgreSQL cluster in one folder, from Debian's packages.

Used by ``make start-cluster`` / ``make stop-cluster`` (the folder is
``instance/var/postgres``), by the backup targets and by the tests (a folder of
their own, a free port). Standard library only: it runs with any Python 3.

    python3 scripts/pgcluster.py init   DIR [--port 5433] [--database dienbien]
    python3 scripts/pgcluster.py start  DIR
    python3 scripts/pgcluster.py stop   DIR
    python3 scripts/pgcluster.py status DIR
    python3 scripts/pgcluster.py dsn    DIR      # libpq DSN of the database
    python3 scripts/pgcluster.py env    DIR      # PGHOST=… lines for pg_dump/psql

The folder holds ``data/`` (the cluster), ``server.log``, ``port`` and
``password`` (the role ``dienbien``'s password, mode 0600). The server listens
on 127.0.0.1 only, without a Unix socket, and asks for the password
(scram-sha-256) on every connection.

PostgreSQL refuses to run as root: when run by root (CI), ``initdb``,
``pg_ctl`` and the server run as the ``postgres`` user (created by Debian's
package) through ``runuser``, and the folder belongs to that user. Its parent
folders must then be traversable by ``postgres`` (not a 0700 folder of root).
"""

import argparse
import glob
import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile


ROLE = "dienbien"
DATABASE = "dienbien"
SERVICE_USER = "postgres"


def bindir() -> pathlib.Path | None:
    """The newest installed PostgreSQL's bin folder (Debian layout)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(path.split("/")[4]),
    )
    return pathlib.Path(found[-1]).parent if found else None


def _bin(name: str) -> str:
    folder = bindir()
    if folder is None:
        raise SystemExit(
            "PostgreSQL is not installed (sudo apt-get install postgresql; "
            "`make start-cluster` does it when it may)"
        )
    return str(folder / name)


def _as_owner(command: list[str]) -> list[str]:
    """PostgreSQL's own programs run as ``postgres`` when we are root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", SERVICE_USER, "--", *command]
    return command


def _chown(path: pathlib.Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, SERVICE_USER, SERVICE_USER)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_of(folder) -> int:
    return int((pathlib.Path(folder) / "port").read_text())


def password_of(folder) -> str:
    return (pathlib.Path(folder) / "password").read_text().strip()


def dsn(folder, database: str = DATABASE) -> str:
    return (
        f"host=127.0.0.1 port={port_of(folder)} dbname={database} "
        f"user={ROLE} password={password_of(folder)}"
    )


def client_env(folder, database: str = DATABASE) -> dict:
    """Environment for psql, pg_dump, pg_restore (libpq variables)."""
    return {
        "PGHOST": "127.0.0.1",
        "PGPORT": str(port_of(folder)),
        "PGUSER": ROLE,
        "PGPASSWORD": password_of(folder),
        "PGDATABASE": database,
    }


def initialised(folder) -> bool:
    return (pathlib.Path(folder) / "data" / "PG_VERSION").exists()


def init(folder, port: int | None = None, database: str = DATABASE) -> None:
    """Create the cluster and its database (nothing when it exists)."""
    folder = pathlib.Path(folder).resolve()
    if initialised(folder):
        return
    folder.mkdir(parents=True, exist_ok=True)
    _chown(folder)
    password = secrets.token_hex(16)
    secret = folder / "password"
    secret.write_text(password + "\n")
    secret.chmod(0o600)
    (folder / "port").write_text(f"{port or free_port()}\n")
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False) as pwfile:
        pwfile.write(password + "\n")
    _chown(pathlib.Path(pwfile.name))
    try:
        subprocess.run(
            _as_owner(
                [
                    _bin("initdb"),
                    "--pgdata",
                    str(folder / "data"),
                    "--username",
                    ROLE,
                    "--pwfile",
                    pwfile.name,
                    "--auth",
                    "scram-sha-256",
                    "--encoding",
                    "UTF8",
                    "--locale",
                    "C.UTF-8",
                    # A cluster that crashes while it is being created is
                    # created again: no need to wait for the disk here.
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    finally:
        os.unlink(pwfile.name)
    # Loopback only, no Unix socket (no clash with a system cluster's socket
    # folder, nor with another test's cluster).
    with open(folder / "data" / "postgresql.conf", "a") as conf:
        conf.write(
            "\n# dienbien.policy (scripts/pgcluster.py)\n"
            "listen_addresses = '127.0.0.1'\n"
            f"port = {port_of(folder)}\n"
            "unix_socket_directories = ''\n"
            "max_connections = 200\n"
        )
    start(folder)
    subprocess.run(
        [_bin("psql"), "-q", "-d", "postgres", "-c", f"CREATE DATABASE {database}"],
        env=dict(os.environ, **client_env(folder, "postgres")),
        check=True,
    )


def running(folder) -> bool:
    result = subprocess.run(
        _as_owner([_bin("pg_ctl"), "status", "-D", str(pathlib.Path(folder) / "data")]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return result.returncode == 0


def start(folder) -> None:
    folder = pathlib.Path(folder).resolve()
    if running(folder):
        return
    log = folder / "server.log"
    if not log.exists():
        log.touch()
        _chown(log)
    subprocess.run(
        _as_owner(
            [
                _bin("pg_ctl"),
                "start",
                "--wait",
                "--timeout",
                "60",
                "-D",
                str(folder / "data"),
                "-l",
                str(log),
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def stop(folder) -> None:
    folder = pathlib.Path(folder).resolve()
    if not initialised(folder) or not running(folder):
        return
    subprocess.run(
        _as_owner(
            [_bin("pg_ctl"), "stop", "--wait", "-m", "fast", "-D", str(folder / "data")]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="pgcluster.py", description=__doc__)
    parser.add_argument(
        "action", choices=["init", "start", "stop", "status", "dsn", "env"]
    )
    parser.add_argument("folder")
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--database", default=DATABASE)
    options = parser.parse_args(argv)
    folder = pathlib.Path(options.folder)
    if options.action == "init":
        init(folder, options.port, options.database)
        start(folder)
    elif options.action == "start":
        start(folder)
    elif options.action == "stop":
        stop(folder)
    elif options.action == "status":
        return 0 if initialised(folder) and running(folder) else 3
    elif options.action == "dsn":
        print(dsn(folder, options.database))
    elif options.action == "env":
        for key, value in client_env(folder, options.database).items():
            print(f"{key}={value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
