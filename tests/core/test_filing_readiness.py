"""Readiness blockers owned by the filing (issue 10), on projects built from the real supplier CMRTs."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from desktop.core.filing.readiness_checks import (
    STALE_STATUS_REASON_KEY,
    edgar_checklist,
    late_filing_warning,
    set_edgar_item,
)
from desktop.core.filing.evidence import project_rollup
from desktop.core.project import Project
from desktop.core.filing.readiness import STEP_COMPANY, STEP_PRODUCTS, STEP_SMELTERS, STEP_SUPPLIERS, blockers
from desktop.core.smelters.decisions import MatchDecision
from desktop.core.smelters.to_resolve import still_to_resolve
from desktop.core.filing.scoping import MadeBy, Product
from tests.core.test_report_builder import filed_project


@pytest.fixture(scope="module")
def template(tmp_path_factory, cmrt_dir):
    path = tmp_path_factory.mktemp("readiness") / "acme.cmdesk"
    filed_project(path, cmrt_dir).close()
    return path


@pytest.fixture
def project(template, tmp_path):
    shutil.copy(template, tmp_path / "acme.cmdesk")
    opened = Project.open(tmp_path / "acme.cmdesk")
    yield opened
    opened.close()


def keys(project) -> dict[str, str]:
    return {b.key: b.step for b in blockers(project)}


def test_a_new_empty_project_is_not_ready(tmp_path):
    empty = Project.create(tmp_path / "new.cmdesk")
    found = keys(empty)
    assert found["scoping.no_products"] == STEP_PRODUCTS
    assert found["company.cover_facts"] == STEP_COMPANY
    empty.close()


def test_unanswered_products_and_missing_answers_block(tmp_path, cmrt_dir):
    project = filed_project(tmp_path / "p.cmdesk", cmrt_dir, import_cmrts=False)
    assert keys(project)["scoping.no_answers"] == STEP_SUPPLIERS
    project.save_product(Product("Half-answered gauge", made_by=MadeBy.MANUFACTURE, metals={"Tin"}))
    message = next(b.message for b in blockers(project) if b.key == "scoping.incomplete")
    assert "Half-answered gauge" in message
    project.close()


def test_undecided_smelters_block_until_each_is_decided(project):
    rolled = project_rollup(project)
    waiting = still_to_resolve(rolled.unresolved)
    assert waiting  # the real files name smelters RMI's list does not identify
    message = next(b for b in blockers(project) if b.key == "smelters.unresolved")
    assert message.step == STEP_SMELTERS and f"{len(waiting)} smelter names" in message.message
    for entry in waiting:
        project.save_decision(MatchDecision.for_row(entry.rows[0].row, None, not_a_smelter=True, note="checked"))
    assert "smelters.unresolved" not in keys(project)


def test_statuses_older_than_12_months_before_year_end_block_unless_explained(project):
    # The shipped statuses are as of January 20, 2023; the project reports on 2025.
    found = {b.key: b for b in blockers(project)}
    assert "January 20, 2023" in found["smelters.stale_statuses"].message
    project.set_answer(STALE_STATUS_REASON_KEY, "RMI's lists of March 2026 show the same statuses.")
    assert "smelters.stale_statuses" not in keys(project)
    project.set_answer(STALE_STATUS_REASON_KEY, "")
    project.update_registrant(reporting_year=2023)  # January 20, 2023 is within 12 months of the end of 2023
    assert "smelters.stale_statuses" not in keys(project)


def test_missing_cover_and_signer_facts_block_at_the_company_step(project):
    assert "company.cover_facts" not in keys(project)
    project.update_registrant(signer_title="", irs_ein="")
    blocker = next(b for b in blockers(project) if b.key == "company.cover_facts")
    assert blocker.step == STEP_COMPANY
    assert "the IRS employer identification number" in blocker.message and "the signer's title" in blocker.message


def test_late_signature_warns_and_on_time_does_not():
    assert late_filing_warning(2025, date(2026, 6, 1)) == ""  # May 31, 2026 is a Sunday: due June 1
    late = late_filing_warning(2025, date(2026, 6, 3))
    assert "due on June 1, 2026" in late and "2 days after it" in late
    assert late_filing_warning(None, date(2030, 1, 1)) == ""


def test_edgar_checklist_is_ticked_not_blocking(project):
    items = edgar_checklist(project)
    assert [i.key for i in items] == ["cik", "form_id", "login_gov", "two_admins"]
    assert not any(i.done for i in items)
    assert "at least two account administrators" in items[3].meaning
    before = keys(project)
    set_edgar_item(project, "form_id", True)
    assert [i.done for i in edgar_checklist(project)] == [False, True, False, False]
    assert keys(project) == before


def test_the_sample_is_one_decision_away_from_a_true_final_filing(tmp_path):
    from desktop.core.export.report_pdf import write_report_pdf
    from desktop.core.filing.report_builder import report_data_from_project
    from desktop.core.sample.project import create_sample_project
    from tests.core.export_helpers import pdf_pages
    from tests.ui.conftest import decide_sample_smelters

    sample = create_sample_project(tmp_path / "sample")
    # Its roster was asked and its old statuses explained; its statements (facts filled in) and the
    # two names its suppliers mistyped wait for the newcomer.
    assert {b.key for b in blockers(sample)} == {f"claims.step{n}" for n in range(1, 6)} | {"smelters.unresolved"}
    assert report_data_from_project(sample).draft  # open items: the core gives only draft data
    decide_sample_smelters(sample)
    assert blockers(sample) == []
    data = report_data_from_project(sample)
    assert not data.draft
    assert data.outcome == "sd_with_cmr"  # Lakeshore's "Yes" and Old Mill's blank answer, among others
    assert (data.rcoi.suppliers_surveyed, data.rcoi.suppliers_responded) == (8, 7)
    out = tmp_path / "sample.pdf"
    write_report_pdf(data, out)
    text = " ".join(" ".join(pdf_pages(out)).split())
    assert "DRAFT" not in text
    assert "1 of the 8 suppliers surveyed did not return a usable Conflict Minerals Reporting Template." in text
    sample.close()


def test_a_new_empty_project_cannot_produce_a_final_export(tmp_path):
    from desktop.core.filing.report_builder import NotReadyToExport, report_data_from_project

    empty = Project.create(tmp_path / "new.cmdesk")
    assert blockers(empty)
    with pytest.raises(NotReadyToExport):
        report_data_from_project(empty)
    empty.close()


def test_cmrts_in_with_no_supplier_asked_block_at_the_supplier_step(project):
    """The report counts the suppliers asked and those who answered: with CMRTs in and no request on
    record, it would say none were asked."""
    assert "suppliers.none_asked" not in keys(project)
    from desktop.core.suppliers.roster import RequestState

    suppliers = project.suppliers()
    for supplier in suppliers:
        supplier.asked, supplier.request_state = False, RequestState.NOT_REQUESTED
    project.save_suppliers(suppliers)
    assert keys(project)["suppliers.none_asked"] == STEP_SUPPLIERS
    suppliers[0].asked = True
    project.save_supplier(suppliers[0])
    assert "suppliers.none_asked" not in keys(project)
