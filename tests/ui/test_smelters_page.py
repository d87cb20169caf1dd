"""Drive the Smelter review page like a reviewer: chips, filters, the unresolved queue, overrides."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from desktop.core.filing.evidence import project_rollup
from desktop.core.project import Project
from desktop.core.smelters import ACTIVE, CONFORMANT, CROSS_RECOGNIZED, FILING_STATUSES, NOT_ENROLLED, REMOVED, UNKNOWN
from desktop.core.smelters.matching import DECISION
from desktop.ui import dialogs
from desktop.ui.main_window import create_main_window
from desktop.ui.models import smelter_table as columns
from desktop.ui.models.unresolved_table import REASON, REPORTED_BY, SUGGESTION, is_decided
from desktop.ui.pages.smelters_page import SMELTERS_TAB, UNRESOLVED_TAB, SmelterReviewPage
from desktop.ui.widgets.status_colours import UNRESOLVED
from tests.ui.test_smelter_models import import_files

JX = "jx-advanced-metals_CMRT_6.4.xlsx"
COPIES = ("Eastside Metals Inc.", "Westside Metals Inc.")
# Both copies write the same dirty row: RMI's "Smelter not listed" with a name close to Minsur.
DIRTY_ROW = (None, "Tin", "Smelter not listed", "Minsur S.A. Tin Metal", "PERU", None)
MINSUR = "CID001182"


def write_dirty_copies(cmrt_dir: Path, folder: Path) -> list[Path]:
    """Two suppliers' files made from the real JX workbook, sharing one unresolved row."""
    paths = []
    for company in COPIES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl: extensions it drops
            book = openpyxl.load_workbook(cmrt_dir / "suppliers" / JX)
        book["Declaration"]["D8"] = company
        for column, value in zip("ABCDEF", DIRTY_ROW):
            book["Smelter List"][f"{column}9"] = value
        path = folder / f"{company.split()[0]}_CMRT_6.4.xlsx"
        book.save(path)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def imported_project(tmp_path_factory, cmrt_dir) -> Path:
    """Every real supplier file plus the two copies, imported once for the module."""
    folder = tmp_path_factory.mktemp("imported")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CMDESK_DATA_DIR", str(folder / "appdata"))
        path = folder / "Review.cmdesk"
        project = Project.create(path, company_name="Review Co", reporting_year=2024)
        copies = folder / "copies"
        copies.mkdir()
        import_files(project, [cmrt_dir / "suppliers", *write_dirty_copies(cmrt_dir, copies)])
        project.close()
    return path


@pytest.fixture
def project_path(imported_project, tmp_path) -> Path:
    """A fresh copy per test, so decisions made in one test never leak into another."""
    path = tmp_path / imported_project.name
    shutil.copyfile(imported_project, path)
    return path


@pytest.fixture
def answers(monkeypatch):
    """What the reviewer types into the dialogs, and the errors shown."""
    given = {"choice": ACTIVE, "note": "Checked with RMI by phone", "errors": []}
    monkeypatch.setattr(dialogs, "ask_choice", lambda parent, title, prompt, choices: given["choice"])
    monkeypatch.setattr(dialogs, "ask_note", lambda parent, title, prompt: given["note"])
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: given["errors"].append(message))
    return given


def open_page(qtbot, path: Path):
    window = create_main_window(path)
    qtbot.addWidget(window)
    window.show()
    window.wizard.go_to_page(SmelterReviewPage)
    return window, window.wizard.page(SmelterReviewPage)


def select_smelter(page: SmelterReviewPage, metal: str, cid: str) -> None:
    page._select_smelter(metal, cid)
    assert page.smelter_detail.smelter.cid == cid


def visible(page: SmelterReviewPage) -> list:
    return page.smelter_proxy.visible_rows()


def test_page_shows_every_real_file_with_summary_and_stale_warning(qtbot, project_path, qtmodeltester):
    window, page = open_page(qtbot, project_path)
    rolled = page.rollup
    assert page.smelter_proxy.rowCount() == len(rolled.smelters) > 50
    assert window.wizard.stack.currentWidget() is page
    for metal, figures in rolled.summary.metals.items():
        assert page.summary.percent[metal].text() == f"{figures.percent_conformant_or_active}%"
        assert page.summary.known[metal].text() == str(figures.known_smelters)
    assert page.chart.counts["Gold"][NOT_ENROLLED] == sum(
        s.metal == "Gold" and s.status == NOT_ENROLLED for s in rolled.smelters)
    # The shipped RMI lists are from January 2023: the page says so.
    assert page.stale_label.isVisibleTo(page) and "2023-01" in page.stale_label.text()
    assert "to resolve" in page.step_note() and not page.is_complete()
    for model in (page.smelter_model, page.smelter_proxy, page.unresolved_model, page.unresolved_proxy):
        qtmodeltester.check(model)


