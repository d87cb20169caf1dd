"""Launching paints the start screen without the export stack or the wizard's pages (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.ui.main_window import PAGE_CLASSES, create_main_window

REPO = Path(__file__).resolve().parents[2]
EXPORT_STACK = ("openpyxl", "reportlab", "numpy", "pandas")


def test_importing_the_window_leaves_the_export_stack_unloaded():
    # A fresh interpreter: this test session has long since imported everything.
    probe = ("import sys; import desktop.ui.main_window; "
             f"print(','.join(m for m in {EXPORT_STACK!r} if m in sys.modules))")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_the_start_screen_builds_no_wizard_until_a_project_opens(qtbot, tmp_path):
    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    assert window._wizard is None
    assert window.screens.currentWidget() is window.start_screen
    assert window.open_sample_project()
    assert window._wizard is not None
    assert window.screens.currentWidget() is window.wizard
    assert len(window.wizard.pages) == len(PAGE_CLASSES)
    window.close_project()


# The CMRT workbook reader and what only it needs (the worker pool, decryption, the workbook readers).
WORKBOOK_READER = ("desktop.core.cmrt.workbook_file", "desktop.core.cmrt.batch", "desktop.core.cmrt.checking",
                   "concurrent.futures.process", "msoffcrypto", "python_calamine")


def test_opening_a_project_leaves_the_workbook_reader_unloaded(sample_project_path, tmp_path):
    # Opening decodes the stored declarations; reading workbooks waits until the user imports one.
    probe = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "from desktop.ui.main_window import create_main_window; window = create_main_window(); window.show(); "
        f"assert window.open_project({str(sample_project_path)!r}); app.processEvents(); "
        f"print(','.join(m for m in {WORKBOOK_READER!r} if m in sys.modules), flush=True); "
        "import os; os._exit(0)"  # PySide6 can crash collecting Qt objects at exit (bench/open_project.py)
    )
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", CMDESK_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1:] in ([], [""])


def test_the_start_screen_imports_what_opening_needs_while_it_waits_and_builds_nothing(tmp_path):
    # A fresh interpreter: launching has not imported the store or the steps; waiting on the start
    # screen does, a module per turn of the event loop, and builds no step.
    probe = (
        "import sys, time; from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "from desktop.ui.main_window import OPENING_MODULES, create_main_window; "
        "window = create_main_window(); window.show(); app.processEvents(); "
        "before = [m for m in OPENING_MODULES if m in sys.modules]; limit = time.monotonic() + 30\n"
        "while any(m not in sys.modules for m in OPENING_MODULES) and time.monotonic() < limit:\n"
        "    app.processEvents(); time.sleep(0.01)\n"
        "print(before, [m for m in OPENING_MODULES if m not in sys.modules], window._wizard is None, flush=True)\n"
        "import os; os._exit(0)"  # PySide6 can crash collecting Qt objects at exit (bench/open_project.py)
    )
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", CMDESK_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[] [] True"
