"""Status packages (QCVN 102:2016 ``MessageStatus``, reference exchange.md
§5) and the folder-drop transport: what we write reads back the same, a
malformed status names its element, the sender's per-recipient record keeps
the latest status whatever order the packages arrive in."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from dienbien.policy.core.correspondence import delivery
from dienbien.policy.core.exchange import edxml
from dienbien.policy.core.exchange import status
from dienbien.policy.core.exchange.edxml import PackageError
from dienbien.policy.core.exchange.package import Organ
from dienbien.policy.core.exchange.package import ResponseFor
from dienbien.policy.exchange.transport import FolderTransport
from hypothesis import given
from hypothesis import strategies as st

import pytest


DOCUMENT = ResponseFor(
    "000.00.50.H15",
    "05/QĐ-UBND",
    date(2026, 8, 3),
    "000.00.50.H15,2026/08/03,05/QĐ-UBND",
)
COMMUNE = Organ("000.01.50.H15", "Ủy ban nhân dân xã Thanh Xương")
AT = datetime(2026, 8, 4, 9, 30)


def message(code="03", **fields):
    values = {
        "document": DOCUMENT,
        "sender": COMMUNE,
        "code": code,
        "timestamp": AT,
        "description": "",
        "staff": status.Staff(department="Văn phòng", name="Lò Thị Mai"),
    }
    values.update(fields)
    return status.StatusMessage(**values)


@pytest.mark.parametrize("code", list(status.NAMES))
def test_every_status_reads_back_the_same(code):
    sent = message(code, description="Gửi nhầm đơn vị" if code == "02" else "")
    package = status.build_status(sent)
    assert b"<edXML:MessageStatus>" in package
    assert b"<edXML:StatusCode>" + code.encode() + b"<" in package
    assert edxml.parse(package) == sent


def test_one_vocabulary_for_internal_and_external_recipients():
    # Every state an internal delivery reaches has the code an external
    # recipient would send for it, and the same name in the table.
    for state, name in delivery.STATUS_OF_STATE.items():
        code = status.code_for_state(state)
        if state == "recalled":
            assert status.NAMES[code] == "recall_agreed"
        else:
            assert status.NAMES[code] == name
    assert set(status.NAMES.values()) <= set(delivery.STATUSES) | set(
        delivery.EXCHANGE_STATUSES
    )
    assert status.code_for_state("draft") is None


@pytest.mark.parametrize(
    "old, new, element",
    [
        (b">03<", b">07<", "edXML:MessageStatus/edXML:StatusCode"),
        (b">03<", b"><", "edXML:MessageStatus/edXML:StatusCode"),
        (
            b"2026/08/04 09:30:00",
            b"04/08/2026 09:30",
            "edXML:MessageStatus/edXML:Timestamp",
        ),
        (
            b"<edXML:DocumentId>000.00.50.H15,2026/08/03,05/Q\xc4\x90-UBND<",
            b"<edXML:DocumentId><",
            "edXML:MessageStatus/edXML:ResponseFor/edXML:DocumentId",
        ),
        (
            b"<edXML:OrganId>000.01.50.H15<",
            b"<edXML:OrganId>xa Thanh Xuong<",
            "edXML:MessageStatus/edXML:From/edXML:OrganId",
        ),
    ],
)
def test_a_malformed_status_names_its_element(old, new, element):
    package = status.build_status(message())
    assert old in package
    with pytest.raises(PackageError) as raised:
        edxml.parse(package.replace(old, new, 1))
    assert raised.value.element == element


def test_a_status_without_its_sender_names_from():
    package = status.build_status(message())
    start = package.index(b"<edXML:From>")
    end = package.index(b"</edXML:From>") + len(b"</edXML:From>")
    with pytest.raises(PackageError) as raised:
        edxml.parse(package[:start] + package[end:])
    assert raised.value.element == "edXML:MessageStatus/edXML:From"


def test_the_sender_keeps_each_recipients_latest_status():
    rows = ({"organ_id": COMMUNE.organ_id, "name": COMMUNE.name, "status": "sent"},)
    rows = status.recorded(rows, COMMUNE, "03", AT)
    assert [(row["status"], row["changed"]) for row in rows] == [("registered", AT)]
    # A platform's late retry of the earlier 01 changes nothing.
    assert status.recorded(rows, COMMUNE, "01", AT - timedelta(minutes=5)) == rows
    # Our recall shows at once, and the answer replaces it even when the
    # recipient's clock is behind ours.
    recalled = status.recorded(rows, COMMUNE, "13", AT + timedelta(hours=1), own=True)
    assert recalled[0]["status"] == "recalled"
    agreed = status.recorded(recalled, COMMUNE, "15", AT + timedelta(minutes=50))
    assert agreed[0]["status"] == "recall_agreed"
    # Another organisation gets its own row.
    other = Organ("000.00.31.H15", "Sở Tư pháp")
    assert [row["organ_id"] for row in status.recorded(agreed, other, "01", AT)] == [
        COMMUNE.organ_id,
        other.organ_id,
    ]


@given(st.permutations(["01", "03", "04", "05", "06"]))
def test_out_of_order_statuses_leave_the_last_one(order):
    moments = {"01": 0, "03": 10, "04": 20, "05": 30, "06": 40}
    rows = ()
    for code in order:
        rows = status.recorded(
            rows, COMMUNE, code, AT + timedelta(minutes=moments[code])
        )
    assert [row["status"] for row in rows] == ["done"]


def test_the_folder_transport(tmp_path, clock):
    clock("2026-08-04T09:30:05")
    outbox, inbox = tmp_path / "ra", tmp_path / "vao"
    transport = FolderTransport(outbox, inbox)
    assert transport.received() == []  # no inbox folder yet
    name = transport.send(b"<edXML/>", "status-03-000.01.50.H15")
    assert name.startswith("20260804-093005-status-03-000-01-50-H15-")
    assert [p.name for p in outbox.iterdir()] == [name]
    assert (outbox / name).read_bytes() == b"<edXML/>"

    inbox.mkdir()
    (inbox / "b.xml").write_bytes(b"second")
    (inbox / "a.xml").write_bytes(b"first")
    (inbox / "c.xml.part").write_bytes(b"half")  # still being written
    (inbox / "notes.txt").write_text("not a package")
    assert transport.received() == ["a.xml", "b.xml"]
    assert transport.fetch("a.xml") == b"first"
    transport.acknowledge("a.xml")
    transport.acknowledge("a.xml")  # twice: no error
    assert transport.received() == ["b.xml"]
    for wrong in ("../ra/" + name, "c.xml.part", "missing.xml"):
        with pytest.raises(KeyError):
            transport.fetch(wrong)


def test_a_recalled_copy_keeps_its_line_in_the_incoming_register():
    from dienbien.policy.core.correspondence import register_rows as rr

    assert "recalled" in rr.NUMBERED_STATES[rr.INCOMING]
    entry = rr.IncomingEntry(
        number=7,
        received=date(2026, 8, 4),
        doctype="decision",
        summary="Về việc phê duyệt kế hoạch",
        state="recalled",
    )
    assert rr.incoming_row(entry)[-1] == "Đã thu hồi"


def test_the_exchange_folders_are_full_paths():
    from dienbien.policy.controlpanel.settings import IDienbienSettings
    from types import SimpleNamespace
    from zope.interface import Invalid

    [check] = [
        invariant
        for invariant in IDienbienSettings.getTaggedValue("invariants")
        if invariant.__name__ == "exchange_folders_are_full_paths"
    ]
    check(SimpleNamespace(exchange_outbox="/srv/lgsp/ra", exchange_inbox=""))
    with pytest.raises(Invalid, match="var/vao"):
        check(SimpleNamespace(exchange_outbox="", exchange_inbox="var/vao"))
