"""Bench: launch to first paint, open a 500-supplier project, and switch between its pages.

    python bench/open_project.py [--runs 5] [--suppliers 500]

The project (built once into /tmp/cmdesk-bench, not timed) holds 500 suppliers with varied names,
each with its own copy of a real 6.x supplier file (bench/supplier_files.py: stored bytes and the
declaration as read), whose smelter list is replaced by 100 rows written the way that supplier
misspells names (bench/rollup.py): about 50,000 smelter rows, a large filer's project.

Each case runs in a fresh process (median of --runs), offscreen, timed from the top of the process
(before any import) or from the click:
  bare window       import PySide6, QApplication, a bare QMainWindow shown and painted (baseline)
  launch            import the app, create_main_window(), start screen shown and painted
  open sample       open the sample project from the start screen to its painted first page (baseline)
  open 500          open the 500-supplier project to its painted first page ("usable window"), at once
                    after launching; and again in other processes once the start screen has shown for
                    a second, as a user's click comes (meanwhile the app imports what opening needs)
  page switches     each wizard step shown and painted, in order, at once after the 500-supplier open
                    (the figures are worked out off the UI thread; a step shows placeholders for
                    what waits for them, and is filled in when they arrive)
  longest pause     the longest the window stays busy loading or filling in a step afterwards (one
                    step per tick; a click then waits that long at most)
  settled switches  each step again, once every step has loaded with its figures (the time to
                    that is printed)
Targets (issue 13): launch under 0.4 s; open 500 under 0.7 s; every page switch under 0.3 s.
The children run with our modules compiled to bytecode, as an installed app runs (bench/fresh.py
compiled_env), not compiled from source at each launch.
"""

from __future__ import annotations

import time

PROCESS_START = time.perf_counter()

import argparse  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_LAUNCH = 0.4
TARGET_OPEN = 0.7
TARGET_PAGE = 0.3
LOOK_SECONDS = 1.0  # how long the start screen shows before the user clicks a project, at least


def project_path(suppliers: int) -> Path:
    from bench.supplier_files import CACHE
    from desktop.core.project.schema import latest_version

    return CACHE / f"project-{suppliers}-schema{latest_version()}-v1.cmdesk"


def build_project(suppliers: int) -> Path:
    """The large project, built once per schema version."""
    path = project_path(suppliers)
    if path.exists():
        _give_snapshot(path)
        return path
    from bench.rollup import realistic_declarations
    from bench.supplier_files import REAL_6X, SUPPLIERS_DIR, supplier_workbooks
    from desktop.core.cmrt import load_declaration
    from desktop.core.project import Project
    from desktop.core.project.declaration_json import declaration_from_json, declaration_to_json
    from desktop.core.project.declaration_store import declaration_facts
    from desktop.core.smelters import load_reference
    from desktop.core.suppliers import RequestState, Supplier

    read = {name: declaration_to_json(load_declaration(SUPPLIERS_DIR / name)) for name in REAL_6X}
    sources = sorted(REAL_6X)
    rows = realistic_declarations(load_reference(), suppliers)
    partial = path.with_name("building-" + path.name)
    partial.unlink(missing_ok=True)
    project = Project.create(partial, company_name="Large Filer Inc.", reporting_year=2025)
    try:
        roster = [Supplier(name=name, email=f"cmrt{number}@supplier.example",
                           request_state=RequestState.COMPLETE)
                  for number, (_, name) in enumerate(supplier_workbooks(suppliers))]
        project.save_suppliers(roster)
        with project.transaction() as con:
            for number, (file_path, name) in enumerate(supplier_workbooks(suppliers)):
                declaration = declaration_from_json(read[sources[number % len(sources)]])
                declaration.company.name = name
                declaration.path, declaration.file_name = str(file_path), file_path.name
                declaration.smelters = rows[number].smelters
                project.add_declaration_file(file_path.read_bytes(), file_path.name, str(file_path),
                                             roster[number].id, con, **declaration_facts(declaration))
    finally:
        project.close()
    partial.rename(path)
    _give_snapshot(path)
    return path


def _give_snapshot(path: Path) -> None:
    """The project's own smelter reference, as a project started in the app has (no first-open notice)."""
    from desktop.core.project import Project
    from desktop.core.smelters.project_reference import ensure_snapshot

    project = Project.open(path)
    try:
        ensure_snapshot(project)
    finally:
        project.close()


def painted(window) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    window.repaint()  # paint now, synchronously, as the screen would show it


