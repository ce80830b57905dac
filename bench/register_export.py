"""Benchmark: a year's register of 20,000 rows as .xlsx, without a server.

Times the two parts of an export that do not depend on the catalog: the
rows (``core.correspondence.register_rows``) and the workbook
(``correspondence.registers.workbook``, XlsxWriter in constant-memory mode), over
synthetic incoming documents shaped like real ones. The whole export over
HTTP, with the catalog read, is ``bench/correspondence.py``'s
``GET /@registers/incoming?unit=…&year=…&format=xlsx``.

    .venv/bin/python bench/register_export.py [--rows 20000] [--rounds 3]

Prints wall and CPU seconds of each round (the best is the figure; the
machine is shared) and the file's size.
"""

from datetime import date
from datetime import datetime
from datetime import timedelta
from dienbien.policy.core.correspondence import register_rows as rr
from dienbien.policy.correspondence.registers.workbook import write_register

import argparse
import time


SENDERS = ("UBND tỉnh Điện Biên", "Sở Nội vụ tỉnh Điện Biên", "Sở Tài chính")


def entries(count: int) -> list[rr.IncomingEntry]:
    start = datetime(2026, 1, 2, 7, 30)
    return [
        rr.IncomingEntry(
            number=number,
            received=start + timedelta(minutes=25 * number),
            doctype=("dispatch", "decision", "invitation", "report")[number % 4],
            summary="V/v triển khai kế hoạch phòng chống thiên tai và tìm kiếm "
            f"cứu nạn năm 2026 trên địa bàn huyện (đợt {number})",
            author=SENDERS[number % len(SENDERS)],
            notation=f"{number}/UBND-VX",
            document_date=date(2026, 1, 1) + timedelta(days=number // 60),
            recipient="Phòng Tài chính - Kế hoạch; Nguyễn Văn An",
            forwarded=start + timedelta(minutes=25 * number, hours=2),
            urgency="urgent" if number % 9 == 0 else "normal",
        )
        for number in range(1, count + 1)
    ]


def export(rows_count: int) -> tuple[float, float, int]:
    """One export: (wall seconds, CPU seconds, bytes)."""
    data = entries(rows_count)
    columns = rr.COLUMNS[rr.INCOMING]
    wall, cpu = time.perf_counter(), time.process_time()
    rows = rr.rows(rr.INCOMING, data, date(2026, 12, 31))
    body = write_register(
        columns,
        [column.title for column in columns],
        rows,
        heading=("UBND HUYỆN ĐIỆN BIÊN", "VĂN PHÒNG HĐND VÀ UBND"),
        title=rr.title(rr.INCOMING),
        subtitle=("Năm 2026",),
    )
    return time.perf_counter() - wall, time.process_time() - cpu, len(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results = [export(args.rows) for _ in range(args.rounds)]
    for wall, cpu, size in results:
        print(f"{args.rows} rows: {wall:.2f} s wall, {cpu:.2f} s CPU, {size} bytes")
    print(f"best: {min(wall for wall, _, _ in results):.2f} s (target ≤ 2 s)")


if __name__ == "__main__":
    main()
