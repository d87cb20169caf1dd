"""Drive the Export step like a user: each button writes its files off the UI thread and records them."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QThreadPool, Qt

from desktop.core.export.records import file_sha256
from desktop.core.filing.evidence import project_rollup
from desktop.core.project import Project
from desktop.core.filing.report_builder import report_data_from_project
from desktop.core.smelters.to_resolve import still_to_resolve
from desktop.ui import dialogs
from desktop.ui.main_window import create_main_window
from desktop.ui.pages.export_page import ExportPage
from tests.core.export_helpers import pdf_pages
from tests.core.test_report_builder import filed_project
from tests.ui.conftest import make_ready


@pytest.fixture
def shown(monkeypatch):
    """Message boxes and the file manager, replaced: what the user would have seen."""
    seen = {"errors": [], "opened": []}
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: seen["errors"].append(message))
    monkeypatch.setattr(dialogs, "open_folder", lambda folder: seen["opened"].append(folder) or True)
    yield seen
    QThreadPool.globalInstance().waitForDone()  # no writer outlives its test


def open_page(qtbot, path: Path):
    window = create_main_window(path)
    qtbot.addWidget(window)
    window.show()
    window.wizard.go_to_page(ExportPage)
    return window, window.wizard.page(ExportPage)


def export(qtbot, page: ExportPage, key: str) -> None:
    with qtbot.waitSignal(page.export_finished, timeout=30_000) as finished:
        qtbot.mouseClick(page.export_buttons[key], Qt.LeftButton)
    assert finished.args == [key]


def test_every_button_writes_and_records_its_files(qtbot, ready_project_path, shown, tmp_path, qtmodeltester, monkeypatch):
    window, page = open_page(qtbot, ready_project_path)
    assert page.readiness_headline.text().startswith("Ready: Form SD with the Conflict Minerals Report")
    assert page.blockers == [] and not page.readiness_list.isVisibleTo(page)
    # The older statuses are explained, and the explanation is shown where it can be changed.
    assert page.stale_reason.text() == "These are the latest RMI lists the company holds."
    folder = tmp_path / "filing"
    monkeypatch.setattr(dialogs, "ask_folder", lambda parent, title, start=None: folder)
    qtbot.mouseClick(page.folder_button, Qt.LeftButton)
    assert page.folder_edit.text() == str(folder)
    assert window.project.setting("export_folder") == str(folder)

    data = report_data_from_project(window.project)
    for key in ("report_pdf", "annex_pdf", "annex_xlsx", "annex_csv", "edgar_html"):
        export(qtbot, page, key)
        assert page.open_folder_button.isVisibleTo(page)
    assert shown["errors"] == []

    report = folder / "Form SD and Conflict Minerals Report 2025.pdf"
    text = " ".join(pdf_pages(report))
    assert "Acme Instruments, Inc." in text and "001-36309" in text
    assert all(row.smelter_id in text for row in data.annex_rows)
    book = openpyxl.load_workbook(folder / "Annex A 2025.xlsx", read_only=True)
    ids = {cell for row in book.active.iter_rows(values_only=True) for cell in row if str(cell).startswith("CID")}
    book.close()
    assert ids == {row.smelter_id for row in data.annex_rows}
    with open(folder / "Annex A 2025.csv", encoding="utf-8-sig", newline="") as handle:
        csv_ids = {cell for row in csv.reader(handle) for cell in row if cell.startswith("CID")}
    assert csv_ids == ids
    edgar = folder / "EDGAR 2025"
    assert sorted(p.name for p in edgar.iterdir()) == ["ex1-01.htm", "form_sd.htm"]

    history = window.project.export_history()
    assert [row["kind"] for row in history] == [
        "edgar_ex101", "edgar_form_sd", "annex_csv", "annex_xlsx", "annex_pdf", "report_pdf",
    ]
    for row in history:
        assert file_sha256(row["path"]) == row["sha256"]
    model = page.history_model
    qtmodeltester.check(model)
    assert model.rowCount() == 6
    assert model.index(5, model.FILE).data() == report.name
    assert model.index(5, model.KIND).data() == "Report PDF"
    assert model.index(5, model.SHA256).data(Qt.ToolTipRole) == history[5]["sha256"]
    assert page.step_note() == "6 files exported" and page.is_complete()

    qtbot.mouseClick(page.open_folder_button, Qt.LeftButton)
    assert shown["opened"] == [folder]
    window.close()


def test_the_report_is_written_off_the_ui_thread(qtbot, ready_project_path, shown):
    window, page = open_page(qtbot, ready_project_path)
    with qtbot.waitSignal(page.export_finished, timeout=30_000):
        page.export_buttons["report_pdf"].click()  # returns before the PDF exists
        assert page.busy.isVisibleTo(page)
        assert not any(button.isEnabled() for button in page.export_buttons.values())
        assert "Writing Report PDF" in page.status_label.text()
    assert not page.busy.isVisibleTo(page)
    assert all(button.isEnabled() for button in page.export_buttons.values())
    assert Path(window.project.export_history()[0]["path"]).is_file()
    window.close()


def test_missing_facts_are_named_with_the_step_that_fixes_them(qtbot, ready_project_path, shown):
    project = Project.open(ready_project_path)
    project.update_registrant(irs_ein="", signer_name="")
    project.close()
    window, page = open_page(qtbot, ready_project_path)
    assert page.readiness_headline.text().startswith("Not ready to file: 1 item to settle first.")
    [blocker] = page.blockers
    assert blocker.step == "company"
    assert "the IRS employer identification number" in blocker.message and "the signer's name" in blocker.message
    assert page.readiness_list.buttons[0].text() == "Go to Company and filing"
    assert not any(button.isEnabled() for button in page.export_buttons.values())  # no final file at all
    assert page.draft_button.isEnabled()
    assert Path(page.folder_edit.text()) == ready_project_path.with_name("Acme 2025 exports")
    window.close()


def test_nothing_is_exported_before_the_supplier_answers(qtbot, tmp_path, cmrt_dir, shown):
    filed_project(tmp_path / "pending.cmdesk", cmrt_dir, import_cmrts=False).close()
    window, page = open_page(qtbot, tmp_path / "pending.cmdesk")
    assert page.readiness_headline.text().startswith("Nothing can be exported yet.")
    assert "Import your suppliers' CMRTs" in page.readiness_headline.text()
    assert [b.key for b in page.blockers if b.step == "suppliers"] == ["scoping.no_answers"]
    assert not any(button.isEnabled() for button in page.export_buttons.values())
    assert not page.draft_button.isEnabled()  # no outcome yet: not even a draft
    window.close()


def test_a_folder_that_cannot_be_written_gives_a_plain_message(qtbot, ready_project_path, shown, tmp_path):
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file where the export folder should be")
    window, page = open_page(qtbot, ready_project_path)
    page.folder = blocker
    with qtbot.waitSignal(page.export_failed, timeout=30_000):
        qtbot.mouseClick(page.export_buttons["annex_xlsx"], Qt.LeftButton)
    assert len(shown["errors"]) == 1 and "Choose another folder" in shown["errors"][0]
    assert window.project.export_history() == []
    assert page.export_buttons["annex_xlsx"].isEnabled()
    window.close()


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_page_reads_at_laptop_sizes(qtbot, ready_project_path, shown, tmp_path, size):
    window, page = open_page(qtbot, ready_project_path)
    export(qtbot, page, "annex_csv")
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    for button in page.export_buttons.values():
        assert button.width() >= button.sizeHint().width()  # labels never clipped
    assert page.history_view.height() > 80  # room for several rows
    picture = tmp_path / f"export_{size[0]}x{size[1]}.png"
    assert window.grab().save(str(picture))
    window.close()


def test_form_sd_only_writes_no_exhibit(qtbot, tmp_path, cmrt_dir, shown):
    from desktop.core.suppliers.inquiry import read_supplier_files, save_import

    project = filed_project(tmp_path / "sd.cmdesk", cmrt_dir, import_cmrts=False)
    for supplier in project.suppliers():  # only Central Glass was asked, and it answered "No"
        project.delete_supplier(supplier.id)
    save_import(project, read_supplier_files([cmrt_dir / "suppliers" / "central-glass_CMRT_6.4.xlsx"], []))
    supplier = project.suppliers()[0]
    supplier.asked = True
    project.save_supplier(supplier)
    project.close()
    make_ready(tmp_path / "sd.cmdesk")
    window, page = open_page(qtbot, tmp_path / "sd.cmdesk")
    assert page.readiness_headline.text() == "Ready: Form SD only; no Conflict Minerals Report is needed."
    export(qtbot, page, "report_pdf")
    export(qtbot, page, "edgar_html")
    folder = Path(page.folder_edit.text())
    assert (folder / "Form SD 2025.pdf").is_file()
    assert [p.name for p in (folder / "EDGAR 2025").iterdir()] == ["form_sd.htm"]
    assert [row["kind"] for row in window.project.export_history()] == ["edgar_form_sd", "report_pdf"]
    window.close()


def test_closing_the_project_while_writing_still_records_the_file(qtbot, ready_project_path, shown):
    window, page = open_page(qtbot, ready_project_path)
    page.export_buttons["report_pdf"].click()
    task = page.running
    with qtbot.waitSignal(task.signals.finished, timeout=30_000):
        window.close_project()  # the user closes the project before the PDF is written
    assert page.running is None and not page.busy.isVisibleTo(page)
    assert (Path(page.folder_edit.text()) / "Form SD and Conflict Minerals Report 2025.pdf").is_file()
    reopened = Project.open(ready_project_path)
    assert [row["kind"] for row in reopened.export_history()] == ["report_pdf"]  # still in the history
    reopened.close()
    window.close()


def test_readiness_list_goes_to_the_step_that_fixes_each_blocker(qtbot, filed_project_path, shown):
    from desktop.ui.pages.diligence_page import DiligencePage
    from desktop.ui.pages.smelters_page import SmelterReviewPage

    window, page = open_page(qtbot, filed_project_path)
    keys = [b.key for b in page.blockers]
    assert page.readiness_headline.text().startswith(f"Not ready to file: {len(keys)} items")
    assert {"smelters.unresolved", "smelters.stale_statuses"} <= set(keys)
    assert len(page.readiness_list.buttons) == len(keys)
    button = page.readiness_list.buttons[keys.index("smelters.unresolved")]
    assert button.text() == "Go to Smelter review"
    qtbot.mouseClick(button, Qt.LeftButton)
    assert window.wizard.stack.currentWidget() is window.wizard.page(SmelterReviewPage)
    # Another blocker's button goes to its own step (the due diligence statements to confirm).
    window.wizard.go_to_page(ExportPage)
    diligence = next(i for i, b in enumerate(page.blockers) if b.step == "diligence")
    assert page.readiness_list.buttons[diligence].text() == "Go to Due diligence"
    qtbot.mouseClick(page.readiness_list.buttons[diligence], Qt.LeftButton)
    assert window.wizard.stack.currentWidget() is window.wizard.page(DiligencePage)
    # Recording why the older statuses are used clears that blocker.
    window.wizard.go_to_page(ExportPage)
    page.stale_reason.setText("These are the latest RMI lists the company holds.")
    page.stale_reason.editingFinished.emit()
    assert "smelters.stale_statuses" not in [b.key for b in page.blockers]
    assert "smelters.unresolved" in [b.key for b in page.blockers]
    # A report before smelter review prints its figures only as a draft.
    assert "Not final: " in page.figures_label.text()
    window.close()


def test_the_final_export_is_refused_until_ready(qtbot, filed_project_path, shown):
    window, page = open_page(qtbot, filed_project_path)
    assert not any(button.isEnabled() for button in page.export_buttons.values())
    page.start_export("report_pdf")  # as if the button were pressed anyway
    assert page.running is None and window.project.export_history() == []
    assert len(shown["errors"]) == 1 and "cannot be exported yet" in shown["errors"][0]
    assert "not decided yet" in shown["errors"][0]
    assert not any(Path(page.folder_edit.text()).glob("*")) if Path(page.folder_edit.text()).exists() else True
    window.close()


def test_a_draft_marks_every_file_and_page(qtbot, filed_project_path, shown, tmp_path):
    window, page = open_page(qtbot, filed_project_path)
    page.folder = tmp_path / "drafts"
    with qtbot.waitSignal(page.export_finished, timeout=60_000):
        qtbot.mouseClick(page.draft_button, Qt.LeftButton)
    assert shown["errors"] == []
    folder = tmp_path / "drafts"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "Annex A 2025 DRAFT.csv", "Annex A 2025 DRAFT.pdf", "Annex A 2025 DRAFT.xlsx", "EDGAR 2025 DRAFT",
        "Form SD and Conflict Minerals Report 2025 DRAFT.pdf",
    ]
    assert sorted(p.name for p in (folder / "EDGAR 2025 DRAFT").iterdir()) == ["DRAFT-ex1-01.htm", "DRAFT-form_sd.htm"]
    pages = pdf_pages(folder / "Form SD and Conflict Minerals Report 2025 DRAFT.pdf")
    assert len(pages) > 3 and all("DRAFT - NOT FOR FILING" in text for text in pages)
    assert all("DRAFT - NOT FOR FILING" in text for text in pdf_pages(folder / "Annex A 2025 DRAFT.pdf"))
    with open(folder / "Annex A 2025 DRAFT.csv", encoding="utf-8-sig") as handle:
        assert handle.readline().startswith("DRAFT - NOT FOR FILING")
    book = openpyxl.load_workbook(folder / "Annex A 2025 DRAFT.xlsx", read_only=True)
    assert str(next(book.active.iter_rows(values_only=True))[0]).startswith("DRAFT - NOT FOR FILING")
    book.close()
    for html in (folder / "EDGAR 2025 DRAFT").iterdir():
        assert "DRAFT - NOT FOR FILING" in html.read_text()
    # Drafts are recorded as drafts and do not finish the step.
    assert {row["kind"] for row in window.project.export_history()} == {
        "draft_report_pdf", "draft_annex_pdf", "draft_annex_xlsx", "draft_annex_csv", "draft_edgar_form_sd",
        "draft_edgar_ex101",
    }
    assert not page.is_complete() and page.step_note() == ""
    assert page.history_model.index(0, page.history_model.KIND).data().startswith("DRAFT ")
    window.close()