def child(case: str, suppliers: int) -> dict:
    if case == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 800)
        window.show()
        painted(window)
        return {"bare window": time.perf_counter() - PROCESS_START, "_app": id(app)}
    from PySide6.QtWidgets import QApplication

    from desktop.ui import dialogs
    from desktop.ui.main_window import create_main_window

    def refuse_dialog(*args, **kwargs):  # a modal dialog would wait forever offscreen
        raise RuntimeError(f"a dialog was opened: {args[1:]}")

    for name in ("show_error", "show_info", "confirm"):
        if hasattr(dialogs, name):
            setattr(dialogs, name, refuse_dialog)
    app = QApplication(sys.argv[:1])
    window = create_main_window()
    window.show()
    painted(window)
    figures = {"launch": time.perf_counter() - PROCESS_START, "_app": id(app)}
    if case == "launch":
        return figures
    if case == "sample":
        start = time.perf_counter()
        window.open_sample_project()
        painted(window)
        figures["open sample"] = time.perf_counter() - start
        return figures
    path = project_path(suppliers)
    if case == "after a look":
        until = time.perf_counter() + LOOK_SECONDS  # the start screen waits for the click, events served
        while time.perf_counter() < until:
            QApplication.processEvents()
            time.sleep(0.005)
        opened = time.perf_counter()
        window.open_project(path)
        painted(window)
        figures[f"open {suppliers} after a look"] = time.perf_counter() - opened
        window.close_project()
        return figures
    opened = time.perf_counter()
    window.open_project(path)
    painted(window)
    figures[f"open {suppliers}"] = time.perf_counter() - opened
    wizard = window.wizard
    for index, page in enumerate(wizard.pages):
        if index == wizard.current_index():
            continue
        start = time.perf_counter()
        wizard.step_list.setCurrentRow(index)
        painted(window)
        figures[f"page {index + 1} {page.title}"] = time.perf_counter() - start
    start = time.perf_counter()
    wizard.step_list.setCurrentRow(0)
    painted(window)
    figures[f"page 1 {wizard.pages[0].title} (back)"] = time.perf_counter() - start
    longest = 0.0
    while not wizard.steps_loaded():  # the figures are worked out off the UI thread
        start = time.perf_counter()
        QApplication.processEvents()  # a step loaded or filled in, if any: the window answers nothing meanwhile
        longest = max(longest, time.perf_counter() - start)
        time.sleep(0.005)
    figures["longest pause while steps fill in"] = longest
    figures["every step loaded, from the click"] = time.perf_counter() - opened
    for index, page in enumerate(wizard.pages):
        start = time.perf_counter()
        wizard.step_list.setCurrentRow((index + 1) % len(wizard.pages))
        painted(window)
        figures[f"settled page {(index + 1) % len(wizard.pages) + 1} {wizard.pages[(index + 1) % len(wizard.pages)].title}"] = (
            time.perf_counter() - start)
    window.close_project()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--suppliers", type=int, default=500)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("case", nargs="?", default="", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        with tempfile.TemporaryDirectory() as data:
            os.environ["CMDESK_DATA_DIR"] = data  # recent projects and the sample go here, not to the user's
            figures = child(options.case, options.suppliers)
        figures.pop("_app", None)
        from bench.fresh import child_output
        child_output(figures)
        sys.stdout.flush()
        os._exit(0)  # skip interpreter teardown: PySide6 can crash while collecting Qt objects at exit
    from bench.fresh import compiled_env, machine_note, medians, run_fresh

    started = time.perf_counter()
    path = build_project(options.suppliers)
    if time.perf_counter() - started > 1:
        print(f"built {path} in {time.perf_counter() - started:.0f} s")
    results, runs, env = {}, {}, compiled_env()
    for case in ("bare", "launch", "sample", "large", "after a look"):
        runs[case] = run_fresh(__file__, options.runs, ["--suppliers", str(options.suppliers), case], env)
        results.update(medians(runs[case]))
    print(f"median of {options.runs} fresh processes per case; {machine_note()}")
    print(f"project: {path.name}, {path.stat().st_size / 2**20:.0f} MB")
    bare, launch = results["bare window"], results["launch"]
    sample, large = results["open sample"], results[f"open {options.suppliers}"]
    print(f"{'what':<42} {'seconds':>8} {'baseline':>9} {'ratio':>7} {'target':>8}")

    def line(label, value, base, target):
        ratio = f"{value / base:6.1f}x" if base else ""
        verdict = "met" if value < target else "MISSED"
        shown = f"{base:9.3f}" if base else " " * 9
        print(f"{label:<42} {value:8.3f} {shown} {ratio:>7} {f'< {target}':>8} {verdict}")

    line("launch to first paint (vs bare window)", launch, bare, TARGET_LAUNCH)
    line(f"open {options.suppliers} suppliers (vs the sample)", large, sample, TARGET_OPEN)
    each = [run[f"open {options.suppliers}"] for run in runs["large"]]  # the target holds for the worst too
    print(f"  each run: {', '.join(f'{value:.3f}' for value in each)}; worst {max(each):.3f} "
          f"{'met' if max(each) < TARGET_OPEN else 'MISSED'}")
    line(f"  the same, {LOOK_SECONDS:.0f} s after launching", results[f"open {options.suppliers} after a look"],
         sample, TARGET_OPEN)
    print("page switches at once after the open (placeholders for figures not yet worked out):")
    for key, value in results.items():
        if key.startswith("page "):
            line(f"  {key[:40]}", value, None, TARGET_PAGE)
    line("  longest pause while steps fill in", results["longest pause while steps fill in"], None, TARGET_PAGE)
    print(f"every step loaded {results['every step loaded, from the click']:.3f} s after the click; then:")
    for key, value in results.items():
        if key.startswith("settled page "):
            line(f"  {key[len('settled '):][:40]}", value, None, TARGET_PAGE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
