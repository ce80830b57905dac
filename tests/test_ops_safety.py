"""Operations on a real instance (FileStorage and blobs under tmp_path):

- a backup (repozo, full then incremental, with the server serving, and the
  blob snapshots) restored after the data changed and was packed gives back
  the state of the backup, files included; a restore refuses while the
  server has the database open;
- SIGKILL in the middle of a bulk dossier import and then of a burst of
  creations: the database opens, every dossier and document is whole, no
  number is duplicated or skipped, and the counters continue after the
  highest number issued.
"""

from ops_instance import build_template
from ops_instance import DESK
from ops_instance import dossier
from ops_instance import incoming
from ops_instance import Instance
from ops_instance import pdf

import collections
import json
import pytest
import re
import requests
import shutil
import threading


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_template(tmp_path_factory.mktemp("ops-template"))


@pytest.fixture
def instance(template, tmp_path):
    made = Instance.copy_of(template, tmp_path / "instance")
    yield made
    made.stop()


def read_state(instance) -> dict:
    """What the storage holds, read straight from Data.fs and the blob
    directory (no server): dossier codes, and each document's file bytes by
    its summary."""
    from ZODB.DB import DB
    from ZODB.FileStorage import FileStorage

    storage = FileStorage(
        str(instance.data_fs), blob_dir=str(instance.blob_dir), read_only=True
    )
    db = DB(storage)
    try:
        connection = db.open()
        portal = connection.root()["Application"]["dienbien"]
        return {
            "dossiers": sorted(o.code for o in portal["ho-so"].objectValues()),
            "documents": {
                o.summary: o.file.data for o in portal["van-ban"].objectValues()
            },
        }
    finally:
        db.close()


def blob_files(directory) -> dict:
    return {
        str(path.relative_to(directory)): path.stat().st_ino
        for path in directory.rglob("*.blob")
    }


def stamp_of(output: str) -> str:
    return re.search(r"Backup (\S+) in", output)[1]


def test_backup_restore_with_blobs(instance, tmp_path):
    backups = tmp_path / "backups"
    url = instance.serve()
    clerk, vanthu = instance.session("clerk"), instance.session("vanthu")
    first_file, second_file = pdf("first dispatch"), pdf("second dispatch")

    def receive(applicant):
        response = clerk.post(f"{url}/ho-so", json=dossier(applicant), timeout=60)
        assert response.status_code == 201, response.text
        return response.json()["code"]

    def register(summary, content):
        body = incoming(summary, content)
        response = vanthu.post(f"{url}/van-ban", json=body, timeout=60)
        assert response.status_code == 201, response.text
        return response.json()["@id"]

    register("Công văn thứ nhất", first_file)
    first_dossier = receive("Người nộp thứ nhất")
    # The server keeps serving while repozo copies.
    full = stamp_of(instance.script("backup.py", "backup", "--dir", str(backups)))

    register("Công văn thứ hai", second_file)
    second_dossier = receive("Người nộp thứ hai")
    incremental = stamp_of(
        instance.script("backup.py", "backup", "--dir", str(backups))
    )
    files = sorted(p.name for p in (backups / "filestorage").iterdir())
    assert f"{full}.fsz" in files and f"{incremental}.deltafsz" in files
    # The second snapshot holds the first one's blob as a hard link.
    first_blobs = blob_files(backups / "blobstorage" / full)
    second_blobs = blob_files(backups / "blobstorage" / incremental)
    assert len(first_blobs) >= 1 and len(second_blobs) == len(first_blobs) + 1
    assert {k: second_blobs[k] for k in first_blobs} == first_blobs

    # After the backups: another document and dossier.
    register("Công văn thứ ba", pdf("third dispatch"))
    third_dossier = receive("Người nộp thứ ba")
    # The server still holds the database: a restore refuses.
    with pytest.raises(AssertionError, match="stop it, then restore"):
        instance.script("backup.py", "restore", "--dir", str(backups))
    instance.stop()

    # Packing drops the old revisions and keeps every current object.
    before = read_state(instance)
    size = instance.data_fs.stat().st_size
    instance.script("pack.py", "--days", "0")
    assert instance.data_fs.stat().st_size < size
    assert read_state(instance) == before
    assert before["dossiers"] == sorted([first_dossier, second_dossier, third_dossier])

    # The disk is lost, data and blobs; its folders come back empty (as
    # `make restore` makes them).
    for folder in (instance.data_fs.parent, instance.blob_dir):
        shutil.rmtree(folder)
        folder.mkdir()
    instance.script("backup.py", "restore", "--dir", str(backups))
    assert read_state(instance) == {
        "dossiers": sorted([first_dossier, second_dossier]),
        "documents": {
            "Công văn thứ nhất": first_file,
            "Công văn thứ hai": second_file,
        },
    }
    instance.script("backup.py", "restore", "--dir", str(backups), "--at", full)
    assert read_state(instance) == {
        "dossiers": [first_dossier],
        "documents": {"Công văn thứ nhất": first_file},
    }


