"""The determination from evidence, on the real supplier CMRTs in ../shared/cmrt (issue 10).

"No reason to believe" only on positive grounds; every "Unknown", blank, missing answer,
unidentified smelter or covered-country "Yes" leads to due diligence and a CMR, unless the user
writes down a different conclusion or explicitly files Items 1.01(a)/(b) only.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from desktop.core.cmrt import load_many
from desktop.core.cmrt.model import Meaning
from desktop.core.filing.evidence import (
    CONCLUSION_REASON_KEY,
    STAFF_STATEMENT_KEY,
    VOLUNTARY_CMR_KEY,
    inquiry_result,
    project_conclusion,
    project_rollup,
)
from desktop.core.suppliers.inquiry import read_supplier_files, save_import
from desktop.core.filing.inquiry_evidence import Ground, answer_evidence
from desktop.core.project import Project
from desktop.core.filing.report_builder import report_data_from_project
from desktop.core.export.report_pdf import write_report_pdf
from desktop.core.filing.scoping import Answer, InquiryResult, MadeBy, Outcome, Product
from desktop.core.smelters.decisions import MatchDecision
from desktop.core.suppliers import RequestState, Supplier
from tests.core.export_helpers import pdf_pages
from tests.core.test_report_builder import REGISTRANT


def make_project(path: Path, cmrt_dir: Path, files: list[str], metals=("Tungsten",), extra_asked=()) -> Project:
    """A covered product, the given real files imported, every supplier marked as asked."""
    project = Project.create(path)
    project.update_registrant(**REGISTRANT)
    project.save_product(Product("Wafers", "etched wafers", MadeBy.MANUFACTURE, set(metals), Answer.YES))
    for name in extra_asked:
        project.save_supplier(Supplier(name=name, request_state=RequestState.REQUESTED))
    for name in files:
        folder = "suppliers" if (cmrt_dir / "suppliers" / name).exists() else "old-revisions"
        save_import(project, read_supplier_files([cmrt_dir / folder / name], project.suppliers()))
    for supplier in project.suppliers():
        supplier.asked = True  # the user marks them as asked (the import never does)
        project.save_supplier(supplier)
    return project


def read(cmrt_dir: Path, folder: str, name: str):
    return load_many([str(cmrt_dir / folder / name)], workers=1)[0]


def test_all_no_with_identified_smelters_is_no_reason_to_believe(tmp_path, cmrt_dir):
    # Central Glass and SK specialty both answer "No" for tungsten and report only identified smelters.
    project = make_project(tmp_path / "p.cmdesk", cmrt_dir, ["central-glass_CMRT_6.4.xlsx", "sk-specialty_CMRT_6.4.xlsx"])
    conclusion = project_conclusion(project)
    evidence = conclusion.evidence
    assert evidence.result is InquiryResult.NO_COVERED_COUNTRIES
    assert conclusion.determination.outcome is Outcome.SD_ONLY
    assert sorted(evidence.responded) == ["Central Glass Co., Ltd.", "SK specialty Co., Ltd"]
    tungsten = [a for a in evidence.answers if a.metal == "Tungsten"]
    assert {(a.supplier, a.covered, a.ground) for a in tungsten} == {
        ("Central Glass Co., Ltd.", "No", Ground.NO), ("SK specialty Co., Ltd", "No", Ground.NO),
    }
    assert evidence.reasons == [] and evidence.unidentified_smelters == []
    assert any("All 2 suppliers asked returned" in line for line in conclusion.determination.reasons)
    data = report_data_from_project(project)
    assert data.outcome == "sd_only"
    assert any("none is located in the Covered Countries" in r for r in data.outcome_reasons)
    project.close()


def test_a_real_unknown_answer_means_may_have_originated(tmp_path, cmrt_dir):
    # GoerTek's file answers "Unknown" for tantalum from the Covered Countries.
    project = make_project(tmp_path / "p.cmdesk", cmrt_dir, ["goertek-testfill_CMRT_3.01_encrypted.xls"],
                           metals=("Tantalum",))
    conclusion = project_conclusion(project)
    assert conclusion.evidence.result is InquiryResult.MAY_BE_COVERED_COUNTRIES
    assert conclusion.determination.outcome is Outcome.SD_WITH_CMR
    tantalum = next(a for a in conclusion.evidence.answers if a.metal == "Tantalum")
    assert (tantalum.covered, tantalum.ground) == ("Unknown", Ground.REASON)
    assert any('GoerTech Inc. answered "Unknown"' in r and "tantalum" in r for r in conclusion.evidence.reasons)
    # The filing counts the answers without naming the supplier.
    printed = report_data_from_project(project).outcome_reasons
    assert any('answered "Unknown", or did not answer' in r for r in printed)
    assert not any("GoerTech" in r for r in printed)
    project.close()


def test_an_unknown_gold_answer_is_not_excused_by_recycling(cmrt_dir):
    # The 3.01 "green" test fill says all gold is recycled but answers "Unknown" on the Covered Countries.
    declaration = read(cmrt_dir, "old-revisions", "testfill_3.01_green.xlsx")
    assert declaration.answer("Gold", Meaning.COVERED_COUNTRIES) == "Unknown"
    assert answer_evidence("Green", declaration, "Gold").ground is Ground.REASON
    assert answer_evidence("Green", declaration, "Tin").ground is Ground.NO
    assert inquiry_result([declaration]) is InquiryResult.MAY_BE_COVERED_COUNTRIES


def test_a_supplier_asked_without_answer_means_may_have_originated(tmp_path, cmrt_dir):
    project = make_project(tmp_path / "p.cmdesk", cmrt_dir, ["central-glass_CMRT_6.4.xlsx", "sk-specialty_CMRT_6.4.xlsx"],
                           extra_asked=["Quiet Parts LLC"])
    evidence = project_conclusion(project).evidence
    assert evidence.result is InquiryResult.MAY_BE_COVERED_COUNTRIES
    assert evidence.not_responded == ["Quiet Parts LLC"]
    assert "Quiet Parts LLC was asked but has not returned a usable CMRT." in evidence.reasons
    project.close()


def test_an_empty_template_is_no_answer(tmp_path, cmrt_dir):
    # The blank 2.03 template is unusable: its sender counts as not having answered.
    project = make_project(tmp_path / "p.cmdesk", cmrt_dir, ["central-glass_CMRT_6.4.xlsx"])
    blank = read_supplier_files([cmrt_dir / "old-revisions" / "testfill_2.03_empty.xlsx"], [])
    supplier = Supplier(name="Blank Sender Inc.", request_state=RequestState.REQUESTED)
    project.save_supplier(supplier)
    blank[0].supplier_id, blank[0].create_supplier = supplier.id, False
    save_import(project, blank)
    evidence = project_conclusion(project).evidence
    assert "Blank Sender Inc." in evidence.not_responded
    assert evidence.result is InquiryResult.MAY_BE_COVERED_COUNTRIES
    project.close()


def test_a_blank_covered_country_answer_is_a_reason(cmrt_dir):
    # Central Glass with its tungsten answer on the Covered Countries erased, as suppliers often send it.
    declaration = copy.deepcopy(read(cmrt_dir, "suppliers", "central-glass_CMRT_6.4.xlsx"))
    for item in declaration.metal_answers["Tungsten"]:
        if item.meaning == Meaning.COVERED_COUNTRIES:
            item.answer = ""
    evidence = answer_evidence("Central Glass", declaration, "Tungsten")
    assert evidence.ground is Ground.REASON and "nothing (left blank)" in evidence.why


def test_unidentified_smelters_mean_may_have_originated_until_decided(tmp_path, cmrt_dir):
    # Connor Winfield answers "No" (tin and gold recycled) but names smelters RMI's list does not identify.
    project = make_project(tmp_path / "p.cmdesk", cmrt_dir, ["connor-winfield_CMRT_2.02_encrypted.xls"],
                           metals=("Tin", "Gold"))
    rolled = project_rollup(project)
    evidence = project_conclusion(project, rolled).evidence
    assert evidence.unidentified_smelters
    assert evidence.result is InquiryResult.MAY_BE_COVERED_COUNTRIES
    assert all(a.ground is not Ground.REASON for a in evidence.answers)  # only the smelters are open
    # Deciding every unresolved row is "not a smelter" removes that reason.
    for entry in rolled.unresolved:
        project.save_decision(MatchDecision.for_row(entry.rows[0].row, None, not_a_smelter=True, note="a trader"))
    evidence = project_conclusion(project).evidence
    assert evidence.unidentified_smelters == []
    assert evidence.result is not InquiryResult.MAY_BE_COVERED_COUNTRIES
    project.close()


def test_a_covered_country_yes_means_may_have_originated(tmp_path, cmrt_dir):
    project = make_project(tmp_path / "p.cmdesk", cmrt_dir, ["emd-merck_CMRT_6.4.xlsx"])
    evidence = project_conclusion(project).evidence
    tungsten = next(a for a in evidence.answers if a.metal == "Tungsten")
    assert (tungsten.covered, tungsten.recycled, tungsten.ground) == ("Yes", "No", Ground.REASON)
    assert evidence.result is InquiryResult.MAY_BE_COVERED_COUNTRIES
    project.close()


def test_yes_with_all_recycled_is_recycled_or_scrap(cmrt_dir):
    # No real file answers Yes with 100% recycled; SK specialty's file with those two answers changed.
    declaration = copy.deepcopy(read(cmrt_dir, "suppliers", "sk-specialty_CMRT_6.4.xlsx"))
    for item in declaration.metal_answers["Tungsten"]:
        if item.meaning in (Meaning.COVERED_COUNTRIES, Meaning.ALL_RECYCLED_SCRAP):
            item.answer = "Yes"
    assert answer_evidence("SK", declaration, "Tungsten").ground is Ground.RECYCLED
    assert inquiry_result([declaration]) is InquiryResult.RECYCLED_OR_SCRAP_ONLY


def test_no_supplier_marked_as_asked_cannot_be_no_reason_to_believe(tmp_path, cmrt_dir):
    project = make_project(tmp_path / "p.cmdesk", cmrt_dir, ["central-glass_CMRT_6.4.xlsx"])
    for supplier in project.suppliers():
        supplier.asked = False
        project.save_supplier(supplier)
    evidence = project_conclusion(project).evidence
    assert evidence.result is InquiryResult.MAY_BE_COVERED_COUNTRIES
    assert evidence.surveyed == []
    project.close()


def test_a_different_conclusion_needs_a_written_reason_printed_in_item_101(tmp_path, cmrt_dir):
    project = make_project(tmp_path / "p.cmdesk", cmrt_dir, ["goertek-testfill_CMRT_3.01_encrypted.xls"],
                           metals=("Tantalum",))
    project.set_answer(CONCLUSION_REASON_KEY, "   ")
    assert project_conclusion(project).determination.outcome is Outcome.SD_WITH_CMR  # blank is no reason
    reason = "GoerTech confirmed in writing on March 3 that its tantalum smelters source only from Australia."
    project.set_answer(CONCLUSION_REASON_KEY, reason)
    conclusion = project_conclusion(project)
    assert conclusion.user_conclusion and conclusion.determination.outcome is Outcome.SD_ONLY
    assert f"Your own conclusion: {reason}" in conclusion.determination.reasons
    data = report_data_from_project(project)
    assert data.outcome == "sd_only" and data.conclusion_reason == reason
    out = tmp_path / "sd.pdf"
    write_report_pdf(data, out)
    text = " ".join(" ".join(pdf_pages(out)).split())
    assert "did not by themselves rule out" in text
    assert reason in text
    project.close()


def test_items_101_a_b_only_under_the_2017_statement_is_explicit(tmp_path, cmrt_dir):
    project = make_project(tmp_path / "p.cmdesk", cmrt_dir, ["emd-merck_CMRT_6.4.xlsx"])
    assert project_conclusion(project).files_cmr  # never the default
    project.set_answer(STAFF_STATEMENT_KEY, "yes")
    conclusion = project_conclusion(project)
    assert conclusion.staff_statement and conclusion.determination.outcome is Outcome.SD_ONLY
    assert "April 7, 2017" in conclusion.determination.headline
    data = report_data_from_project(project)
    out = tmp_path / "sd.pdf"
    write_report_pdf(data, out)
    text = " ".join(" ".join(pdf_pages(out)).split())
    assert "has reason to believe" in text and "no reason to believe" not in text
    assert "April 7, 2017" in text and "paragraphs (a) and (b) of Item 1.01" in text
    assert "Exhibit 1.01" not in text
    project.close()


def test_a_voluntary_cmr_is_always_possible(tmp_path, cmrt_dir):
    project = make_project(tmp_path / "p.cmdesk", cmrt_dir, ["central-glass_CMRT_6.4.xlsx"])
    assert project_conclusion(project).determination.outcome is Outcome.SD_ONLY
    project.set_answer(VOLUNTARY_CMR_KEY, "yes")
    conclusion = project_conclusion(project)
    assert conclusion.voluntary_cmr and conclusion.determination.outcome is Outcome.SD_WITH_CMR
    data = report_data_from_project(project)
    assert data.files_cmr and data.voluntary_cmr
    out = tmp_path / "cmr.pdf"
    write_report_pdf(data, out)
    text = " ".join(" ".join(pdf_pages(out)).split())
    assert "no reason to believe" in text and "chose to exercise due diligence" in text
    assert "has reason to believe" not in text
    project.close()


@pytest.mark.parametrize("state", [RequestState.REQUESTED, RequestState.REMINDER_SENT, RequestState.NO_RESPONSE])
def test_recording_a_request_marks_the_supplier_asked(state):
    assert Supplier(name="A", request_state=state).asked
    assert not Supplier(name="A", request_state=RequestState.COMPLETE).asked
