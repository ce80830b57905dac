"""Benchmark: the procedure catalogue search against stock plone.restapi.

Builds a throw-away instance with the Điện Biên site, loads N generated
procedures (default 5,000, published), serves it with runwsgi on a free
port of 127.0.0.1, then times, over HTTP and in the same run, for the same
queries:

- ours:  GET /dienbien/@procedures?q=<query>
- stock: GET /dienbien/@search?SearchableText=<query>&portal_type=Procedure

and prints p50/p95 for each and their ratio. Bounded: a fixed number of
requests per query, one client, and the server is stopped at the end.

    .venv/bin/python bench/procedures.py [--procedures 5000] [--rounds 30]

The figures and the command go into docs/benchmarks.md.
"""

from instance import percentile
from instance import ThrowAwayInstance

import argparse
import json
import pathlib
import statistics
import sys
import time
import urllib.parse
import urllib.request


ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = pathlib.Path(sys.executable).parent
QUERIES = [
    "khai sinh",
    "dang ky ket hon",
    "Đăng ký khai sinh",
    "chung thuc",
    "giay phep xay dung",
    "ho kinh doanh",
    "tro cap",
    "quyen su dung dat",
]

LOADER = r"""
import random, sys, time, transaction
from zope.component.hooks import setSite
from plone import api
from Testing.makerequest import makerequest
app = makerequest(app)
portal = app.dienbien
setSite(portal)
count = int(sys.argv[-1])
rng = random.Random(20261129)
subjects = ["khai sinh", "kết hôn", "khai tử", "thay đổi hộ tịch", "bản sao từ bản chính",
            "chữ ký", "giấy phép xây dựng", "hộ kinh doanh", "trợ cấp xã hội",
            "quyền sử dụng đất", "chuyển mục đích sử dụng đất", "nuôi con nuôi",
            "cấp lại giấy chứng nhận", "điều chỉnh giấy phép", "hợp đồng", "di chúc",
            "giám hộ", "trường đạt chuẩn", "hỗ trợ thiên tai", "chăn nuôi"]
verbs = ["Đăng ký", "Cấp", "Chứng thực", "Cấp đổi", "Gia hạn", "Điều chỉnh", "Xác nhận",
         "Thẩm định", "Công nhận", "Giải quyết"]
places = ["", " cho người nước ngoài", " có yếu tố nước ngoài", " lưu động", " tại xã",
          " tại huyện", " lần đầu", " bổ sung"]
fields = ["ho-tich", "chung-thuc", "dat-dai", "xay-dung", "dang-ky-kinh-doanh",
          "lao-dong-tbxh", "giao-duc", "nong-nghiep"]
folder = portal["thu-tuc-hanh-chinh"]
started = time.time()
with api.env.adopt_roles(["Manager"]):
    for index in range(count):
        title = f"{rng.choice(verbs)} {rng.choice(subjects)}{rng.choice(places)} ({index})"
        code = f"9.{index:06d}"  # apart from the demo catalogue's real codes
        obj = api.content.create(
            container=folder, type="Procedure", id=code.replace(".", "-"), title=title,
            code=code, field=rng.choice(fields), level=rng.choice(["district", "commune"]),
            online_service="full",
            channels=[{"channel": "in_person", "time_value": float(rng.randint(1, 20)),
                       "time_unit": "working_days", "cutoff": "", "fee": rng.choice([0, 20000, 50000]),
                       "note": ""}],
            components=[{"name": "Tờ khai", "originals": 1, "copies": 0, "form": ""}],
        )
        api.content.transition(obj=obj, transition="submit")
        api.content.transition(obj=obj, transition="publish")
        if index % 500 == 499:
            transaction.commit()
            print(f"  {index + 1}/{count} ({(index + 1) / (time.time() - started):.0f}/s)", flush=True)
transaction.commit()
print(f"LOADED {count} in {time.time() - started:.1f}s")
"""


def timed(url: str) -> float:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        assert response.status == 200, response.status
    elapsed = (time.perf_counter() - started) * 1000
    json.loads(body)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=30, help="requests per query")
    options = parser.parse_args()

    with ThrowAwayInstance("procedures") as instance:
        print("creating the site (demo organisation)…", flush=True)
        instance.create_site()
        print(f"loading {options.procedures} procedures…", flush=True)
        instance.zconsole(instance.script("load.py", LOADER), options.procedures)
        size = instance.data_fs_size
        base = instance.serve()

        def ours(q):
            return f"{base}/@procedures?" + urllib.parse.urlencode({"q": q})

        def stock(q):
            return f"{base}/@search?" + urllib.parse.urlencode(
                {"SearchableText": q, "portal_type": "Procedure"}
            )

        results = {"ours": [], "stock": []}
        hits = {}
        for q in QUERIES:  # warm both caches once
            hits[q] = (
                json.loads(
                    urllib.request.urlopen(
                        urllib.request.Request(
                            ours(q), headers={"Accept": "application/json"}
                        )
                    ).read()
                )["items_total"],
                json.loads(
                    urllib.request.urlopen(
                        urllib.request.Request(
                            stock(q), headers={"Accept": "application/json"}
                        )
                    ).read()
                )["items_total"],
            )
        for _ in range(options.rounds):
            for q in QUERIES:
                results["ours"].append(timed(ours(q)))
                results["stock"].append(timed(stock(q)))

        print()
        print(
            f"procedures: {options.procedures}, Data.fs: {size / 1e6:.1f} MB, "
            f"{options.rounds} rounds x {len(QUERIES)} queries per endpoint"
        )
        print(f"{'query':24} {'@procedures hits':>17} {'@search hits':>13}")
        for q, (a, b) in hits.items():
            print(f"{q:24} {a:>17} {b:>13}")
        print()
        print(f"{'endpoint':40} {'p50 ms':>8} {'p95 ms':>8}")
        summary = {}
        for name, label in (
            ("ours", "@procedures?q="),
            ("stock", "@search?SearchableText= (stock)"),
        ):
            p50, p95 = percentile(results[name], 0.5), percentile(results[name], 0.95)
            summary[name] = (p50, p95)
            print(f"{label:40} {p50:8.1f} {p95:8.1f}")
        print(
            f"ratio stock/ours (p50): {summary['stock'][0] / summary['ours'][0]:.2f}x; "
            f"mean ours {statistics.mean(results['ours']):.1f} ms"
        )
        return 0


if __name__ == "__main__":
    sys.exit(main())