# Bulk-load dossiers of earlier days, BATCH to a transaction, printing the
# count after each commit (bench/dossiers.py's loader, smaller).
LOADER = f"""
import sys
from datetime import date, datetime, time, timedelta
from dienbien.policy.core.dossiers import dossier_code
from dienbien.policy.dossiers.bulk import bulk_load
from dienbien.policy.scripting import open_site
from plone import api

portal = open_site(app, "dienbien")
total, batch = int(sys.argv[-2]), int(sys.argv[-1])

def records():
    for n in range(total):
        day = date(2026, 1, 5) + timedelta(days=n // 150)
        accepted = datetime.combine(day, time(8, 0)) + timedelta(minutes=n % 150)
        appointment = accepted + timedelta(days=1)
        yield {{
            "code": dossier_code("{DESK}", day, n % 150 + 1),
            "procedure": "2.000815", "procedure_title": "Chứng thực bản sao",
            "procedure_field": "chung-thuc", "channel": "in_person",
            "receiving_unit": "{DESK}", "handling_unit": "H15.50.03",
            "applicant_name": "Người nộp mẫu", "applicant_phone": "0912000111",
            "papers": [{{"name": "Tờ khai", "kind": "original", "count": 1}}],
            "fee": 0, "submitted": accepted, "accepted": accepted,
            "appointment": appointment, "resolved": None, "returned": None,
            "terms": {{"channel": "in_person", "time_value": 1.0,
                      "time_unit": "working_days", "cutoff": "", "fee": 0,
                      "note": ""}},
            "state": "processing",
            "log": [{{"time": accepted, "actor": "bulk", "action": "accept",
                     "from_state": "submitted", "to_state": "accepted",
                     "from_unit": None, "to_unit": "{DESK}", "note": "",
                     "timeliness": "early", "appointment": appointment}}],
        }}

def progress(loaded):
    print("loaded", loaded, flush=True)

with api.env.adopt_roles(["Manager"]):
    bulk_load(portal["ho-so"], records(), batch_size=batch, progress=progress)
print("done", flush=True)
"""

# Everything a check needs, read after the crash by a fresh process.
CHECK = """
import hashlib, json
from dienbien.policy.scripting import open_site
from plone import api
from zope.annotation.interfaces import IAnnotations

portal = open_site(app, "dienbien")
catalog = portal.portal_catalog
found = {"dossiers": [], "documents": []}
for obj in portal["ho-so"].objectValues():
    found["dossiers"].append({
        "code": obj.code, "procedure": obj.procedure,
        "receiving_unit": obj.receiving_unit, "handling_unit": obj.handling_unit,
        "applicant_name": obj.applicant_name,
        "accepted": obj.accepted.isoformat(), "appointment": obj.appointment.isoformat(),
        "state": api.content.get_state(obj), "log": len(IAnnotations(obj)["dienbien.policy.handover_log"]),
        "catalogued": [b.dossier_code for b in catalog.unrestrictedSearchResults(UID=obj.UID())],
    })
for obj in portal["van-ban"].objectValues():
    data = obj.file.data
    found["documents"].append({
        "summary": obj.summary, "number": obj.incoming_number, "year": obj.year,
        "state": api.content.get_state(obj), "size": obj.file.getSize(),
        "sha": hashlib.sha256(data).hexdigest(),
        "catalogued": len(catalog.unrestrictedSearchResults(UID=obj.UID())),
    })
found["catalogued_dossiers"] = len(catalog.unrestrictedSearchResults(portal_type="Dossier"))
found["dossier_counters"] = {
    key: counter.value for key, counter in
    IAnnotations(portal["ho-so"]).get("dienbien.policy.dossier_sequences", {}).items()}
found["document_counters"] = {
    key: counter.value for key, counter in
    IAnnotations(portal["van-ban"]).get("dienbien.policy.document_sequences", {}).items()}
print(json.dumps(found))
"""


