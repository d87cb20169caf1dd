"""Answer, text and date clean-up, and workbooks saved by tools other than Excel (no cached values)."""

from __future__ import annotations

import warnings
from datetime import date, datetime

import openpyxl
import pytest

from desktop.core.cmrt import read_cmrt
from desktop.core.cmrt.layouts import PERCENT_6, YES_NO, layout_for
from desktop.core.cmrt.model import TIN, TUNGSTEN
from desktop.core.cmrt.normalise import (
    clean_field, looks_like_smelter_id, metal_name, normalise_answer, parse_date,
)

COMPANY_E = layout_for("6.4").company_questions[4].allowed


@pytest.mark.parametrize("raw, allowed, expected", [
    ("Yes\t\t", YES_NO, "Yes"),
    (" No", YES_NO, "No"),  # 2.x lists written as "Yes, No"
    ("yes", YES_NO, "Yes"),
    (1.0, PERCENT_6, "100%"),  # 6.01-6.22 store the 100% option as the number 1
    ("100%", PERCENT_6, "100%"),  # 6.31 and later store text
    (0.0, YES_NO, ""),  # pasted formulas leave 0
    ("0", YES_NO, ""),
    ("Yes, in conformance with IPC-1755 [e.g., CMRT]", COMPANY_E, "Yes, in conformance with IPC1755 (e.g., CMRT)"),
    ("Maybe", YES_NO, "Maybe"),
    (None, YES_NO, ""),
])
def test_normalise_answer(raw, allowed, expected):
    assert normalise_answer(raw, allowed) == expected


def test_clean_field_and_metal_names():
    assert clean_field("Honeywell International\t\t\t\t\t\t") == "Honeywell International"
    assert clean_field(0.0) == "" and clean_field(242332.0) == "242332"
    assert clean_field("\u3000Xiamen\u00a0") == "Xiamen"
    assert metal_name("Gold (Au)") == "Gold" and metal_name("tin ") == "Tin" and metal_name("Cobalt") == "Cobalt"


@pytest.mark.parametrize("raw, expected", [
    ("02-May-2024", date(2024, 5, 2)),  # typed as text (Honeywell)
    (datetime(2024, 5, 30, 0, 0), date(2024, 5, 30)),
    (45442.0, date(2024, 5, 30)),  # an Excel serial number
    ("2024-05-30", date(2024, 5, 30)),
    ("31/12/2023", date(2023, 12, 31)),
    ("May 30, 2024", date(2024, 5, 30)),
    ("soon", None),
    ("", None),
])
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


def test_smelter_id_forms():
    assert looks_like_smelter_id("CID000058") and looks_like_smelter_id("1JPN058")
    assert not looks_like_smelter_id("NA") and not looks_like_smelter_id("242332")


def _resave_with_openpyxl(source, target, edit=None):
    """openpyxl keeps formulas but writes no cached values, like many non-Excel tools."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        workbook = openpyxl.load_workbook(source)
    if edit:
        edit(workbook)
    workbook.save(target)


@pytest.mark.slow
def test_formulas_without_cached_values_are_resolved_from_the_lookup(cmrt_dir, tmp_path):
    target = tmp_path / "merck-resaved.xlsx"

    def add_row_by_metal_and_name(workbook):
        sheet = workbook["Smelter List"]
        sheet["B6"], sheet["C6"] = "Tin", "Alpha"  # F6 keeps its formula, now without a value

    _resave_with_openpyxl(cmrt_dir / "suppliers/emd-merck_CMRT_6.4.xlsx", target, add_row_by_metal_and_name)
    decl = read_cmrt(target)
    by_id, by_name = decl.smelters
    # Row 5: only the CID typed in column A survives; B-J are formulas with no value.
    assert (by_id.metal, by_id.lookup_name, by_id.country, by_id.smelter_id) == (
        TUNGSTEN, "Xiamen Tungsten Co., Ltd.", "CHINA", "CID002082")
    assert (by_id.city, by_id.contact_name) == ("Xiamen", "Zou Suwei")
    assert (by_name.metal, by_name.smelter_id, by_name.looked_up_id, by_name.name) == (
        TIN, "CID000292", "CID000292", "Alpha")


@pytest.mark.slow
def test_ready_for_6_6_requester_columns(cmrt_dir, tmp_path):
    target = tmp_path / "cmrt-6.6.xlsx"

    def make_6_6(workbook):
        workbook["Declaration"]["J3"] = "Revision 6.6\nApril 2026"
        workbook["Declaration"]["D8"] = "Example Parts Ltd"
        products = workbook["Product List"]
        for column, value in zip("BCDEF", ("R-100", "Widget", "Q-9", "Customer widget", "for line 3")):
            products[f"{column}6"] = value

    _resave_with_openpyxl(cmrt_dir / "templates/RMI_CMRT_6.4_english_blank.xlsx", target, make_6_6)
    decl = read_cmrt(target)
    assert (decl.revision, decl.company.name) == ("6.6", "Example Parts Ltd")
    (product,) = decl.products
    assert (product.number, product.name, product.requester_number, product.requester_name, product.comment) == (
        "R-100", "Widget", "Q-9", "Customer widget", "for line 3")


@pytest.mark.slow
def test_revision_found_without_j3_then_from_structure(cmrt_dir, tmp_path):
    """Revision strings removed one by one: Revision sheet, then the structural fingerprint."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        workbook = openpyxl.load_workbook(cmrt_dir / "suppliers/central-glass_CMRT_6.4.xlsx")
    for sheet in workbook.worksheets:
        sheet._images = []  # openpyxl cannot save the logo twice; the reader never looks at it
    workbook["Declaration"]["J3"] = None
    workbook["Smelter List"]["Q3"] = None
    workbook["Declaration"]["D22"] = "02-May-2024"  # typed as text, as in the Honeywell file
    first = tmp_path / "no-j3.xlsm"  # the extension does not matter: content decides
    workbook.save(first)
    decl = read_cmrt(first)
    assert (decl.revision, decl.company.name, decl.company.effective_date) == (
        "6.4", "Central Glass Co., Ltd.", date(2024, 5, 2))
    revision_sheet = workbook["Revision"]
    for row in revision_sheet.iter_rows(min_col=2, max_col=2):
        value = row[0].value
        if isinstance(value, (int, float)) or (isinstance(value, str) and value[:1].isdigit()):
            row[0].value = None  # 6.4, and lettered ones stored as text such as '4.01b'

    second = tmp_path / "no-revision-anywhere.xlsx"
    workbook.save(second)
    decl = read_cmrt(second)
    assert decl.revision == "6.x"
    assert [row.smelter_id for row in decl.smelters][:2] == ["CID002494", "CID002551"]
