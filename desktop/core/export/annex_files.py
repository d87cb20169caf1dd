"""Annex A as a spreadsheet (XLSX) and as CSV, for customers, auditors and the user's own checks.

Supplier-written text goes into these files, so any cell that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) is neutralised: OWASP "CSV injection".
"""

from __future__ import annotations

import csv
import os

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from desktop.core.export.document import annex_rows, long_date, status_definitions
from desktop.core.export.records import DRAFT_NOTICE, ExportRecord, atomic_target, record_for
from desktop.core.export.report_data import ReportData, require_complete

ANNEX_COLUMNS = ("Metal", "Smelter or refiner name", "Country", "Smelter ID", "Status", "Status as of")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", start_color="1F3A5F", end_color="1F3A5F")


def neutralise_cell(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would treat as a formula; other text is unchanged."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _append(sheet, values: list) -> None:
    """Every cell the workbook gets goes through here: neutralised, and stored as text, never a formula
    (openpyxl would store any string starting with "=" as one). The cells are made here, not looked
    up after appending: sheet.max_row walks every cell, which made 3,000 rows cost 28x 400 rows."""
    cells = []
    for value in values:
        cell = Cell(sheet, value=neutralise_cell(value) if isinstance(value, str) else value)
        if isinstance(cell.value, str):
            cell.data_type = "s"
        cells.append(cell)
    sheet.append(cells)


def _annex_values(data: ReportData) -> list[list[str]]:
    as_of = data.status_as_of.isoformat() if data.status_as_of else ""
    return [
        [neutralise_cell(value) for value in (row.metal, row.name, row.country, row.smelter_id, row.status, as_of)]
        for row in annex_rows(data)
    ]


def write_annex_csv(data: ReportData, path: str | os.PathLike) -> ExportRecord:
    """UTF-8 with a byte order mark, so Excel shows accented and Chinese names correctly."""
    require_complete(data, annex_only=True)
    with atomic_target(path) as temp:
        with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL)
            if data.draft:
                writer.writerow([DRAFT_NOTICE])  # the banner line, above the column names
            writer.writerow(ANNEX_COLUMNS)
            writer.writerows(_annex_values(data))
    return record_for("annex_csv", path, draft=data.draft)


def write_annex_xlsx(data: ReportData, path: str | os.PathLike) -> ExportRecord:
    """Sheet "Annex A" (header, frozen pane, filter, column widths) and sheet "Status definitions"."""
    require_complete(data, annex_only=True)
    book = Workbook()
    sheet = book.active
    sheet.title = "Annex A DRAFT" if data.draft else "Annex A"
    first = 1
    if data.draft:  # a red banner row above the table
        _append(sheet, [DRAFT_NOTICE])
        sheet["A1"].font = Font(bold=True, color="B00020", size=12)
        first = 2
    _append(sheet, list(ANNEX_COLUMNS))
    for cell in sheet[first]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    values = _annex_values(data)
    for row in values:
        _append(sheet, row)
    sheet.freeze_panes = f"A{first + 1}"
    sheet.auto_filter.ref = f"A{first}:{get_column_letter(len(ANNEX_COLUMNS))}{len(values) + first}"
    for index, title in enumerate(ANNEX_COLUMNS, start=1):
        longest = max([len(title)] + [len(row[index - 1]) for row in values])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, longest + 3)

    notes = book.create_sheet("Status definitions")
    _append(notes, [(DRAFT_NOTICE + " " if data.draft else "") + f"{data.registrant.name}: Annex A, smelters and refiners for calendar year {data.year}"])
    _append(notes, [f"Status as of {long_date(data.status_as_of)}" if data.status_as_of else "Status date not recorded"])
    _append(notes, [])
    _append(notes, ["Status", "Definition"])
    for status, meaning in status_definitions(data).items():
        _append(notes, [status, meaning])
    notes["A1"].font = Font(bold=True, size=12)
    for cell in notes[4]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 110
    for row in notes.iter_rows(min_row=5):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
        row[0].alignment = Alignment(vertical="top")

    with atomic_target(path) as temp:
        book.save(temp)
    return record_for("annex_xlsx", path, draft=data.draft)
