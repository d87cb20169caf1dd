"""Export > Our CMRT for customers, driven like a user: template, contact facts, answers, write."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool, Qt

from desktop.core import app_settings
from desktop.core.cmrt import load_declaration
from desktop.ui import dialogs
from desktop.ui.dialogs.customer_cmrt import EXPORT_KIND
from desktop.ui.main_window import create_main_window
from desktop.ui.models.customer_answers_table import CustomerAnswersModel
from desktop.ui.pages.export_page import ExportPage

SHOTS = Path("/tmp/i14-features/shots")


@pytest.fixture
def shown(monkeypatch):
    seen = {"errors": []}
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: seen["errors"].append(message))
    yield seen
    QThreadPool.globalInstance().waitForDone()


def _open_dialog(qtbot, path: Path, size=(1280, 800)):
    window = create_main_window(path)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.wizard.go_to_page(ExportPage)
    page = window.wizard.page(ExportPage)
    qtbot.mouseClick(page.customer_cmrt_button, Qt.LeftButton)
    dialog = page.customer_dialog
    assert dialog is not None and dialog.isVisible()
    return window, page, dialog


def _row(model: CustomerAnswersModel, key: str) -> int:
    return next(i for i, r in enumerate(model._rows) if r.key == key)


def test_customer_cmrt_is_confirmed_then_written(qtbot, filed_project_path, cmrt_dir, tmp_path, shown,
                                                 monkeypatch, qtmodeltester):
    window, page, dialog = _open_dialog(qtbot, filed_project_path)
    qtmodeltester.check(dialog.model)
    # No blank remembered yet, and the e-mail addresses are not in the project: asked for, not invented.
    assert not dialog.write_button.isEnabled()
    assert "RMI's blank CMRT" in dialog.missing_label.text() and "Contact e-mail" in dialog.missing_label.text()
    blank = cmrt_dir / "templates" / "RMI_CMRT_6.5.xlsx"
    monkeypatch.setattr(dialogs, "ask_blank_cmrt_for_customers", lambda parent: blank)
    dialog.choose_template()
    assert app_settings.get(app_settings.CMRT_TEMPLATE_KEY) == str(blank)
    qtbot.keyClicks(dialog.fields["contact_email"], "compliance@acme.example")
    qtbot.keyClicks(dialog.fields["authorizer_email"], "cfo@acme.example")
    assert dialog.write_button.isEnabled()

    # The user changes a derived answer through the table's drop-down.
    model = dialog.model
    index = model.index(_row(model, "3/Gold"), CustomerAnswersModel.ANSWER)
    assert model.flags(index) & Qt.ItemIsEditable
    derived = index.data(Qt.EditRole)
    changed = next(option for option in ("Unknown", "Yes") if option != derived)
    assert model.setData(index, changed)
    assert model.index(index.row(), CustomerAnswersModel.WHY).data() == "Changed by you."
    assert not model.setData(index, "Perhaps")  # only what RMI's template accepts

    target = tmp_path / "ours.xlsx"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *args: target)
    with qtbot.waitSignal(dialog.written, timeout=120_000):
        qtbot.mouseClick(dialog.write_button, Qt.LeftButton)
    assert shown["errors"] == []
    written = load_declaration(str(target))
    assert written.company.contact_email == "compliance@acme.example"
    assert written.metal_answers["Gold"][2].answer == changed
    assert len(written.smelters) == len(dialog.cmrt.smelters)
    assert [row["kind"] for row in window.project.export_history()] == [EXPORT_KIND]
    # The contact facts typed are kept in the project for next time.
    assert window.project.setting("customer_cmrt.contact_email") == "compliance@acme.example"
    dialog.close()


def test_question_one_no_clears_the_metal_questions(qtbot, sample_project_path, shown):
    window, page, dialog = _open_dialog(qtbot, sample_project_path)
    model = dialog.model
    first = model.index(_row(model, "1/Tungsten"), CustomerAnswersModel.ANSWER)
    assert model.setData(first, "No")
    later = model.index(_row(model, "7/Tungsten"), CustomerAnswersModel.ANSWER)
    assert later.data() == "(not asked)" and not model.flags(later) & Qt.ItemIsEditable
    assert model.setData(first, "Yes")  # asked again: the user must choose, nothing is assumed
    assert model.flags(later) & Qt.ItemIsEditable
    assert "Question 7 for tungsten" in dialog.missing_label.text()
    dialog.close()


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_customer_cmrt_dialog_renders(qtbot, sample_project_path, shown, size):
    window, page, dialog = _open_dialog(qtbot, sample_project_path, size)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.resize(*size)
    qtbot.wait(50)
    assert dialog.table.width() > 600
    dialog.grab().save(str(SHOTS / f"customer_cmrt_{size[0]}x{size[1]}.png"))
    dialog.close()


def test_our_cmrt_for_customers_does_not_finish_the_export_step(qtbot, sample_project_path, shown):
    window, page, dialog = _open_dialog(qtbot, sample_project_path)
    dialog.close()
    window.project.record_export(EXPORT_KIND, "/tmp/ours.xlsx", "0" * 64)
    page.refresh()
    assert not page.is_complete()
    assert page.history_model.rowCount() == 1  # listed with the exported files all the same
