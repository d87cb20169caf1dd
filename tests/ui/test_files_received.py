"""Files received: the verdict and what to fix stay in sight, and each finding is said once."""

import pytest

from desktop.ui.main_window import create_main_window
from desktop.ui.models.declaration_table import FILE, TO_FIX, VERDICT
from desktop.ui.pages.suppliers_page import SuppliersPage


@pytest.fixture
def files_panel(qtbot):
    window = create_main_window()
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    window.open_sample_project()
    window.wizard.go_to_page(SuppliersPage)
    page = window.wizard.page(SuppliersPage)
    page.tabs.setCurrentWidget(page.files)
    qtbot.waitExposed(window)
    yield page.files
    window.close()


def select(files, name):
    names = [files.proxy.index(r, FILE).data() for r in range(files.proxy.rowCount())]
    files.table.selectRow(names.index(name))


def test_result_and_what_to_fix_are_in_sight_at_1024(files_panel):
    table = files_panel.table
    assert table.horizontalHeader().visualIndex(VERDICT) == 0
    for column in (VERDICT, TO_FIX):
        right_edge = table.columnViewportPosition(column) + table.columnWidth(column)
        assert 0 <= table.columnViewportPosition(column) and right_edge <= table.viewport().width()
    results = {files_panel.proxy.index(r, FILE).data(): (files_panel.proxy.index(r, VERDICT).data(),
               files_panel.proxy.index(r, TO_FIX).data()) for r in range(files_panel.proxy.rowCount())}
    assert results["Old_Mill_Electronics_CMRT_6.4.xlsx"] == ("Needs follow-up", "1 error")
    assert results["Lakeshore_Solder_Supply_CMRT_6.4.xlsx"] == ("Needs follow-up", "2 warnings")
    assert results["Brightline_Components_CMRT_6.4.xlsx"] == ("Complete", "")
    # A smelter row to confirm counts as something to fix, so the list and the detail agree.
    assert results["Harbor_Cable_and_Wire_CMRT_6.4.xlsx"] == ("Complete", "1 smelter to confirm")


def test_each_finding_is_one_line_that_names_its_place_once(files_panel):
    select(files_panel, "Lakeshore_Solder_Supply_CMRT_6.4.xlsx")
    lines = [files_panel.findings_list.item(i).text() for i in range(files_panel.findings_list.count())]
    assert len(lines) == 2
    assert lines[0].startswith("Declaration D38: for Tantalum")
    for line in lines:
        assert "\n" not in line
        assert line.count("D38") + line.count("D39") == 1
        assert not line.lower().startswith("warning")
    assert files_panel.verdict_label.text() == "Needs follow-up: 2 warnings"
    tips = {files_panel.findings_list.item(i).toolTip() for i in range(files_panel.findings_list.count())}
    assert tips == {"Please check with the supplier."}


def test_errors_are_listed_before_warnings(files_panel):
    select(files_panel, "Pinecrest_Capacitor_CMRT_6.4.xlsx")
    first = files_panel.findings_list.item(0)
    assert "effective date" in first.text() and "corrected" in first.toolTip()


def test_the_list_sorts_by_supplier_then_by_any_header_clicked(files_panel):
    from PySide6.QtCore import Qt

    from desktop.ui.models.declaration_table import SORT_ROLE, SUPPLIER

    proxy = files_panel.proxy

    def column(col, role=SORT_ROLE):
        return [proxy.index(r, col).data(role) for r in range(proxy.rowCount())]

    assert proxy.rowCount() > 2
    assert column(SUPPLIER) == sorted(column(SUPPLIER))  # sorted by supplier when shown
    files_panel.table.sortByColumn(TO_FIX, Qt.SortOrder.AscendingOrder)  # as a click on the header
    assert column(TO_FIX) == sorted(column(TO_FIX)) and column(TO_FIX) != column(TO_FIX)[::-1]
    files_panel.table.sortByColumn(FILE, Qt.SortOrder.DescendingOrder)
    assert column(FILE) == sorted(column(FILE), reverse=True)
    files_panel.refresh()  # the files read again keep the order the user chose
    assert column(FILE) == sorted(column(FILE), reverse=True)


def test_the_roster_sorts_by_name_then_by_any_header_clicked(files_panel):
    from PySide6.QtCore import Qt

    from desktop.ui.models.supplier_table import EMAIL, NAME, SORT_ROLE

    roster = files_panel.window().wizard.page(SuppliersPage).roster
    proxy = roster.proxy

    def column(col):
        return [proxy.index(r, col).data(SORT_ROLE) for r in range(proxy.rowCount())]

    assert proxy.rowCount() > 2
    assert column(NAME) == sorted(column(NAME))
    roster.table.sortByColumn(EMAIL, Qt.SortOrder.DescendingOrder)  # as a click on the header
    assert column(EMAIL) == sorted(column(EMAIL), reverse=True) != sorted(column(EMAIL))
    roster.refresh()
    assert column(EMAIL) == sorted(column(EMAIL), reverse=True)
