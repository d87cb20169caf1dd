"""Fill the blank RMI CMRT 6.4 template with one sample declaration, as a supplier would.

Cells follow ../shared/cmrt/LAYOUT.md section 2. openpyxl writes formulas without their results,
so every cell a reader needs is written as a value: Smelter List rows are stored the way many
suppliers send them (formulas overwritten with pasted values), and the translated labels are
frozen to their English text. The bulky, unused parts (logo images, 2,000 empty formula rows)
are dropped so the committed files stay small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.workbook.workbook import Workbook

from desktop.core.cmrt.model import METALS
from desktop.core.sample.declarations import SAMPLE_MARK, SampleFile, SampleSmelter

# LAYOUT.md 2.2 / 2.3 / 2.4 / 2.5 / 2.6
FIRST_QUESTION_ROW = 25  # header of question 1; answers Ta, Sn, Au, W in the four rows below
QUESTION_STEP = 6
COMPANY_QUESTION_ROWS = (75, 77, 79, 81, 83, 85, 87, 89)  # A-H
SMELTER_FIRST_ROW = 5
PRODUCT_FIRST_ROW = 6
NOT_LISTED = "Smelter not listed"
# Rows kept (with their formulas and validation) below the data, so the file can still be edited.
SPARE_SMELTER_ROWS = 20
SPARE_PRODUCT_ROWS = 20

LABEL_FORMULA = re.compile(
    r'^=OFFSET\(L!\$C\$1,MATCH\("(?P<sheet>[^"]+)"&ADDRESS\(ROW\(\),COLUMN\(\),4\),'
    r"L!\$A:\$A,0\)-1,SL,,\)$"
)


@dataclass
class LookupSmelter:
    metal: str
    lookup_name: str
    name: str  # standard name
    country: str
    cid: str
    source: str
    street: str
    city: str
    state: str


def read_lookup(workbook: Workbook) -> dict[tuple[str, str], LookupSmelter]:
    """(metal, CID) -> the look-up row whose alias is the standard name (else the first)."""
    found: dict[tuple[str, str], LookupSmelter] = {}
    for row in workbook["Smelter Look-up"].iter_rows(min_row=5, max_col=9, values_only=True):
        metal, alias, name, country, cid = row[:5]
        if not (metal and cid):
            continue
        entry = LookupSmelter(metal, alias, name, country or "", cid, *[v or "" for v in row[5:9]])
        key = (metal, cid)
        if key not in found or alias == name:
            found[key] = entry
    return found


def metal_answer_cell(question: int, metal: str) -> str:
    row = FIRST_QUESTION_ROW + QUESTION_STEP * (question - 1) + 1 + METALS.index(metal)
    return f"D{row}"


def fill_declaration(workbook: Workbook, sample: SampleFile) -> None:
    sheet = workbook["Declaration"]
    company = {
        "D8": sample.company,
        "D9": sample.scope,
        "D10": sample.scope_description,
        "D12": "",
        "D14": "1 Sample Street, Example City (fictitious address)",
        "D15": sample.contact,
        "D16": sample.email,
        "D17": "+1 555 0100",
        "D18": sample.contact,
        "D19": "Compliance Manager",
        "D20": sample.email,
        "D21": "+1 555 0100",
        "D22": sample.effective,
    }
    for cell, value in company.items():
        if value:
            sheet[cell] = value
    for metal, values in sample.metal_answers.items():
        for question, value in enumerate(values, start=1):
            if value:
                sheet[metal_answer_cell(question, metal)] = value
    for row, value in zip(COMPANY_QUESTION_ROWS, sample.company_answers):
        sheet[f"D{row}"] = value
    if sample.company_answers[1] == "Yes":
        # Question B (policy public) wants the web address in its comment.
        domain = sample.email.split("@")[-1]
        sheet["G77"] = f"https://www.{domain}/responsible-minerals-policy"
    sheet["G75"] = f"{SAMPLE_MARK}: a fictitious supplier for the filing desk's sample project."
    for cell, text in sample.comments.items():
        sheet[cell] = text
    for cell, value in sample.raw_cells.items():
        sheet[cell] = value


def _smelter_values(row: SampleSmelter, lookup: dict) -> dict[str, object]:
    """Column letter -> value for one Smelter List row."""
    if row.cid:
        known = lookup.get((row.metal, row.cid))
        if known is None:
            raise ValueError(f"{row.cid} is not a {row.metal} smelter in the template's look-up")
        values = {
            "B": row.metal, "C": known.name, "E": known.country, "F": known.cid, "G": known.source,
            "H": known.street, "I": known.city, "J": known.state, "R": known.name,
        }  # fmt: skip
        if row.typed_cid:
            values["A"] = known.cid
    else:
        values = {"B": row.metal, "C": row.lookup_name, "D": row.name, "E": row.country}
        if row.lookup_name == NOT_LISTED:
            values["G"] = "Enter smelter details"
    values["P"] = row.recycled
    values["Q"] = row.comment
    return values


def fill_smelters(workbook: Workbook, smelters: list[SampleSmelter], lookup: dict) -> None:
    sheet = workbook["Smelter List"]
    for offset, smelter in enumerate(smelters):
        excel_row = SMELTER_FIRST_ROW + offset
        values = _smelter_values(smelter, lookup)
        # Pasted values replace the template's formulas in B-J and R (LAYOUT.md 2.10).
        for column in "ABCDEFGHIJR":
            sheet[f"{column}{excel_row}"] = values.get(column) or None
        for column in "PQ":
            if values.get(column):
                sheet[f"{column}{excel_row}"] = values[column]


def fill_products(workbook: Workbook, products: list[tuple[str, str, str]]) -> None:
    sheet = workbook["Product List"]
    for offset, (number, name, comment) in enumerate(products):
        excel_row = PRODUCT_FIRST_ROW + offset
        sheet[f"B{excel_row}"] = number
        sheet[f"C{excel_row}"] = name or None
        sheet[f"D{excel_row}"] = comment or None


def freeze_labels(workbook: Workbook) -> None:
    """Replace the language-selector label formulas by their English text (sheet L, column D)."""
    english = {}
    for row in workbook["L"].iter_rows(min_row=2, max_col=4, values_only=True):
        _, sheet_name, cell, text = row
        if sheet_name and cell:
            english[(sheet_name, cell)] = text
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str) or not cell.value.startswith("=OFFSET(L!"):
                    continue
                match = LABEL_FORMULA.match(cell.value)
                if match and (match["sheet"], cell.coordinate) in english:
                    cell.value = english[(match["sheet"], cell.coordinate)]


def _drop_rows_below(sheet, last_row: int) -> None:
    for key in [key for key in sheet._cells if key[0] > last_row]:
        del sheet._cells[key]
    for cell_range in list(sheet.merged_cells.ranges):
        if cell_range.min_row > last_row:
            sheet.merged_cells.remove(cell_range)


def slim(workbook: Workbook, smelter_rows: int, product_rows: int) -> None:
    """Drop what makes an openpyxl copy of the template 2 MB: 7 copies of the logo, empty rows,
    the nine other languages' labels (sheet L, columns E-M) and the province codes (SorP) that
    only a hidden helper column uses. The sample is English; Excel rebuilds the rest on open."""
    for sheet in workbook.worksheets:
        sheet._images = []
    translations = workbook["L"]
    for key in [key for key in translations._cells if key[0] > 1 and key[1] > 4]:
        del translations._cells[key]
    _drop_rows_below(workbook["SorP"], 1)
    last_smelter_row = SMELTER_FIRST_ROW + smelter_rows + SPARE_SMELTER_ROWS
    _drop_rows_below(workbook["Smelter List"], last_smelter_row)
    last_product_row = PRODUCT_FIRST_ROW + product_rows + SPARE_PRODUCT_ROWS
    _drop_rows_below(workbook["Product List"], last_product_row)


def fill_template(workbook: Workbook, sample: SampleFile, lookup: dict) -> None:
    """Write one sample declaration into a freshly loaded blank template."""
    fill_declaration(workbook, sample)
    fill_smelters(workbook, sample.smelters, lookup)
    fill_products(workbook, sample.products)
    freeze_labels(workbook)
    slim(workbook, len(sample.smelters), len(sample.products))
