"""Bench: import 10, 100 and 500 supplier files into a new project (read, check, save).

    python bench/import_files.py [--runs 1] [--sizes 10 100 500]

The files are distinct copies of the real 6.x supplier workbooks, each with its own made-up
company name (bench/supplier_files.py), so every one is read, checked, matched to a new supplier
and stored, as a large filer's first import would be. Each case runs in a fresh process:
read_supplier_files with the app's default workers, then save_import into a new project.
Figures: wall time, peak RSS of the main process and of the largest worker, project size.
Baseline in the same run: the same import with 1 worker. Targets (issue 13): all cores used
(workers follow the core count); main-process memory flat in the number of files (under 300 MB
at 500 files).
"""

from __future__ import annotations

import argparse
import inspect
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fresh import child_output, machine_note, medians, run_fresh  # noqa: E402

TARGET_MB = 300


def child(count: int, workers: int | None) -> dict:
    from bench.supplier_files import supplier_workbooks
    from desktop.core.suppliers.inquiry import read_supplier_files, save_import
    from desktop.core.project import Project

    paths = [path for path, _ in supplier_workbooks(count)]
    with tempfile.TemporaryDirectory() as folder:
        project = Project.create(Path(folder) / "import.cmdesk")
        start = time.perf_counter()
        options = {} if workers is None else {"workers": workers}
        files = read_supplier_files(paths, project.suppliers(), **options)
        read = time.perf_counter() - start
        save_import(project, files)
        total = time.perf_counter() - start
        project.close()
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
    problems = sum(1 for f in files if f.problem)
    return {
        "read": read, "total": total, "problems": problems,
        "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "project_mb": size / 2**20,
    }


def default_workers() -> str:
    from desktop.core.suppliers.inquiry import read_supplier_files

    default = inspect.signature(read_supplier_files).parameters["workers"].default
    return str(default)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="fresh processes per case")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 500])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("count", nargs="?", type=int, default=0, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child_output(child(options.count, options.workers))
        return 0
    from bench.supplier_files import supplier_workbooks

    supplier_workbooks(max(options.sizes))  # built once, not timed
    print(f"median of {options.runs} fresh process(es) per case; {machine_note()}")
    print(f"read_supplier_files' default workers: {default_workers()}")
    print(f"{'files':>5} {'workers':>8} {'read s':>7} {'total s':>8} {'vs 1 worker':>11} {'main MB':>8} "
          f"{'worker MB':>9} {'project MB':>10} {'unreadable':>10}")
    for count in options.sizes:
        default = medians(run_fresh(__file__, options.runs, [str(count)]))
        single = medians(run_fresh(__file__, options.runs, ["--workers", "1", str(count)]))
        for label, r in (("default", default), ("1", single)):
            ratio = f"{single['total'] / r['total']:10.2f}x" if label == "default" else ""
            print(f"{count:5d} {label:>8} {r['read']:7.1f} {r['total']:8.1f} {ratio:>11} {r['main_mb']:8.0f} "
                  f"{r['worker_mb']:9.0f} {r['project_mb']:10.0f} {r['problems']:10.0f}")
    print(f"targets: workers = cores ({os.cpu_count()} here); main-process peak under {TARGET_MB} MB at 500 "
          "files and flat in the number of files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
