"""An audit claimed needs the auditor's report attached; it is filed as Exhibit 1.02 (no Qt)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from desktop.core.filing import audit_report, readiness
from desktop.core.filing.audit_report import BadAttachment, attach_audit_edgar, attach_audit_pdf, audit_blockers
from desktop.core.export.edgar_html import write_edgar_html
from desktop.core.export.report_data import IncompleteReport
from desktop.core.export.report_pdf import write_report_pdf
from desktop.core.project import Project
from desktop.core.filing.report_builder import IPSA_AUDITOR_KEY, IPSA_KEY, report_data_from_project
from tests.core.export_helpers import pdf_pages
from tests.core.test_report_builder import filed_project

AUDITOR_LINE = "We have examined the design of the due diligence framework of Acme Instruments"


def auditors_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF as an audit firm would send it: our own text, so the test can find its pages."""
    drawing = canvas.Canvas(str(path))
    for number in range(1, pages + 1):
        drawing.drawString(72, 720, f"{AUDITOR_LINE}, page {number} of {pages}.")
        drawing.showPage()
    drawing.save()
    return path


@pytest.fixture
def audited(tmp_path, cmrt_dir):
    project = filed_project(tmp_path / "Acme 2025.cmdesk", cmrt_dir)
    project.set_answer(IPSA_KEY, "yes")
    project.set_answer(IPSA_AUDITOR_KEY, "Example Assurance LLP")
    yield project
    project.close()


def test_an_audit_without_its_report_blocks(audited):
    keys = [b.key for b in audit_blockers(audited)]
    assert keys == ["audit.report_pdf", "audit.report_edgar"]
    assert audit_blockers in readiness.CHECKS
    assert all(b.step == readiness.STEP_DILIGENCE for b in readiness.blockers(audited) if b.key.startswith("audit."))
    audited.set_answer(IPSA_KEY, "")
    assert audit_blockers(audited) == []  # no audit claimed, nothing to attach


def test_only_a_readable_pdf_is_taken(audited, tmp_path, cmrt_dir):
    workbook = next(Path(cmrt_dir, "suppliers").rglob("*.xlsx"))
    with pytest.raises(BadAttachment, match=workbook.name + " is not a PDF"):
        attach_audit_pdf(audited, workbook)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(BadAttachment, match="broken.pdf"):
        attach_audit_pdf(audited, broken)
    with pytest.raises(BadAttachment, match="not an HTML or text file"):
        attach_audit_edgar(audited, workbook)
    assert audited.attachment(audit_report.AUDIT_PDF) is None


def test_the_report_is_kept_with_its_sha256_and_filed_as_exhibit_1_02(audited, tmp_path):
    pdf = auditors_pdf(tmp_path / "Assurance report.pdf")
    attached = attach_audit_pdf(audited, pdf)
    assert attached.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    pdf.unlink()  # kept in the project, not referenced
    reopened = Project.open(audited.path)
    try:
        assert reopened.attachment(audit_report.AUDIT_PDF).data.startswith(b"%PDF")
    finally:
        reopened.close()
    assert [b.key for b in audit_blockers(audited)] == ["audit.report_edgar"]

    out = tmp_path / "report.pdf"
    write_report_pdf(report_data_from_project(audited, open_items=[]), out)  # as when nothing blocks
    pages = pdf_pages(out)
    assert pages[-2].endswith(f"{AUDITOR_LINE}, page 1 of 2.")  # the auditor's pages, unchanged
    assert pages[-1].endswith(f"{AUDITOR_LINE}, page 2 of 2.")
    assert "DRAFT" not in " ".join(pages)
    # Our page numbers count the auditor's pages that follow them.
    assert f"Page 1 of {len(pages)}" in pages[0] and f"Page {len(pages) - 2} of {len(pages)}" in pages[-3]
    cover = pages[-3]
    assert "Exhibit 1.02" in cover and "Example Assurance LLP" in cover and attached.sha256 in cover
    text = " ".join(pages)
    assert "| 1.02 |" not in text and "1.02 Report of the independent private sector audit" in text
    assert "whose audit report is filed as Exhibit 1.02" in text


def test_a_draft_stamps_the_auditors_pages_too(audited, tmp_path):
    """Every page of a draft says DRAFT, the appended auditor's pages included."""
    attach_audit_pdf(audited, auditors_pdf(tmp_path / "Assurance report.pdf"))
    data = report_data_from_project(audited)
    assert data.draft  # its statements are still unconfirmed
    out = tmp_path / "report DRAFT.pdf"
    write_report_pdf(data, out)
    pages = pdf_pages(out)
    assert all("DRAFT" in page for page in pages)
    assert AUDITOR_LINE in pages[-1] and AUDITOR_LINE in pages[-2]


def test_edgar_needs_an_html_or_text_version(audited, tmp_path):
    attach_audit_pdf(audited, auditors_pdf(tmp_path / "report.pdf", pages=1))
    with pytest.raises(IncompleteReport, match="ex1-02.htm"):  # a final filing (nothing else open)
        write_edgar_html(report_data_from_project(audited, open_items=[]), tmp_path / "edgar")
    draft = report_data_from_project(audited)
    draft.draft = True  # a draft is written without it, and says DRAFT
    assert [Path(r.path).name for r in write_edgar_html(draft, tmp_path / "draft")] == [
        "DRAFT-form_sd.htm", "DRAFT-ex1-01.htm",
    ]
    text = tmp_path / "Assurance report.txt"
    text.write_text(f"Independent Accountants’ Report\n\n{AUDITOR_LINE} & its <framework>.\n", encoding="utf-8")
    attach_audit_edgar(audited, text)
    assert audit_blockers(audited) == []
    records = write_edgar_html(report_data_from_project(audited, open_items=[]), tmp_path / "edgar")
    exhibit = tmp_path / "edgar" / "ex1-02.htm"
    assert [Path(r.path).name for r in records][-1] == "ex1-02.htm"
    html = exhibit.read_text(encoding="ascii")
    assert "Accountants&#8217; Report" in html and "&amp; its &lt;framework&gt;" in html
    form_sd = (tmp_path / "edgar" / "form_sd.htm").read_text(encoding="ascii")
    assert "1.02" in form_sd and "Example Assurance LLP" in form_sd
