"""Drive the Due diligence step like a user, on a project built from the real supplier CMRTs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core import diligence
from desktop.core.report_builder import FUTURE_STEPS_KEY, report_data_from_project
from desktop.ui.main_window import create_main_window
from desktop.ui.pages.diligence_page import DiligencePage


def open_page(qtbot, path: Path):
    window = create_main_window(path)
    qtbot.addWidget(window)
    window.show()
    window.wizard.go_to_page(DiligencePage)
    return window, window.wizard.page(DiligencePage)


def type_into(qtbot, editor, text):
    editor.clear()
    qtbot.keyClicks(editor, text)


def test_typed_answers_are_saved_and_found_after_reopening(qtbot, filed_project_path):
    window, page = open_page(qtbot, filed_project_path)
    management = page.editors["management"]
    # Proposed sentences are shown as printed, with the company's facts filled in.
    assert "$" not in management.toPlainText()
    assert "Our finance department manages" in management.toPlainText()
    assert "In 2025, Acme Instruments, Inc. adopted" in page.editors["policy"].toPlainText()

    type_into(qtbot, page.editors["program_department"], "compliance office")
    assert "Our compliance office manages" in management.toPlainText()  # follows the fact at once
    grievance = "Anyone may write to ethics@acme.example, anonymously if they wish."
    type_into(qtbot, page.editors["grievance"], grievance)
    assert window.project.answers()["grievance"] == grievance
    assert "management" not in window.project.answers()  # an untouched proposal is not frozen
    window.close()

    reopened, page = open_page(qtbot, filed_project_path)
    assert page.editors["grievance"].toPlainText() == grievance
    assert page.editors["program_department"].text() == "compliance office"
    data = report_data_from_project(reopened.project)
    assert data.diligence_answers["grievance"] == grievance
    reopened.close()


def test_proposed_wording_comes_back_on_request(qtbot, filed_project_path):
    window, page = open_page(qtbot, filed_project_path)
    type_into(qtbot, page.editors["records"], "We keep everything.")
    assert window.project.answers()["records"] == "We keep everything."
    page.restore_default("records")
    assert window.project.answers()["records"] == diligence.default_answers()["records"]
    assert "for at least 5 years" in page.editors["records"].toPlainText()
    type_into(qtbot, page.editors["records"], "")
    assert not page.is_complete()
    assert page.step_note() == "some answers are empty"
    window.close()


def test_inquiry_figures_and_outcome_are_shown(qtbot, filed_project_path):
    window, page = open_page(qtbot, filed_project_path)
    assert page.rcoi_labels["surveyed"].text() == "9"
    assert page.rcoi_labels["responded"].text() == "7 (78% of those surveyed)"
    assert page.rcoi_labels["revisions"].text() == "2.02, 3.01, 6.22, 6.4"
    assert page.rcoi_labels["scope"].text() == "4 company level (57%), 3 product level"
    assert page.outcome_headline.text().startswith("Form SD with a Conflict Minerals Report")
    assert "Flow meters: Covered" in page.outcome_reasons.text()
    assert "Service kits: Not covered" in page.outcome_reasons.text()
    assert page.step_note() == "Form SD with a CMR"
    window.close()


def test_future_steps_picked_and_written(qtbot, filed_project_path):
    window, page = open_page(qtbot, filed_project_path)
    offered = diligence.common_future_steps()
    page.future_list.item(1).setCheckState(Qt.Checked)
    qtbot.keyClicks(page.own_step, "Visit our two largest solder suppliers.")
    qtbot.keyClick(page.own_step, Qt.Key_Return)
    assert page.own_step.text() == ""
    assert window.project.answers()[FUTURE_STEPS_KEY].splitlines() == [
        offered[1], "Visit our two largest solder suppliers.",
    ]
    page.future_list.item(1).setCheckState(Qt.Unchecked)
    window.close()

    reopened, page = open_page(qtbot, filed_project_path)
    checked = [
        page.future_list.item(row).text()
        for row in range(page.future_list.count())
        if page.future_list.item(row).checkState() == Qt.Checked
    ]
    assert checked == ["Visit our two largest solder suppliers."]
    assert report_data_from_project(reopened.project).future_steps == checked
    reopened.close()


def test_audit_box_needs_the_auditor(qtbot, filed_project_path):
    window, page = open_page(qtbot, filed_project_path)
    assert not page.ipsa_auditor.isEnabled()
    page.ipsa_box.click()
    assert page.ipsa_auditor.isEnabled()
    data = report_data_from_project(window.project)
    assert data.ipsa and data.ipsa_auditor == ""
    qtbot.keyClicks(page.ipsa_auditor, "Example Assurance LLP")
    assert report_data_from_project(window.project).ipsa_auditor == "Example Assurance LLP"
    window.close()


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_page_reads_at_laptop_sizes(qtbot, filed_project_path, tmp_path, size):
    window, page = open_page(qtbot, filed_project_path)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    scroll = page.scroll
    # Long content scrolls down, never sideways; the sentence boxes show their whole text.
    assert scroll.verticalScrollBar().maximum() > 0
    assert scroll.widget().width() <= scroll.viewport().width()
    audits = page.editors["audits"]
    assert audits.height() >= audits.document().size().height()
    picture = tmp_path / f"diligence_{size[0]}x{size[1]}.png"
    assert window.grab().save(str(picture))
    assert picture.stat().st_size > 10_000
    window.close()