def test_status_chips_filter_the_table_and_show_counts(qtbot, project_path, answers):
    window, page = open_page(qtbot, project_path)
    # The rare statuses' chips show only when some smelter has them (six chips do not fit at 1024 px).
    assert not page.chips.chips[CROSS_RECOGNIZED].isVisibleTo(page)
    assert not page.chips.chips[REMOVED].isVisibleTo(page)
    # Make Tin smelters Active, Unknown, Cross-recognized and Removed through the page, so every
    # chip has rows.
    tin = [s for s in page.rollup.smelters if s.metal == "Tin" and s.status == CONFORMANT]
    for smelter, status in ((tin[0], ACTIVE), (tin[1], UNKNOWN), (tin[2], CROSS_RECOGNIZED), (tin[3], REMOVED)):
        select_smelter(page, "Tin", smelter.cid)
        answers["choice"] = status
        qtbot.mouseClick(page.smelter_detail.override_button, Qt.LeftButton)
    expected = {status: sum(s.status == status for s in page.rollup.smelters) for status in FILING_STATUSES}
    assert all(expected.values())
    assert page.chips.chips[CROSS_RECOGNIZED].isVisibleTo(page)
    for status in FILING_STATUSES:
        chip = page.chips.chips[status]
        assert chip.text().split()[-1] == str(expected[status])
        qtbot.mouseClick(chip, Qt.LeftButton)
        assert {s.status for s in visible(page)} == {status}
        assert page.smelter_proxy.rowCount() == expected[status]
        assert page.tabs.tabText(SMELTERS_TAB).startswith(f"Smelters ({expected[status]} of ")
        qtbot.mouseClick(chip, Qt.LeftButton)  # unchecked again: every status
    assert page.smelter_proxy.rowCount() == len(page.rollup.smelters)
    qtbot.mouseClick(page.chips.chips[UNRESOLVED], Qt.LeftButton)
    assert page.tabs.currentIndex() == UNRESOLVED_TAB
    page.tabs.setCurrentIndex(SMELTERS_TAB)
    assert not page.chips.chips[UNRESOLVED].isChecked()


def test_combos_and_search_filter_both_tables_and_update_the_counts(qtbot, project_path):
    window, page = open_page(qtbot, project_path)
    page.metal_combo.setCurrentIndex(page.metal_combo.findData("Gold"))
    gold = [s for s in page.rollup.smelters if s.metal == "Gold"]
    assert {s.metal for s in visible(page)} == {"Gold"} and len(visible(page)) == len(gold)
    assert page.chips.chips[NOT_ENROLLED].text().endswith(str(sum(s.status == NOT_ENROLLED for s in gold)))
    assert {u.metal for u in page.unresolved_proxy.visible_rows()} == {"Gold"}
    page.metal_combo.setCurrentIndex(0)
    page.supplier_combo.setCurrentIndex(page.supplier_combo.findData("Connor Winfield Corporation"))
    assert visible(page) and all("Connor Winfield Corporation" in s.reported_by for s in visible(page))
    page.supplier_combo.setCurrentIndex(0)
    page.country_combo.setCurrentIndex(page.country_combo.findData("JAPAN"))
    assert visible(page) and {s.country for s in visible(page)} == {"JAPAN"}
    page.country_combo.setCurrentIndex(0)
    qtbot.keyClicks(page.search_edit, "goertech tantalum")
    rows = visible(page)
    assert rows and all(s.metal == "Tantalum" and "GoerTech Inc." in s.reported_by for s in rows)
    assert int(page.chips.chips[CONFORMANT].text().split()[-1]) == sum(s.status == CONFORMANT for s in rows)
    page.search_edit.clear()
    header = page.smelter_view.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(columns.REPORTED_BY) + 5, 5)
    for order in (Qt.AscendingOrder, Qt.DescendingOrder):  # two clicks on the header
        qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=where)
        assert header.sortIndicatorSection() == columns.REPORTED_BY and header.sortIndicatorOrder() == order
    counts = [len(s.reported_by) for s in visible(page)]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 3  # JX and its two copies


