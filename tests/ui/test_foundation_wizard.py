"""Drive the start screen and the first two wizard steps like a user would."""

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.project import Project
from desktop.core.project import schema
from desktop.ui import dialogs
from desktop.ui.main_window import create_main_window
from desktop.ui.pages.company_page import CompanyPage
from desktop.ui.pages.products_page import ProductsPage


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append((title, message)))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, message: None)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, question: True)
    return shown


@pytest.fixture
def window(qtbot):
    win = create_main_window()
    qtbot.addWidget(win)
    win.show()
    return win


def type_into(qtbot, editor, text):
    editor.clear()
    qtbot.keyClicks(editor, text)


def test_create_fill_close_and_reopen(qtbot, window, errors, tmp_path, monkeypatch):
    path = tmp_path / "Acme 2025.cmdesk"
    monkeypatch.setattr(dialogs, "ask_new_project", lambda parent, folder: (path, "Acme Instruments, Inc.", 2025))
    qtbot.mouseClick(window.start_screen.new_button, Qt.LeftButton)
    assert window.screens.currentWidget() is window.wizard
    assert "Acme 2025" in window.windowTitle()

    company = window.wizard.page(CompanyPage)
    assert company.editors["company_name"].text() == "Acme Instruments, Inc."
    assert company.editors["reporting_year"].value() == 2025
    # A new project shows no problems before anything is typed.
    assert not any(label.isVisibleTo(company) for label in company.errors.values())
    type_into(qtbot, company.editors["irs_ein"], "123456789")
    assert not company.errors["irs_ein"].isVisibleTo(company)  # still typing
    qtbot.keyClick(company.editors["irs_ein"], Qt.Key_Return)  # done with the field
    assert company.errors["irs_ein"].isVisibleTo(company)
    assert "12-3456789" in company.errors["irs_ein"].text()
    type_into(qtbot, company.editors["irs_ein"], "12-3456789")
    assert not company.errors["irs_ein"].isVisibleTo(company)
    type_into(qtbot, company.editors["sec_file_number"], "001-36309")
    type_into(qtbot, company.editors["contact_phone"], "(805) 562-0500")
    company.editors["state_of_incorporation"].setCurrentText("Delaware")
    company.editors["reporting_year"].setValue(2024)
    assert "June 2, 2025" in company.deadline_label.text()

    # Next first shows what is still missing, and stays; asked again, it goes on.
    qtbot.mouseClick(window.wizard.next_button, Qt.LeftButton)
    assert window.wizard.stack.currentWidget() is company
    assert company.errors["street"].isVisibleTo(company) and company.errors["street"].text() == "Required."
    qtbot.mouseClick(window.wizard.next_button, Qt.LeftButton)
    products = window.wizard.page(ProductsPage)
    assert window.wizard.stack.currentWidget() is products
    assert "List your product lines" in products.outcome_headline.text()
    qtbot.mouseClick(products.add_button, Qt.LeftButton)
    type_into(qtbot, products.name_edit, "Flow meters")
    products.made_by_buttons[next(iter(products.made_by_buttons))].click()  # we manufacture it
    products.metal_boxes["Tin"].click()
    products.metal_boxes["Gold"].click()
    assert "Answer the questions" in products.outcome_headline.text()
    products.necessary_yes.click()
    assert products.outcome_headline.text().startswith("Form SD needed")
    assert "Covered" in products.product_finding.text()

    window.close()
    reopened = create_main_window(project_path=path)
    qtbot.addWidget(reopened)
    assert reopened.project is not None
    company = reopened.wizard.page(CompanyPage)
    assert company.editors["irs_ein"].text() == "12-3456789"
    assert company.editors["sec_file_number"].text() == "001-36309"
    assert company.editors["state_of_incorporation"].currentText() == "Delaware"
    assert company.editors["reporting_year"].value() == 2024
    # It reopens on the step the user left.
    assert reopened.wizard.stack.currentWidget() is reopened.wizard.page(ProductsPage)
    products = reopened.wizard.page(ProductsPage)
    assert [p.name for p in products.products] == ["Flow meters"]
    assert products.metal_boxes["Gold"].isChecked() and products.necessary_yes.isChecked()
    assert products.outcome_headline.text().startswith("Form SD needed")
    reopened.close()
    assert errors == []


def test_recent_projects_are_listed_and_open(qtbot, errors, tmp_path):
    path = tmp_path / "Recent Co 2025.cmdesk"
    Project.create(path, company_name="Recent Co").close()
    first = create_main_window(project_path=path)
    qtbot.addWidget(first)
    first.close()

    window = create_main_window()
    qtbot.addWidget(window)
    recent = window.start_screen.recent_list
    assert recent.count() == 1
    assert "Recent Co 2025" in recent.item(0).text()
    window.start_screen.recent_chosen.emit(Path(recent.item(0).data(Qt.UserRole)))
    assert window.project is not None and window.project.path == path
    window.close()


def test_a_file_that_is_not_a_project_gets_a_clear_message(qtbot, window, errors, tmp_path):
    path = tmp_path / "budget.cmdesk"
    path.write_text("quarterly budget")
    assert not window.open_project(path)
    assert window.project is None
    assert errors[0][0] == "Could not open the project"
    assert "budget.cmdesk is not a Conflict Minerals Desk project file" in errors[0][1]


def test_a_project_from_a_newer_version_gets_a_clear_message(qtbot, window, errors, tmp_path):
    path = tmp_path / "future.cmdesk"
    Project.create(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {schema.latest_version() + 3}")
    con.commit()
    con.close()
    assert not window.open_project(path)
    assert "newer version of Conflict Minerals Desk" in errors[0][1]
    assert "has not been changed" in errors[0][1]


def test_products_import_from_a_csv(qtbot, window, errors, tmp_path, monkeypatch):
    path = tmp_path / "p.cmdesk"
    Project.create(path).close()
    window.open_project(path)
    window.wizard.go_to_page(ProductsPage)
    csv_file = tmp_path / "products.csv"
    csv_file.write_text("Product line,Description,Made by,Metals,Necessary\n"
                        "Concentrator,Portable,We manufacture,Tin; Gold,Yes\n"
                        "Carry bag,,Resell,,\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_open_table_file", lambda parent, title: csv_file)
    page = window.wizard.page(ProductsPage)
    qtbot.mouseClick(page.import_button, Qt.LeftButton)
    assert [p.name for p in page.products] == ["Concentrator", "Carry bag"]
    assert page.products[0].metals == {"Tin", "Gold"}
    assert page.outcome_headline.text().startswith("Form SD needed")
    assert [p.name for p in window.project.products()] == ["Concentrator", "Carry bag"]
    window.close()
