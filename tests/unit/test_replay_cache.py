"""What a replayed request finds already done (core/recent.py): the text of
a file and pyHanko's reading of its signatures are kept by the digest of
the bytes (and of the trust roots), so Zope's replay of a registration that
met a ConflictError does not run ``pdftotext`` or pyHanko again."""

from attachment_files import tiny_pdf
from contextlib import contextmanager
from datetime import datetime
from dienbien.policy.core import attachments
from dienbien.policy.core import signatures as core
from dienbien.policy.core.recent import Recent
from dienbien.policy.core.recent import RETRY_WINDOW
from dienbien.policy.correspondence import fulltext
from dienbien.policy.signatures import store
from dienbien.policy.signatures import verify
from signed_pdfs import Authority
from signed_pdfs import signed_pdf

import hashlib
import io
import pytest


NOW = datetime(2026, 11, 30, 9, 0)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class File:
    """What ``fulltext._read`` uses of a NamedBlobFile."""

    def __init__(self, data, filename, content_type=""):
        self.data, self.filename, self.contentType = data, filename, content_type

    def getSize(self):
        return len(self.data)

    @contextmanager
    def open(self):
        yield io.BytesIO(self.data)


def _digest(data):
    return hashlib.sha256(data).hexdigest()


def counting(monkeypatch, module, name):
    """Replace ``module.name`` by itself, counting its calls."""
    calls = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


@pytest.fixture
def ticks(monkeypatch):
    ticks = Clock()
    monkeypatch.setattr(fulltext, "_RECENT", Recent(32, clock=ticks))
    monkeypatch.setattr(store, "_READINGS", Recent(32, clock=ticks))
    return ticks


def test_recent_keeps_the_last_used_and_forgets_aged_entries():
    ticks = Clock()
    recent = Recent(2, clock=ticks)
    recent.put("a", 1)
    recent.put("b", 2, max_age=60)
    assert recent.get("a") == 1  # "a" is now the most recently used
    recent.put("c", 3)
    assert (recent.get("a"), recent.get("b"), recent.get("c")) == (1, None, 3)
    recent.put("d", 4, max_age=60)
    ticks.now += 59
    assert recent.get("d") == 4
    ticks.now += 1
    assert recent.get("d") is None
    assert len(recent) == 1  # "c"; "a" made room for "d"


def test_the_same_bytes_are_given_to_pdftotext_once(monkeypatch, ticks):
    runs = counting(monkeypatch, attachments, "pdf_text")
    data = tiny_pdf("Quyet dinh replaycorn 2026")
    first = fulltext._read(_digest(data), File(data, "qd.pdf", "application/pdf"))
    again = fulltext._read(_digest(data), File(data, "ban-sao.pdf"))
    assert first == again == attachments.Extraction(text="Quyet dinh replaycorn 2026")
    assert len(runs) == 1
    # The kind is part of the key: the same bytes named .bin give no text.
    assert fulltext._read(_digest(data), File(data, "qd.bin")).text == ""


def test_a_missing_or_slow_pdftotext_is_tried_again(monkeypatch, ticks):
    data = tiny_pdf("Quyet dinh slowcorn")
    file = File(data, "qd.pdf")
    monkeypatch.setenv("PATH", "/nonexistent")
    assert fulltext._read(_digest(data), file).problem == attachments.MISSING_TOOL
    monkeypatch.undo()  # pdftotext installed: read at the next save
    monkeypatch.setattr(fulltext, "_RECENT", Recent(32, clock=ticks))
    slow = attachments.Extraction(problem=attachments.TIMED_OUT)
    runs = []
    monkeypatch.setattr(attachments, "pdf_text", lambda *a, **k: runs.append(1) or slow)
    assert fulltext._read(_digest(data), file) == slow
    # Not again in the replays of the request (each would wait the timeout)…
    ticks.now += RETRY_WINDOW - 1
    assert fulltext._read(_digest(data), file) == slow
    assert len(runs) == 1
    # …but at a save after them.
    ticks.now += 1
    fulltext._read(_digest(data), file)
    assert len(runs) == 2


@pytest.fixture(scope="module")
def signed():
    trusted, other = Authority("CA thử nghiệm"), Authority("CA lạ")
    return {
        "pdf": signed_pdf(trusted.signer(), text="Quyet dinh replaycorn"),
        "trusted": trusted.der(),
        "other": other.der(),
    }


def judged(signed, ders, force=False):
    data = signed["pdf"]
    reading = store._reading(data, _digest(data), ders, store.roots_digest(ders), force)
    return verify.judge(reading, NOW)


def test_a_pdf_is_verified_once_per_set_of_roots(monkeypatch, ticks, signed):
    readings = counting(monkeypatch, verify, "_read")
    first = judged(signed, [signed["trusted"]])
    assert first.verdict == core.VALID
    assert judged(signed, [signed["trusted"]]) == first
    assert len(readings) == 1
    # Other roots: verified again, never the verdict kept for the first ones.
    assert judged(signed, [signed["other"]]).verdict == core.UNTRUSTED
    assert judged(signed, [signed["trusted"], signed["other"]]).verdict == core.VALID
    assert len(readings) == 3
    # The re-verification button (``force``) reads the file again.
    assert judged(signed, [signed["trusted"]], force=True) == first
    assert len(readings) == 4


def test_a_reading_without_signing_time_is_kept_for_the_replays_only(
    monkeypatch, ticks
):
    """pyHanko checked such a chain at the moment it read it: a later save
    reads it again."""
    undated = verify.Reading((core.SignatureFacts("", "", None, False, False, False),))
    readings = []
    monkeypatch.setattr(verify, "_read", lambda *a: readings.append(1) or undated)
    data = b"%PDF-1.7 undated"
    for _ in range(2):
        store._reading(data, _digest(data), [], store.roots_digest([]), False)
    ticks.now += RETRY_WINDOW
    store._reading(data, _digest(data), [], store.roots_digest([]), False)
    assert len(readings) == 2
