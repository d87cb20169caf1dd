"""The report PDF (Form SD followed by Exhibit 1.01 and Annex A) and the Annex A PDF alone.

EDGAR takes the HTML as the official filing; this PDF is the unofficial copy and the document
people read, so it is built from the same blocks as the HTML (see document.py).
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from string import Template

from reportlab.platypus import KeepTogether, PageBreak, SimpleDocTemplate, Spacer

from desktop.core.export.document import annex_rows, build_document, report_context
from desktop.core.export.markup import Block, load_template
from desktop.core.export.pdf_flowables import block_flowables
from desktop.core.export.pdf_style import MARGIN, PAGE, numbered_canvas
from desktop.core.export.records import ExportRecord, atomic_target, record_for
from desktop.core.export.report_data import NothingToFile, ReportData, require_complete, summarise_annex


def report_blocks(data: ReportData) -> list[Block]:
    """Form SD, then (when a CMR is filed) Exhibit 1.01 and Annex A, each from a new page."""
    if data.outcome == "no_filing":
        raise NothingToFile("This project needs no Form SD, so there is no report to export.")
    require_complete(data)
    blocks = build_document("form_sd.txt", data)
    if data.files_cmr:
        blocks += [Block("directive", name="pagebreak")] + build_document("cmr.txt", data)
        if data.annex_rows:
            blocks += [Block("directive", name="pagebreak")] + build_document("annex_intro.txt", data)
    return blocks


def _page_header(data: ReportData, which: str) -> tuple[str, str]:
    for line in load_template("page_header.txt").splitlines():
        key, _, text = line.partition("=")
        if key.strip() == which:
            left, _, right = Template(text.strip()).safe_substitute(report_context(data)).partition("|")
            return left.strip(), right.strip()
    return data.registrant.name, str(data.year)


def _write(
    data: ReportData, blocks: list[Block], path, kind: str, header: str, title: str, cover_page: bool = True,
    pages_after: int = 0,
) -> ExportRecord:
    summaries = data.metal_summaries or summarise_annex(data.annex_rows)
    rows = annex_rows(data)
    story, kept, previous = [], None, ""
    for block in blocks:
        if previous == "bullet" and block.kind != "bullet":
            (story if kept is None else kept).append(Spacer(1, 5))  # air after a list
        previous = block.kind
        if block.kind == "directive" and block.name == "keep_together":
            kept = []
        elif block.kind == "directive" and block.name == "end_keep_together":
            story.append(KeepTogether(kept or []))
            kept = None
        else:
            (story if kept is None else kept).extend(block_flowables(block, summaries, rows))
    while story and isinstance(story[-1], PageBreak):
        story.pop()
    left, right = _page_header(data, header)
    with atomic_target(path) as temp:
        document = SimpleDocTemplate(
            str(temp),
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=0.85 * 72,
            bottomMargin=0.8 * 72,
            title=("DRAFT " + title) if data.draft else title,
            author=data.registrant.name,
            subject=f"Calendar year {data.year}",
            creator="Conflict Minerals Filing Desk",
        )
        document.build(story, canvasmaker=numbered_canvas(left, right, skip_header_on_first=cover_page, draft=data.draft,
                                                          pages_after=pages_after))
    return record_for(kind, path, draft=data.draft)


def write_report_pdf(data: ReportData, path: str | os.PathLike) -> ExportRecord:
    """Form SD with Exhibit 1.01 (Conflict Minerals Report) and Annex A, as one PDF.

    With an audit, Exhibit 1.02 follows: a cover page, then the auditor's own PDF as attached.
    """
    title = f"{data.registrant.name} Form SD and Conflict Minerals Report {data.year}"
    blocks = report_blocks(data)
    if not (data.files_cmr and data.ipsa):
        return _write(data, blocks, path, "report_pdf", "report", title)
    blocks += [Block("directive", name="pagebreak")] + build_document("audit_exhibit.txt", data)
    if data.ipsa_report_pdf is None:
        return _write(data, blocks, path, "report_pdf", "report", title)
    from pypdf import PdfReader

    # "Page n of m" on our pages counts the auditor's pages that follow them.
    auditor_pages = len(PdfReader(io.BytesIO(data.ipsa_report_pdf)).pages)
    with tempfile.TemporaryDirectory() as folder:
        body = Path(folder, "report.pdf")
        _write(data, blocks, body, "report_pdf", "report", title, pages_after=auditor_pages)
        with atomic_target(path) as temp:
            append_pdf(body, data.ipsa_report_pdf, temp, draft=data.draft)
    return record_for("report_pdf", path, draft=data.draft)


def append_pdf(first: Path, appended: bytes, target: Path, draft: bool = False) -> None:
    """`first` followed by every page of `appended`, written to `target`.

    The auditor's pages are appended unchanged in a final report; in a draft each is stamped DRAFT
    like the others, so no page of a draft can pass for the filing.
    """
    from pypdf import PdfReader, PdfWriter

    from desktop.core.export.pdf_style import draft_overlay

    writer = PdfWriter(clone_from=str(first))
    start = len(writer.pages)
    writer.append(PdfReader(io.BytesIO(appended)))
    if draft:
        for page in writer.pages[start:]:
            box = page.mediabox
            stamp = PdfReader(io.BytesIO(draft_overlay(float(box.width), float(box.height)))).pages[0]
            page.merge_translated_page(stamp, float(box.left), float(box.bottom))
    with open(target, "wb") as handle:
        writer.write(handle)


def write_annex_pdf(data: ReportData, path: str | os.PathLike) -> ExportRecord:
    """Annex A alone: the smelter and refiner table with its notes and status definitions."""
    require_complete(data, annex_only=True)
    return _write(
        data, build_document("annex_intro.txt", data), path, "annex_pdf", "annex",
        f"{data.registrant.name} Annex A {data.year}", cover_page=False,
    )
