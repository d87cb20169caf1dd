"""Rule 13p-1 scoping: which products are covered, and what the company must file.

The three-step analysis (domain/sec-rule.md section 1): a product is covered when the company
manufactures it or contracts to have it manufactured, it contains 3TG, and that 3TG is necessary to
its functionality or production. Covered products need a reasonable country of origin inquiry and a
Form SD; a Conflict Minerals Report is added when the inquiry gives reason to believe the 3TG may come
from the Covered Countries and may not be from recycled or scrap sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from desktop.core.cmrt.model import METALS


class MadeBy(str, Enum):
    UNANSWERED = ""
    MANUFACTURE = "manufacture"  # the company manufactures it
    CONTRACT = "contract"  # a contract manufacturer makes it under the company's influence
    NEITHER = "neither"  # resold, only branded, serviced or repaired


class Answer(str, Enum):
    UNANSWERED = ""
    YES = "yes"
    NO = "no"


@dataclass
class Product:
    name: str = ""
    description: str = ""
    made_by: MadeBy = MadeBy.UNANSWERED
    metals: set[str] = field(default_factory=set)  # subset of METALS
    necessary: Answer = Answer.UNANSWERED  # 3TG necessary to functionality or production
    outside_supply_chain_2013: bool = False  # all its 3TG was outside the supply chain before 31 Jan 2013
    acquired_company: bool = False  # made by an acquired business (Instruction 3 to Item 1.01)
    acquired_business: str = ""  # the acquired business's name, as the report discloses it
    acquired_on: str = ""  # the acquisition's effective date, ISO "2025-03-15"; empty until typed
    acquired_was_obligated: Answer = Answer.UNANSWERED  # did it have to report under Rule 13p-1 before?
    id: int | None = None


class ProductStatus(str, Enum):
    INCOMPLETE = "incomplete"
    COVERED = "covered"
    NOT_COVERED = "not covered"
    EXEMPT = "exempt"


@dataclass
class ProductFinding:
    status: ProductStatus
    reason: str


def assess_product(product: Product, reporting_year: int | None = None) -> ProductFinding:
    """Whether one product is covered by Rule 13p-1 in `reporting_year`, with the reason in plain words."""
    if product.made_by == MadeBy.UNANSWERED:
        return ProductFinding(ProductStatus.INCOMPLETE, "Say whether you manufacture it or contract to have it made.")
    if product.made_by == MadeBy.NEITHER:
        return ProductFinding(
            ProductStatus.NOT_COVERED,
            "Not covered: you neither manufacture it nor contract to have it manufactured.",
        )
    if not product.metals:
        return ProductFinding(ProductStatus.NOT_COVERED, "Not covered: it contains no tin, tantalum, tungsten or gold.")
    if product.necessary == Answer.UNANSWERED:
        return ProductFinding(
            ProductStatus.INCOMPLETE, "Say whether the metal is necessary to its functionality or production."
        )
    if product.necessary == Answer.NO:
        return ProductFinding(
            ProductStatus.NOT_COVERED,
            "Not covered: the metal is not necessary to its functionality or production.",
        )
    if product.outside_supply_chain_2013:
        return ProductFinding(
            ProductStatus.EXEMPT,
            "Exempt: its minerals were outside the supply chain before January 31, 2013.",
        )
    if product.acquired_company:
        finding = acquisition_finding(product, reporting_year)
        if finding is not None:
            return finding
    metals = ", ".join(m.lower() for m in METALS if m in product.metals)
    return ProductFinding(ProductStatus.COVERED, f"Covered: contains necessary {metals}.")


def acquisition_finding(product: Product, reporting_year: int | None) -> ProductFinding | None:
    """Instruction 3's transition computed from the acquisition date; None when the product is covered."""
    from desktop.core.filing.acquisitions import parse_date, transition

    acquired_on = parse_date(product.acquired_on)
    if acquired_on is None or product.acquired_was_obligated == Answer.UNANSWERED or not reporting_year:
        return ProductFinding(
            ProductStatus.INCOMPLETE,
            "Give the date the business was acquired and say whether it had to report under Rule 13p-1 before.",
        )
    found = transition(acquired_on, product.acquired_was_obligated == Answer.YES, reporting_year, product.acquired_business)
    return ProductFinding(ProductStatus.EXEMPT, found.reason) if found.applies else None


class InquiryResult(str, Enum):
    """What the supplier inquiry (RCOI) found, once it has been run."""

    NOT_YET = "not yet"
    NO_COVERED_COUNTRIES = "no covered countries"  # no reason to believe covered-country origin
    RECYCLED_OR_SCRAP_ONLY = "recycled or scrap only"
    MAY_BE_COVERED_COUNTRIES = "may be covered countries"  # and may not be recycled or scrap


class Outcome(str, Enum):
    INCOMPLETE = "incomplete"
    NO_FILING = "no_filing"
    SD_ONLY = "sd_only"
    SD_WITH_CMR = "sd_with_cmr"
    SD_PENDING_INQUIRY = "sd_pending_inquiry"  # Form SD is due; whether a CMR is needed awaits the RCOI


@dataclass
class Determination:
    outcome: Outcome
    headline: str
    reasons: list[str]
    covered_products: list[str]


def determine_outcome(
    products: list[Product], inquiry: InquiryResult = InquiryResult.NOT_YET, reporting_year: int | None = None
) -> Determination:
    """What the company must file, in plain words, from its products and the supplier inquiry."""
    findings = [(p, assess_product(p, reporting_year)) for p in products]
    covered = [p.name for p, f in findings if f.status == ProductStatus.COVERED]
    incomplete = [p.name or "(unnamed product)" for p, f in findings if f.status == ProductStatus.INCOMPLETE]
    if not products:
        return Determination(Outcome.INCOMPLETE, "List your product lines to find out what you must file.", [], [])
    if incomplete and not covered:
        return Determination(
            Outcome.INCOMPLETE,
            "Answer the questions for every product to find out what you must file.",
            [f"Unanswered: {name}" for name in incomplete],
            [],
        )
    if not covered:
        return Determination(
            Outcome.NO_FILING,
            "No Form SD needed: none of your products is covered by the rule.",
            [f"{p.name}: {f.reason}" for p, f in findings],
            [],
        )
    reasons = [f"{p.name}: {f.reason}" for p, f in findings]
    if incomplete:
        reasons.append("Some products are still unanswered: " + ", ".join(incomplete) + ".")
    if inquiry == InquiryResult.NOT_YET:
        return Determination(
            Outcome.SD_PENDING_INQUIRY,
            "Form SD needed. Survey your suppliers next: a Conflict Minerals Report is added only if "
            "the survey shows the metals may come from the Democratic Republic of the Congo or an adjoining country and not from recycled or scrap sources.",
            reasons,
            covered,
        )
    if inquiry == InquiryResult.MAY_BE_COVERED_COUNTRIES:
        return Determination(
            Outcome.SD_WITH_CMR,
            "Form SD with a Conflict Minerals Report: the supplier answers give reason to believe the metals may "
            "come from the Democratic Republic of the Congo or an adjoining country and may not be recycled or "
            "scrap, or cannot show that they do not.",
            reasons + ["Due diligence on the source and chain of custody is required (OECD framework)."],
            covered,
        )
    why = (
        "the supplier survey gave no reason to believe the metals came from the Covered Countries"
        if inquiry == InquiryResult.NO_COVERED_COUNTRIES
        else "the metals from the Covered Countries come only from recycled or scrap sources"
    )
    return Determination(Outcome.SD_ONLY, f"Form SD only: {why}.", reasons, covered)
