"""`--smoke-test`: prove an installed (or frozen) app works end to end, with no screen.

Starts offscreen, opens the sample project, renders every wizard page to PNG, writes every export
to a temporary folder, and exits 0. Any exception or Qt warning makes it exit 1 and say what failed,
so a build that lost a hidden import, a resource file or a Qt plugin is caught before release.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

# Noise the offscreen platform prints on show(); not a fault of the app.
IGNORED_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)


def run_smoke_test(out_dir: str | Path | None = None) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    out_dir = out_dir or os.environ.get("CMDESK_SMOKE_DIR")
    out = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="cmdesk-smoke-"))
    out.mkdir(parents=True, exist_ok=True)
    # A private data folder: the smoke test must not touch the user's recent projects.
    os.environ.setdefault("CMDESK_DATA_DIR", str(out / "data"))
    problems: list[str] = []
    try:
        _run(out, problems)
    except Exception:
        problems.append(traceback.format_exc())
    # A windowed app on Windows or macOS has no console: the report file is what the build reads.
    report = "SMOKE TEST FAILED\n" + "".join(f"- {p}\n" for p in problems) if problems else "smoke test passed\n"
    (out / "smoke-report.txt").write_text(report, encoding="utf-8")
    if problems:
        print(report, file=sys.stderr, end="")
        return 1
    print(f"smoke test passed; pages and reports in {out}")
    return 0


def _run(out: Path, problems: list[str]) -> None:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    def on_qt_message(kind, _context, message) -> None:
        if kind != QtMsgType.QtDebugMsg and not message.startswith(IGNORED_QT_MESSAGES):
            problems.append(f"Qt: {message}")

    qInstallMessageHandler(on_qt_message)
    app = QApplication.instance() or QApplication([sys.argv[0]])

    from desktop.ui.main_window import create_main_window

    window = create_main_window()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.grab().save(str(out / "00-start.png"))
    if not window.open_sample_project():
        problems.append("the sample project did not open")
        return
    for number, page in enumerate(window.wizard.pages, start=1):
        window.wizard.step_list.setCurrentRow(number - 1)
        app.processEvents()
        picture = out / f"{number:02d}-{type(page).__name__}.png"
        if not window.grab().save(str(picture)):
            problems.append(f"could not render {type(page).__name__}")
    _write_exports(window.project, out / "exports", problems)
    window.close()
    app.processEvents()


def _write_exports(project, folder: Path, problems: list[str]) -> None:
    from desktop.core.filing.evidence import project_rollup
    from desktop.core.filing.report_builder import report_data_from_project
    from desktop.ui.export_worker import EXPORT_KINDS, draft_kinds, target_for, write_export

    # A project with open items gives draft data: every file is then written marked DRAFT.
    data = report_data_from_project(project, project_rollup(project))
    folder.mkdir(parents=True, exist_ok=True)
    for kind in draft_kinds(data) if data.draft else EXPORT_KINDS:
        target = target_for(kind, data, folder)
        records = write_export(kind, data, target)
        for record in records:
            if not Path(record.path).is_file() or Path(record.path).stat().st_size == 0:
                problems.append(f"{kind.key}: {record.path} is missing or empty")
