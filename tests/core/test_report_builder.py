"""ReportData filled from a project built from the real supplier CMRTs in ../shared/cmrt/suppliers."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop.core.filing import diligence
from desktop.core.export.report_data import RcoiFacts, percent
from desktop.core.export.report_pdf import NothingToFile, write_report_pdf
from desktop.core.filing.evidence import project_rollup
from desktop.core.suppliers.inquiry import read_supplier_files, save_import
from desktop.core.project import Project
from desktop.core.filing.report_builder import (
    COMPANY_STEP,
    FUTURE_STEPS_KEY,
    PRODUCTS_STEP,
    SUPPLIERS_STEP,
    NotReadyToExport,
    missing_with_steps,
    report_data_from_project,
)
from desktop.core.filing.scoping import Answer, MadeBy, Product
from desktop.core.suppliers import RequestState, Supplier
from tests.core.export_helpers import pdf_pages

REGISTRANT = dict(
    company_name="Acme Instruments, Inc.",
    state_of_incorporation="Delaware",
    sec_file_number="001-36309",
    irs_ein="33-0989359",
    street="301 Coromar Drive",
    city="Goleta",
    state="California",
    zip_code="93117",
    website="www.acme-instruments.example",
    contact_name="Jane Roe",
    contact_phone="(805) 562-0500",
    reporting_year=2025,
    signer_name="Jane Roe",
    signer_title="Chief Financial Officer",
)


def filed_project(path: Path, cmrt_dir: Path, registrant: bool = True, import_cmrts: bool = True) -> Project:
    """A project with a covered and an uncovered product, a roster and the real supplier CMRTs."""
    project = Project.create(path)
    if registrant:
        project.update_registrant(**REGISTRANT)
    project.save_product(
        Product("Flow meters", "ultrasonic flow meters", MadeBy.MANUFACTURE, {"Tin", "Gold"}, Answer.YES)
    )
    project.save_product(Product("Service kits", "resold spare parts", MadeBy.NEITHER))
    # Two suppliers asked who never answered: 7 of 9 responded.
    project.save_supplier(Supplier(name="Quiet Parts LLC", request_state=RequestState.REQUESTED))
    project.save_supplier(Supplier(name="Silent Springs Co.", request_state=RequestState.REMINDER_SENT))
    project.save_supplier(Supplier(name="Never Asked Ltd."))  # not surveyed
    if import_cmrts:
        save_import(project, read_supplier_files([cmrt_dir / "suppliers"], project.suppliers()))
        for supplier in project.suppliers():  # the user marks the senders as asked (imports never do)
            if supplier.name != "Never Asked Ltd.":
                supplier.asked = True
                project.save_supplier(supplier)
    return project


@pytest.fixture(scope="module")
def project_template(tmp_path_factory, cmrt_dir) -> Path:
    """Reading the seven workbooks takes seconds: build once, copy per test."""
    path = tmp_path_factory.mktemp("template") / "acme.cmdesk"
    filed_project(path, cmrt_dir).close()
    return path


@pytest.fixture
def project(project_template, tmp_path):
    path = tmp_path / "acme.cmdesk"
    shutil.copy(project_template, path)
    opened = Project.open(path)
    yield opened
    opened.close()


def test_report_data_carries_the_project_facts(project):
    rolled = project_rollup(project)
    data = report_data_from_project(project, rolled, today=date(2026, 5, 20))

    reg = data.registrant
    assert (reg.name, reg.state_of_incorporation, reg.file_number, reg.ein) == (
        "Acme Instruments, Inc.", "Delaware", "001-36309", "33-0989359",
    )
    assert reg.address == "301 Coromar Drive, Goleta, California"  # the ZIP code is printed apart
    assert reg.zip_code == "93117"
    assert reg.contact_title == "Chief Financial Officer"  # the contact is the signer
    assert data.year == 2025
    assert (data.signer.name, data.signer.title, data.signer.signed_on) == (
        "Jane Roe", "Chief Financial Officer", date(2026, 5, 20),
    )
    assert [p.name for p in data.products] == ["Flow meters"]  # resold kits are not covered
    assert data.report_url == "www.acme-instruments.example"  # default: the registrant's website
    assert missing_with_steps(data) == []

    # The real files answer Yes to "from the Covered Countries": due diligence and a CMR.
    assert data.outcome == "sd_with_cmr"
    assert "2 of the 9 suppliers surveyed did not return a usable Conflict Minerals Reporting Template." in data.outcome_reasons

    rcoi = data.rcoi
    assert (rcoi.suppliers_surveyed, rcoi.suppliers_responded, rcoi.response_rate) == (9, 7, 78)
    assert rcoi.cmrt_revisions == ["2.02", "3.01", "6.22", "6.4"]  # decimal order
    # Central Glass, Connor Winfield, the consolidation file and GoerTek answer for the company (scope A).
    assert (rcoi.company_level_responses, rcoi.product_level_responses) == (4, 3)


def test_figures_and_annex_agree_with_the_rollup(project):
    rolled = project_rollup(project)
    data = report_data_from_project(project, rolled)
    summary = rolled.summary.metals
    assert [s.metal for s in data.metal_summaries] == [m for m in summary if summary[m].known_smelters]
    for figures in data.metal_summaries:
        expected = summary[figures.metal]
        assert (figures.known, figures.conformant, figures.active) == (
            expected.known_smelters, expected.conformant, expected.active,
        )
        assert figures.percent_conformant_or_active == expected.percent_conformant_or_active
    gold = next(s for s in data.metal_summaries if s.metal == "Gold")
    assert (gold.known, gold.conformant_or_active, gold.percent_conformant_or_active) == (13, 12, 92)

    # 59: with PT Belitung Industri Sejahtera (CID001421, Active) and PT Stanindo Inti Perkasa
    # (CID001468, Conformant), which RMI removed in 2019 and re-added since (its revision history).
    assert len(data.annex_rows) == len(rolled.annex_rows()) == 59
    assert {r.smelter_id for r in data.annex_rows} == {r.cid for r in rolled.annex_rows()}
    assert all(r.smelter_id.startswith("CID") and r.status for r in data.annex_rows)
    metals = [r.metal for r in data.annex_rows]
    assert metals == sorted(metals)  # Annex A order: metal, then name
    assert data.status_as_of == date.fromisoformat(rolled.status_as_of()) == date(2023, 1, 20)


def test_percentages_round_halves_up_like_the_review_pages():
    assert percent(1, 8) == 13  # round() would say 12
    assert percent(5, 8) == 63  # round() would say 62
    assert RcoiFacts(8, 1).response_rate == 13
    assert RcoiFacts(0, 0).response_rate == 0


def test_answers_future_steps_and_audit_flow_into_the_report(project, tmp_path):
    project.set_answer("program_department", "compliance office")
    project.set_answer("report_url", "https://acme.example/conflict-minerals")
    steps = diligence.common_future_steps()[:2] + ["Visit our two largest solder suppliers."]
    project.set_answer(FUTURE_STEPS_KEY, "\n".join(steps) + "\n\n")
    project.set_answer("ipsa", "yes")
    data = report_data_from_project(project)
    assert data.diligence_answers["program_department"] == "compliance office"
    assert data.diligence_answers["grievance"] == diligence.default_answers()["grievance"]
    assert FUTURE_STEPS_KEY not in data.diligence_answers  # only the questions' answers
    assert data.report_url == "https://acme.example/conflict-minerals"
    assert data.future_steps == steps
    assert data.ipsa
    assert [m.what for m in missing_with_steps(data)] == ["the name of the independent private sector auditor"]
    assert missing_with_steps(data)[0].step == "Due diligence"

    project.set_answer("ipsa", "")
    out = tmp_path / "report.pdf"
    write_report_pdf(report_data_from_project(project), out)
    text = " ".join(pdf_pages(out))
    assert "Our compliance office manages our conflict minerals program" in text
    assert "Visit our two largest solder suppliers." in text
    assert "https://acme.example/conflict-minerals" in text
    for row in report_data_from_project(project).annex_rows:
        assert row.smelter_id in text


def test_missing_registrant_facts_name_the_company_step(tmp_path, project_template):
    shutil.copy(project_template, tmp_path / "p.cmdesk")
    project = Project.open(tmp_path / "p.cmdesk")
    project.update_registrant(irs_ein="", signer_name="", website="")
    missing = missing_with_steps(report_data_from_project(project))
    assert [m.what for m in missing] == [
        "the IRS employer identification number",
        "the web address where the report is published",
        "the signer's name",
    ]
    assert {m.step for m in missing} == {COMPANY_STEP}
    project.close()


def test_open_outcomes_block_the_export_with_the_step_that_settles_them(tmp_path, cmrt_dir):
    empty = Project.create(tmp_path / "empty.cmdesk")
    with pytest.raises(NotReadyToExport) as blocked:
        report_data_from_project(empty)
    assert blocked.value.step == PRODUCTS_STEP
    assert "List your product lines" in str(blocked.value)
    empty.close()

    no_answers = filed_project(tmp_path / "pending.cmdesk", cmrt_dir, import_cmrts=False)
    with pytest.raises(NotReadyToExport) as blocked:
        report_data_from_project(no_answers)
    assert blocked.value.step == SUPPLIERS_STEP
    assert "Import your suppliers' CMRTs" in str(blocked.value)
    no_answers.close()


def test_no_covered_product_means_no_report(project, tmp_path):
    for product in project.products():
        project.delete_product(product.id)
    project.save_product(Product("Service kits", "resold spare parts", MadeBy.NEITHER))
    data = report_data_from_project(project)
    assert data.outcome == "no_filing" and data.products == []
    with pytest.raises(NothingToFile):
        write_report_pdf(data, tmp_path / "report.pdf")
    assert not (tmp_path / "report.pdf").exists()


def test_report_builder_imports_no_qt():
    import subprocess
    import sys

    code = "import sys, desktop.core.filing.report_builder; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=str(Path(__file__).parents[2])).returncode == 0


def test_a_supplier_answer_without_covered_countries_means_form_sd_only(tmp_path, cmrt_dir):
    project = filed_project(tmp_path / "sd.cmdesk", cmrt_dir, import_cmrts=False)
    for supplier in project.suppliers():  # only Central Glass is asked here
        project.delete_supplier(supplier.id)
    save_import(project, read_supplier_files([cmrt_dir / "suppliers" / "central-glass_CMRT_6.4.xlsx"], []))
    supplier = project.suppliers()[0]
    supplier.asked = True
    project.save_supplier(supplier)
    data = report_data_from_project(project)
    assert data.outcome == "sd_only" and not data.files_cmr
    assert "none is located in the Covered Countries" in data.outcome_reasons[-1]
    assert data.rcoi.suppliers_responded == 1 and data.rcoi.cmrt_revisions == ["6.4"]
    out = tmp_path / "form_sd.pdf"
    write_report_pdf(data, out)
    text = " ".join(pdf_pages(out))
    assert "Acme Instruments, Inc." in text and "SIGNATURES" in text
    assert "Exhibit 1.01" not in text and "Annex A" not in text  # no Conflict Minerals Report
    project.close()


def test_an_unready_project_gives_draft_data_whatever_the_caller(project, tmp_path):
    """The final-or-draft rule is the core's: report data for a project with open items is a draft,
    so a PDF written from it by any caller says DRAFT (not only when the Export page asks)."""
    from desktop.core.filing.readiness import blockers

    assert blockers(project)  # its due diligence statements are unconfirmed
    data = report_data_from_project(project)
    assert data.draft
    out = tmp_path / "report.pdf"
    write_report_pdf(data, out)
    assert all("DRAFT" in page for page in pdf_pages(out))
    assert report_data_from_project(project, open_items=[]).draft is False  # nothing open, facts complete


def _report_text(project, tmp_path) -> str:
    out = tmp_path / "report.pdf"
    write_report_pdf(report_data_from_project(project), out)
    return " ".join(" ".join(pdf_pages(out)).split())


def test_follow_ups_are_stated_only_as_recorded(project, tmp_path):
    """The RCOI paragraphs say the company followed up only about suppliers with a reminder or
    follow-up on record (Silent Springs here), with the count; none recorded, no such claim."""
    data = report_data_from_project(project)
    assert data.rcoi.suppliers_followed_up == 1
    text = _report_text(project, tmp_path)
    assert "It sent reminders or follow-up requests to 1 of those suppliers." in text  # Form SD
    assert "We sent reminders or follow-up requests to 1 of the suppliers surveyed." in text  # the CMR
    assert "sending reminders or follow-up requests to some of them" in text
    assert "followed up with suppliers where answers were missing" not in text  # the old fixed claim
    assert ";;" not in text  # template comments never print

    for supplier in project.suppliers():
        if supplier.name == "Silent Springs Co.":
            supplier.request_state, supplier.reminded_on = RequestState.REQUESTED, None
            project.save_supplier(supplier)
    assert report_data_from_project(project).rcoi.suppliers_followed_up == 0
    text = _report_text(project, tmp_path)
    assert "reminders or follow-up requests" not in text
    assert "checked each response received for completeness and internal consistency" in text


def test_company_level_wording_follows_the_responses(project, tmp_path):
    """"most of our suppliers reported for their company as a whole" only when more than half did."""
    rcoi = report_data_from_project(project).rcoi
    assert (rcoi.company_level_responses, rcoi.product_level_responses) == (4, 3)
    assert "most of our suppliers reported for their company as a whole" in _report_text(project, tmp_path)
    assert RcoiFacts(9, 7, company_level_responses=3, product_level_responses=4).mostly_company_level is False
    assert RcoiFacts(9, 7, company_level_responses=0, product_level_responses=0).mostly_company_level is False


def test_the_downstream_statement_is_a_claim_the_user_confirms(project, tmp_path):
    """"We make no purchases in the Covered Countries" is a fact about the company: proposed in due
    diligence step 2, unconfirmed until the user confirms it, never fixed template text."""
    from desktop.core.filing import claims

    state = claims.claim_state(project.answers(), "supply_chain_position")
    assert state.step == 2 and not state.confirmed
    assert any(b.key == "claims.step2" and "Position in the Supply Chain" in b.message
               for b in claims.claim_blockers(project))
    project.set_answer("supply_chain_position", "We buy refined tin directly from two smelters in Malaysia.")
    assert "We buy refined tin directly from two smelters in Malaysia." in _report_text(project, tmp_path)
    assert "make no purchases in the Covered Countries" not in _report_text(project, tmp_path)


def test_no_intention_is_stated_unless_the_user_chose_the_steps(project, tmp_path):
    """Section 6 states future steps only as the user chose them; none chosen, no promise printed."""
    project.set_answer(FUTURE_STEPS_KEY, "")
    text = _report_text(project, tmp_path)
    assert "We intend" not in text
    project.set_answer(FUTURE_STEPS_KEY, "Ask suppliers for product-level CMRTs")
    assert "We intend to take the following steps" in _report_text(project, tmp_path)
    assert "Ask suppliers for product-level CMRTs" in _report_text(project, tmp_path)


def test_supplier_counts_agree_with_their_nouns(project, tmp_path):
    """"1 supplier responded", never "1 suppliers", in the Form SD and the CMR."""
    for supplier in project.suppliers():
        if supplier.name not in ("Quiet Parts LLC", "Silent Springs Co.") and supplier.asked:
            supplier.asked = False
            project.save_supplier(supplier)
    rcoi = report_data_from_project(project).rcoi
    assert (rcoi.suppliers_surveyed, rcoi.suppliers_responded) == (2, 0)
    first = next(s for s in project.suppliers() if not s.asked and s.name != "Never Asked Ltd.")
    first.asked = True
    project.save_supplier(first)
    rcoi = report_data_from_project(project).rcoi
    assert (rcoi.suppliers_surveyed, rcoi.suppliers_responded) == (3, 1)
    text = _report_text(project, tmp_path)
    assert "1 supplier (33%) responded." in text and "1 suppliers" not in text
