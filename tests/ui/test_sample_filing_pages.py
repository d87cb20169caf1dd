"""The wizard driven like a user on our own sample files, so a fresh clone (no ../shared) tests the UI
for real: importing a folder, the smelter review, due diligence figures and every export button.
Expected values come from the project itself or from what each sample file says.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool, Qt

from desktop.core.export.records import file_sha256
from desktop.core.filing.evidence import project_rollup
from desktop.core.project import Project
from desktop.core.filing.report_builder import report_data_from_project
from desktop.core.sample import SAMPLE_FILES, sample_cmrt_dir
from tests.ui.conftest import decide_sample_smelters
from desktop.core.sample.project import create_sample_project
from desktop.core.smelters import FILING_STATUSES, load_reference
from desktop.ui import dialogs
from desktop.ui.main_window import create_main_window
from desktop.ui.models.declaration_table import FILE, VERDICT
from desktop.ui.pages.diligence_page import DiligencePage
from desktop.ui.pages.export_page import ExportPage
from desktop.ui.pages.smelters_page import UNRESOLVED_TAB, SmelterReviewPage
from desktop.ui.pages.suppliers_page import SuppliersPage
from desktop.ui.widgets.status_colours import UNRESOLVED


@pytest.fixture
def quiet(monkeypatch):
    """Dialogs answered as a user would, and the messages they would have seen."""
    shown = {"errors": [], "opened": []}
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown["errors"].append(message))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, message: None)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, question: True)
    monkeypatch.setattr(dialogs, "review_import", lambda parent, files, suppliers: True)
    monkeypatch.setattr(dialogs, "open_folder", lambda folder: shown["opened"].append(folder) or True)
    yield shown
    QThreadPool.globalInstance().waitForDone()  # no worker outlives its test


def open_at(qtbot, path: Path, page_class):
    window = create_main_window(path)
    qtbot.addWidget(window)
    window.show()
    window.wizard.go_to_page(page_class)
    return window, window.wizard.page(page_class)


def test_importing_the_sample_folder_reads_checks_and_refuses_by_name(qtbot, tmp_path, quiet):
    path = tmp_path / "Northwind 2025.cmdesk"
    create_sample_project(path, import_files=False).close()
    inbox = tmp_path / "inbox"
    shutil.copytree(sample_cmrt_dir(), inbox)
    (inbox / "photo.xls").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(1024))  # not a workbook
    window, page = open_at(qtbot, path, SuppliersPage)
    with qtbot.waitSignal(page.import_finished, timeout=60_000) as finished:
        assert page.start_import([inbox])
    total = len(SAMPLE_FILES) + 1
    assert finished.args[0].startswith(f"Imported {len(SAMPLE_FILES)} of {total} files.")
    assert "photo.xls" in finished.args[0] and "not an Excel workbook" in finished.args[0]
    proxy = page.files.proxy
    verdicts = {proxy.index(r, FILE).data(): proxy.index(r, VERDICT).data() for r in range(proxy.rowCount())}
    assert set(verdicts) == {s.file_name for s in SAMPLE_FILES} | {"photo.xls"}
    assert verdicts["photo.xls"] == "Unusable"
    assert all(verdicts[s.file_name] != "Unusable" for s in SAMPLE_FILES)
    window.close()


def test_smelter_review_shows_the_rollup_of_the_sample(qtbot, sample_project_path, qtmodeltester):
    window, page = open_at(qtbot, sample_project_path, SmelterReviewPage)
    rolled = project_rollup(window.project)
    assert page.smelter_proxy.rowCount() == len(rolled.smelters) > 0
    assert page.unresolved_model.pending_count() == len(rolled.unresolved) > 0
    for metal, figures in rolled.summary.metals.items():
        assert page.summary.known[metal].text() == str(figures.known_smelters)
    assert "to resolve" in page.step_note() and not page.is_complete()
    for model in (page.smelter_model, page.smelter_proxy, page.unresolved_model, page.unresolved_proxy):
        qtmodeltester.check(model)
    window.close()


def test_due_diligence_shows_the_sample_inquiry(qtbot, sample_project_path):
    window, page = open_at(qtbot, sample_project_path, DiligencePage)
    facts = report_data_from_project(window.project).rcoi
    assert page.rcoi_labels["surveyed"].text() == str(facts.suppliers_surveyed)
    assert page.rcoi_labels["responded"].text().startswith(f"{facts.suppliers_responded} ")
    assert page.rcoi_labels["revisions"].text() == ", ".join(facts.cmrt_revisions)
    assert page.outcome_headline.text().startswith("Form SD with a Conflict Minerals Report")
    window.close()


def test_every_export_button_writes_and_records_its_files(qtbot, sample_project_path, quiet, tmp_path, monkeypatch):
    window, page = open_at(qtbot, sample_project_path, ExportPage)
    # What the sample leaves open: its statements to confirm and two mistyped smelter names (issue 10).
    assert {b.key for b in page.blockers} == {f"claims.step{n}" for n in range(1, 6)} | {"smelters.unresolved"}
    assert not any(button.isEnabled() for button in page.export_buttons.values())
    decide_sample_smelters(window.project)
    page.refresh()
    assert page.readiness_headline.text().startswith("Ready: Form SD with the Conflict Minerals Report")
    folder = tmp_path / "filing"
    monkeypatch.setattr(dialogs, "ask_folder", lambda parent, title, start=None: folder)
    qtbot.mouseClick(page.folder_button, Qt.LeftButton)
    data = report_data_from_project(window.project)
    for key in ("report_pdf", "annex_pdf", "annex_xlsx", "annex_csv", "edgar_html"):
        with qtbot.waitSignal(page.export_finished, timeout=30_000) as finished:
            qtbot.mouseClick(page.export_buttons[key], Qt.LeftButton)
        assert finished.args == [key]
    assert quiet["errors"] == []
    history = window.project.export_history()
    assert len(history) == 6 and page.history_model.rowCount() == 6
    for row in history:
        assert Path(row["path"]).parent in (folder, folder / f"EDGAR {data.year}")
        assert file_sha256(row["path"]) == row["sha256"]
    annex_csv = next(row["path"] for row in history if row["kind"] == "annex_csv")
    text = Path(annex_csv).read_text(encoding="utf-8-sig")
    assert all(row.smelter_id in text for row in data.annex_rows)
    assert page.is_complete()
    window.close()
    reopened = Project.open(sample_project_path)
    assert len(reopened.export_history()) == 6  # recorded in the project file
    reopened.close()


def test_the_typo_in_the_sample_is_resolved_from_the_queue_and_stays_resolved(qtbot, sample_project_path):
    typo = next((sample, row) for sample, rows in ((s, s.smelters) for s in SAMPLE_FILES)
                for row in rows if row.lookup_name == "Asahi Pretec Crop.")
    sample, row = typo
    intended = load_reference().alias_cid(row.metal, "Asahi Pretec Corp.")  # what the supplier meant
    assert intended
    window, page = open_at(qtbot, sample_project_path, SmelterReviewPage)
    pending = page.unresolved_model.pending_count()
    qtbot.mouseClick(page.chips.chips[UNRESOLVED], Qt.LeftButton)
    assert page.tabs.currentIndex() == UNRESOLVED_TAB
    qtbot.keyClicks(page.search_edit, "pretec")
    assert page.unresolved_proxy.rowCount() == 1
    page._select_unresolved(0)
    candidates = page.unresolved_detail.candidates
    assert candidates.item(0).data(Qt.UserRole) == intended
    where = candidates.visualItemRect(candidates.item(0)).center()
    qtbot.mouseClick(candidates.viewport(), Qt.LeftButton, pos=where)  # the user picks it
    assert page.unresolved_detail.choose_button.isEnabled()
    qtbot.mouseClick(page.unresolved_detail.choose_button, Qt.LeftButton)
    assert page.unresolved_model.pending_count() == pending - 1
    chosen = next(s for s in page.rollup.smelters if (s.metal, s.cid) == (row.metal, intended))
    assert any(reported.file_name == sample.file_name for reported in chosen.rows)
    window.close()

    reopened, page = open_at(qtbot, sample_project_path, SmelterReviewPage)
    assert page.unresolved_model.pending_count() == pending - 1
    reopened.close()


def test_status_chips_filter_the_sample_smelters(qtbot, sample_project_path):
    window, page = open_at(qtbot, sample_project_path, SmelterReviewPage)
    smelters = page.rollup.smelters
    for status in FILING_STATUSES:
        expected = sum(s.status == status for s in smelters)
        chip = page.chips.chips[status]
        assert chip.text().split()[-1] == str(expected)
        qtbot.mouseClick(chip, Qt.LeftButton)
        assert page.smelter_proxy.rowCount() == expected
        assert {s.status for s in page.smelter_proxy.visible_rows()} <= {status}
        qtbot.mouseClick(chip, Qt.LeftButton)  # unchecked again: every status
    assert page.smelter_proxy.rowCount() == len(smelters)
    window.close()
