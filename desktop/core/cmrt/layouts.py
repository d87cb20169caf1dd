"""Where each CMRT revision keeps its answers, cell by cell (see ../shared/cmrt/LAYOUT.md).

Three grids cover 2.00 to 6.x. Labels are formulas in ten languages, so we only ever read fixed
value cells and print the English wording from here, never the cached label.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.cmrt.model import Meaning

YES_NO = ("Yes", "No")
YES_NO_UNKNOWN = ("Yes", "No", "Unknown")


@dataclass(frozen=True)
class MetalQuestion:
    number: int
    meaning: Meaning | None
    wording: str
    header_row: int  # answers sit in the four rows below, Ta / Sn / Au / W
    allowed: tuple[str, ...]


@dataclass(frozen=True)
class CompanyQuestion:
    letter: str
    wording: str
    row: int  # answer in D, comment in G
    allowed: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    key: str  # "6", "3" or "2"
    company_cells: dict[str, str]  # CompanyInfo field -> Declaration cell
    required_fields: tuple[str, ...]  # CompanyInfo fields the template marks (*)
    questions: tuple[MetalQuestion, ...]
    company_questions: tuple[CompanyQuestion, ...]
    smelter_columns: dict[str, int]  # SmelterRow field -> 0-based column
    lookup_sheet: str
    product_scope_letters: tuple[str, ...]  # scopes that need a Product List
    described_scope_letters: tuple[str, ...]  # scopes that need a description


_COMPANY_6 = {
    "name": "D8", "scope_label": "D9", "scope_description": "D10", "unique_id": "D12",
    "unique_id_authority": "D13", "address": "D14", "contact_name": "D15", "contact_email": "D16",
    "contact_phone": "D17", "authorizer": "D18", "authorizer_title": "D19", "authorizer_email": "D20",
    "authorizer_phone": "D21", "effective_date_raw": "D22",
}
_REQUIRED_6 = ("name", "scope_label", "contact_name", "contact_email", "contact_phone", "authorizer",
               "authorizer_email", "effective_date_raw")

# 2.x has no separate contact person: the authorised representative signs and is the contact.
_COMPANY_2 = {
    "name": "D8", "scope_label": "D9", "scope_description": "D10", "unique_id": "D12", "address": "D13",
    "authorizer": "D14", "authorizer_title": "D15", "authorizer_email": "D16", "authorizer_phone": "D17",
    "effective_date_raw": "D18",
}
_REQUIRED_2 = ("name", "scope_label", "authorizer", "authorizer_email", "effective_date_raw")

PERCENT_6 = ("100%", "Greater than 90%", "Greater than 75%", "Greater than 50%", "50% or less", "None")
PERCENT_3 = ("Yes, 100%", "No, but greater than 75%", "No, but greater than 50%", "No, but greater than 25%",
             "No, but less than 25%", "None")
PERCENT_2 = ("Yes", "No but > 75%", "No but > 50%", "No but > 25%", "No but < 25%", "No - none")
# 2.x Q2/Q3 lists say "Uncertain or Unknown"; Q6 says plain "Unknown" (data validations of 2.00-2.03a).
UNKNOWN_2 = ("Yes", "No", "Uncertain or Unknown")

_QUESTIONS_6 = (
    MetalQuestion(1, Meaning.USED_IN_PRODUCT, "Is any 3TG intentionally added or used in the product(s) or in "
                  "the production process?", 25, YES_NO),
    MetalQuestion(2, Meaning.REMAINS_IN_PRODUCT, "Does any 3TG remain in the product(s)?", 31, YES_NO),
    MetalQuestion(3, Meaning.COVERED_COUNTRIES, "Do any of the smelters in your supply chain source the 3TG "
                  "from the covered countries? (SEC term, see definitions tab)", 37, YES_NO_UNKNOWN),
    MetalQuestion(4, Meaning.CAHRA, "Do any of the smelters in your supply chain source the 3TG from "
                  "conflict-affected and high-risk areas?", 43, YES_NO_UNKNOWN),
    MetalQuestion(5, Meaning.ALL_RECYCLED_SCRAP, "Does 100 percent of the 3TG (necessary to the functionality "
                  "or production of your products) originate from recycled or scrap sources?", 49, YES_NO_UNKNOWN),
    MetalQuestion(6, Meaning.SUPPLIER_RESPONSE, "What percentage of relevant suppliers have provided a response "
                  "to your supply chain survey?", 55, PERCENT_6),
    MetalQuestion(7, Meaning.ALL_SMELTERS_IDENTIFIED, "Have you identified all of the smelters supplying the 3TG "
                  "to your supply chain?", 61, YES_NO),
    MetalQuestion(8, Meaning.ALL_SMELTER_INFO_REPORTED, "Has all applicable smelter information received by your "
                  "company been reported in this declaration?", 67, YES_NO),
)

_QUESTIONS_3 = (
    MetalQuestion(1, Meaning.USED_IN_PRODUCT, "Is the conflict metal intentionally added to your product?",
                  25, YES_NO),
    MetalQuestion(2, Meaning.REMAINS_IN_PRODUCT, "Is the conflict metal necessary to the production of your "
                  "company's products and contained in the finished product that your company manufactures or "
                  "contracts to manufacture?", 31, YES_NO),
    MetalQuestion(3, Meaning.COVERED_COUNTRIES, "Does any of the conflict metal originate from the covered "
                  "countries?", 37, YES_NO_UNKNOWN),
    MetalQuestion(4, Meaning.ALL_RECYCLED_SCRAP, "Does 100 percent of the conflict metal (necessary to the "
                  "functionality or production of your products) originate from recycled or scrap sources?",
                  43, YES_NO_UNKNOWN),
    MetalQuestion(5, Meaning.SUPPLIER_RESPONSE, "Have you received conflict metals data/information for each "
                  "metal from all relevant suppliers of 3TG?", 49, PERCENT_3),
    MetalQuestion(6, Meaning.ALL_SMELTERS_IDENTIFIED, "For each conflict metal, have you identified all of the "
                  "smelters your company and its suppliers use to supply the products included within the "
                  "declaration scope indicated above?", 55, YES_NO),
    MetalQuestion(7, Meaning.ALL_SMELTER_INFO_REPORTED, "Has all applicable smelter information received by your "
                  "company been reported in this declaration?", 61, YES_NO_UNKNOWN),
)

_QUESTIONS_2 = (
    MetalQuestion(1, Meaning.USED_IN_PRODUCT, "Are any of the following metals necessary to the functionality "
                  "or production of your company's products that it manufactures or contracts to manufacture?",
                  21, YES_NO),
    MetalQuestion(2, Meaning.COVERED_COUNTRIES, "Do the following metals (necessary to the functionality or "
                  "production of your company's products) originate from the DRC or an adjoining country?",
                  27, UNKNOWN_2),
    MetalQuestion(3, Meaning.ALL_RECYCLED_SCRAP, "Do the following metals (necessary to the functionality or "
                  "production of your products) come from a recycler or scrap supplier?", 33, UNKNOWN_2),
    MetalQuestion(4, Meaning.SUPPLIER_RESPONSE, "Have you received completed Conflict Minerals Reporting "
                  "Templates from all of your suppliers?", 39, PERCENT_2),
    MetalQuestion(5, Meaning.ALL_SMELTERS_IDENTIFIED, "For each of the following metals, have you identified all "
                  "of the smelters your company and its suppliers use to supply the products included within the "
                  "declaration scope indicated above?", 45, ("Yes all smelters have been provided", "No")),
    # No revision-independent meaning: the CFS programme's compliant list no longer exists.
    MetalQuestion(6, None, "Have all of the smelters used by your company and its suppliers been validated as "
                  "compliant in accordance with the Conflict-Free Smelter (CFS) Program and listed on the "
                  "Compliant Smelter List for the following metals?", 51, YES_NO_UNKNOWN),  # list "Yes, No,Unknown"
)


def _company(letters_rows_wordings, allowed_by_letter=None):
    allowed_by_letter = allowed_by_letter or {}
    return tuple(CompanyQuestion(letter, wording, row, allowed_by_letter.get(letter, YES_NO))
                 for letter, row, wording in letters_rows_wordings)


_COMPANY_QUESTIONS_6 = _company((
    ("A", 75, "Have you established a responsible minerals sourcing policy?"),
    ("B", 77, "Is your responsible minerals sourcing policy publicly available on your website? (Note – If yes, "
              "the user shall specify the URL in the comment field.)"),
    ("C", 79, "Do you require your direct suppliers to source the 3TG from smelters whose due diligence "
              "practices have been validated by an independent third party audit program?"),
    ("D", 81, "Have you implemented due diligence measures for responsible sourcing?"),
    ("E", 83, "Does your company conduct Conflict Minerals survey(s) of your relevant supplier(s)?"),
    ("F", 85, "Do you review due diligence information received from your suppliers against your company's "
              "expectations?"),
    ("G", 87, "Does your review process include corrective action management?"),
    ("H", 89, "Is your company required to file an annual conflict minerals disclosure?"),
), {
    "E": ("Yes, in conformance with IPC1755 (e.g., CMRT)", "Yes, using other format (describe)", "No"),
    "H": ("Yes, with the SEC", "Yes, with the EU", "Yes, with the SEC and the EU", "No"),
})

_COMPANY_QUESTIONS_3 = _company((
    ("A", 69, "Do you have a policy in place that addresses conflict minerals sourcing?"),
    ("B", 71, "Is your conflict minerals sourcing policy publicly available on your website? (Note – If yes, "
              "the user shall specify the URL in the comment field.)"),
    ("C", 73, "Do you require your direct suppliers to be DRC conflict-free?"),
    ("D", 75, "Do you require your direct suppliers to source from smelters validated by an independent private "
              "sector audit firm?"),
    ("E", 77, "Have you implemented due diligence measures for conflict-free sourcing?"),
    ("F", 79, "Do you collect conflict minerals due diligence information from your suppliers which is in "
              "conformance with the IPC-1755 Conflict Minerals Data Exchange standard?"),
    ("G", 81, "Do you request smelter names from your suppliers?"),
    ("H", 83, "Do you review due diligence information received from your suppliers against your company's "
              "expectations?"),
    ("I", 85, "Does your review process include corrective action management?"),
    ("J", 87, "Are you subject to the SEC Conflict Minerals rule?"),
))

_COMPANY_QUESTIONS_2 = _company((
    ("A", 59, "Do you have a policy in place that includes DRC conflict-free sourcing?"),
    ("B", 61, "Is this policy publicly available on your website?"),
    ("C", 63, "Do you require your direct suppliers to be DRC conflict-free?"),
    ("D", 65, "Do you require your direct suppliers to source from smelters validated as compliant to a CFS "
              "protocol using the CFS Compliant Smelter List?"),
    ("E", 67, "Have you implemented due diligence measures for conflict-free sourcing?"),
    ("F", 69, "Do you request your suppliers to fill out this Conflict Minerals Reporting Template?"),
    ("G", 71, "Do you request smelter names from your suppliers?"),
    ("H", 73, "Do you verify due diligence information received from your suppliers?"),
    ("I", 75, "Does your verification process include corrective action management?"),
    ("J", 77, "Are you subject to the SEC Conflict Minerals disclosure requirement rule?"),
), {
    "C": ("Yes", "Yes included in standard contract language", "No"),
    "D": ("Yes", "No", "Planned once lists become available"),
    "H": ("Yes (3rd party audit)", "Yes (documentation review only)", "Yes (internal audit)",
          "Yes (all methods apply)", "No"),
})

# Columns B-Q are the same from 3.01 to 6.5; 4.1 added the ID input in A and 5.0 the hidden R.
_SMELTERS_6 = {
    "typed_id": 0, "metal": 1, "lookup_name": 2, "name": 3, "country": 4, "smelter_id": 5, "id_source": 6,
    "street": 7, "city": 8, "state": 9, "contact_name": 10, "contact_email": 11, "next_steps": 12,
    "mine_names": 13, "mine_countries": 14, "recycled_scrap": 15, "comments": 16, "standard_name": 17,
}
_SMELTERS_202 = {  # 2.02-2.03a: D is the standard name, F the 2.x smelter ID
    "typed_id": 0, "metal": 1, "lookup_name": 2, "name": 3, "country": 4, "smelter_id": 5, "street": 6,
    "city": 7, "state": 8, "contact_name": 9, "contact_email": 10, "next_steps": 11, "mine_names": 12,
    "mine_countries": 13, "comments": 14,
}
SMELTER_COLUMNS_200 = {  # 2.00-2.01 have no Smelter ID column at all
    "typed_id": 0, "metal": 1, "lookup_name": 2, "name": 3, "country": 4, "street": 5, "city": 6, "state": 7,
    "contact_name": 8, "contact_email": 9, "next_steps": 10, "mine_names": 11, "mine_countries": 12,
    "comments": 13,
}

LAYOUT_6 = Layout("6", _COMPANY_6, _REQUIRED_6, _QUESTIONS_6, _COMPANY_QUESTIONS_6, _SMELTERS_6,
                  "Smelter Look-up", ("B",), ("C",))
LAYOUT_3 = Layout("3", _COMPANY_6, _REQUIRED_6 + ("authorizer_phone",), _QUESTIONS_3, _COMPANY_QUESTIONS_3,
                  _SMELTERS_6, "Standard Smelter Names", ("B",), ("C",))
LAYOUT_202 = Layout("2", _COMPANY_2, _REQUIRED_2, _QUESTIONS_2, _COMPANY_QUESTIONS_2, _SMELTERS_202,
                    "Standard Smelter Names", ("D",), ("B", "C"))
LAYOUT_200 = Layout("2", _COMPANY_2, _REQUIRED_2, _QUESTIONS_2, _COMPANY_QUESTIONS_2, SMELTER_COLUMNS_200,
                    "Standard Smelter Names", ("D",), ("B", "C"))


# The Product List's columns from row 6 (LAYOUT.md 2.6). 6.5 renamed "Manufacturer's" to "Responder's";
# 6.6 (RMI, 17 April 2026) inserted the requester's product number and name before the comments.
PRODUCT_COLUMNS_6 = {"number": 1, "name": 2, "comment": 3}
PRODUCT_COLUMNS_6_6 = {"number": 1, "name": 2, "requester_number": 3, "requester_name": 4, "comment": 5}
PRODUCT_HEADERS = (  # English header (row 5) -> field; the longest phrase is tried first
    ("requester product number", "requester_number"), ("requester product name", "requester_name"),
    ("product number", "number"), ("product name", "name"), ("comments", "comment"),
)
REQUESTER_COLUMNS_FROM = 6.6

# The newest revision whose layout we know; a newer one is read with it and a note (rule A7).
NEWEST_KNOWN_REVISION = "6.6"


def product_columns(revision: str) -> dict[str, int]:
    """The Product List columns a revision uses when its header row cannot be read."""
    return PRODUCT_COLUMNS_6_6 if revision_number(revision) >= REQUESTER_COLUMNS_FROM else PRODUCT_COLUMNS_6


def is_newer_than_known(revision: str) -> bool:
    return revision_number(revision) > revision_number(NEWEST_KNOWN_REVISION)


def revision_number(revision: str) -> float:
    """6.31 -> 6.31, "2.03a" -> 2.03, "6.x" -> 6.0; 0.0 when unknown. For ordering only."""
    digits = ""
    for char in revision:
        if char.isdigit() or (char == "." and "." not in digits):
            digits += char
        else:
            break
    try:
        return float(digits)
    except ValueError:
        return 0.0


def layout_for(revision: str) -> Layout:
    """The grid a revision uses; 4.x and 5.x share the 3.01 grid (7 questions, rows 25-61)."""
    number = revision_number(revision)
    if number >= 6:
        return LAYOUT_6
    if number >= 3:
        return LAYOUT_3
    if number >= 2.02 or revision.startswith("2.x"):
        return LAYOUT_202
    return LAYOUT_200


def answer_rows(question: MetalQuestion) -> tuple[int, int, int, int]:
    """Rows of the Tantalum, Tin, Gold and Tungsten answers (the order of every revision)."""
    return tuple(question.header_row + offset for offset in (1, 2, 3, 4))
