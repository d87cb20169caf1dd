"""Our CMRT for customers: derived from a project, written into RMI's blank, read back exactly.

RMI's template may not be shipped, so these tests take the blanks of the shared corpus (cmrt_dir)
and skip without it. The LibreOffice test recalculates the file and reads RMI's own Checker; it
skips when soffice is not installed (CI does not install LibreOffice: see README).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop.core.filing import claims
from desktop.core.cmrt import load_declaration
from desktop.core.cmrt.model import METALS, Severity
from desktop.core.filing.customer_cmrt import SCOPE_PRODUCT, customer_cmrt
from desktop.core.export.customer_cmrt_file import TemplateProblem, check_template, write_customer_cmrt
from desktop.core.filing.evidence import project_rollup
from desktop.core.project import Project
from desktop.core.sample.project import create_sample_project
from tests.core.test_report_builder import filed_project

TEMPLATES = ("RMI_CMRT_6.5.xlsx", "RMI_CMRT_6.4_english_blank.xlsx")
TODAY = date(2026, 3, 2)
EMAILS = {"contact_email": "compliance@example.com", "authorizer_email": "cfo@example.com"}


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CMDESK_DATA_DIR", str(folder / "appdata"))
        create_sample_project(folder / "sample.cmdesk").close()
    return folder / "sample.cmdesk"


@pytest.fixture(scope="module")
def filed_path(tmp_path_factory, cmrt_dir) -> Path:
    path = tmp_path_factory.mktemp("filed") / "acme.cmdesk"
    filed_project(path, cmrt_dir).close()
    return path


def _open_copy(source: Path, tmp_path: Path) -> Project:
    shutil.copy(source, tmp_path / source.name)
    return Project.open(tmp_path / source.name)


def _derive(project: Project, scope: str = "A. Company"):
    cmrt = customer_cmrt(project, project_rollup(project), TODAY, scope)
    cmrt.contact.update(EMAILS)
    return cmrt


def _assert_reads_back(path: Path, cmrt) -> None:
    written = load_declaration(str(path))
    assert [f.message for f in written.findings if f.severity is Severity.ERROR] == []
    company = written.company
    assert (company.name, company.contact_name, company.contact_email, company.authorizer,
            company.authorizer_email) == (
        cmrt.contact["company_name"], cmrt.contact["contact_name"], EMAILS["contact_email"],
        cmrt.contact["authorizer"], EMAILS["authorizer_email"])
    assert company.effective_date == TODAY
    assert company.scope_label == cmrt.scope
    for item in cmrt.metal_answers:
        read = written.metal_answers[item.metal][item.number - 1]
        assert (item.key, read.answer) == (item.key, item.answer)
    assert [(a.letter, a.answer) for a in written.company_answers] == [
        (a.key, a.answer) for a in cmrt.company_answers]
    assert sorted((r.metal, r.smelter_id) for r in written.smelters if r.smelter_id) == sorted(
        (s.metal, s.cid) for s in cmrt.smelters if not _hand_typed(written, s))
    typed = [r for r in written.smelters if not r.smelter_id]
    assert sorted((r.metal, r.name) for r in typed) == sorted(
        (s.metal, s.name) for s in cmrt.smelters if _hand_typed(written, s))
    assert len(written.smelters) == len(cmrt.smelters)
    assert [(p.number, p.name) for p in written.products] == [(n, d) for n, d in cmrt.products]


def _hand_typed(written, smelter) -> bool:
    """A smelter missing from the template's look-up is typed as "Smelter not listed", ID in the comment."""
    return any(r.comments.startswith(f"RMI smelter ID {smelter.cid};") for r in written.smelters)


@pytest.mark.parametrize("template", TEMPLATES)
def test_sample_project_cmrt_reads_back_exactly(sample_path, cmrt_dir, tmp_path, template):
    project = _open_copy(sample_path, tmp_path)
    cmrt = _derive(project)
    project.close()
    assert len(cmrt.smelters) > 20
    target = tmp_path / "ours.xlsx"
    write_customer_cmrt(cmrt_dir / "templates" / template, target, cmrt)
    _assert_reads_back(target, cmrt)


