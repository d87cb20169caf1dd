"""The report PDF: Form SD then Exhibit 1.01 and Annex A, checked through its extracted text."""

from __future__ import annotations

import dataclasses
import os

import pytest
from pypdf import PdfReader

from desktop.core.export.records import file_sha256
from desktop.core.export.report_pdf import NothingToFile, write_annex_pdf, write_report_pdf
from desktop.core.filing.wording import ForbiddenWording
from tests.core.export_helpers import folded, pdf_pages, sample, squash

FORM_SD_SECTIONS = [
    "FORM SD",
    "SPECIALIZED DISCLOSURE REPORT",
    "(Exact name of registrant as specified in its charter)",
    "(Commission File Number)",
    "(IRS Employer Identification No.)",
    "Rule 13p-1 under the Securities Exchange Act (17 CFR 240.13p-1) for the reporting period from January 1 to December 31, 2022.",
    "Section 1 — Conflict Minerals Disclosure",
    "Item 1.01 Conflict Minerals Disclosure and Report",
    "Item 1.02 Exhibit",
    "Item 3.01 Exhibits",
    "SIGNATURES",
    "Pursuant to the requirements of the Securities Exchange Act of 1934",
]
CMR_SECTIONS = [
    "Exhibit 1.01",
    "Conflict Minerals Report",
    "Cautionary Note Concerning Forward-Looking Statements",
    "1. Introduction",
    "Covered Countries",
    "2. Company and Covered Products",
    "3. Reasonable Country of Origin Inquiry",
    "4. Due Diligence",
    "Design of Our Due Diligence",
    "Step 1: Establish strong company management systems",
    "Step 2: Identify and assess risks in the supply chain",
    "Step 3: Design and implement a strategy to respond to identified risks",
    "Step 4: Carry out independent third-party audit",
    "Step 5: Report annually on supply chain due diligence",
    "5. Results of Our Due Diligence",
    "Countries of Origin",
    "Efforts to Determine the Mine or Location of Origin",
    "6. Risk Mitigation and Future Steps",
    "Annex A",
    "Status definitions",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    data = sample()
    path = tmp_path_factory.mktemp("pdf") / "Form SD 2022.pdf"
    record = write_report_pdf(data, path)
    return data, path, record, pdf_pages(path)


def test_report_has_every_section_in_order(report):
    _data, _path, _record, pages = report
    text = " ".join(pages)
    position = 0
    for heading in FORM_SD_SECTIONS + CMR_SECTIONS:
        found = text.find(heading, position)
        assert found >= 0, f"missing or out of order: {heading}"
        position = found


def test_form_sd_cover_carries_the_registrant_facts(report):
    data, _path, _record, pages = report
    cover = pages[0]
    reg = data.registrant
    for fact in (reg.name.upper(), reg.state_of_incorporation, reg.file_number, reg.ein, reg.address, reg.zip_code,
                 reg.contact_name, reg.contact_phone):
        assert fact in cover
    signature = " ".join(pages[:4])
    assert f"By: /s/ {data.signer.name}" in signature
    assert "Date: May 26, 2023" in signature
    assert f"Title: {data.signer.title}" in signature
    assert data.report_url in signature


def test_per_metal_figures_are_printed(report):
    data, _path, _record, pages = report
    text = " ".join(pages)
    assert [s.metal for s in data.metal_summaries] == ["Tantalum", "Tin", "Gold", "Tungsten"]
    for s in data.metal_summaries:
        sentence = (
            f"{s.metal}: of the {s.known} known {s.metal.lower()} smelters and refiners reported by our suppliers, "
            f"{s.conformant_or_active} ({s.percent_conformant_or_active}%) were Conformant or Active "
            f"({s.conformant} Conformant, {s.active} Active)"
        )
        assert sentence in text
        assert f"{s.metal} {s.known} {s.conformant} {s.active} {s.conformant_or_active} {s.percent_conformant_or_active}%" in text
    assert sum(s.known for s in data.metal_summaries) == 400
    rcoi = data.rcoi
    assert f"We surveyed {rcoi.suppliers_surveyed} suppliers and received responses from {rcoi.suppliers_responded}" in text
    assert f"a response rate of {rcoi.response_rate}%" in text
    assert "CMRT revisions 6.22 and 6.31" in text


def test_every_annex_row_is_in_the_pdf(report):
    data, _path, _record, pages = report
    annex_start = next(i for i, page in enumerate(pages) if "Annex A" in page and "Smelter or refiner name" in page)
    annex_text = " ".join(pages[annex_start:])
    missing = []
    for row in data.annex_rows:
        expected = squash(f"{row.metal} {folded(row.name)} {row.country} {row.smelter_id} {row.status}")
        if expected not in annex_text:
            missing.append(expected)
    assert not missing, f"{len(missing)} Annex A rows not found, e.g. {missing[:3]}"
    assert "The status shown is as of May 19, 2023" in annex_text


def test_annex_table_repeats_its_header_and_pages_are_numbered(report):
    _data, path, _record, pages = report
    total = len(PdfReader(str(path)).pages)
    assert total >= 12
    annex_pages = [page for page in pages if "CID00" in page]
    assert len(annex_pages) >= 5
    assert all("Metal Smelter or refiner name Country Smelter ID Status" in page for page in annex_pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
    assert "Form SD and Conflict Minerals Report, Calendar Year 2022" in pages[1]
    assert "Form SD and Conflict Minerals Report, Calendar Year 2022" not in pages[0]  # the cover has no header


def test_export_record_matches_the_file(report):
    _data, path, record, _pages = report
    assert record.kind == "report_pdf"
    assert record.sha256 == file_sha256(path)
    assert record.path == str(path.resolve())
    assert record.created_at.endswith("+00:00")


def test_non_latin_smelter_names_keep_their_identity(report):
    data, _path, _record, pages = report
    text = " ".join(pages)
    for row in data.annex_rows:
        if not row.name.isascii():
            assert row.smelter_id in text


def test_no_ipsa_never_says_conflict_free(report):
    text = " ".join(report[3]).lower()
    assert "conflict free" not in text and "conflict-free" not in text
    assert "undeterminable" not in text
    assert "has not been subject to an independent private sector audit" in text


def test_forbidden_user_wording_stops_the_export_and_keeps_the_old_file(tmp_path):
    data = sample(rows=40)
    path = tmp_path / "out" / "report.pdf"
    write_report_pdf(data, path)
    before = file_sha256(path)
    data.diligence_answers["audits"] = "All our products are DRC conflict-free."
    with pytest.raises(ForbiddenWording) as raised:
        write_report_pdf(data, path)
    assert "independent private sector audit" in str(raised.value)
    assert file_sha256(path) == before
    assert os.listdir(path.parent) == ["report.pdf"]  # no temporary file left behind


def test_ipsa_allows_the_claim_and_names_the_auditor(tmp_path):
    data = sample(rows=40)
    data.ipsa, data.ipsa_auditor = True, "Example Assurance LLP"
    data.diligence_answers["audits"] = "Our products are DRC conflict free, as audited."
    write_report_pdf(data, tmp_path / "report.pdf")
    text = " ".join(pdf_pages(tmp_path / "report.pdf"))
    assert "independent private sector audit performed by Example Assurance LLP" in text
    assert "DRC conflict free, as audited" in text


def test_form_sd_only_has_no_exhibit(tmp_path):
    data = dataclasses.replace(
        sample(rows=40),
        outcome="sd_only",
        outcome_reasons=["Every supplier reported recycled or scrap sources only."],
    )
    write_report_pdf(data, tmp_path / "sd.pdf")
    pages = pdf_pages(tmp_path / "sd.pdf")
    text = " ".join(pages)
    assert "has no reason to believe" in text
    assert "Every supplier reported recycled or scrap sources only." in text
    assert "Item 1.02" not in text and "Exhibit 1.01" not in text and "Annex A" not in text
    assert len(pages) <= 3


def test_no_filing_outcome_has_no_report(tmp_path):
    data = dataclasses.replace(sample(rows=10), outcome="no_filing")
    with pytest.raises(NothingToFile):
        write_report_pdf(data, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_countries_of_origin_when_known(tmp_path):
    data = sample(rows=40)
    data.countries_of_origin = ["Australia", "Brazil", "Rwanda"]
    write_report_pdf(data, tmp_path / "r.pdf")
    text = " ".join(pdf_pages(tmp_path / "r.pdf"))
    assert "may include the following 3 countries: Australia, Brazil and Rwanda." in text


def test_annex_pdf_alone(tmp_path):
    data = sample(rows=120)
    record = write_annex_pdf(data, tmp_path / "annex.pdf")
    pages = pdf_pages(tmp_path / "annex.pdf")
    text = " ".join(pages)
    assert record.kind == "annex_pdf"
    assert "FORM SD" not in text and "Annex A" in text
    for row in data.annex_rows:
        assert row.smelter_id in text
    assert "Conformant: The smelter or refiner has successfully completed an assessment" in text
    assert f"Page 1 of {len(pages)}" in pages[0]


def test_names_outside_the_standard_fonts(tmp_path):
    data = sample(rows=20)
    names = ["KGHM Polska Miedź Spółka Akcyjna", "Nadir Metal Rafineri San. Ve Tic. A.Ş.", "云南锡业股份有限公司锡业分公司"]
    for row, name in zip(data.annex_rows, names):
        row.name = name
    write_annex_pdf(data, tmp_path / "annex.pdf")
    text = " ".join(pdf_pages(tmp_path / "annex.pdf"))
    assert "KGHM Polska Miedz Spólka Akcyjna" in text  # accent dropped, letters kept
    assert "Nadir Metal Rafineri San. Ve Tic. A.S." in text
    assert "云南锡业股份有限公司锡业分公司" in text.replace(" ", "")  # CJK through the viewer's CID font


def test_missing_facts_are_named_before_anything_is_written(tmp_path):
    from desktop.core.export.annex_files import write_annex_csv
    from desktop.core.export.edgar_html import write_edgar_html
    from desktop.core.export.report_data import IncompleteReport

    data = sample(rows=10)
    data.registrant.ein = ""
    data.report_url = " "
    data.status_as_of = None
    with pytest.raises(IncompleteReport) as raised:
        write_report_pdf(data, tmp_path / "r.pdf")
    assert raised.value.missing == [
        "the IRS employer identification number",
        "the web address where the report is published",
        "the date the smelter statuses were checked against the RMI lists (as of)",
    ]
    with pytest.raises(IncompleteReport):
        write_edgar_html(data, tmp_path)
    with pytest.raises(IncompleteReport, match="as of"):
        write_annex_csv(data, tmp_path / "a.csv")
    assert [p.name for p in tmp_path.iterdir() if p.name != "appdata"] == []


def test_a_report_from_the_rmi_facility_list_of_the_shared_corpus(smelter_lists_dir, tmp_path):
    data = sample(smelter_lists_dir, rows=60)
    write_annex_pdf(data, tmp_path / "annex.pdf")
    text = " ".join(pdf_pages(tmp_path / "annex.pdf"))
    assert len(data.annex_rows) == 60
    assert all(row.smelter_id in text for row in data.annex_rows)
