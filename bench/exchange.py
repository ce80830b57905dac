"""Benchmark: edXML packages of about 1 MB in and out (issue 11, Measure).

Builds a throw-away instance with the demo site, then, served on 127.0.0.1,
as one client (the Zope admin), one request at a time:

- import: N packages (default 1,000) of about 1 MB each — a signed-PDF-sized
  attachment, ~770 KB of PDF, base64 in the package — sent by a sample
  organisation to the district, each a different document, through
  ``POST /dienbien/@edxml``: every one is read and checked, compared with
  the earlier ones, filed as an incoming document with its file (blob),
  the package kept, the PDF's signatures judged and its text extracted
  (pdftotext), as in real use;
- the inbox: N other such packages dropped in the exchange's inbox folder and
  received as ``make exchange-receive`` does (``receive_waiting``, fifty
  filed packages a commit) — how a platform's backlog arrives — timed
  inside the process, before the server starts (it holds the database);
- export: N issued outgoing documents of the district with the same files,
  bulk-loaded (``correspondence.bulk``) for a sample organisation, each
  downloaded with ``GET <document>/@edxml``.

Prints packages/s and the server's resident memory after each quarter of
the run and at its peak (``VmHWM``): memory should stay flat in the number
of packages. The packages are made here with the project's own writer
(``core.exchange.edxml.build``), deterministic (seeded). Bounded: fixed
counts, one client, loopback only; the server is stopped and the folder
removed at the end.

    .venv/bin/python bench/exchange.py [--packages 1000] [--size 1000000] [--keep]
        [--skip-http-import]
"""

from datetime import date
from dienbien.policy.core.exchange import edxml
from dienbien.policy.core.exchange.package import Attachment
from dienbien.policy.core.exchange.package import DocumentMessage
from dienbien.policy.core.exchange.package import Organ
from instance import ThrowAwayInstance

import argparse
import base64
import pathlib
import random
import subprocess
import sys
import time
import urllib.request


SENDER = Organ("000.00.02.H15", "Sở Nội vụ tỉnh Điện Biên")
DISTRICT = Organ("000.00.50.H15", "UBND huyện Điện Biên")
AUTH = "Basic " + base64.b64encode(b"admin:admin").decode("ascii")

LOADER = r"""
import sys, time, transaction
from datetime import datetime, timedelta
from zope.component.hooks import setSite
from plone import api
from plone.namedfile.file import NamedBlobFile
from Testing.makerequest import makerequest
from dienbien.policy.correspondence.bulk import bulk_load
from dienbien.policy.correspondence.demo import demo_records
from dienbien.policy.correspondence.documents import ID_PREFIXES

app = makerequest(app)
portal = app.dienbien
setSite(portal)
count, pdf_path = int(sys.argv[-2]), sys.argv[-1]
template = next(
    r for r in demo_records(datetime(2026, 11, 30, 8, 0))
    if r["kind"] == "outgoing" and r["state"] == "issued" and r["unit"] == "H15.50"
    and r.get("confidentiality") in (None, "normal")
)
pdf = open(pdf_path, "rb").read()

def records():
    for index in range(count):
        record = dict(template)
        # Ids come from the UID's first 12 digits: make those differ.
        record["uid"] = f"{index + 1:012x}" + "b" * 20
        # A series of its own (year 2000), not to disturb the demo's numbers.
        record["year"] = 2000
        record["number"] = index + 1
        record["notation"] = f"{index + 1:02d}/QĐ-UBND"
        record["series"] = None
        record["external_organisations"] = ["000.00.02.H15"]
        # Each file a different PDF: the page number at the end changes.
        record["file"] = NamedBlobFile(
            pdf + b"%% " + str(index).encode() + b"\n",
            contentType="application/pdf", filename=f"qd-{index + 1}.pdf")
        yield record

started = time.time()
with api.env.adopt_roles(["Manager"]):
    loaded = bulk_load(portal["van-ban"], records(), batch_size=100)
print(f"LOADED {loaded} {time.time() - started:.1f}")
folder = "/".join(portal["van-ban"].getPhysicalPath())
for index in range(count):
    print("URL", f"{folder}/{ID_PREFIXES['outgoing']}-{index + 1:012x}")
"""


