"""The supplier inquiry page driven like a user, on the real supplier workbooks."""

import shutil

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.core.project import Project
from desktop.core.suppliers import RequestState, Supplier
from desktop.ui import dialogs
from desktop.ui.main_window import create_main_window
from desktop.ui.models.declaration_table import FILE, VERDICT
from desktop.ui.models.supplier_table import STATE
from desktop.ui.pages.suppliers_page import SuppliersPage


@pytest.fixture
def quiet(monkeypatch):
    shown = {"errors": [], "info": []}
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown["errors"].append(message))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, message: shown["info"].append(message))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, question: True)
    monkeypatch.setattr(dialogs, "review_import", lambda parent, files, suppliers: True)
    return shown


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "Acme 2025.cmdesk"
    Project.create(path, company_name="Acme Instruments, Inc.", reporting_year=2025).close()
    win = create_main_window(project_path=path)
    qtbot.addWidget(win)
    win.show()
    win.wizard.go_to_page(SuppliersPage)
    return win


@pytest.fixture
def inbox(tmp_path, cmrt_dir):
    folder = tmp_path / "inbox"
    shutil.copytree(cmrt_dir / "suppliers", folder)
    shutil.copy(cmrt_dir / "not-cmrt" / "jpeg-renamed.xls", folder)
    return folder


def visible_column(page, column):
    proxy = page.files.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_import_a_folder_of_real_files(qtbot, window, quiet, inbox, tmp_path, monkeypatch):
    page = window.wizard.page(SuppliersPage)
    with qtbot.waitSignal(page.import_finished, timeout=60000) as finished:
        assert page.start_import([inbox])
    assert finished.args[0].startswith("Imported 7 of 8 files.")
    assert "jpeg-renamed.xls" in finished.args[0] and "not an Excel workbook" in finished.args[0]
    assert page.files.row_count() == 8
    assert "Files received (8)" == page.tabs.tabText(1)
    files = visible_column(page, FILE)
    verdicts = dict(zip(files, visible_column(page, VERDICT)))
    assert verdicts["jpeg-renamed.xls"] == "Unusable"
    assert verdicts["jx-advanced-metals_CMRT_6.4.xlsx"] in ("Complete", "Needs follow-up")
    names = {s.name for s in window.project.suppliers()}
    assert {"JX Advanced Metals Corporation", "Central Glass Co., Ltd.", "Connor Winfield Corporation"} <= names

    # Select a file: its findings and a follow-up message naming the sheet and cell.
    row = files.index("central-glass_CMRT_6.4.xlsx")
    page.files.table.selectRow(row)
    assert page.files.findings_list.count() > 0
    assert "Central Glass" in page.files.findings_title.text()
    message = page.files.follow_up_message()
    assert "Declaration" in message
    page.files.copy_follow_up()
    assert QApplication.clipboard().text() == message
    draft = tmp_path / "follow-up.eml"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda parent, title, suggested, file_filter: draft)
    page.files.save_follow_up_draft()
    text = draft.read_text(encoding="utf-8")
    assert "X-Unsent: 1" in text and "Subject: Conflict Minerals Reporting Template" in text

    # The search keeps rows where every word appears.
    page.files.search.setText("connor 2.02")
    assert visible_column(page, FILE) == ["connor-winfield_CMRT_2.02_encrypted.xls"]

    # Importing the same folder again changes nothing.
    with qtbot.waitSignal(page.import_finished, timeout=60000) as again:
        page.start_import([inbox])
    assert "8 were already in the project" in again.args[0]
    assert len(window.project.declaration_rows(current_only=False)) == 8


def test_dropping_files_on_the_window_imports_them(qtbot, window, quiet, cmrt_dir):
    page = window.wizard.page(SuppliersPage)
    window.wizard.step_list.setCurrentRow(0)  # the drop works from any step
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(cmrt_dir / "suppliers" / "jx-advanced-metals_CMRT_6.4.xlsx"))])
    event = QDropEvent(QPoint(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    with qtbot.waitSignal(page.import_finished, timeout=30000):
        window.dropEvent(event)
    assert window.wizard.stack.currentWidget() is page
    assert [r["file_name"] for r in window.project.declaration_rows()] == ["jx-advanced-metals_CMRT_6.4.xlsx"]


def test_cancel_mid_import_leaves_the_project_unchanged(qtbot, window, quiet, cmrt_dir):
    page = window.wizard.page(SuppliersPage)
    page.task = None
    with qtbot.waitSignal(page.import_finished, timeout=60000) as finished:
        page.start_import([cmrt_dir])
        page.task.progress.connect(lambda *args: page.cancel_import())
    assert "cancelled" in finished.args[0].lower()
    assert "Nothing was changed" in finished.args[0]
    assert window.project.declaration_rows(current_only=False) == []
    assert page.import_files_button.isEnabled()


def test_declining_the_supplier_review_saves_nothing(qtbot, window, quiet, monkeypatch, cmrt_dir):
    monkeypatch.setattr(dialogs, "review_import", lambda parent, files, suppliers: False)
    page = window.wizard.page(SuppliersPage)
    with qtbot.waitSignal(page.import_finished, timeout=30000):
        page.start_import([cmrt_dir / "suppliers" / "central-glass_CMRT_6.4.xlsx"])
    assert window.project.declaration_rows(current_only=False) == []


def test_roster_editing_and_response_rate(qtbot, window, quiet, monkeypatch):
    page = window.wizard.page(SuppliersPage)
    monkeypatch.setattr(dialogs, "ask_supplier", lambda parent, supplier=None: Supplier(name="Pinecrest Capacitor"))
    page.roster.add_supplier()
    monkeypatch.setattr(
        dialogs, "ask_pasted_text",
        lambda parent, title, prompt: "Supplier\tContact\tEmail\nHarbor Cable\tAna Ruiz\tana@harbor.example\n"
        "Pinecrest Capacitor\tX\tx@y.example\n",
    )
    page.roster.paste_roster()
    assert "1 already on the roster" in quiet["info"][-1]
    assert page.roster.model.rowCount() == 2
    assert page.rate_label.text().startswith("No suppliers have been surveyed yet.")
    page.roster.table.selectAll()
    page.roster.mark(RequestState.REQUESTED)
    assert all(s.request_state == RequestState.REQUESTED for s in window.project.suppliers())
    assert page.rate_label.text().startswith("We surveyed 2 suppliers and received responses from 0 (0%).")
    assert all(s.asked for s in window.project.suppliers())  # recording the request marks them asked
    assert "Requested on" in page.roster.model.index(0, STATE).data()


def test_models_pass_the_model_tester(qtbot, qtmodeltester, window, quiet, cmrt_dir):
    page = window.wizard.page(SuppliersPage)
    with qtbot.waitSignal(page.import_finished, timeout=60000):
        page.start_import([cmrt_dir / "suppliers"])
    qtmodeltester.check(page.files.model)
    qtmodeltester.check(page.files.proxy)
    qtmodeltester.check(page.roster.model)