def test_resolving_a_row_applies_to_every_supplier_and_persists(qtbot, project_path, answers):
    window, page = open_page(qtbot, project_path)
    qtbot.mouseClick(page.chips.chips[UNRESOLVED], Qt.LeftButton)
    pending = page.unresolved_model.pending_count()
    qtbot.keyClicks(page.search_edit, "minsur")
    assert page.unresolved_proxy.rowCount() == 1
    page._select_unresolved(0)
    entry = page.unresolved_detail.entry
    assert sorted(entry.suppliers) == sorted(COPIES) and len(entry.rows) == 2
    assert page.unresolved_detail.candidates.item(0).data(Qt.UserRole) == MINSUR
    assert str(len(entry.suppliers)) in page.unresolved_proxy.index(0, REPORTED_BY).data()
    pick(qtbot, page.unresolved_detail, 0)
    qtbot.mouseClick(page.unresolved_detail.choose_button, Qt.LeftButton)

    assert page.unresolved_model.pending_count() == pending - 1
    assert page.unresolved_proxy.rowCount() == 0
    minsur = next(s for s in page.rollup.smelters if s.cid == MINSUR and s.metal == "Tin")
    assert set(COPIES) <= set(minsur.reported_by)
    decided = [r for r in minsur.rows if r.match.method == DECISION]
    assert sorted(r.supplier for r in decided) == sorted(COPIES)
    page.search_edit.clear()
    page.tabs.setCurrentIndex(SMELTERS_TAB)
    select_smelter(page, "Tin", MINSUR)
    assert "Eastside Metals Inc." in page.smelter_detail.text.toPlainText()
    assert page.smelter_detail.undo_decision_button.isVisibleTo(page.smelter_detail)
    window.close()

    reopened, page = open_page(qtbot, project_path)
    assert page.unresolved_model.pending_count() == pending - 1
    assert any(s.cid == MINSUR and set(COPIES) <= set(s.reported_by) for s in page.rollup.smelters)
    select_smelter(page, "Tin", MINSUR)
    qtbot.mouseClick(page.smelter_detail.undo_decision_button, Qt.LeftButton)  # back to the queue
    assert page.unresolved_model.pending_count() == pending
    reopened.close()
    project = Project.open(project_path)
    assert project.decisions() == []
    project.close()


def test_not_a_smelter_and_leave_unknown(qtbot, project_path, answers):
    window, page = open_page(qtbot, project_path)
    page.tabs.setCurrentIndex(UNRESOLVED_TAB)
    pending = page.unresolved_model.pending_count()
    page._select_unresolved(0)
    first = page.unresolved_detail.entry
    qtbot.mouseClick(page.unresolved_detail.leave_button, Qt.LeftButton)  # recorded; on to the next entry
    assert page.unresolved_detail.entry.key != first.key
    assert page.unresolved_model.pending_count() == pending - 1
    row = page.unresolved_model.row_of(first.key)
    assert "Left unknown" in page.unresolved_model.index(row, REASON).data()
    second = page.unresolved_detail.entry
    answers["note"] = "A trading company, not a smelter"
    qtbot.mouseClick(page.unresolved_detail.not_smelter_button, Qt.LeftButton)
    assert page.unresolved_model.pending_count() == pending - 2
    row = page.unresolved_model.row_of(second.key)
    assert is_decided(page.unresolved_model.rows()[row])
    assert "Not a smelter" in page.unresolved_model.index(row, REASON).data()
    page._select_unresolved(page.unresolved_proxy.mapFromSource(page.unresolved_model.index(row, 0)).row())
    assert page.unresolved_detail.undo_button.isVisibleTo(page.unresolved_detail)
    assert "not a smelter" in page.unresolved_detail.candidates_label.text()
    assert not page.unresolved_detail.not_smelter_button.isEnabled()
    project = Project.open(project_path)
    assert [(d.not_a_smelter, d.note) for d in project.decisions()] == [(True, "A trading company, not a smelter")]
    assert list(project.left_unknown()) == [first.key]
    project.close()
    qtbot.mouseClick(page.unresolved_detail.undo_button, Qt.LeftButton)
    assert page.unresolved_model.pending_count() == pending - 1
    # Undoing "leave unknown" puts the first entry back in the queue too.
    first_row = page.unresolved_model.row_of(first.key)
    page._select_unresolved(page.unresolved_proxy.mapFromSource(page.unresolved_model.index(first_row, 0)).row())
    assert "left this unknown" in page.unresolved_detail.candidates_label.text()
    qtbot.mouseClick(page.unresolved_detail.undo_button, Qt.LeftButton)
    assert page.unresolved_model.pending_count() == pending


