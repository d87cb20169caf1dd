"""Read the raw cells of a supplier list file: CSV (any common delimiter/encoding) or Excel."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from desktop.core.suppliers.roster_columns import RosterError

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}


def read_table(path) -> tuple[list[list], int]:
    """(rows of cell values, spreadsheet row number of the first row). Raises RosterError."""
    path = Path(path)
    if not path.is_file():
        raise RosterError(f"{path}: the file does not exist.")
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return _read_csv(path), 1
    if suffix in EXCEL_SUFFIXES:
        return _read_xlsx(path), 1
    if suffix == ".xls":
        raise RosterError(
            f"{path}: Excel 97-2003 (.xls) supplier lists are not read. "
            "Open it in Excel and save it as .xlsx or .csv."
        )
    raise RosterError(f"{path}: a supplier list must be a .csv or .xlsx file.")


def _decode(data: bytes) -> str:
    # Excel on Windows writes CSV in the ANSI code page unless "CSV UTF-8" is chosen.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_csv(path: Path) -> list[list]:
    text = _decode(path.read_bytes())
    try:
        # European Excel writes ";"-separated CSV; exports from mail tools use tabs.
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return list(csv.reader(text.splitlines(), delimiter=delimiter))


def _read_xlsx(path: Path) -> list[list]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise RosterError(
            f"{path}: this is not a readable Excel workbook ({exc.__class__.__name__}). "
            "If it has a password, remove it in Excel and import again."
        ) from exc
    try:
        visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
        sheet = (visible or workbook.worksheets)[0]
        # From row 1 even when the sheet starts lower, so messages use Excel's row numbers.
        rows = [list(row) for row in sheet.iter_rows(min_row=1, values_only=True)]
    finally:
        workbook.close()
    return rows