def test_real_files_project_cmrt_reads_back_exactly(filed_path, cmrt_dir, tmp_path):
    project = _open_copy(filed_path, tmp_path)
    cmrt = _derive(project, SCOPE_PRODUCT)
    project.close()
    assert cmrt.products == [("Flow meters", "ultrasonic flow meters")]  # the product without 3TG is left out
    # The user changes a derived answer before writing; the file carries the change.
    cmrt.set_answer("3/Tin", "Unknown")
    target = tmp_path / "ours.xlsx"
    write_customer_cmrt(cmrt_dir / "templates" / "RMI_CMRT_6.5.xlsx", target, cmrt)
    _assert_reads_back(target, cmrt)
    assert load_declaration(str(target)).metal_answers["Tin"][2].answer == "Unknown"
    workbook = openpyxl.load_workbook(target)
    # RMI's workbook survives: protection, hidden sheets, drop-downs and formulas.
    assert workbook.security.lockStructure
    assert workbook["Declaration"].protection.sheet and workbook["Smelter List"].protection.sheet
    assert [ws.title for ws in workbook.worksheets if ws.sheet_state == "hidden"] == ["L", "C", "SorP"]
    assert len(workbook["Declaration"].data_validations.dataValidation) >= 20
    assert str(workbook["Smelter List"]["B5"].value).startswith("=IF(LEN(A5)=0")


def test_answers_follow_the_project(filed_path, tmp_path):
    project = _open_copy(filed_path, tmp_path)
    cmrt = _derive(project)
    # 7 of the 9 suppliers asked answered: "Greater than 75%", never rounded up to more.
    assert {cmrt.answer(f"6/{m}") for m in ("Tin", "Gold")} == {"Greater than 75%"}
    assert "7 of the 9" in next(a.reason for a in cmrt.metal_answers if a.key == "6/Tin")
    # Not every supplier answered, so no metal can claim all smelters identified.
    assert {cmrt.answer(f"7/{m}") for m in METALS if cmrt.answer(f"1/{m}") == "Yes"} == {"No"}
    assert all(a.reason for a in cmrt.metal_answers + cmrt.company_answers)
    # Company questions count as Yes only once the due diligence sentence is confirmed.
    assert cmrt.answer("A") == "No" and cmrt.answer("B") == "No"
    project.set_answer("policy_year", "2019")
    project.set_answer("policy_url", "https://acme.example/policy")
    claims.confirm_claim(project, "policy")
    again = _derive(project)
    assert again.answer("A") == "Yes" and again.answer("B") == "Yes"
    assert next(a.comment for a in again.company_answers if a.key == "B") == "https://acme.example/policy"
    project.close()


def test_missing_contact_facts_are_asked_for_not_invented(filed_path, cmrt_dir, tmp_path):
    project = _open_copy(filed_path, tmp_path)
    cmrt = customer_cmrt(project, project_rollup(project), TODAY)
    project.close()
    assert cmrt.missing() == ["Contact e-mail", "Authorizer's e-mail"]
    with pytest.raises(ValueError, match="Contact e-mail"):
        write_customer_cmrt(cmrt_dir / "templates" / "RMI_CMRT_6.5.xlsx", tmp_path / "x.xlsx", cmrt)
    assert not (tmp_path / "x.xlsx").exists()
    with pytest.raises(ValueError, match="not an answer"):
        cmrt.set_answer("6/Tin", "Most of them")


def test_only_a_blank_cmrt_6_is_accepted(cmrt_dir):
    assert check_template(cmrt_dir / "templates" / "RMI_CMRT_6.5.xlsx") == "6.5"
    with pytest.raises(TemplateProblem, match="already holds answers"):
        check_template(cmrt_dir / "templates" / "RMI_CMRT_6.31.xlsx")  # left with test answers
    supplier_file = sorted((cmrt_dir / "suppliers").glob("*6.4*.xlsx"))[0]
    with pytest.raises(TemplateProblem, match="already holds answers"):
        check_template(supplier_file)
    with pytest.raises(TemplateProblem, match="CMRT"):
        check_template(cmrt_dir / "not-cmrt" / "RMI_EMRT_2.1_blank.xlsx")


def test_rmi_checker_counts_no_missing_field_after_libreoffice_recalculates(filed_path, cmrt_dir, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    project = _open_copy(filed_path, tmp_path)
    cmrt = _derive(project, SCOPE_PRODUCT)
    project.close()
    written = tmp_path / "ours.xlsx"
    write_customer_cmrt(cmrt_dir / "templates" / "RMI_CMRT_6.5.xlsx", written, cmrt)
    out = tmp_path / "recalculated"
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
         "--convert-to", "xlsx", "--outdir", str(out), str(written)],
        check=True, capture_output=True, timeout=300,
    )
    checker = openpyxl.load_workbook(out / "ours.xlsx", data_only=True)["Checker"]
    assert int(checker["D2"].value) == 0  # the count of required fields still missing (LAYOUT.md 2.8)
    declaration = openpyxl.load_workbook(out / "ours.xlsx", data_only=True)["Declaration"]
    assert declaration["B8"].value.startswith("Company Name")  # labels in English after recalculation
