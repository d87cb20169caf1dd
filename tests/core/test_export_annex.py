"""Annex A as XLSX and CSV: right rows, Excel-friendly, and no supplier text becomes a formula."""

from __future__ import annotations

import csv

import openpyxl
import pandas as pd
import pytest

from desktop.core.export.annex_files import ANNEX_COLUMNS, neutralise_cell, write_annex_csv, write_annex_xlsx
from desktop.core.export.records import file_sha256
from tests.core.export_helpers import sample

HOSTILE = {
    "=HYPERLINK(\"http://evil.example\",\"click\")": "'=HYPERLINK(\"http://evil.example\",\"click\")",
    "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
    "-2+3": "'-2+3",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "\tTabbed": "'\tTabbed",
    "\rReturn": "'\rReturn",
}


@pytest.fixture(scope="module")
def data():
    return sample(rows=400)


def expected_rows(data):
    order = {"Gold": 0, "Tantalum": 1, "Tin": 2, "Tungsten": 3}
    rows = sorted(data.annex_rows, key=lambda r: (order[r.metal], r.name.casefold()))
    return [[r.metal, r.name, r.country, r.smelter_id, r.status] for r in rows]


def test_csv_opens_in_pandas_with_every_row(data, tmp_path):
    record = write_annex_csv(data, tmp_path / "annex.csv")
    raw = (tmp_path / "annex.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM so Excel reads UTF-8
    frame = pd.read_csv(tmp_path / "annex.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(ANNEX_COLUMNS)
    assert frame.iloc[:, :5].values.tolist() == expected_rows(data)
    assert set(frame["Status as of"]) == {"2023-05-19"}
    assert record.kind == "annex_csv" and record.sha256 == file_sha256(tmp_path / "annex.csv")


def test_csv_keeps_non_latin_names_exactly(data, tmp_path):
    data = sample_with_names(data, ["KGHM Polska Miedź Spółka Akcyjna", "云南锡业股份有限公司锡业分公司"])
    write_annex_csv(data, tmp_path / "annex.csv")
    names = set(pd.read_csv(tmp_path / "annex.csv", encoding="utf-8-sig")["Smelter or refiner name"])
    assert {"KGHM Polska Miedź Spółka Akcyjna", "云南锡业股份有限公司锡业分公司"} <= names


def sample_with_names(data, names):
    import copy

    data = copy.deepcopy(data)
    for row, name in zip(data.annex_rows, names):
        row.name = name
    return data


def test_xlsx_is_formatted_and_has_every_row(data, tmp_path):
    record = write_annex_xlsx(data, tmp_path / "annex.xlsx")
    book = openpyxl.load_workbook(tmp_path / "annex.xlsx")
    sheet = book["Annex A"]
    assert [c.value for c in sheet[1]] == list(ANNEX_COLUMNS)
    assert sheet["A1"].font.bold and sheet["A1"].fill.fgColor.rgb.endswith("1F3A5F")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F401"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width
    rows = [[c.value for c in row[:5]] for row in sheet.iter_rows(min_row=2)]
    assert rows == expected_rows(data)
    notes = book["Status definitions"]
    text = " ".join(str(c.value) for row in notes.iter_rows() for c in row if c.value)
    assert "Status as of May 19, 2023" in text
    assert "Conformant" in text and "successfully completed an assessment" in text
    assert record.kind == "annex_xlsx"


def test_neutralise_cell():
    for hostile, safe in HOSTILE.items():
        assert neutralise_cell(hostile) == safe
    for harmless in ("Metalor Technologies S.A.", "CID000001", "", "8853 S.p.A."):
        assert neutralise_cell(harmless) == harmless


def test_supplier_text_never_becomes_a_formula(data, tmp_path):
    data = sample_with_names(data, list(HOSTILE))
    data.annex_rows[0].country = "=1+1"
    data.annex_rows[1].smelter_id = "@cmd"
    write_annex_xlsx(data, tmp_path / "annex.xlsx")
    write_annex_csv(data, tmp_path / "annex.csv")

    sheet = openpyxl.load_workbook(tmp_path / "annex.xlsx")["Annex A"]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type == "s" for cell in cells if cell.value is not None)
    # XML turns a stored carriage return into a line feed; the apostrophe in front is what matters.
    values = {cell.value.replace("\n", "\r") for cell in cells if isinstance(cell.value, str)}
    assert set(HOSTILE.values()) <= values
    assert "'=1+1" in values and "'@cmd" in values

    with open(tmp_path / "annex.csv", encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in list(csv.reader(handle))[1:] for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert set(HOSTILE.values()) <= set(cells)