def test_override_needs_a_note_and_shows(qtbot, project_path, answers):
    window, page = open_page(qtbot, project_path)
    smelter = next(s for s in page.rollup.smelters if s.metal == "Gold" and s.status == CONFORMANT)
    select_smelter(page, "Gold", smelter.cid)
    answers.update(choice=NOT_ENROLLED, note="")
    qtbot.mouseClick(page.smelter_detail.override_button, Qt.LeftButton)
    assert answers["errors"] and "note" in answers["errors"][0]
    project = Project.open(project_path)
    assert project.overrides() == []
    project.close()

    answers["note"] = "RMI suspended the audit in March"
    qtbot.mouseClick(page.smelter_detail.override_button, Qt.LeftButton)
    row = page.smelter_model.row_of("Gold", smelter.cid)
    assert page.smelter_model.index(row, columns.STATUS).data() == f"{NOT_ENROLLED} (yours)"
    assert "Status overridden" in page.smelter_model.index(row, columns.FLAGS).data()
    assert "RMI suspended the audit in March" in page.smelter_detail.text.toPlainText()
    assert page.smelter_detail.undo_override_button.isVisibleTo(page.smelter_detail)

    known = page.rollup.summary.known_smelters
    answers["note"] = "Reported in error by the supplier"
    qtbot.mouseClick(page.smelter_detail.exclude_button, Qt.LeftButton)
    assert page.rollup.summary.known_smelters == known - 1
    assert page.summary.total.text() == str(known - 1)
    flags = page.smelter_model.index(page.smelter_model.row_of("Gold", smelter.cid), columns.FLAGS).data()
    assert "Excluded from Annex A" in flags and "Status overridden" in flags  # exclusion keeps the status
    assert smelter.cid not in {a.cid for a in project_rollup_of(project_path).annex_rows()}

    qtbot.mouseClick(page.smelter_detail.undo_override_button, Qt.LeftButton)
    row = page.smelter_model.row_of("Gold", smelter.cid)
    assert page.smelter_model.index(row, columns.STATUS).data() == CONFORMANT
    assert page.rollup.summary.known_smelters == known


def project_rollup_of(path: Path):
    project = Project.open(path)
    try:
        return project_rollup(project)
    finally:
        project.close()


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_page_renders(qtbot, project_path, tmp_path, size):
    window, page = open_page(qtbot, project_path)
    window.resize(*size)
    page.smelter_view.selectRow(1)
    qtbot.wait(10)
    picture = tmp_path / f"smelters_{size[0]}.png"
    image = window.grab()
    assert image.save(str(picture)) and picture.stat().st_size > 20_000
    assert (image.width(), image.height()) == size
    # The table shows whole smelter names at both sizes: its Smelter column is not squeezed.
    assert page.smelter_view.columnWidth(columns.SMELTER) >= 150
    assert page.smelter_view.viewport().width() >= 380


def test_empty_project_says_where_to_start_and_another_project_starts_unfiltered(qtbot, project_path, tmp_path):
    window, page = open_page(qtbot, project_path)
    qtbot.keyClicks(page.search_edit, "minsur")
    page.tabs.setCurrentIndex(UNRESOLVED_TAB)
    empty = tmp_path / "Empty.cmdesk"
    Project.create(empty, company_name="Empty Co", reporting_year=2025).close()
    assert window.open_project(empty)
    window.wizard.go_to_page(SmelterReviewPage)
    assert page.empty_label.isVisibleTo(page) and not page.tabs.isVisibleTo(page)
    assert "Supplier inquiry" in page.empty_label.text()
    assert page.search_edit.text() == "" and page.tabs.currentIndex() == SMELTERS_TAB
    assert page.step_note() == "" and not page.is_complete()
    assert window.open_project(project_path)
    window.wizard.go_to_page(SmelterReviewPage)
    assert page.tabs.isVisibleTo(page) and page.smelter_proxy.rowCount() == len(page.rollup.smelters)


