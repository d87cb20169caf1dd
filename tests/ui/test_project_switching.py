"""The step list keeps up with what the user did, and nothing said about one project shows in the next."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QThreadPool, Qt
from PySide6.QtWidgets import QLabel

from desktop.core.filing.evidence import project_rollup
from desktop.core.sample import sample_cmrt_dir
from desktop.core.sample.project import create_sample_project
from desktop.core.smelters import MatchDecision
from desktop.core.smelters.to_resolve import still_to_resolve
from desktop.ui import dialogs
from desktop.ui.main_window import create_main_window
from desktop.ui.pages.export_page import ExportPage
from tests.ui.conftest import decide_sample_smelters
from desktop.ui.pages.smelters_page import SmelterReviewPage
from desktop.ui.pages.suppliers_page import SuppliersPage


@pytest.fixture
def quiet(monkeypatch):
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: pytest.fail(message))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, message: None)
    monkeypatch.setattr(dialogs, "review_import", lambda parent, files, suppliers: True)
    yield
    QThreadPool.globalInstance().waitForDone()  # no export outlives its test


@pytest.fixture
def window(qtbot):
    win = create_main_window()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def step_text(window, page_class) -> str:
    index = window.wizard.pages.index(window.wizard.page(page_class))
    return window.wizard.step_list.item(index).text()


def export(qtbot, page, key):
    with qtbot.waitSignal(page.export_finished, timeout=60_000):
        qtbot.mouseClick(page.export_buttons[key], Qt.LeftButton)


def test_exports_tick_the_step_at_once_and_both_steps_count_the_same_unresolved(qtbot, window, quiet, tmp_path):
    window.open_sample_project()
    window.wizard.go_to_page(ExportPage)
    page = window.wizard.page(ExportPage)
    page.folder = tmp_path / "filing"

    # Decide one unresolved entry: the review step and the export's readiness list both drop by one.
    rolled = project_rollup(window.project)
    before = len(still_to_resolve(rolled.unresolved))
    assert before >= 2
    assert f"{before} smelter names" in page.readiness_list.findChild(QLabel, "blocker_smelters.unresolved").text()
    entry = still_to_resolve(rolled.unresolved)[0]
    window.project.save_decision(
        MatchDecision.for_row(entry.rows[0].row, None, not_a_smelter=True, note="a distributor, not a smelter")
    )
    window.wizard.go_to_page(SmelterReviewPage)
    assert f"{before - 1} to resolve" in step_text(window, SmelterReviewPage)
    window.wizard.go_to_page(ExportPage)
    counted = page.readiness_list.findChild(QLabel, "blocker_smelters.unresolved").text()
    assert f"{before - 1} smelter name" in counted and f"{before} smelter names" not in counted

    # Once nothing blocks, a final export ticks the step at once.
    decide_sample_smelters(window.project)
    page.refresh()
    assert not step_text(window, ExportPage).startswith("✓")
    export(qtbot, page, "annex_csv")
    assert step_text(window, ExportPage).startswith("✓")
    assert "1 file exported" in step_text(window, ExportPage)


def test_messages_about_one_project_are_gone_when_another_opens(qtbot, window, quiet, tmp_path):
    # A "real" project: import the sample files into it and write an export.
    path = tmp_path / "Other Co 2025.cmdesk"
    create_sample_project(path, import_files=False).close()
    inbox = tmp_path / "inbox"
    shutil.copytree(sample_cmrt_dir(), inbox)
    assert window.open_project(path)
    window.wizard.go_to_page(SuppliersPage)
    suppliers = window.wizard.page(SuppliersPage)
    with qtbot.waitSignal(suppliers.import_finished, timeout=60_000) as imported:
        suppliers.start_import([inbox])
    assert imported.args[0].startswith("Imported")
    suppliers.files.search.setText("Lakeshore")
    window.wizard.go_to_page(ExportPage)
    exports = window.wizard.page(ExportPage)
    exports.folder = tmp_path / "filing"
    with qtbot.waitSignal(exports.export_finished, timeout=60_000):
        qtbot.mouseClick(exports.draft_button, Qt.LeftButton)
    assert exports.status_label.text().startswith("Written:")

    said = {"Imported", "Written:", str(tmp_path)}
    assert window.open_sample_project()
    for page in window.wizard.pages:
        for label in page.findChildren(QLabel):
            assert not any(words in label.text() for words in said), (type(page).__name__, label.text())
    assert not exports.open_folder_button.isVisibleTo(exports)
    assert suppliers.files.search.text() == ""
    assert suppliers.files.row_count() == 7
    assert not suppliers.status_label.isVisibleTo(suppliers)


def test_a_step_not_shown_catches_up_with_a_change_once_the_user_pauses(qtbot, window, quiet):
    """A decision made elsewhere changes the Smelter review step's count in the list without a visit."""
    window.open_sample_project()
    window.wizard.go_to_page(SmelterReviewPage)
    before = len(still_to_resolve(project_rollup(window.project).unresolved))
    assert f"{before} to resolve" in step_text(window, SmelterReviewPage)
    window.wizard.go_to_page(ExportPage)
    entry = still_to_resolve(project_rollup(window.project).unresolved)[0]
    window.project.save_decision(MatchDecision.for_row(entry.rows[0].row, None, not_a_smelter=True, note="x"))
    page = window.wizard.page(ExportPage)
    page.refresh()
    page.completeness_changed.emit()  # as every page does after a change the user made
    assert f"{before} to resolve" in step_text(window, SmelterReviewPage)  # not while the user may go on
    qtbot.waitUntil(lambda: f"{before - 1} to resolve" in step_text(window, SmelterReviewPage), timeout=10_000)
    qtbot.waitUntil(lambda: not window.wizard._figures_timer.isActive(), timeout=10_000)  # and then rests
    assert window.wizard.page(ExportPage) is window.wizard.stack.currentWidget()
