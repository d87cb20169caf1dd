"""Read product lines from a CSV or Excel file the user already has (a BOM export, a price list)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from desktop.core.cmrt.model import METALS
from desktop.core.filing.scoping import Answer, MadeBy, Product

MAX_ROWS = 5000

_HEADERS = {
    "name": ("product", "product name", "product line", "name", "product family", "item"),
    "description": ("description", "details", "notes"),
    "made_by": ("made by", "manufactured by", "manufacture", "who makes it"),
    "metals": ("metals", "3tg", "contains", "minerals"),
    "necessary": ("necessary", "necessary to functionality", "required"),
}


class ProductListError(Exception):
    """A product list that cannot be used, with a message naming the file."""


def _canonical(header: str) -> str | None:
    text = re.sub(r"[^a-z0-9 ]+", " ", str(header).lower()).strip()
    text = re.sub(r"\s+", " ", text)
    for key, names in _HEADERS.items():
        if text in names:
            return key
    return None


def _rows_from_file(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
        return [row for _, row in zip(range(MAX_ROWS + 1), csv.reader(io.StringIO(text), dialect))]
    if suffix in (".xlsx", ".xlsm", ".xls"):
        from desktop.core.cmrt.model import UnreadableFile
        from desktop.core.cmrt.workbook_file import open_workbook

        try:  # the supplier-file guard: a hostile sheet is refused before it is loaded
            book = open_workbook(path, sheets=None).workbook
        except UnreadableFile as refusal:
            raise ProductListError(f"{path.name}: the file could not be read: {refusal.problem}") from refusal
        try:
            sheet = book.get_sheet_by_index(0)
            rows = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS + 1)
        finally:
            book.close()
        return [["" if cell is None else str(cell) for cell in row] for row in rows]
    raise ProductListError(f"{path.name}: use a .csv or Excel (.xlsx, .xls) file.")


def _made_by(text: str) -> MadeBy:
    lowered = text.lower()
    if "contract" in lowered:
        return MadeBy.CONTRACT
    if lowered.startswith(("we", "manufact", "yes", "in-house", "in house")):
        return MadeBy.MANUFACTURE
    if lowered.startswith(("no", "neither", "resell", "resale", "brand")):
        return MadeBy.NEITHER
    return MadeBy.UNANSWERED


def _answer(text: str) -> Answer:
    lowered = text.strip().lower()
    if lowered in ("yes", "y", "true", "1"):
        return Answer.YES
    if lowered in ("no", "n", "false", "0"):
        return Answer.NO
    return Answer.UNANSWERED


def read_product_list(path: str | Path) -> list[Product]:
    """Products from the first sheet; the header row needs at least a product-name column."""
    path = Path(path)
    try:
        rows = _rows_from_file(path)
    except ProductListError:
        raise
    except FileNotFoundError as error:
        raise ProductListError(f"{path.name}: the file was not found.") from error
    except Exception as error:  # corrupt workbook, unreadable CSV
        raise ProductListError(f"{path.name}: the file could not be read ({error}).") from error
    if len(rows) > MAX_ROWS:
        raise ProductListError(f"{path.name}: more than {MAX_ROWS} rows; list product lines, not parts.")
    header_index = next((i for i, row in enumerate(rows[:20]) if any(_canonical(c) == "name" for c in row)), None)
    if header_index is None:
        raise ProductListError(f"{path.name}: no column headed 'Product' or 'Name' in the first rows.")
    columns = {_canonical(c): i for i, c in enumerate(rows[header_index]) if _canonical(c)}

    def cell(row: list[str], key: str) -> str:
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    products = []
    for row in rows[header_index + 1 :]:
        name = cell(row, "name")
        if not name:
            continue
        metals_text = cell(row, "metals").lower()
        products.append(
            Product(
                name=name,
                description=cell(row, "description"),
                made_by=_made_by(cell(row, "made_by")),
                metals={m for m in METALS if m.lower() in metals_text},
                necessary=_answer(cell(row, "necessary")),
            )
        )
    if not products:
        raise ProductListError(f"{path.name}: the product column is empty.")
    return products