def test_sigkill_mid_import_and_mid_burst(instance):
    import hashlib

    # 1. The bulk import is killed once it has reported two batches.
    total, batch = 300, 50
    loader = instance.zconsole_process(LOADER, str(total), str(batch))
    reported = []
    for line in loader.stdout:
        reported.append(line.split())
        if len(reported) == 2:
            break
    assert loader.poll() is None  # still importing
    loader.kill()
    loader.wait(timeout=60)
    assert reported == [["loaded", "50"], ["loaded", "100"]]

    # 2. A burst of creations is killed once the server has answered 12
    #    (3 of them documents).
    url = instance.serve()
    answered, errors = [], []
    condition = threading.Condition()
    stop = threading.Event()

    def work(client):
        # Each client alternates a desk's dossier and an office's document.
        sessions = {
            "ho-so": instance.session("clerk"),
            "van-ban": instance.session("vanthu"),
        }
        for n in range(10_000):
            if stop.is_set():
                return
            if (client + n) % 2:
                target, body = "ho-so", dossier(f"Người nộp {client}-{n}")
            else:
                content = f"Công văn {client}-{n}: nội dung thử".encode()
                target = "van-ban"
                body = incoming(f"Công văn {client}-{n}", content, "cong-van.txt")
            try:
                response = sessions[target].post(
                    f"{url}/{target}", json=body, timeout=120
                )
            except requests.RequestException as error:
                if not stop.is_set():
                    errors.append(repr(error))
                return  # the server is gone; this request's fate is unknown
            with condition:
                if response.status_code == 201:
                    answer = response.json()
                    if target == "van-ban":
                        answer["sha"] = hashlib.sha256(content).hexdigest()
                    answered.append((target, answer))
                else:
                    errors.append(response.text)
                condition.notify_all()

    threads = [threading.Thread(target=work, args=(client,)) for client in range(3)]
    for thread in threads:
        thread.start()
    with condition:
        assert condition.wait_for(
            lambda: (
                len(answered) >= 12
                and sum(target == "van-ban" for target, _ in answered) >= 3
            ),
            timeout=240,
        ), (errors[:3], len(answered))
        stop.set()
        instance.kill()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []

    # 3. A fresh process opens the database (as a restarted server does):
    #    all whole, nothing doubled.
    found = json.loads(instance.zconsole(CHECK).strip().splitlines()[-1])
    dossiers = found["dossiers"]
    bulk = [d for d in dossiers if d["code"] < f"{DESK}-2602"]
    assert len(bulk) % batch == 0 and 100 <= len(bulk) < total
    codes = [d["code"] for d in dossiers]
    assert len(codes) == len(set(codes)) == found["catalogued_dossiers"]
    for item in dossiers:
        assert item["catalogued"] == [item["code"]]
        assert item["procedure"] == "2.000815"
        assert (item["receiving_unit"], item["handling_unit"]) == (DESK, "H15.50.03")
        assert item["applicant_name"].startswith("Người nộp")
        assert item["appointment"] > item["accepted"]
        assert item["log"] >= 1
        assert item["state"] in ("processing", "accepted")
    # Every creation the server answered is there.
    for kind, answer in answered:
        if kind == "ho-so":
            assert answer["code"] in codes
    sequences = collections.defaultdict(list)
    for code in codes:
        unit, day, seq = re.match(r"(.+)-(\d{6})-(\d{4})$", code).groups()
        sequences[f"{unit}|20{day}"].append(int(seq))
    # Gap-free, and each day's counter stands at its highest number: the
    # next one continues after it (sequence.next_number adds one).
    for key, numbers in sequences.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), key
    assert found["dossier_counters"] == {k: len(v) for k, v in sequences.items()}

    documents = found["documents"]
    # One series per year (the burst may straddle a New Year's midnight).
    yearly = collections.defaultdict(list)
    for document in documents:
        yearly[document["year"]].append(document["number"])
    for numbers in yearly.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
    assert sorted(found["document_counters"].values()) == sorted(
        map(len, yearly.values())
    )
    by_summary = {d["summary"]: d for d in documents}
    assert {d["catalogued"] for d in documents} == {1}
    for kind, answer in answered:
        if kind == "van-ban":
            kept = by_summary[answer["summary"]]
            assert (kept["number"], kept["sha"]) == (
                answer["incoming_number"],
                answer["sha"],
            )
    assert all(d["size"] > 0 and d["state"] == "registered" for d in documents)
