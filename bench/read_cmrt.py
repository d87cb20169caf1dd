"""Bench: how fast read_cmrt reads every workbook under ../shared/cmrt, against openpyxl's full load.

    python bench/read_cmrt.py [--repeat 5]

For each file: the median time of read_cmrt (our reader: sniff, decrypt, zip checks, calamine,
normalise) and of openpyxl's full `load_workbook()` on the same bytes (decrypted first;
openpyxl cannot open .xls, so those rows show only our time). Then the ratio of the medians and
a batch of every file through load_many with 1 and 2 workers.
Target (issue 3): at least 15x faster than openpyxl's full load, and a batch API using both cores.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import msoffcrypto  # noqa: E402
import openpyxl  # noqa: E402

from desktop.core.cmrt import load_many, read_cmrt  # noqa: E402
from desktop.core.cmrt.model import UnreadableFile  # noqa: E402
from desktop.core.cmrt.workbook_file import OLE_MAGIC, ZIP_MAGIC  # noqa: E402

CMRT_DIR = REPO.parent / "shared" / "cmrt"


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def our_read(path: Path) -> None:
    try:
        read_cmrt(path)
    except UnreadableFile:
        pass  # refusing a file quickly is part of the job


def openpyxl_bytes(path: Path) -> bytes | None:
    data = path.read_bytes()
    if data.startswith(OLE_MAGIC):
        try:
            office = msoffcrypto.OfficeFile(io.BytesIO(data))
            office.load_key(password="VelvetSweatshop")
            out = io.BytesIO()
            office.decrypt(out)
            data = out.getvalue()
        except Exception:
            return None
    return data if data.startswith(ZIP_MAGIC) else None  # openpyxl reads only .xlsx


def openpyxl_read(data: bytes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(io.BytesIO(data))  # the default, full (not read-only) load
        workbook.close()


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--openpyxl-repeat", type=int, default=3, help="openpyxl is slow; fewer runs")
    options = parser.parse_args()
    files = sorted(path for path in CMRT_DIR.rglob("*") if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"))
    print(f"{'file':<48} {'ours ms':>8} {'openpyxl ms':>12} {'ratio':>7}")
    ours_all, theirs_all, ratios = [], [], []
    for path in files:
        ours = median_seconds(lambda: our_read(path), options.repeat)
        ours_all.append(ours)
        data = openpyxl_bytes(path)
        if data is None:
            print(f"{path.name[:48]:<48} {ours * 1000:8.1f} {'n/a':>12} {'':>7}")
            continue
        theirs = median_seconds(lambda: openpyxl_read(data), options.openpyxl_repeat)
        theirs_all.append(theirs)
        ratios.append(theirs / ours)
        print(f"{path.name[:48]:<48} {ours * 1000:8.1f} {theirs * 1000:12.1f} {theirs / ours:6.1f}x")
    print()
    print(f"median per file: ours {statistics.median(ours_all) * 1000:.1f} ms, "
          f"openpyxl full load {statistics.median(theirs_all) * 1000:.1f} ms "
          f"(on the {len(theirs_all)} files it can open)")
    print(f"ratio of medians: {statistics.median(theirs_all) / statistics.median(ours_all):.1f}x; "
          f"median per-file ratio {statistics.median(ratios):.1f}x; lowest {min(ratios):.1f}x (target 15x)")
    batch = files * 4
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} before the batch "
          "(other processes share these cores)")
    for workers in (1, 2):
        start = time.perf_counter()
        cpu_before = _cpu_seconds()
        results = load_many(batch, workers=workers)
        elapsed = time.perf_counter() - start
        cpu = _cpu_seconds() - cpu_before
        print(f"load_many (read + check) of {len(batch)} files with {workers} worker(s): {elapsed:.2f} s "
              f"({elapsed / len(batch) * 1000:.1f} ms per file, {len(results)} results; "
              f"{cpu:.1f} CPU s, {cpu / elapsed:.2f} cores busy)")
    print(f"at that pace 300 supplier files take about {elapsed / len(batch) * 300:.0f} s with 2 workers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