def pick(qtbot, detail, row: int) -> None:
    """Click a suggested smelter, as the reviewer does."""
    where = detail.candidates.visualItemRect(detail.candidates.item(row)).center()
    qtbot.mouseClick(detail.candidates.viewport(), Qt.LeftButton, pos=where)


def show_queue_entry(qtbot, page, words: str):
    page.tabs.setCurrentIndex(UNRESOLVED_TAB)
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, words)
    assert page.unresolved_proxy.rowCount() == 1, words
    page._select_unresolved(0)
    return page.unresolved_detail


def test_queue_at_1024x640_shows_the_reason_and_acts_only_on_an_explicit_pick(
    qtbot, project_path, tmp_path
):
    """Issue 11: Goertek's "Cabot Corporation" (CID000564, removed by RMI in 2014) used to get a
    69% look-alike pre-selected, RMI's successors last and the reason out of sight."""
    window, page = open_page(qtbot, project_path)
    window.resize(1024, 640)
    detail = show_queue_entry(qtbot, page, "Cabot")
    qtbot.waitUntil(lambda: detail.reason.height() >= detail.reason.heightForWidth(detail.reason.width()))
    window.grab().save(str(tmp_path / "queue-cabot-1024x640.png"))
    # The whole reason is on screen, inside the window.
    assert "Removed by RMI on 2014-07-11" in detail.reason.text() and "RMI points to" in detail.reason.text()
    on_screen = QRect(detail.reason.mapTo(window, QPoint(0, 0)), detail.reason.size())
    assert detail.reason.isVisible() and window.rect().contains(on_screen)
    assert detail.choose_button.isVisible() and window.rect().contains(
        QRect(detail.choose_button.mapTo(window, QPoint(0, 0)), detail.choose_button.size()))
    # RMI's successors first (the one in the row's country first); nothing chosen for the user.
    cids = [detail.candidates.item(i).data(Qt.UserRole) for i in range(detail.candidates.count())]
    assert cids[:2] == ["CID002557", "CID002558"] and "CID003402" in cids[2:]
    assert "RMI points to" in page.unresolved_proxy.index(0, SUGGESTION).data()
    assert detail.candidates.selectedItems() == [] and not detail.choose_button.isEnabled()
    detail.candidates.setFocus(Qt.TabFocusReason)  # focus makes an item current, not picked
    assert detail.picked_cid() is None and not detail.choose_button.isEnabled()
    before = len(page.project.decisions())
    qtbot.mouseClick(detail.choose_button, Qt.LeftButton)
    assert len(page.project.decisions()) == before

    key = detail.entry.key
    pick(qtbot, detail, 0)
    assert detail.choose_button.isEnabled() and detail.choose_button.text() == "Use this smelter"
    qtbot.mouseClick(detail.choose_button, Qt.LeftButton)
    boyertown = next(s for s in page.rollup.smelters if s.cid == "CID002557")
    assert any(r.row.lookup_name == "Cabot Corporation" for r in boyertown.rows)
    assert page.unresolved_model.row_of(key) == -1  # decided: out of the queue
    window.close()


def test_queue_never_preselects_a_weak_match_and_marks_a_strong_one_without_choosing_it(qtbot, project_path):
    window, page = open_page(qtbot, project_path)
    window.resize(1024, 640)
    weak = show_queue_entry(qtbot, page, "Accurate Refining Group")
    top = weak.entry.candidates[0]
    assert top.score < 90 and "Closest name" not in weak.candidates.item(0).text()
    assert page.unresolved_proxy.index(0, SUGGESTION).data() == "no close match"
    assert weak.candidates.selectedItems() == [] and not weak.choose_button.isEnabled()

    strong = show_queue_entry(qtbot, page, "Metallic Resources Inc")
    assert strong.entry.candidates[0].score >= 90
    assert "Closest name" in strong.candidates.item(0).text()
    assert strong.candidates.selectedItems() == [] and not strong.choose_button.isEnabled()
    pick(qtbot, strong, 0)
    assert strong.picked_cid() == strong.entry.candidates[0].cid and strong.choose_button.isEnabled()
    window.close()
