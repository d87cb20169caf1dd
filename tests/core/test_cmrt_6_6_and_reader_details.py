"""CMRT 6.6 and newer, and the reader details of issue 11 (hyperlinked web addresses, look-up
names without formula results, EMRT 2.0, a non-ID in the smelter ID column).

No real CMRT 6.6 workbook exists in ../shared/cmrt: the 6.6 files here are DERIVED by this test
from RMI's 6.5 template (templates/RMI_CMRT_6.5.xlsx), following RMI's published change
(../shared/domain/cmrt-checks.md section 6): the Product List gains "Requester Product Number"
and "Requester Product Name" before "Comments", and Declaration!J3 and the Revision sheet say 6.6.
"""

from __future__ import annotations

import copy
import warnings
from datetime import datetime

import openpyxl
import pytest

from desktop.core.cmrt import check_declaration, read_cmrt
from desktop.core.cmrt.model import Severity, UnreadableFile

SCOPE_PRODUCTS = "B. Product (or List of Products)"
HEADERS_6_5 = ("Responder\u2019s Product Number (*)", "Responder\u2019s Product Name", "Comments")
HEADERS_6_6 = ("Responder\u2019s Product Number (*)", "Responder\u2019s Product Name",
               "Requester Product Number", "Requester Product Name", "Comments")
PRODUCTS_6_6 = (("R-100", "Flow valve", "Q-9", "Oxygen concentrator valve", "for line 3"),
                ("R-200", "Sieve bed", "Q-12", "Sieve bed assembly", ""))


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # openpyxl: extensions it drops
        return openpyxl.load_workbook(path)


def derive_from_6_5(cmrt_dir, target, revision="6.6", released="April 17, 2026", headers=HEADERS_6_6,
                    products=PRODUCTS_6_6, english_headers=True):
    """RMI's 6.5 template turned into the revision given. openpyxl writes no cached formula
    results, so English header text is written as the values Excel would have cached; with
    english_headers=False the header formulas are left with no value, as a non-Excel tool saves."""
    book = _load(cmrt_dir / "templates" / "RMI_CMRT_6.5.xlsx")
    declaration = book["Declaration"]
    declaration["J3"] = f"Revision {revision}\n{released}"
    declaration["D8"] = "Example Parts Ltd"
    declaration["D9"] = SCOPE_PRODUCTS
    revisions = book["Revision"]
    copyright_cells = [str(r) for r in revisions.merged_cells.ranges if r.min_row == 60]
    for cells in copyright_cells:  # the copyright line moves down one row, below the new entry
        revisions.unmerge_cells(cells)
        revisions.merge_cells(cells.replace("60", "61"))
    revisions["B61"] = revisions["B60"].value
    revisions["B60"], revisions["C60"], revisions["D60"] = revision, "RMI MRT Team", datetime(2026, 4, 17)
    sheet = book["Product List"]
    header_formula = sheet["B5"].value
    for column, header in zip("BCDEFG", headers):
        sheet[f"{column}5"] = header if english_headers else header_formula
    for number, values in enumerate(products, start=6):
        for column, value in zip("BCDEF", values):
            sheet[f"{column}{number}"] = value or None
    book.save(target)
    return target


@pytest.mark.slow  # openpyxl re-saves a whole template
def test_6_6_derived_from_6_5_reads_the_requester_columns(cmrt_dir, tmp_path):
    decl = read_cmrt(derive_from_6_5(cmrt_dir, tmp_path / "derived_CMRT_6.6.xlsx"))
    assert (decl.revision, decl.company.name, decl.company.scope) == ("6.6", "Example Parts Ltd", "B")
    read = [(p.number, p.name, p.requester_number, p.requester_name, p.comment) for p in decl.products]
    assert read == [tuple(values) for values in PRODUCTS_6_6]
    findings = check_declaration(decl)
    assert not [f for f in findings if f.rule_id in ("A7", "B6", "B8")]


@pytest.mark.slow  # openpyxl re-saves a whole template
def test_6_6_without_cached_header_labels_uses_the_revision(cmrt_dir, tmp_path):
    decl = read_cmrt(derive_from_6_5(cmrt_dir, tmp_path / "no-labels.xlsx", english_headers=False))
    assert [(p.requester_number, p.comment) for p in decl.products] == [("Q-9", "for line 3"), ("Q-12", "")]


@pytest.mark.slow  # openpyxl re-saves a whole template
def test_6_5_responders_headers_keep_comments_in_column_d(cmrt_dir, tmp_path):
    products = (("R-100", "Flow valve", "for line 3"),)
    decl = read_cmrt(derive_from_6_5(cmrt_dir, tmp_path / "six-five.xlsx", "6.5", "April 25, 2025",
                                     HEADERS_6_5, products))
    (product,) = decl.products
    assert (product.number, product.name, product.comment, product.requester_number) == (
        "R-100", "Flow valve", "for line 3", "")


