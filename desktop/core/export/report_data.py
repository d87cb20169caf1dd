"""Everything the Form SD, the Conflict Minerals Report and Annex A print, in one plain object.

The project store and the roll-up fill a `ReportData`; the writers in this package only read it.
Nothing here knows about Qt, workbooks or the project file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.core.cmrt.model import METALS
from desktop.core.export.clean_text import clean_strings
from desktop.core.percent import percent_half_up

OUTCOMES = ("no_filing", "sd_only", "sd_with_cmr")
# RMI statuses that count as "Conformant or Active" in the per-metal figures; Cross-recognized
# counts with Conformant (desktop.core.smelters.statuses says why).
CONFORMANT = "Conformant"
CROSS_RECOGNIZED = "Cross-recognized"
ACTIVE = "Active"


def percent(part: int, whole: int) -> int:
    """Whole percent with halves rounded up, as the Smelter review page shows it (0 of 0 is 0)."""
    return percent_half_up(part, whole) or 0


@dataclass
class Registrant:
    name: str  # exact name as specified in the charter
    state_of_incorporation: str
    file_number: str  # SEC Commission File Number, e.g. "001-36309"
    ein: str  # IRS Employer Identification No., e.g. "33-0989359"
    address: str  # principal executive offices, without the ZIP code
    zip_code: str
    website: str
    contact_name: str
    contact_phone: str
    contact_title: str = ""


@dataclass
class Signer:
    name: str
    title: str
    signed_on: date


@dataclass
class Product:
    name: str
    description: str = ""


@dataclass
class LeftOutAcquisition:
    """An acquired business whose products Instruction 3 to Item 1.01 leaves out of this report."""

    business: str
    acquired_on: date
    first_year: int  # the first calendar year its products are reported
    products: list[str] = field(default_factory=list)


@dataclass
class RcoiFacts:
    """Reasonable country of origin inquiry figures, filled from the project (read-only in the UI)."""

    suppliers_surveyed: int
    suppliers_responded: int
    cmrt_revisions: list[str] = field(default_factory=list)  # e.g. ["6.4", "6.31"]
    company_level_responses: int = 0
    product_level_responses: int = 0
    suppliers_followed_up: int = 0  # surveyed suppliers with a reminder or follow-up on record

    @property
    def response_rate(self) -> int:
        """Whole percent of surveyed suppliers that answered (0 when nobody was surveyed)."""
        return percent(self.suppliers_responded, self.suppliers_surveyed)

    @property
    def company_level_share(self) -> int:
        """Whole percent of responses given at company (not product) level."""
        answered = self.company_level_responses + self.product_level_responses
        return percent(self.company_level_responses, answered)

    @property
    def mostly_company_level(self) -> bool:
        """More than half of the responses were given for the supplier's company as a whole."""
        answered = self.company_level_responses + self.product_level_responses
        return 2 * self.company_level_responses > answered > 0


@dataclass
class MetalSummary:
    metal: str
    known: int  # known smelters and refiners reported for this metal
    conformant: int
    active: int

    @property
    def conformant_or_active(self) -> int:
        return self.conformant + self.active

    @property
    def other(self) -> int:
        return self.known - self.conformant_or_active

    @property
    def percent_conformant_or_active(self) -> int:
        return percent(self.conformant_or_active, self.known)


@dataclass
class AnnexRow:
    metal: str
    name: str  # smelter or refiner name (RMI standard name where known)
    country: str
    smelter_id: str  # "CID001234"
    status: str  # RMI status as of `ReportData.status_as_of`


