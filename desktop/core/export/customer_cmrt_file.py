"""Write our CMRT for customers into RMI's blank template, leaving RMI's workbook intact.

RMI's template is "© Responsible Minerals Initiative. All rights reserved." and its terms grant no
right to pass it on, so the app does not ship it: the user picks the blank they downloaded from RMI
(remembered in the app settings). openpyxl keeps its formulas, data validations, sheet and workbook
protection and hidden sheets; we only type values into the cells a person would type into
(LAYOUT.md 2.2-2.6), and type each smelter's CID into column A so the template's own look-ups fill
the row, as RMI instructs. openpyxl saves no formula results; Excel and LibreOffice recalculate on
opening, and our reader resolves typed CIDs itself.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.atomic import atomic_target
from desktop.core.cmrt import UnreadableFile, read_cmrt
from desktop.core.cmrt.model import METALS
from desktop.core.filing.customer_cmrt import SCOPE_PRODUCT, CustomerCmrt

FIRST_QUESTION_ROW = 25
QUESTION_STEP = 6
COMPANY_ROWS = dict(zip("ABCDEFGH", (75, 77, 79, 81, 83, 85, 87, 89)))
CONTACT_CELLS = {
    "company_name": "D8", "address": "D14", "contact_name": "D15", "contact_email": "D16",
    "contact_phone": "D17", "authorizer": "D18", "authorizer_title": "D19", "authorizer_email": "D20",
    "authorizer_phone": "D21",
}  # fmt: skip
FIRST_SMELTER_ROW = 5
FIRST_PRODUCT_ROW = 6
NOT_LISTED = "Smelter not listed"


class TemplateProblem(ValueError):
    """The chosen file cannot be filled; the message names the file and what to choose instead."""


def answer_cell(number: int, metal: str) -> str:
    return f"D{FIRST_QUESTION_ROW + QUESTION_STEP * (number - 1) + 1 + METALS.index(metal)}"


def check_template(path: str | Path) -> str:
    """The blank's revision ("6.5"); refuses anything but an unfilled CMRT 6.x."""
    name = Path(path).name
    try:
        blank = read_cmrt(str(path))
    except UnreadableFile as problem:
        raise TemplateProblem(f"{name}: {problem.problem} Choose the blank CMRT you downloaded from RMI.") from None
    if blank.family != "CMRT" or not blank.revision.startswith("6."):
        raise TemplateProblem(
            f"{name} is {blank.family} revision {blank.revision or 'unknown'}. Choose RMI's blank CMRT, "
            "revision 6.x (download the latest from responsiblemineralsinitiative.org)."
        )
    filled = bool(blank.company.name or blank.smelters
                  or any(a.answer for answers in blank.metal_answers.values() for a in answers)
                  or any(a.answer for a in blank.company_answers))
    if filled:
        raise TemplateProblem(
            f"{name} already holds answers (someone's declaration, or test answers). Choose the blank "
            "CMRT exactly as downloaded from RMI."
        )
    return blank.revision


def _revision_tuple(revision: str) -> tuple[int, ...]:
    return tuple(int(part) for part in revision.split(".") if part.isdigit())


def _lookup_ids(workbook) -> set[tuple[str, str]]:
    """(metal, CID) pairs of the template's own Smelter Look-up."""
    found = set()
    for row in workbook["Smelter Look-up"].iter_rows(min_row=5, max_col=5, values_only=True):
        if row[0] and row[4]:
            found.add((str(row[0]).strip(), str(row[4]).strip().upper()))
    return found


def _country_names(workbook) -> dict[str, str]:
    """Upper-case country -> the spelling of the template's country list (sheet C)."""
    names = {}
    for row in workbook["C"].iter_rows(min_row=2, max_col=2, values_only=True):
        if row[1]:
            names[str(row[1]).strip().upper()] = str(row[1]).strip()
    return names


def write_customer_cmrt(template: str | Path, target: str | Path, cmrt: CustomerCmrt) -> None:
    """Fill a copy of `template` with `cmrt` and save it at `target` (atomically)."""
    missing = cmrt.missing()
    if missing:
        raise ValueError("Fill in first: " + ", ".join(missing) + ".")
    revision = check_template(template)
    from openpyxl import load_workbook  # loaded when a file is written, not at start-up

    workbook = load_workbook(template)
    declaration = workbook["Declaration"]
    declaration["D3"] = "English"  # the labels follow this choice; RMI's blanks may be saved in another language
    for key, cell in CONTACT_CELLS.items():
        declaration[cell] = cmrt.contact.get(key, "").strip() or None
    declaration["D9"] = cmrt.scope
    if cmrt.scope == SCOPE_PRODUCT:
        declaration["D10"] = "The products listed on the Product List tab."
    declaration["D22"] = cmrt.effective_date
    # CMRT 6.01-6.22 list 100% as the number 1 formatted 0%; 6.31 and later as the text "100%".
    old_percent = _revision_tuple(revision) < (6, 31)
    for item in cmrt.metal_answers:
        value = item.answer or None
        if value == "100%" and old_percent:
            value = 1
        declaration[answer_cell(item.number, item.metal)] = value
    for item in cmrt.company_answers:
        declaration[f"D{COMPANY_ROWS[item.key]}"] = item.answer or None
        if item.comment:
            declaration[f"G{COMPANY_ROWS[item.key]}"] = item.comment
    _write_smelters(workbook, cmrt)
    products = workbook["Product List"]
    for offset, (number, name) in enumerate(cmrt.products):
        products[f"B{FIRST_PRODUCT_ROW + offset}"] = number
        products[f"C{FIRST_PRODUCT_ROW + offset}"] = name or None
    with atomic_target(target) as temp:
        workbook.save(temp)


def _write_smelters(workbook, cmrt: CustomerCmrt) -> None:
    sheet = workbook["Smelter List"]
    listed = _lookup_ids(workbook)
    countries = _country_names(workbook)
    for offset, smelter in enumerate(cmrt.smelters):
        row = FIRST_SMELTER_ROW + offset
        if (smelter.metal, smelter.cid.upper()) in listed:
            sheet[f"A{row}"] = smelter.cid  # the template's formulas fill B-J from the ID
            continue
        # A smelter newer (or older) than this template's look-up: typed by hand, its ID in the comment.
        sheet[f"B{row}"] = smelter.metal
        sheet[f"C{row}"] = NOT_LISTED
        sheet[f"D{row}"] = smelter.name
        sheet[f"E{row}"] = countries.get(smelter.country.strip().upper(), smelter.country.strip().upper())
        sheet[f"Q{row}"] = f"RMI smelter ID {smelter.cid}; not in this template's Smelter Look-up."
