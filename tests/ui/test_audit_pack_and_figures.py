"""Export > Export audit pack, and the rows behind each figure, driven like a user."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool, Qt

from desktop.core.export.audit_pack import MANIFEST
from desktop.core.project.pinned_read import PinnedRead
from desktop.ui import dialogs
from desktop.ui.main_window import create_main_window
from desktop.ui.pages.export_page import ExportPage

SHOTS = Path("/tmp/i14-features/shots")


@pytest.fixture
def seen(monkeypatch):
    shown = {"errors": []}
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown["errors"].append(message))
    yield shown
    QThreadPool.globalInstance().waitForDone()


def _page(qtbot, path, size=(1280, 800)):
    window = create_main_window(path)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.wizard.go_to_page(ExportPage)
    return window, window.wizard.page(ExportPage)


def test_audit_pack_button_writes_and_records_the_pack(qtbot, sample_project_path, tmp_path, seen, monkeypatch):
    window, page = _page(qtbot, sample_project_path)
    target = tmp_path / "pack"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *args: target)
    qtbot.mouseClick(page.audit_pack_button, Qt.LeftButton)
    # Written on a worker thread, with a progress dialog; the button waits until it is done.
    assert not page.audit_pack_button.isEnabled()
    qtbot.waitUntil(lambda: page.audit_pack_button.isEnabled(), timeout=60_000)
    assert seen["errors"] == []
    written = target.with_suffix(".zip")
    with zipfile.ZipFile(written) as pack:
        names = pack.namelist()
    assert {"README.txt", "figures.xlsx", MANIFEST, "decisions.csv"} <= set(names)
    assert any(n.startswith("suppliers/") for n in names) and any(n.startswith("project/") for n in names)
    assert [r["kind"] for r in window.project.export_history()] == ["audit_pack"]
    assert not page.is_complete()  # the pack is not the filing
    assert page.status_label.text() == "Written: pack.zip"


def test_cancelling_the_audit_pack_leaves_nothing(qtbot, sample_project_path, tmp_path, seen, monkeypatch):
    window, page = _page(qtbot, sample_project_path)
    target = tmp_path / "pack.zip"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *args: target)
    # Hold the worker at the project copy (its last long step) until Cancel has been pressed.
    release, copy_to = threading.Event(), PinnedRead.copy_to
    monkeypatch.setattr(PinnedRead, "copy_to", lambda pinned, to: release.wait(30) and copy_to(pinned, to))
    qtbot.mouseClick(page.audit_pack_button, Qt.LeftButton)
    page.pack_writer.cancel()  # what the progress dialog's Cancel button does
    release.set()
    qtbot.waitUntil(lambda: page.audit_pack_button.isEnabled(), timeout=60_000)
    assert page.status_label.text() == "Audit pack cancelled; nothing was written."
    assert not target.exists() and list(tmp_path.glob("*.zip*")) == []
    assert window.project.export_history() == []
    assert seen["errors"] == []


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_each_figure_opens_its_rows(qtbot, sample_project_path, seen, qtmodeltester, size):
    window, page = _page(qtbot, sample_project_path, size)
    qtbot.mouseClick(page.figures_button, Qt.LeftButton)
    dialog = page.figures_dialog
    assert dialog.isVisible()
    qtmodeltester.check(dialog.figures_model)
    qtmodeltester.check(dialog.rows_model)
    figures = dialog.figures_model._rows
    for index, figure in enumerate(figures):
        dialog.figures_view.selectRow(index)
        if "%" not in figure.name:
            assert dialog.rows_model.rowCount() == figure.value, figure.name
    gold = next(i for i, f in enumerate(figures) if f.name == "Gold: Conformant or Active")
    dialog.figures_view.selectRow(gold)
    metal_column = dialog.rows_model.headers.index("Metal")
    assert {dialog.rows_model.index(r, metal_column).data() for r in range(dialog.rows_model.rowCount())} == {"Gold"}
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.resize(*size)
    qtbot.wait(50)
    dialog.grab().save(str(SHOTS / f"figures_{size[0]}x{size[1]}.png"))
    page.grab().save(str(SHOTS / f"export_page_{size[0]}x{size[1]}.png"))
    dialog.close()
