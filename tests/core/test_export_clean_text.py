"""Issue 12, item 11: user and supplier text is cleaned once, where ReportData is built, and
spreadsheet cells are neutralised: a company name starting with "=" or holding control characters
becomes neither a formula nor a broken Annex workbook, nor raw control bytes in the EDGAR HTML."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import openpyxl

from desktop.core.export.annex_files import write_annex_xlsx
from desktop.core.export.clean_text import clean_text
from desktop.core.export.edgar_html import write_edgar_html
from tests.core.export_helpers import sample

HOSTILE_NAME = "=HYPERLINK(\"http://evil.example\")\x1b[31mAcme\x07 Instruments\x00 Inc.\x85"
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def hostile_data():
    data = sample(rows=40)
    registrant = replace(data.registrant, name=HOSTILE_NAME, address="1 Main St\x0c\r\nSuite 2")
    rows = [replace(data.annex_rows[0], name="Smelter\x1b]0;title\x07 Co")] + data.annex_rows[1:]
    return replace(data, registrant=registrant, annex_rows=rows)  # built anew: cleaned on the way in


def test_clean_text():
    assert clean_text("a\x1b[31mb\x00c\x85d\r\ne\rf\tg") == "a[31mbcd\ne\nf\tg"
    assert clean_text("Café 株式会社 – Ltd") == "Café 株式会社 – Ltd"
    assert clean_text("\ud800x") == "?x"


def test_company_name_with_formula_and_control_characters(tmp_path):
    data = hostile_data()
    assert data.registrant.name == "=HYPERLINK(\"http://evil.example\")[31mAcme Instruments Inc."
    assert data.registrant.address == "1 Main St\nSuite 2"
    assert data.annex_rows[0].name == "Smelter]0;title Co"

    write_annex_xlsx(data, tmp_path / "annex.xlsx")  # used to fail: IllegalCharacterError
    book = openpyxl.load_workbook(tmp_path / "annex.xlsx")
    title = book["Status definitions"]["A1"]
    assert title.data_type == "s" and title.value.startswith("'=HYPERLINK(")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)

    for record in write_edgar_html(data, tmp_path / "edgar"):
        raw = Path(record.path).read_bytes()
        assert not CONTROL_BYTES.search(raw)
        assert b"Acme Instruments Inc." in raw
