"""Drive the Due diligence step like a user, on a project built from the real supplier CMRTs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.filing import claims, diligence
from desktop.core.filing.report_builder import FUTURE_STEPS_KEY, report_data_from_project
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
    management = page.claim_blocks["management"]
    # Facts about the company start empty; sentences show them as named fields, printed as gaps.
    assert page.editors["program_department"].text() == ""
    assert page.editors["policy_year"].text() == ""
    assert management.editor.toPlainText().startswith("Our {program department} manages")
    assert "[program department not filled in]" in management.preview.text()
    assert "2025" not in page.claim_blocks["policy"].preview.text()

    type_into(qtbot, page.editors["program_department"], "compliance office")
    assert "Our compliance office manages" in management.preview.text()  # follows the fact at once
    grievance = "Anyone may write to ethics@acme.example, anonymously if they wish."
    type_into(qtbot, page.editors["grievance"], grievance)
    assert window.project.answers()["grievance"] == grievance
    type_into(qtbot, page.editors["records"], "We keep CMRTs for {retention years} years.")
    assert window.project.answers()["records"] == "We keep CMRTs for $retention_years years."
    window.close()

    reopened, page = open_page(qtbot, filed_project_path)
    assert page.editors["grievance"].toPlainText() == grievance
    assert page.editors["records"].toPlainText() == "We keep CMRTs for {retention years} years."
    assert page.editors["program_department"].text() == "compliance office"
    data = report_data_from_project(reopened.project)
    assert data.diligence_answers["grievance"] == grievance
    reopened.close()


def test_proposed_wording_comes_back_on_request(qtbot, filed_project_path):
    window, page = open_page(qtbot, filed_project_path)
    type_into(qtbot, page.editors["records"], "We keep everything.")
    assert window.project.answers()["records"] == "We keep everything."
    assert page.claim_blocks["records"].status.text() == "Not confirmed yet"
    page.claim_blocks["records"].reset.click()
    assert window.project.answers()["records"] == diligence.default_answers()["records"]
    assert "for at least {retention years} years" in page.editors["records"].toPlainText()
    assert page.claim_blocks["records"].status.text() == "Proposed by the app: not confirmed"
    type_into(qtbot, page.editors["records"], "")
    assert "The statement is empty" in page.claim_blocks["records"].problems.text()
    assert not page.is_complete()
    window.close()


def test_confirming_a_statement_by_ticking_it(qtbot, filed_project_path):
    window, page = open_page(qtbot, filed_project_path)
    policy = page.claim_blocks["policy"]
    statements = len(diligence.sentence_questions())  # every proposed statement starts unconfirmed
    assert not page.is_complete() and page.step_note() == f"{statements} statements to confirm"
    assert not policy.confirm.isEnabled()  # its facts are empty
    assert "Fill in policy year and policy web address" in policy.problems.text()
    type_into(qtbot, page.editors["policy_year"], "2019")
    type_into(qtbot, page.editors["policy_url"], "https://www.acme-instruments.example/cm")
    assert policy.confirm.isEnabled() and not policy.problems.isVisible()
    with qtbot.waitSignal(page.completeness_changed):
        policy.confirm.click()
    assert policy.status.text().startswith("Confirmed by ")
    assert policy.property("state") == "confirmed"
    assert page.step_note() == f"{statements - 1} statements to confirm"
    step_one = sum(q.step == 1 for q in diligence.sentence_questions())
    assert page.step_counts[1].text() == f"1 of {step_one} statements confirmed"
    # Changing a fact the statement uses takes the confirmation back.
    type_into(qtbot, page.editors["policy_year"], "2018")
    assert not policy.confirm.isChecked()
    assert policy.status.text() == "Changed since you confirmed it: confirm again"
    policy.confirm.click()
    policy.confirm.click()  # and unticking is a deliberate "not confirmed"
    assert not claims.claim_state(window.project.answers(), "policy").confirmed
    window.close()


def test_confirming_a_whole_step_and_what_it_leaves(qtbot, filed_project_path):
    window, page = open_page(qtbot, filed_project_path)
    step_one = page.step_buttons[1]
    assert step_one.isEnabled()  # the grievance statement uses no fact
    step_one.click()
    assert page.claim_blocks["grievance"].confirm.isChecked()
    refused = page.step_refusals[1]
    assert refused.isVisible() and "Conflict Minerals Policy (Fill in policy year" in refused.text()
    assert not step_one.isEnabled()  # nothing left that is ready
    for key, value in {
        "policy_year": "2019", "policy_url": "www.acme-instruments.example/cm", "program_department": "finance department",
        "executive_sponsor": "Chief Financial Officer", "purchase_terms": "standard purchase order terms",
        "retention_years": "5",
    }.items():
        type_into(qtbot, page.editors[key], value)
    for step in (1, 2, 3, 4, 5):
        page.step_buttons[step].click()
    assert not refused.isVisible()
    assert page.unconfirmed() == [] and page.is_complete()
    assert page.step_note() == "Form SD with a CMR"
    assert claims.claim_blockers(window.project) == []
    window.close()


def test_a_typed_figure_or_conflict_free_claim_cannot_be_confirmed(qtbot, filed_project_path):
    window, page = open_page(qtbot, filed_project_path)
    block = page.claim_blocks["risk_identification"]
    type_into(qtbot, block.editor, "We surveyed 9 suppliers.")
    assert not block.confirm.isEnabled() and '"9 suppliers"' in block.problems.text()
    type_into(qtbot, block.editor, "All our products are conflict-free.")
    assert "independent private sector audit" in block.problems.text()
    type_into(qtbot, block.editor, "We have not determined that any of our products are \"DRC conflict free\".")
    assert block.confirm.isEnabled()
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
    assert page.step_note() == f"{len(diligence.sentence_questions())} statements to confirm"
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


def test_attaching_the_audit_report(qtbot, filed_project_path, tmp_path, monkeypatch, cmrt_dir):
    from desktop.core.filing import audit_report
    from desktop.ui import dialogs
    from tests.core.test_audit_report import auditors_pdf

    window, page = open_page(qtbot, filed_project_path)
    block = page.audit_block
    assert not block.files.isVisibleTo(page)  # nothing to attach until an audit is claimed
    page.ipsa_box.click()
    assert block.files.isVisibleTo(page)
    assert "audit.report_pdf" in [b.key for b in audit_report.audit_blockers(window.project)]
    assert block.file_labels[audit_report.AUDIT_PDF].text().startswith("Not attached")

    chosen = {"path": next(Path(cmrt_dir, "suppliers").rglob("*.xlsx"))}
    monkeypatch.setattr(dialogs, "ask_audit_report_file", lambda parent, for_edgar: chosen["path"])
    block.attach_buttons[audit_report.AUDIT_PDF].click()  # a workbook is refused, with its name
    assert block.problem.isVisibleTo(page) and chosen["path"].name in block.problem.text()
    assert window.project.attachment(audit_report.AUDIT_PDF) is None

    chosen["path"] = auditors_pdf(tmp_path / "Assurance report.pdf")
    block.attach_buttons[audit_report.AUDIT_PDF].click()
    attached = window.project.attachment(audit_report.AUDIT_PDF)
    assert attached.file_name == "Assurance report.pdf" and not block.problem.isVisibleTo(page)
    assert attached.sha256[:12] in block.file_labels[audit_report.AUDIT_PDF].text()
    assert block.attach_buttons[audit_report.AUDIT_PDF].text() == "Replace…"

    chosen["path"] = tmp_path / "Assurance report.txt"
    chosen["path"].write_text("Independent Accountants' Report", encoding="utf-8")
    block.attach_buttons[audit_report.AUDIT_EDGAR].click()
    assert audit_report.audit_blockers(window.project) == []
    data = report_data_from_project(window.project)
    assert data.ipsa_report_pdf == attached.data and "Accountants" in data.ipsa_report_edgar_html
    window.close()


def test_recording_countries_of_origin(qtbot, filed_project_path):
    from desktop.core.filing import origins

    window, page = open_page(qtbot, filed_project_path)
    box = page.origins_box
    assert box.summary.text().startswith("Nothing recorded")
    assert box.smelter_choice.count() == len([s for s in page_rollup(window).smelters if not s.excluded])
    qtbot.keyClicks(box.level_edits[origins.L1], "Peru, Bolivia")
    qtbot.keyClicks(box.source, "RMI data for members, April 2022")
    box.smelter_choice.setCurrentIndex(1)
    assert box.supplier_notes.text().startswith("Suppliers wrote")
    box.smelter_categories[origins.RECYCLED].click()
    qtbot.keyClicks(box.smelter_countries, "Japan")
    recorded = origins.load_origins(window.project.answers())
    assert recorded.countries[origins.L1] == ["Peru", "Bolivia"]
    [(key, smelter)] = recorded.smelters.items()
    assert smelter.categories == [origins.RECYCLED] and smelter.countries == ["Japan"]
    assert box.summary.text() == "The report lists 3 countries of origin: Bolivia, Japan, Peru."
    data = report_data_from_project(window.project)
    assert data.countries_of_origin == ["Bolivia", "Japan", "Peru"] and data.origin_recycled
    window.close()


def page_rollup(window):
    from desktop.core.filing.evidence import project_rollup

    return project_rollup(window.project)


def test_a_conflict_free_claim_in_free_text_is_shown(qtbot, filed_project_path):
    window, page = open_page(qtbot, filed_project_path)
    type_into(qtbot, page.editors["company_background"], "Acme makes conflict-free flow meters.")
    assert page.wording_problems.isVisibleTo(page)
    assert page.wording_problems.text().startswith('What the company makes: "conflict-free"')
    type_into(qtbot, page.editors["company_background"], "Acme makes flow meters in Goleta, California.")
    assert not page.wording_problems.isVisibleTo(page)
    window.close()
