"""PostgreSQL (and HAProxy) for the tests, through the project's own
scripts/pgcluster.py and scripts/cluster.py, and the one rule for a missing
server: the tests skip on a developer's machine but fail in CI (``CI=true``,
set by .ci/run, which installs Debian's postgresql and haproxy)."""

from contextlib import contextmanager

import os
import pathlib
import pwd
import pytest
import shutil
import sys
import tempfile


ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import cluster  # noqa: E402
import pgcluster  # noqa: E402


def _no_server_user() -> bool:
    """As root, pgcluster runs the server as Debian's ``postgres`` user."""
    if os.geteuid() != 0:
        return False
    try:
        pwd.getpwnam(pgcluster.SERVICE_USER)
    except KeyError:
        return True
    return False


def require(haproxy: bool = False) -> None:
    """Skip (fail in CI) when what the test needs is not installed."""
    missing = []
    if pgcluster.bindir() is None or _no_server_user():
        missing.append("PostgreSQL (Debian's postgresql)")
    if haproxy and cluster.haproxy_binary() is None:
        missing.append("HAProxy (Debian's haproxy)")
    if not missing:
        return
    message = f"{' and '.join(missing)} not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}: CI must run these tests (.ci/run installs it)")
    pytest.skip(f"{message}: sudo apt-get install postgresql haproxy")


@contextmanager
def postgresql(tmp_path_factory):
    """A running private PostgreSQL (scripts/pgcluster.py) on a free
    loopback port; yields its folder, stops and removes it after."""
    if os.geteuid() == 0:
        # PostgreSQL runs as ``postgres``, who cannot enter pytest's 0700
        # folders of root: a folder of its own in /tmp, removed below.
        home = pathlib.Path(tempfile.mkdtemp(prefix="dienbien-pg-", dir="/tmp"))
        home.chmod(0o755)
    else:
        home = tmp_path_factory.mktemp("pg")
    folder = home / "cluster"
    try:
        pgcluster.init(folder)
        yield folder
    finally:
        pgcluster.stop(folder)
        if os.geteuid() == 0:
            shutil.rmtree(home, ignore_errors=True)
