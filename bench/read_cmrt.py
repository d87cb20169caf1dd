"""Bench: read_cmrt on every 6.x CMRT under ../shared/cmrt, against openpyxl and python-calamine.

    python bench/read_cmrt.py [--runs 5] [--repeat 5]

Only 6.x CMRTs (the revision in SOURCES.tsv): the blank templates and the supplier files. Refused
non-CMRT files are left out, since refusing is much cheaper than reading. The real supplier files
(SOURCES.tsv notes "REAL") are reported apart. For each file, in the same process:
  ours      read_cmrt: sniff, zip checks, calamine, revision, declaration, products, smelters
  openpyxl  openpyxl.load_workbook (the default full load)
  calamine  python-calamine opening the file and reading the same three sheets to Python values
            (Declaration, Smelter List, Product List): the floor for any calamine-based reader.
Each figure is the median of --repeat reads in one process ("warm": the state a batch import is
in after its first file); the first read in the process is shown as "cold". Then the median over
--runs fresh processes. Targets (issue 13): at least 20x openpyxl, within 1.2x of calamine on
the real supplier files. Ours and calamine take turns read by read, and each read's CPU time
(this thread's) is kept beside its wall time: on a shared machine the wall clock also counts the
time other processes held the cores, so the CPU ratio is the one that compares the code.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.fresh import child_output, machine_note, medians, run_fresh  # noqa: E402

CMRT_DIR = REPO.parent / "shared" / "cmrt"
CALAMINE_SHEETS = ("Declaration", "Smelter List", "Product List")
TARGET_OPENPYXL = 20.0
TARGET_CALAMINE = 1.2


def cmrt_6x_files() -> list[tuple[Path, bool]]:
    """(path, is a real supplier file) for every 6.x CMRT listed in SOURCES.tsv."""
    with open(CMRT_DIR / "SOURCES.tsv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    files = []
    for row in rows:
        if row["revision"].startswith("CMRT 6") and (CMRT_DIR / row["file"]).exists():
            files.append((CMRT_DIR / row["file"], row["notes"].startswith("REAL")))
    return sorted(files)


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _timed_both(action) -> tuple[float, float]:
    """(wall seconds, this thread's CPU seconds)."""
    start, cpu = time.perf_counter(), time.thread_time()
    action()
    return time.perf_counter() - start, time.thread_time() - cpu


def child(repeat: int) -> None:
    import openpyxl
    from python_calamine import CalamineWorkbook

    from desktop.core.cmrt import read_cmrt

    def ours(path):
        read_cmrt(path)

    def calamine(path):
        workbook = CalamineWorkbook.from_path(str(path))
        for name in CALAMINE_SHEETS:
            workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        workbook.close()

    def full_openpyxl(path):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            openpyxl.load_workbook(path).close()

    figures = {}
    for path, _real in cmrt_6x_files():
        figures[f"cold|{path.name}"] = _timed(lambda: ours(path))
        turns = [(_timed_both(lambda: ours(path)), _timed_both(lambda: calamine(path))) for _ in range(repeat)]
        for index, name in enumerate(("ours", "calamine")):
            figures[f"{name}|{path.name}"] = statistics.median(turn[index][0] for turn in turns)
            figures[f"{name} cpu|{path.name}"] = statistics.median(turn[index][1] for turn in turns)
        figures[f"openpyxl|{path.name}"], figures[f"openpyxl cpu|{path.name}"] = _timed_both(
            lambda: full_openpyxl(path))  # ~2 s: once per process
    child_output(figures)


def summary_line(label: str, names: list[str], figures: dict) -> None:
    ours = statistics.median(figures[f"ours|{n}"] for n in names)
    calamine = statistics.median(figures[f"calamine|{n}"] for n in names)
    openpyxl = statistics.median(figures[f"openpyxl|{n}"] for n in names)
    vs_openpyxl = openpyxl / ours
    vs_calamine = ours / calamine
    print(f"{label}: median ours {ours * 1000:.1f} ms, openpyxl {openpyxl * 1000:.0f} ms, "
          f"calamine {calamine * 1000:.1f} ms")
    print(f"  {vs_openpyxl:.1f}x faster than openpyxl (target >= {TARGET_OPENPYXL:.0f}x: "
          f"{'met' if vs_openpyxl >= TARGET_OPENPYXL else 'MISSED'}); "
          f"{vs_calamine:.2f}x calamine's time (target <= {TARGET_CALAMINE}x: "
          f"{'met' if vs_calamine <= TARGET_CALAMINE else 'MISSED'})")
    ours_cpu, calamine_cpu, openpyxl_cpu = (statistics.median(figures[f"{name} cpu|{n}"] for n in names)
                                            for name in ("ours", "calamine", "openpyxl"))
    print(f"  CPU time: ours {ours_cpu * 1000:.1f} ms, openpyxl {openpyxl_cpu * 1000:.0f} ms, calamine "
          f"{calamine_cpu * 1000:.1f} ms: {openpyxl_cpu / ours_cpu:.1f}x faster than openpyxl, "
          f"{ours_cpu / calamine_cpu:.2f}x calamine's")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes")
    parser.add_argument("--repeat", type=int, default=5, help="reads per file per process")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.repeat)
        return 0
    figures = medians(run_fresh(__file__, options.runs, ["--repeat", str(options.repeat)]))
    files = cmrt_6x_files()
    print(f"median of {options.runs} fresh processes; {machine_note()}")
    print(f"{'file':<44} {'ours ms':>8} {'cold ms':>8} {'calamine':>9} {'openpyxl':>9} {'vs opx':>7} {'vs cal':>7}")
    for path, real in files:
        n = path.name
        ours, cold = figures[f"ours|{n}"], figures[f"cold|{n}"]
        cal, opx = figures[f"calamine|{n}"], figures[f"openpyxl|{n}"]
        print(f"{('* ' if real else '  ') + n[:42]:<44} {ours * 1000:8.1f} {cold * 1000:8.1f} {cal * 1000:9.1f} "
              f"{opx * 1000:9.0f} {opx / ours:6.1f}x {ours / cal:6.2f}x")
    print("(* real supplier files; vs opx = openpyxl time / ours; vs cal = ours / calamine time)")
    print()
    summary_line(f"all {len(files)} 6.x CMRTs", [p.name for p, _ in files], figures)
    summary_line(f"the {sum(r for _, r in files)} real supplier files", [p.name for p, r in files if r], figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
