"""Form SD and Exhibit 1.01 as EDGAR HTML, the official filing documents.

EDGAR accepts HTML (or ASCII) as official; a PDF is only an unofficial copy (Filer Manual vol. II
ch. 5, Regulation S-T Rule 104). Its HTML must be self-contained: no scripts, no external
references (style sheets, images on the web, links), no forms; styles inline only; ASCII text,
with other characters as numeric references. We use a small, conservative set of tags.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from desktop.core.export.document import annex_rows, build_document
from desktop.core.export.markup import Block, Run
from desktop.core.export.records import DRAFT_NOTICE, ExportRecord, atomic_target, record_for
from desktop.core.export.report_data import (
    AnnexRow, IncompleteReport, MetalSummary, NothingToFile, ReportData, percent, require_complete,
    summarise_annex,
)

FORM_SD_FILE = "form_sd.htm"
EXHIBIT_FILE = "ex1-01.htm"  # EDGAR names: at most 32 characters, no spaces
AUDIT_EXHIBIT_FILE = "ex1-02.htm"  # the independent private sector audit report (type EX-1.02)
ACCENT = "#1F3A5F"
BODY = "font-family:'Times New Roman',Times,serif;font-size:10pt;color:#000000"
CELL = "padding:2px 5px;vertical-align:top;font-size:9pt"
HEAD_CELL = f"padding:3px 5px;text-align:left;font-size:9pt;background-color:{ACCENT};color:#FFFFFF"

STYLES = {
    "title": "text-align:center;font-size:16pt;font-weight:bold;margin:6pt 0",
    "heading": f"font-size:12pt;font-weight:bold;color:{ACCENT};margin:14pt 0 6pt 0",
    "subheading": "font-size:11pt;font-weight:bold;margin:10pt 0 5pt 0",
    "center": "text-align:center;margin:2pt 0",
    "caption": "text-align:center;font-size:8pt;font-style:italic;margin:0 0 8pt 0",
    "para": "margin:0 0 7pt 0",
    "indent": "margin:0 0 7pt 18pt",
}


def ascii_html(text: str) -> str:
    """Escape markup characters and write every non-ASCII character as a numeric reference."""
    return html.escape(text, quote=False).encode("ascii", "xmlcharrefreplace").decode("ascii")


def _runs(runs: list[Run]) -> str:
    parts = []
    for run in runs:
        text = ascii_html(run.text)
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        parts.append(text)
    return "".join(parts)


def _table(header: list[str], rows: list[list[str]], widths: list[str], align_right_from: int | None = None) -> str:
    out = ['<table style="border-collapse:collapse;width:100%;margin:4pt 0 10pt 0">', "<tr>"]
    for title, width in zip(header, widths):
        out.append(f'<th style="{HEAD_CELL};width:{width}">{ascii_html(title)}</th>')
    out.append("</tr>")
    for index, row in enumerate(rows):
        shade = "#FFFFFF" if index % 2 == 0 else "#EEF2F7"
        out.append(f'<tr style="background-color:{shade}">')
        for column, value in enumerate(row):
            align = "text-align:right;" if align_right_from is not None and column >= align_right_from else ""
            out.append(f'<td style="{CELL};{align}">{ascii_html(value)}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _annex_table(rows: list[AnnexRow]) -> str:
    return _table(
        ["Metal", "Smelter or refiner name", "Country", "Smelter ID", "Status"],
        [[r.metal, r.name, r.country, r.smelter_id, r.status] for r in rows],
        ["10%", "40%", "24%", "13%", "13%"],
    )


def _summary_table(summaries: list[MetalSummary]) -> str:
    rows = [
        [s.metal, str(s.known), str(s.conformant), str(s.active), str(s.conformant_or_active),
         f"{s.percent_conformant_or_active}%"]
        for s in summaries
    ]
    known = sum(s.known for s in summaries)
    good = sum(s.conformant_or_active for s in summaries)
    rows.append(["Total", str(known), str(sum(s.conformant for s in summaries)), str(sum(s.active for s in summaries)),
                 str(good), f"{percent(good, known)}%"])
    return _table(
        ["Metal", "Known smelters and refiners", "Conformant", "Active", "Conformant or Active", "%"],
        rows, ["18%", "26%", "14%", "12%", "20%", "10%"], align_right_from=1,
    )


def _grid(block: Block) -> str:
    columns = max(len(row) for row in block.rows)
    widths = block.widths or [100 / columns] * columns
    centred = "caption" in block.row_styles
    out = ['<table style="border-collapse:collapse;width:100%;margin:4pt 0 8pt 0">']
    for row, kind in zip(block.rows, block.row_styles):
        out.append("<tr>")
        for cell, width in zip(row, widths):
            style = f"width:{width:g}%;vertical-align:top;padding:1px 3px"
            if centred:
                style += ";text-align:center"
            if kind == "caption":
                style += ";font-size:8pt;font-style:italic"
            if kind == "header":
                style += ";font-weight:bold;border-bottom:1px solid #000000"
            out.append(f'<td style="{style}">{_runs(cell) or "&#160;"}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _render(blocks: list[Block], data: ReportData) -> str:
    summaries = data.metal_summaries or summarise_annex(data.annex_rows)
    parts, in_list = [], False
    for block in blocks:
        if in_list and block.kind != "bullet":
            parts.append("</ul>")
            in_list = False
        if block.kind == "bullet":
            if not in_list:
                parts.append('<ul style="margin:0 0 7pt 0">')
                in_list = True
            parts.append(f'<li style="margin:0 0 4pt 0">{_runs(block.runs)}</li>')
        elif block.kind == "grid":
            parts.append(_grid(block))
        elif block.kind == "checkbox":
            box = "&#9746;" if block.arg == "checked" else "&#9744;"
            parts.append(f'<p style="{STYLES["para"]}">{box}&#160;&#160;{_runs(block.runs)}</p>')
        elif block.kind == "directive":
            name = block.name
            if name == "pagebreak":
                parts.append('<hr style="page-break-after:always;border:0;margin:0"/>')
            elif name == "rule":
                parts.append('<hr style="border:0;border-top:1px solid #000000;margin:6pt 0 8pt 0"/>')
            elif name == "space":
                parts.append('<p style="margin:0 0 10pt 0">&#160;</p>')
            elif name == "metal_table":
                parts.append(_summary_table(summaries))
            elif name == "annex_table":
                parts.append(_annex_table(annex_rows(data)))
            # status_chart: the figures are in the table above it; EDGAR HTML carries no drawing.
        else:
            parts.append(f'<p style="{STYLES[block.kind]}">{_runs(block.runs)}</p>')
    if in_list:
        parts.append("</ul>")
    return "\n".join(parts)


DRAFT_BANNER_STYLE = "border:2px solid #b00020;color:#b00020;font-weight:bold;text-align:center;padding:6pt;margin:6pt 0"


def html_document(title: str, blocks: list[Block], data: ReportData) -> str:
    banner = f'<p style="{DRAFT_BANNER_STYLE}">{ascii_html(DRAFT_NOTICE)}</p>\n' if data.draft else ""
    title = ("DRAFT " + title) if data.draft else title
    return (
        f"<html>\n<head>\n<title>{ascii_html(title)}</title>\n</head>\n"
        f'<body style="{BODY}">\n<div style="max-width:7in;margin:0 auto">\n'
        f"{banner}{_render(blocks, data)}\n{banner}</div>\n</body>\n</html>\n"
    )


def _write(path: Path, text: str, kind: str, draft: bool = False) -> ExportRecord:
    with atomic_target(path) as temp:
        temp.write_text(text, encoding="ascii", newline="\n")
    return record_for(kind, path, draft=draft)


def edgar_file_names(data: ReportData) -> tuple[str, str]:
    """form_sd.htm and ex1-01.htm; a draft's names say DRAFT so they are never uploaded by mistake."""
    if data.draft:
        return "DRAFT-" + FORM_SD_FILE, "DRAFT-" + EXHIBIT_FILE
    return FORM_SD_FILE, EXHIBIT_FILE


