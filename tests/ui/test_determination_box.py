"""The determination on the Due diligence step: evidence shown, choices only in writing (issue 10)."""

from __future__ import annotations

from desktop.core.filing.evidence import CONCLUSION_REASON_KEY, STAFF_STATEMENT_KEY, project_conclusion
from desktop.core.filing.scoping import Outcome
from desktop.ui.main_window import create_main_window
from desktop.ui.pages.diligence_page import DiligencePage


def open_page(qtbot, path):
    window = create_main_window(path)
    qtbot.addWidget(window)
    window.show()
    window.wizard.go_to_page(DiligencePage)
    return window, window.wizard.page(DiligencePage)


def test_evidence_is_shown_and_a_different_conclusion_needs_a_reason(qtbot, filed_project_path):
    window, page = open_page(qtbot, filed_project_path)
    box = page.outcome_box
    assert box.headline.text().startswith("Form SD with a Conflict Minerals Report")
    # The real GoerTek file's "Unknown" and the two silent suppliers are named.
    box.more.setChecked(True)
    evidence = box.evidence.text()
    assert 'GoerTech Inc., tantalum: answered "Unknown"' in evidence
    assert "✗ No usable CMRT yet from Quiet Parts LLC." in evidence
    assert box.staff_box.isVisibleTo(box) and not box.voluntary_box.isVisibleTo(box)

    box.conclusion_box.setChecked(True)
    assert box.conclusion_reason.isVisibleTo(box)
    assert project_conclusion(window.project).determination.outcome is Outcome.SD_WITH_CMR  # no reason yet
    reason = "Every supplier confirmed in writing that its smelters source outside the region."
    qtbot.keyClicks(box.conclusion_reason, reason)
    with qtbot.waitSignal(box.changed, timeout=3000):
        pass
    assert window.project.answers()[CONCLUSION_REASON_KEY] == reason
    assert box.headline.text().startswith("Form SD only")
    assert page.determination.outcome is Outcome.SD_ONLY
    assert "Your own conclusion, printed in Item 1.01" in box.reasons.text()

    box.conclusion_box.setChecked(False)  # back to the evidence
    with qtbot.waitSignal(box.changed, timeout=3000):
        pass
    assert window.project.answers()[CONCLUSION_REASON_KEY] == ""
    assert page.determination.outcome is Outcome.SD_WITH_CMR
    window.close()


def test_the_2017_staff_statement_is_an_explained_choice(qtbot, filed_project_path):
    window, page = open_page(qtbot, filed_project_path)
    box = page.outcome_box
    assert not box.staff_box.isChecked()
    assert "April 7, 2017" in box.staff_help.text() and "may still expect a Conflict Minerals Report" in box.staff_help.text()
    with qtbot.waitSignal(box.changed, timeout=3000):
        box.staff_box.setChecked(True)
    assert window.project.answers()[STAFF_STATEMENT_KEY] == "yes"
    assert "April 7, 2017" in box.headline.text()
    assert page.determination.outcome is Outcome.SD_ONLY
    window.close()