INBOX = r"""
import pathlib, sys, time, transaction
from zope.component.hooks import setSite
from plone import api
from Testing.makerequest import makerequest
from dienbien.policy.exchange import receive
from dienbien.policy.exchange.transport import FolderTransport, INBOX, OUTBOX

def rss():
    found = {}
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) * 1024
    return found["VmRSS"], found["VmHWM"]

app = makerequest(app)
portal = app.dienbien
setSite(portal)
inbox = sys.argv[-1]
count = len(list(pathlib.Path(inbox).iterdir()))
quarters = {max(1, count * q // 4) for q in (1, 2, 3, 4)}
started = time.perf_counter()
acknowledged = 0

class Measured(FolderTransport):
    def acknowledge(self, identifier):
        global acknowledged
        super().acknowledge(identifier)
        acknowledged += 1
        if acknowledged in quarters:
            elapsed = time.perf_counter() - started
            now, peak = rss()
            print(f"  inbox  {acknowledged:5d}: {acknowledged / elapsed:6.1f} packages/s, "
                  f"RSS {now / 1e6:5.0f} MB, peak {peak / 1e6:5.0f} MB", flush=True)

with api.env.adopt_user(username="admin"):
    outcome = receive.receive_waiting(portal, Measured(None, inbox), commit_every=50)
transaction.get().note(receive.NOTE)
transaction.commit()
elapsed = time.perf_counter() - started
print(f"INBOX {len(outcome.filed)} {len(outcome.refused)} {elapsed:.2f}")
"""


def pdf_of(size: int, seed: int) -> bytes:
    """A valid one-page PDF of about ``size`` bytes: a line of text and an
    image stream of incompressible bytes (a scan's weight)."""
    rnd = random.Random(seed)
    image = rnd.randbytes(size)
    text = b"BT /F1 12 Tf 72 720 Td (Van ban so %d gui UBND huyen) Tj ET" % seed
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 "
        b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\n"
        b"stream\n%s\nendstream" % (len(image), image),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def package(index: int, pdf: bytes) -> bytes:
    return edxml.build(
        DocumentMessage(
            sender=SENDER,
            recipients=(DISTRICT,),
            # Far above the demo's own numbers (its documents from the same
            # sender would make a package a duplicate).
            number=str(100_001 + index),
            notation="SNV-CCVC",
            promulgated=date(2026, 11, 2),
            type_name="Công văn",
            subject=f"V/v báo cáo số liệu cán bộ, công chức (văn bản {index + 1})",
            attachments=(
                Attachment(
                    name=f"{index + 1}-SNV-CCVC.pdf",
                    content_type="application/pdf",
                    data=pdf + b"%% " + str(index).encode() + b"\n",
                ),
            ),
        )
    )


def request(method, url, data=None):
    headers = {"Authorization": AUTH, "Accept": "application/json"}
    if data is not None:
        headers["Content-Type"] = "application/xml"
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    with urllib.request.urlopen(req, timeout=300) as response:
        return response.status, response.read()


def memory(instance) -> tuple[int, int]:
    """The server's resident and peak resident memory, bytes."""
    status = pathlib.Path(f"/proc/{instance.server.pid}/status").read_text()
    found = {}
    for line in status.splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) * 1024
    return found["VmRSS"], found["VmHWM"]


