"""The secret-access log's lines: what one holds, and reading them back for
one document."""

from datetime import datetime
from dienbien.policy.clock import TIMEZONE
from dienbien.policy.correspondence import secretlog

import json
import logging
import pytest


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    path = tmp_path / "secret-access.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger(secretlog.LOGGER_NAME)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    monkeypatch.setattr(logger, "propagate", False)
    moments = iter(
        datetime(2026, 3, 3, 10, minute, 5, tzinfo=TIMEZONE) for minute in range(60)
    )
    monkeypatch.setattr(secretlog, "wall_time", lambda: next(moments))
    yield path
    logger.removeHandler(handler)
    handler.close()


def test_a_line_holds_who_when_which_and_how_only(log_file):
    secretlog.record("uid-1", "lanhdao.huyen", "GET", "api")
    (line,) = log_file.read_text("utf-8").splitlines()
    assert json.loads(line) == {
        "method": "GET",
        "time": "2026-03-03T10:00:05+07:00",
        "uid": "uid-1",
        "user": "lanhdao.huyen",
        "view": "api",
    }


def test_openings_of_one_document(log_file):
    secretlog.record("uid-1", "a", "GET", "")
    secretlog.record("uid-2", "b", "GET", "")
    with log_file.open("a", encoding="utf-8") as lines:
        lines.write("not a record uid-1\n")
        lines.write('{"uid": "uid-1x", "user": "c"}\n')
    secretlog.record("uid-1", "d", "GET", "@@download/file")
    assert secretlog.log_files() == [str(log_file)]
    assert [(e["user"], e["view"]) for e in secretlog.openings("uid-1")] == [
        ("a", ""),
        ("d", "@@download/file"),
    ]
    assert secretlog.openings("uid-3") == []


@pytest.mark.parametrize(
    ("level", "secret"),
    [("normal", False), (None, False), ("confidential", True), ("bogus", True)],
)
def test_what_counts_as_secret(level, secret):
    class Document:
        confidentiality = level

    assert secretlog.is_secret(Document()) is secret