@pytest.mark.slow  # openpyxl re-saves a whole template
def test_a_newer_unknown_revision_is_read_with_the_newest_layout_and_a_note(cmrt_dir, tmp_path):
    decl = read_cmrt(derive_from_6_5(cmrt_dir, tmp_path / "derived_CMRT_6.7.xlsx", "6.7", "May 3, 2027"))
    assert decl.revision == "6.7" and decl.company.name == "Example Parts Ltd"
    assert decl.products[0].requester_name == "Oxygen concentrator valve"
    (note,) = [f for f in check_declaration(decl) if f.rule_id == "A7"]
    assert note.severity == Severity.NOTE and "6.7" in note.message and "6.6 layout" in note.message
    # RMI's logo-free re-release of 6.6 is 6.6, not newer.
    same = read_cmrt(derive_from_6_5(cmrt_dir, tmp_path / "CMRT_6.6.1.xlsx", "6.6.1"))
    assert same.revision == "6.6.1" and not [f for f in check_declaration(same) if f.rule_id == "A7"]


@pytest.mark.slow  # openpyxl re-saves a whole template
def test_a_web_address_given_as_a_cell_hyperlink_is_read(cmrt_dir, tmp_path):
    """EMD Merck's G77 shows the charter's title and links to its URL."""
    decl = read_cmrt(cmrt_dir / "suppliers" / "emd-merck_CMRT_6.4.xlsx")
    policy = next(a for a in decl.company_answers if a.letter == "B")
    assert policy.answer == "Yes" and policy.comment.startswith("Merck KGaA")
    assert "https://www.emdgroup.com/company/responsibility/us/ResponsibleSourcingGroupCharter_us.pdf" in policy.comment
    assert not [f for f in check_declaration(decl) if f.rule_id == "D2"]
    # The same text without the link is still reported.
    book = _load(cmrt_dir / "suppliers" / "emd-merck_CMRT_6.4.xlsx")
    book["Declaration"]["G77"].hyperlink = None
    for sheet in book.worksheets:
        sheet._images = []  # openpyxl cannot save the logo twice; the reader never looks at it
    book.save(tmp_path / "no-link.xlsx")
    unlinked = read_cmrt(tmp_path / "no-link.xlsx")
    (finding,) = [f for f in check_declaration(unlinked) if f.rule_id == "D2"]
    assert finding.cell == "G77"


@pytest.mark.slow  # openpyxl re-saves a whole template
def test_a_row_holding_only_a_cid_gets_the_standard_name_without_formula_results(cmrt_dir, tmp_path):
    """Merck's look-up lists CID000401 first as the alias "AKITA Seiren"; Excel's column C
    formula gives the standard name, "Dowa"."""
    book = _load(cmrt_dir / "suppliers" / "emd-merck_CMRT_6.4.xlsx")
    book["Smelter List"]["A6"] = "CID000401"  # B6-J6 keep their formulas, now without values
    for sheet in book.worksheets:
        sheet._images = []
    book.save(tmp_path / "cid-only.xlsx")
    row = next(r for r in read_cmrt(tmp_path / "cid-only.xlsx").smelters if r.row == 6)
    assert (row.metal, row.lookup_name, row.name, row.smelter_id) == ("Gold", "Dowa", "Dowa", "CID000401")


@pytest.mark.slow  # openpyxl re-saves a whole template
def test_emrt_2_0_is_named_as_rmi_names_it(cmrt_dir, tmp_path):
    book = _load(cmrt_dir / "not-cmrt" / "RMI_EMRT_2.1_blank.xlsx")
    book["Declaration"]["J3"] = "Revision 2.0\nApril 28, 2023"
    book.save(tmp_path / "emrt-2.0.xlsx")
    with pytest.raises(UnreadableFile) as refused:
        read_cmrt(tmp_path / "emrt-2.0.xlsx")
    assert "RMI EMRT 2.0 " in str(refused.value) and "2.00" not in str(refused.value)


def test_smelter_id_column_holding_text_is_not_called_an_id(cmrt_dir):
    decl = read_cmrt(cmrt_dir / "suppliers" / "connor-winfield_CMRT_2.02_encrypted.xls")
    messages = {f.cell: f.message for f in check_declaration(copy.deepcopy(decl)) if f.rule_id == "E8"}
    assert 'holds "Igwasan Industri Ketapang", which is not a smelter ID' in messages["row 32"]
    assert 'the smelter ID "2BRA063" does not match' in messages["row 11"]
    decl.smelters[0].smelter_id = "Not Listed"
    assert decl.smelters[0].looked_up_id
    messages = {f.cell: f.message for f in check_declaration(decl) if f.rule_id == "E8"}
    assert '"Not Listed", which is not a smelter ID' in messages[f"row {decl.smelters[0].row}"]
    assert 'smelter ID "Not Listed"' not in messages[f"row {decl.smelters[0].row}"]
