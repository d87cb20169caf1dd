"""The sample project from the start screen and the File menu."""

from PySide6.QtCore import Qt

from desktop.ui.main_window import create_main_window
from desktop.ui.models.declaration_table import FILE
from desktop.ui.pages.suppliers_page import SuppliersPage


def test_start_screen_opens_a_clean_sample_that_says_it_is_a_sample(qtbot):
    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.start_screen.sample_button, Qt.LeftButton)
    assert window.project is not None
    assert window.project.registrant().company_name == "Northwind Instruments, Inc."
    assert window.wizard.sample_banner.isVisible()
    assert "sample project" in window.wizard.sample_banner.text()
    assert "fictitious" in window.wizard.sample_banner.text()
    window.wizard.go_to_page(SuppliersPage)
    page = window.wizard.page(SuppliersPage)
    assert page.files.row_count() == 7
    assert len(window.project.suppliers()) == 8

    # Changes made to the sample are gone the next time it is opened.
    window.project.update_registrant(company_name="Changed")
    assert window.open_sample_project()
    assert window.project.registrant().company_name == "Northwind Instruments, Inc."
    window.close()


def test_a_real_project_shows_no_sample_banner(qtbot, tmp_path):
    from desktop.core.project import Project

    path = tmp_path / "real.cmdesk"
    Project.create(path, company_name="Real Co").close()
    window = create_main_window(project_path=path)
    qtbot.addWidget(window)
    window.show()
    assert not window.wizard.sample_banner.isVisible()
    window.close()


def test_a_typo_in_a_sample_smelter_row_reaches_the_follow_up_message(qtbot):
    window = create_main_window()
    qtbot.addWidget(window)
    window.open_sample_project()
    window.wizard.go_to_page(SuppliersPage)
    files = window.wizard.page(SuppliersPage).files
    names = [files.proxy.index(r, FILE).data() for r in range(files.proxy.rowCount())]
    files.table.selectRow(names.index("Harbor_Cable_and_Wire_CMRT_6.4.xlsx"))
    shown = [files.findings_list.item(i).text() for i in range(files.findings_list.count())]
    assert any("Asahi Pretec Crop." in text for text in shown)
    assert "Asahi Pretec Crop." in files.follow_up_message()
    window.close()
