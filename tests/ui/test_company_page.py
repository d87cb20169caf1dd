"""The company step: quiet until the user has had a chance to type, and one column of fields."""

import pytest
from PySide6.QtCore import Qt

from desktop.core.project import Project
from desktop.ui.main_window import create_main_window
from desktop.ui.pages.company_page import CompanyPage


@pytest.fixture
def company(qtbot, tmp_path):
    path = tmp_path / "New Co 2025.cmdesk"
    Project.create(path, company_name="New Co, Inc.", reporting_year=2025).close()
    window = create_main_window(project_path=path)
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    yield window.wizard.page(CompanyPage)
    window.close()


def shown_problems(page):
    return {name for name, label in page.errors.items() if label.isVisibleTo(page)}


def test_a_new_project_opens_without_red_and_a_field_is_checked_when_left(qtbot, company):
    assert shown_problems(company) == set()
    assert company.step_note().endswith("to fill in")  # the step list still says what is left
    city = company.editors["city"]
    city.setFocus()
    qtbot.keyClick(city, Qt.Key_Return)
    assert shown_problems(company) == {"city"}
    qtbot.keyClicks(city, "Beaverton")
    assert shown_problems(company) == set()  # a shown problem goes as soon as it is fixed


def test_a_saved_wrong_value_is_shown_when_the_project_opens(qtbot, tmp_path):
    path = tmp_path / "Old Co 2025.cmdesk"
    project = Project.create(path, company_name="Old Co", reporting_year=2025)
    project.update_registrant(zip_code="ABC")
    project.close()
    window = create_main_window(project_path=path)
    qtbot.addWidget(window)
    assert shown_problems(window.wizard.page(CompanyPage)) == {"zip_code"}
    window.close()


def test_fields_line_up_across_the_groups(company):
    lefts = {name: editor.mapTo(company, editor.rect().topLeft()).x() for name, editor in company.editors.items()}
    assert len(set(lefts.values())) == 1, lefts
