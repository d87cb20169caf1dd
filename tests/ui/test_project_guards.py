"""Issue 12, items 7 and 8 in the app: a project open in another app is refused with a message
naming who has it; a change that cannot be saved is shown, and "Try again" saves it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.project import Project, SaveFailed
from desktop.core.project.lock import _host
from desktop.core.project.store import current_user
from desktop.ui import dialogs
from desktop.ui.main_window import create_main_window
from desktop.ui.pages.company_page import CompanyPage

REPO = Path(__file__).resolve().parents[2]
HOLDER = ("import sys, time\nfrom desktop.core.project import Project\nproject = Project.open(sys.argv[1])\n"
          "print('open', flush=True)\ntime.sleep(60)\n")


@pytest.fixture
def errors(monkeypatch):
    seen: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: seen.append(message))
    return seen


def test_second_app_gets_a_message_naming_who_has_the_project(qtbot, tmp_path, errors):
    path = tmp_path / "Acme 2025.cmdesk"
    Project.create(path, company_name="Acme").close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, PYTHONPATH=str(REPO)), cwd=REPO)
    try:
        assert holder.stdout.readline().strip() == "open"
        window = create_main_window()
        qtbot.addWidget(window)
        assert window.open_project(path) is False
        assert window.project is None and window.screens.currentWidget() is window.start_screen
        (message,) = errors
        assert message.startswith(f"Acme 2025.cmdesk is already open in Conflict Minerals Desk by {current_user()} "
                                  f"on {_host()}")
        assert "close it there first" in message
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate(timeout=10)
    assert window.open_project(path) is True  # the crashed holder's lock is recognised as left over
    window.close_project()


def test_a_change_that_cannot_be_saved_is_shown_and_try_again_saves_it(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "Acme 2025.cmdesk"
    Project.create(path, company_name="Acme").close()
    window = create_main_window(path)
    qtbot.addWidget(window)
    page = window.wizard.page(CompanyPage)
    con = window.project.con
    con.execute(f"PRAGMA max_page_count = {con.execute('PRAGMA page_count').fetchone()[0]}")  # the disk is full

    with qtbot.captureExceptions() as raised:  # what the app's exception hook receives from the slot
        page.editors["company_name"].setText("Acme Instruments Incorporated " + "x" * 20_000)
    (kind, error, _trace), *_ = raised
    assert isinstance(error, SaveFailed) and error.retry is not None
    assert window.project.registrant().company_name == "Acme"  # nothing half-saved

    asked: list[str] = []

    def answer(parent, message):
        asked.append(message)
        if len(asked) == 1:
            return "retry"  # still full: asked again
        con.execute("PRAGMA max_page_count = 1073741823")  # the user freed some space
        return "retry"

    monkeypatch.setattr(dialogs, "ask_after_save_failure", answer)
    assert window.handle_exception(error) is True
    assert len(asked) == 2 and "Your last change was not saved: the disk is full" in asked[0]
    assert window.project.registrant().company_name.startswith("Acme Instruments Incorporated")
    window.close_project()


def test_a_damaged_page_met_while_working_is_shown_not_printed(qtbot, tmp_path, errors):
    path = tmp_path / "Acme 2025.cmdesk"
    Project.create(path, company_name="Acme").close()
    window = create_main_window(path)
    qtbot.addWidget(window)
    assert window.handle_exception(sqlite3.DatabaseError("database disk image is malformed")) is True
    assert errors == [f"{path} is damaged (database disk image is malformed). What the window shows may be "
                      "incomplete. Use File > Save a copy as… to keep a copy, and restore the project from a "
                      "backup if this happens again."]
    assert window.handle_exception(ValueError("a bug")) is False  # left to the default hook
    window.close_project()