def write_edgar_html(data: ReportData, folder: str | os.PathLike) -> list[ExportRecord]:
    """form_sd.htm (document type SD) and, when a CMR is filed, ex1-01.htm (type EX-1.01)."""
    if data.outcome == "no_filing":
        raise NothingToFile("This project needs no Form SD, so there is nothing to file on EDGAR.")
    require_complete(data)
    audited = data.files_cmr and data.ipsa
    if audited and data.ipsa_report_edgar_html is None and not data.draft:
        # EDGAR takes HTML or text only: the auditor's PDF alone cannot be filed there.
        raise IncompleteReport([
            "the audit report as an HTML or text file, which EDGAR files as Exhibit 1.02 (ex1-02.htm): "
            "ask the audit firm for one and attach it on the Due diligence page"
        ])
    folder = Path(folder)
    name = data.registrant.name
    form_sd_file, exhibit_file = edgar_file_names(data)
    records = [
        _write(folder / form_sd_file,
               html_document(f"{name} Form SD {data.year}", build_document("form_sd.txt", data), data),
               "edgar_form_sd", data.draft)
    ]
    if data.files_cmr:
        blocks = build_document("cmr.txt", data)
        if data.annex_rows:
            blocks += [Block("directive", name="pagebreak")] + build_document("annex_intro.txt", data)
        records.append(
            _write(folder / exhibit_file,
                   html_document(f"{name} Exhibit 1.01 Conflict Minerals Report {data.year}", blocks, data),
                   "edgar_ex101", data.draft)
        )
    if audited and data.ipsa_report_edgar_html is not None:
        audit_file = ("DRAFT-" if data.draft else "") + AUDIT_EXHIBIT_FILE
        records.append(_write(folder / audit_file, data.ipsa_report_edgar_html, "edgar_ex102", data.draft))
    return records
