"""A throw-away Zope instance for the benchmarks: its own folder, the
project's configuration, zconsole scripts, and a server on a free port of
127.0.0.1 that is stopped (and the folder removed) on exit."""

import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = pathlib.Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class ThrowAwayInstance:
    def __init__(self, prefix: str, keep: bool = False, home=None, **environment):
        self.prefix = prefix
        # An instance kept by an earlier run (``home``) is used as it is,
        # and kept.
        self.reused = home is not None
        self.keep = keep or self.reused
        self.environment = environment
        self.server = None
        if self.reused:
            self.home = pathlib.Path(home)

    def __enter__(self):
        if self.reused:
            self.env = dict(
                os.environ, INSTANCE_HOME=str(self.home), **self.environment
            )
            self.conf = str(self.home / "etc" / "zope.conf")
            return self
        self.home = pathlib.Path(tempfile.mkdtemp(prefix=prefix_of(self.prefix)))
        shutil.copytree(ROOT / "instance" / "etc", self.home / "etc")
        for sub in ("filestorage", "blobstorage", "log", "cache"):
            (self.home / "var" / sub).mkdir(parents=True)
        self.env = dict(os.environ, INSTANCE_HOME=str(self.home), **self.environment)
        self.conf = str(self.home / "etc" / "zope.conf")
        return self

    def __exit__(self, *exc_info):
        if self.server is not None:
            self.server.terminate()
            try:
                self.server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.server.kill()
        if self.keep:
            print(f"instance kept in {self.home}")
        else:
            shutil.rmtree(self.home, ignore_errors=True)

    def zconsole(self, script, *args, quiet=False) -> str:
        """Run a zconsole script against the instance; return its output."""
        return (
            subprocess.run(
                [str(BIN / "zconsole"), "run", self.conf, str(script), *map(str, args)],
                env=self.env,
                check=True,
                capture_output=quiet,
                text=True,
            ).stdout
            or ""
        )

    def create_site(self) -> None:
        self.zconsole(ROOT / "scripts" / "create_site.py", quiet=True)

    def script(self, name: str, text: str) -> pathlib.Path:
        path = self.home / name
        path.write_text(text)
        return path

    @property
    def data_fs_size(self) -> int:
        return (self.home / "var" / "filestorage" / "Data.fs").stat().st_size

    def serve(self, timeout: float = 120) -> str:
        """Start the server; return the site's URL once it answers."""
        port = free_port()
        self.server = subprocess.Popen(
            [
                str(BIN / "runwsgi"),
                str(self.home / "etc" / "zope.ini"),
                "http_host=127.0.0.1",
                f"http_port={port}",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}/dienbien"
        deadline = time.time() + timeout
        while True:
            try:
                request = urllib.request.Request(
                    base, headers={"Accept": "application/json"}
                )
                with urllib.request.urlopen(request, timeout=30):
                    return base
            except (OSError, urllib.error.HTTPError):
                if time.time() > deadline or self.server.poll() is not None:
                    raise SystemExit("the server did not answer") from None
                time.sleep(0.5)

    def server_rss(self) -> int:
        status = pathlib.Path(f"/proc/{self.server.pid}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0


def prefix_of(name: str) -> str:
    return f"bench-{name}-"
