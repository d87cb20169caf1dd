"""What a supplier's CMRT says, independent of the template revision it was written on.

The reader (`desktop.core.cmrt.reader`) fills these objects; the checks, the smelter matching, the
roll-up and the UI only ever see them, never a workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

TANTALUM = "Tantalum"
TIN = "Tin"
GOLD = "Gold"
TUNGSTEN = "Tungsten"
# The order every CMRT revision uses on its Declaration sheet.
METALS = (TANTALUM, TIN, GOLD, TUNGSTEN)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class Verdict(str, Enum):
    COMPLETE = "complete"
    NEEDS_FOLLOW_UP = "needs follow-up"
    UNUSABLE = "unusable"


class Meaning(str, Enum):
    """Revision-independent meaning of a per-metal Declaration question."""

    USED_IN_PRODUCT = "used in product"  # 6.x Q1, 2.x/3.x Q1 (intentionally added)
    REMAINS_IN_PRODUCT = "remains in product"  # 2.x/3.x Q2 (necessary to functionality)
    COVERED_COUNTRIES = "covered countries"  # from the DRC or an adjoining country
    CAHRA = "CAHRA"  # conflict-affected and high-risk areas (6.x)
    ALL_RECYCLED_SCRAP = "all recycled or scrap"
    SUPPLIER_RESPONSE = "supplier response level"  # share of relevant suppliers that answered
    ALL_SMELTERS_IDENTIFIED = "all smelters identified"
    ALL_SMELTER_INFO_REPORTED = "all smelter info reported"


@dataclass
class Finding:
    """One problem found in a declaration, worded so a finance user can forward it."""

    rule_id: str
    severity: Severity
    message: str
    sheet: str = ""
    cell: str = ""  # "D8", "row 12" or "" when it concerns the whole file


@dataclass
class MetalAnswer:
    """One answer to one per-metal question."""

    question: int  # the question number as printed in that revision (1-based)
    meaning: Meaning | None  # None when the revision asks something we do not map
    wording: str  # the English question text of that revision
    answer: str  # normalised English answer ("Yes", "No", "100%", "" when blank)
    raw: object = None  # the cell value as stored, before normalising
    comment: str = ""
    cell: str = ""  # "D32"


@dataclass
class CompanyAnswer:
    """One company-level question (A-H in 6.x, A-J in 3.x, A-G in 2.x)."""

    letter: str
    wording: str
    answer: str
    comment: str = ""
    cell: str = ""
    raw: object = None


@dataclass
class CompanyInfo:
    name: str = ""
    scope: str = ""  # "A", "B", "C" (6.x/3.x); 2.x: "A".."D" (company/division/product/user defined)
    scope_label: str = ""  # the answer as written, e.g. "B. Product (or List of Products)"
    scope_description: str = ""
    unique_id: str = ""
    unique_id_authority: str = ""
    address: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    authorizer: str = ""
    authorizer_title: str = ""
    authorizer_email: str = ""
    authorizer_phone: str = ""
    effective_date: date | None = None
    effective_date_raw: object = None


@dataclass
class ProductRow:
    row: int
    number: str = ""
    name: str = ""
    comment: str = ""
    requester_number: str = ""  # CMRT 6.6 and later
    requester_name: str = ""


@dataclass
class SmelterRow:
    """One row of a supplier's Smelter List, as written (after whitespace clean-up)."""

    row: int  # the Excel row number in the source sheet, for messages to the supplier
    metal: str = ""  # one of METALS when recognisable, else the text as written
    lookup_name: str = ""  # column B: the "Smelter Look-up" choice ("Smelter not listed", ...)
    name: str = ""  # column C: smelter name
    country: str = ""
    smelter_id: str = ""  # "CID001234", or the 2.x form "1JPN058"
    id_source: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    contact_name: str = ""
    contact_email: str = ""
    next_steps: str = ""
    mine_names: str = ""
    mine_countries: str = ""
    recycled_scrap: str = ""  # "Yes" / "No" / "Unknown" / ""
    comments: str = ""
    looked_up_id: str = ""  # the ID the template's own look-up gives for metal + look-up name
    duplicate_of: int | None = None  # row number of the first identical row, when duplicated


@dataclass
class Declaration:
    """Everything read from one supplier file, plus the checks' findings."""

    path: str
    file_name: str
    sha256: str = ""
    family: str = "CMRT"
    revision: str = ""  # display string: "6.4", "2.03a", "2.00"
    language: str = ""
    company: CompanyInfo = field(default_factory=CompanyInfo)
    metal_answers: dict[str, list[MetalAnswer]] = field(default_factory=dict)
    company_answers: list[CompanyAnswer] = field(default_factory=list)
    products: list[ProductRow] = field(default_factory=list)
    smelters: list[SmelterRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    verdict: Verdict = Verdict.COMPLETE

    def answer(self, metal: str, meaning: Meaning) -> str:
        """The normalised answer for one metal and meaning, "" when not asked or blank."""
        for item in self.metal_answers.get(metal, []):
            if item.meaning == meaning:
                return item.answer
        return ""

    def metals_declared(self) -> list[str]:
        """Metals the supplier says are used in its products (Q1 = Yes)."""
        return [m for m in METALS if self.answer(m, Meaning.USED_IN_PRODUCT) == "Yes"]

    def smelter_counts(self) -> dict[str, int]:
        counts = {m: 0 for m in METALS}
        for row in self.smelters:
            if row.metal in counts:
                counts[row.metal] += 1
        return counts


class UnreadableFile(Exception):
    """A file that cannot be used as a CMRT, with a message that names the file and the problem."""

    def __init__(self, path: str, problem: str, advice: str = ""):
        self.path = path
        self.problem = problem
        self.advice = advice
        text = f"{path}: {problem}"
        if advice:
            text += f" {advice}"
        super().__init__(text)