@dataclass
class ReportData:
    registrant: Registrant
    year: int  # the calendar year reported on (January 1 to December 31)
    signer: Signer
    outcome: str  # one of OUTCOMES
    outcome_reasons: list[str]  # plain-words reasons, shown to the user and summarised in Item 1.01
    report_url: str  # where the Form SD and the CMR are published
    company_background: str = ""  # one paragraph on what the company makes
    products: list[Product] = field(default_factory=list)
    acquisitions_left_out: list[LeftOutAcquisition] = field(default_factory=list)
    rcoi: RcoiFacts = field(default_factory=lambda: RcoiFacts(0, 0))
    diligence_answers: dict[str, str] = field(default_factory=dict)  # key -> text (desktop.core.filing.diligence)
    metal_summaries: list[MetalSummary] = field(default_factory=list)
    countries_of_origin: list[str] = field(default_factory=list)  # empty when not known
    # What the user recorded about origin (desktop.core.filing.origins): RMI risk levels with their countries,
    # where it comes from, and whether some 3TG is recycled or of unknown origin.
    origin_categories: list[tuple[str, list[str]]] = field(default_factory=list)
    origin_source: str = ""
    origin_recycled: bool = False
    origin_unknown: bool = False
    covered_country_smelters: list[AnnexRow] = field(default_factory=list)  # located in a Covered Country
    # Figures the project holds (issue 10, item 10), printed in the results.
    cmrts_by_metal: dict[str, int] = field(default_factory=dict)  # metal -> CMRTs that report using it
    cmrts_received: int = 0
    smelter_country_count: int = 0  # countries the Annex A smelters are located in
    recycled_smelter_count: int = 0  # smelters a supplier reports as 100% recycled or scrap
    left_out_of_annex: list[tuple[str, int]] = field(default_factory=list)  # (why, how many names)
    annex_rows: list[AnnexRow] = field(default_factory=list)
    status_as_of: date | None = None  # the date the statuses were checked against the RMI lists
    status_definitions: dict[str, str] = field(default_factory=dict)  # status -> definition
    ipsa: bool = False  # an independent private sector audit was obtained
    ipsa_auditor: str = ""
    # The auditor's report as attached (Exhibit 1.02): the PDF appended to the report PDF, and the
    # HTML or text version EDGAR files as ex1-02.htm (desktop.core.filing.audit_report).
    ipsa_report_pdf: bytes | None = None
    ipsa_report_name: str = ""
    ipsa_report_sha256: str = ""
    ipsa_report_edgar_html: str | None = None
    future_steps: list[str] = field(default_factory=list)
    # The determination's special cases, each chosen by the user in writing (desktop.core.filing.evidence).
    conclusion_reason: str = ""  # "no reason to believe" against the evidence: the user's reason
    staff_statement: str = ""  # set: Items 1.01(a)/(b) only, relying on this staff statement
    voluntary_cmr: bool = False  # a CMR filed although the inquiry does not require one
    draft: bool = False  # every page and file says DRAFT; nothing here is final

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}, not {self.outcome!r}")
        # The export boundary: every writer reads this object, so user and supplier text is cleaned
        # once, here (control characters and the like; see clean_text).
        clean_strings(self)

    @property
    def files_cmr(self) -> bool:
        return self.outcome == "sd_with_cmr"


def summarise_annex(rows: list[AnnexRow]) -> list[MetalSummary]:
    """Per-metal counts of known smelters and how many are Conformant or Active, in CMRT metal order."""
    summaries = []
    for metal in METALS:
        statuses = [row.status for row in rows if row.metal == metal]
        if statuses:
            summaries.append(
                MetalSummary(
                    metal=metal,
                    known=len(statuses),
                    conformant=statuses.count(CONFORMANT) + statuses.count(CROSS_RECOGNIZED),
                    active=statuses.count(ACTIVE),
                )
            )
    return summaries


def sorted_annex(rows: list[AnnexRow]) -> list[AnnexRow]:
    """Annex A order used by the filings: by metal, then smelter name (case-insensitive)."""
    order = {metal: index for index, metal in enumerate(sorted(METALS))}
    return sorted(rows, key=lambda r: (order.get(r.metal, len(order)), r.metal, r.name.casefold()))


class NothingToFile(ValueError):
    """The project's outcome is "no Form SD", so there is no report to export."""


class IncompleteReport(ValueError):
    """Facts the filing must state are missing; the message lists them in plain words."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__("The report cannot be exported yet. Please fill in: " + "; ".join(missing) + ".")


def missing_facts(data: ReportData, annex_only: bool = False) -> list[str]:
    """What the Form SD or Annex A must state but the project does not record yet (domain/sec-rule.md 9)."""
    missing = []
    if data.annex_rows and not data.status_as_of:
        missing.append("the date the smelter statuses were checked against the RMI lists (as of)")
    if annex_only:
        return missing
    reg = data.registrant
    required = [
        ("the registrant's exact name", reg.name),
        ("the state of incorporation", reg.state_of_incorporation),
        ("the Commission file number", reg.file_number),
        ("the IRS employer identification number", reg.ein),
        ("the address of the principal executive offices", reg.address),
        ("the ZIP code", reg.zip_code),
        ("the contact person's name", reg.contact_name),
        ("the contact person's telephone number", reg.contact_phone),
        ("the web address where the report is published", data.report_url),
        ("the signer's name", data.signer.name),
        ("the signer's title", data.signer.title),
    ]
    missing = [label for label, value in required if not str(value or "").strip()] + missing
    if data.ipsa and not data.ipsa_auditor.strip():
        missing.append("the name of the independent private sector auditor")
    return missing


def require_complete(data: ReportData, annex_only: bool = False) -> None:
    if data.draft:
        return  # a draft may have gaps: every page of it says DRAFT
    missing = missing_facts(data, annex_only)
    if missing:
        raise IncompleteReport(missing)
