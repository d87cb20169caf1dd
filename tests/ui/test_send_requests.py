"""Starting the inquiry from the roster: request drafts with the blank CMRT, dates, reminders, empty lists."""

from __future__ import annotations

import email
from datetime import date, timedelta
from email import policy

import openpyxl
import pytest

from desktop.core import app_settings
from desktop.core.project import Project
from desktop.core.sample import sample_cmrt_dir
from desktop.core.suppliers import RequestState, Supplier
from desktop.core.suppliers.sending import BLANK_CMRT_SETTING, REPLY_DAYS
from desktop.ui import dialogs
from desktop.ui.main_window import create_main_window
from desktop.ui.models.supplier_table import STATE
from desktop.ui.pages.products_page import ProductsPage
from desktop.ui.pages.suppliers_page import SuppliersPage

FILLED = sample_cmrt_dir() / "Brightline_Components_CMRT_6.4.xlsx"


@pytest.fixture
def blank(tmp_path):
    workbook = openpyxl.load_workbook(FILLED)
    workbook["Declaration"]["D8"] = None  # no company: blank as far as a request is concerned
    path = tmp_path / "downloads" / "RMI_CMRT_6.4.xlsx"
    path.parent.mkdir()
    workbook.save(path)
    return path


@pytest.fixture
def shown(monkeypatch):
    said = {"errors": [], "info": [], "opened": []}
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: said["errors"].append(message))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, message: said["info"].append(message))
    monkeypatch.setattr(dialogs, "open_folder", lambda folder: said["opened"].append(folder) or True)
    return said


@pytest.fixture
def roster(qtbot, tmp_path):
    path = tmp_path / "projects" / "Acme 2025.cmdesk"
    path.parent.mkdir()
    project = Project.create(path, company_name="Acme Instruments, Inc.", reporting_year=2025)
    project.update_registrant(contact_name="Dana Whitfield")
    project.close()
    window = create_main_window(project_path=path)
    qtbot.addWidget(window)
    window.show()
    window.wizard.go_to_page(SuppliersPage)
    yield window.wizard.page(SuppliersPage).roster
    window.close()


def test_an_empty_roster_says_what_to_do_and_offers_no_edit(roster):
    assert roster.empty_label.isVisibleTo(roster) and "Add" in roster.empty_label.text()
    for button in (roster.edit_button, roster.remove_button, roster.record_button, roster.send_button):
        assert not button.isEnabled(), button.text()
    files = roster.window().wizard.page(SuppliersPage).files
    assert files.empty_label.text().startswith("No supplier files yet")
    assert "▾" not in roster.record_button.text()
    roster.window().wizard.go_to_page(ProductsPage)
    products = roster.window().wizard.page(ProductsPage)
    assert products.empty_label.isVisibleTo(products) and "Add product" in products.empty_label.text()
    products.add_product()
    assert not products.empty_label.isVisibleTo(products)


def test_requests_ask_once_for_the_blank_then_write_drafts_and_record_the_date(roster, shown, blank, monkeypatch):
    roster.project.save_suppliers([
        Supplier(name="Harbor Cable", contact_name="Ana Ruiz", email="ana@harbor.example"),
        Supplier(name="Pinecrest Capacitor", email="orders@pinecrest.example"),
    ])
    roster.refresh()
    assert not roster.empty_label.isVisibleTo(roster)
    assert roster.send_button.isEnabled() and not roster.edit_button.isEnabled()
    roster.table.selectRow(0)
    assert roster.edit_button.isEnabled() and roster.remove_button.isEnabled()
    roster.table.clearSelection()

    offered = [FILLED, blank]  # the user first picks a filled-in file by mistake
    monkeypatch.setattr(dialogs, "ask_blank_cmrt", lambda parent: offered.pop(0))
    roster._update_send_menu()
    assert roster.send_unasked_action.text() == "Request a CMRT from everyone not asked yet (2)…"
    assert not roster.send_selected_action.isEnabled()
    roster.send_unasked_action.trigger()
    assert "already filled in" in shown["errors"][0]
    assert roster.project.setting(BLANK_CMRT_SETTING) == str(blank)
    assert app_settings.get(app_settings.CMRT_TEMPLATE_KEY) == str(blank)  # next year's project finds it too
    folder = roster.project.path.parent / "CMRT requests 2025"
    assert shown["opened"] == [folder]
    assert sorted(p.name for p in folder.iterdir()) == [
        "CMRT request 2025 - Harbor Cable.eml", "CMRT request 2025 - Pinecrest Capacitor.eml", blank.name,
    ]
    message = email.message_from_bytes((folder / "CMRT request 2025 - Harbor Cable.eml").read_bytes(), policy=policy.default)
    assert message["To"] == "ana@harbor.example"
    assert next(message.iter_attachments()).get_filename() == blank.name
    assert "Saved 2 request drafts" in shown["info"][-1]
    today = date.today()
    assert {(s.request_state, s.requested_on, s.asked) for s in roster.project.suppliers()} == {
        (RequestState.REQUESTED, today, True)
    }
    assert "Requested on" in roster.model.index(0, STATE).data()

    # Nobody is overdue yet; a request older than the reply time is, and a reminder settles it.
    assert not roster.overdue_label.isVisibleTo(roster)
    harbor = next(s for s in roster.project.suppliers() if s.name == "Harbor Cable")
    harbor.requested_on = today - timedelta(days=REPLY_DAYS + 5)
    roster.project.save_supplier(harbor)
    roster.refresh()
    assert roster.overdue_label.isVisibleTo(roster)
    assert roster.overdue_label.text().startswith("1 supplier has not sent a CMRT")
    states = [roster.proxy.index(r, STATE).data() for r in range(roster.proxy.rowCount())]
    assert [s for s in states if "verdue" in s] == [f"Overdue: requested on {harbor.requested_on:%b} {harbor.requested_on.day}, {harbor.requested_on.year}"]
    roster._update_send_menu()
    assert roster.send_reminders_action.isEnabled()
    monkeypatch.setattr(dialogs, "ask_blank_cmrt", lambda parent: pytest.fail("asked again for the blank"))
    roster.send_reminders_action.trigger()
    assert (roster.project.path.parent / "CMRT reminders 2025" / "CMRT reminder 2025 - Harbor Cable.eml").is_file()
    assert not roster.overdue_label.isVisibleTo(roster)
    harbor = next(s for s in roster.project.suppliers() if s.name == "Harbor Cable")
    assert harbor.request_state == RequestState.REMINDER_SENT and harbor.reminded_on == today
