"""At 1024x640 the chart's colours, the status column, the footer path and dialog file names stay readable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core.suppliers.inquiry import read_supplier_files
from desktop.core.sample import sample_cmrt_dir
from desktop.ui.dialogs.import_review import ImportReviewDialog
from desktop.ui.main_window import create_main_window
from desktop.ui.models.smelter_table import STATUS
from desktop.ui.dialogs.new_project import NewProjectDialog
from desktop.ui.pages.smelters_page import SmelterReviewPage
from desktop.ui.widgets.status_colours import STATUS_COLOURS


@pytest.fixture
def window(qtbot):
    win = create_main_window()
    qtbot.addWidget(win)
    win.resize(1024, 640)
    win.show()
    win.open_sample_project()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_status_colours_are_named_and_the_status_column_is_in_sight(window):
    window.wizard.go_to_page(SmelterReviewPage)
    QApplication.processEvents()
    page = window.wizard.page(SmelterReviewPage)
    shown = {status for status, chip in page.chips.chips.items() if chip.isVisible()}
    # A status chip shows when some smelter has that status (six do not fit); Unresolved always.
    used = {smelter.status for smelter in page.rollup.smelters}
    assert shown == (used & set(page.chips.chips)) | {"Unresolved"}
    assert {"Conformant", "Active", "Not Enrolled"} <= shown
    for status in shown:
        # Each status button shows its colour beside its name: the chart's legend at any width.
        chip = page.chips.chips[status]
        assert not chip.icon().isNull()
        colour = chip.icon().pixmap(10, 10).toImage().pixelColor(5, 5).name()
        assert colour == STATUS_COLOURS[status]
        assert chip.mapTo(window, chip.rect().topRight()).x() < window.width(), status
    view = page.smelter_view
    right_edge = view.columnViewportPosition(STATUS) + view.columnWidth(STATUS)
    assert 0 <= view.columnViewportPosition(STATUS) and right_edge <= view.viewport().width()


def test_the_footer_keeps_the_project_file_name_in_sight(window):
    footer = window.wizard.save_status
    assert footer.fontMetrics().horizontalAdvance(footer.text()) <= footer.width()
    assert footer.text().endswith("(sample).cmdesk")
    assert footer.toolTip() == f"Saved automatically in {window.project.path}"


def test_the_new_project_dialog_shows_the_whole_file_name(qtbot, tmp_path):
    dialog = NewProjectDialog(tmp_path / "a rather long folder name for the projects of this company")
    qtbot.addWidget(dialog)
    dialog.company.setText("Northwind Precision Instruments International Holdings, Inc.")
    dialog.show()
    qtbot.waitExposed(dialog)
    label = dialog.file_label
    assert label.text() == f"The project will be saved as {dialog.project_path().name}"
    assert dialog.project_path().name.endswith("Holdings, Inc 2025.cmdesk")
    assert label.heightForWidth(label.width()) <= label.height()  # every line of it is shown


def test_the_import_review_shows_whole_file_names(qtbot, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(sample_cmrt_dir(), inbox)
    hyphenated = inbox / "lakeshore-solder-supply_CMRT_6.4.xlsx"  # a hyphen used to break the name
    shutil.move(inbox / "Lakeshore_Solder_Supply_CMRT_6.4.xlsx", hyphenated)
    files = read_supplier_files([inbox], [], set())
    dialog = ImportReviewDialog(files, [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1024
    table = dialog.table
    for row in range(table.rowCount()):
        name = table.item(row, 0).text()
        needed = table.fontMetrics().horizontalAdvance(name)
        assert needed <= table.columnWidth(0), name
    assert any(table.item(r, 0).text() == hyphenated.name for r in range(table.rowCount()))