def run(label, instance, count, step) -> float:
    """``step(index)`` ``count`` times; print the rate and memory by
    quarters; return packages/s."""
    quarters = {max(1, count * q // 4) for q in (1, 2, 3, 4)}
    started = time.perf_counter()
    for index in range(count):
        step(index)
        if index + 1 in quarters:
            elapsed = time.perf_counter() - started
            rss, peak = memory(instance)
            print(
                f"  {label} {index + 1:5d}: {(index + 1) / elapsed:6.1f} packages/s, "
                f"RSS {rss / 1e6:5.0f} MB, peak {peak / 1e6:5.0f} MB",
                flush=True,
            )
    return count / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=1000)
    parser.add_argument(
        "--size", type=int, default=1_000_000, help="bytes of a package, about"
    )
    parser.add_argument("--keep", action="store_true", help="keep the instance")
    parser.add_argument(
        "--skip-http-import", action="store_true", help="only the inbox and export"
    )
    options = parser.parse_args()
    # base64 makes the file 4/3 larger; the header is ~2 KB.
    pdf = pdf_of(max(1000, (options.size - 2500) * 3 // 4 - 600), seed=1)
    made = time.perf_counter()
    sample = package(0, pdf)
    print(
        f"one package: {len(sample):,} bytes, written in "
        f"{(time.perf_counter() - made) * 1000:.0f} ms by edxml.build"
    )
    with ThrowAwayInstance("exchange", keep=options.keep) as instance:
        print("creating the demo site…", flush=True)
        instance.create_site()
        pdf_path = instance.home / "file.pdf"
        pdf_path.write_bytes(pdf)
        print(f"bulk-loading {options.packages} issued documents…", flush=True)
        try:
            out = instance.zconsole(
                instance.script("load.py", LOADER),
                options.packages,
                pdf_path,
                quiet=True,
            )
        except subprocess.CalledProcessError as error:
            print(error.stdout[-3000:], error.stderr[-3000:])
            return 1
        paths = [line[4:] for line in out.splitlines() if line.startswith("URL ")]

        # Numbers far from the HTTP import's: these are other documents.
        inbox = instance.home / "inbox"
        inbox.mkdir()
        for index in range(options.packages):
            (inbox / f"{index:06d}-package.xml").write_bytes(
                package(500_000 + index, pdf)
            )
        print(f"inbox of {options.packages} packages (receive_waiting):", flush=True)
        out = instance.zconsole(instance.script("inbox.py", INBOX), inbox, quiet=True)
        print("\n".join(ln for ln in out.splitlines() if ln.startswith("  inbox")))
        [line] = [line for line in out.splitlines() if line.startswith("INBOX ")]
        filed, refused, elapsed = line.split()[1:]
        assert (int(filed), int(refused)) == (options.packages, 0), line
        received = options.packages / float(elapsed)

        base = instance.serve()
        root = base.rsplit("/", 1)[0]
        rss, _ = memory(instance)
        print(f"server up, RSS {rss / 1e6:.0f} MB")

        # Written before the clock starts, read back one at a time: the
        # client's writing a package (~10 ms) is not the server's time.
        posted = instance.home / "posted"
        posted.mkdir()
        if not options.skip_http_import:
            for index in range(options.packages):
                (posted / f"{index:06d}.xml").write_bytes(package(index, pdf))

        def import_one(index):
            data = (posted / f"{index:06d}.xml").read_bytes()
            status, body = request("POST", f"{base}/@edxml", data)
            assert status == 201, body[:500]

        def export_one(index):
            status, body = request("GET", f"{root}{paths[index]}/@edxml")
            assert status == 200 and len(body) > len(pdf), body[:500]

        imported = 0.0
        if not options.skip_http_import:
            print(f"import of {options.packages} packages (POST /@edxml):", flush=True)
            imported = run("import", instance, options.packages, import_one)
        print(f"export of {len(paths)} documents (GET …/@edxml):", flush=True)
        exported = run("export", instance, len(paths), export_one)
        _, peak = memory(instance)
        print(
            f"inbox {received:.1f} packages/s, import {imported:.1f} packages/s, "
            f"export {exported:.1f} packages/s "
            f"(target ≥ 20); server peak RSS {peak / 1e6:.0f} MB; "
            f"Data.fs {instance.data_fs_size / 1e6:.0f} MB"
        )
        return 0


if __name__ == "__main__":
    sys.exit(main())
