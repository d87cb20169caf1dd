"""Fill the exports' `ReportData` from an open project: registrant, products, RCOI, answers, roll-up.

The writers in `desktop.core.export` only read a `ReportData`; this is the one place that knows
where each printed fact lives in the project. The per-metal figures come from the roll-up's own
summary (halves rounded up), so the report prints what the Smelter review page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from desktop.core.filing import audit_report, claims, diligence, origins  # noqa: F401  audit and claims add checks
from desktop.core.cmrt.model import METALS
from desktop.core.export.report_data import (
    AnnexRow,
    LeftOutAcquisition,
    MetalSummary,
    Product,
    RcoiFacts,
    Registrant,
    ReportData,
    Signer,
    missing_facts,
    sorted_annex,
)
from desktop.core.filing.evidence import (
    STAFF_STATEMENT,
    Conclusion,
    current_declarations,
    followed_up_suppliers,
    project_conclusion,
    project_response_rate,
    project_rollup,
)
from desktop.core.project import Project
from desktop.core.filing.readiness import Blocker, blockers
from desktop.core.filing.acquisitions import first_reporting_year, parse_date
from desktop.core.filing.scoping import (
    Determination,
    InquiryResult,
    MadeBy,
    Outcome,
    ProductStatus,
    acquisition_finding,
    assess_product,
)
from desktop.core.smelters import Rollup

# Answer keys the due diligence page stores beside the questions of diligence_questions.ini.
FUTURE_STEPS_KEY = "future_steps"  # one step per line
IPSA_KEY = "ipsa"  # "yes" when an independent private sector audit was obtained
IPSA_AUDITOR_KEY = "ipsa_auditor"
COMPANY_BACKGROUND_KEY = "company_background"
REPORT_URL_KEY = "report_url"  # where the report is published, when not the registrant's website

# Step titles as the wizard shows them, so a message can say where to fix something.
COMPANY_STEP = "Company and filing"
PRODUCTS_STEP = "Products in scope"
SUPPLIERS_STEP = "Supplier inquiry"
SMELTERS_STEP = "Smelter review"
DILIGENCE_STEP = "Due diligence"


class NotReadyToExport(ValueError):
    """The filing outcome is not settled yet; `step` names the wizard step that settles it."""

    def __init__(self, message: str, step: str):
        self.step = step
        super().__init__(message)


def blocking_reason(determination: Determination) -> NotReadyToExport | None:
    """Why nothing can be exported yet, in plain words, or None when the outcome is settled."""
    if determination.outcome == Outcome.INCOMPLETE:
        return NotReadyToExport(
            "We cannot tell yet whether you must file: " + determination.headline, PRODUCTS_STEP
        )
    if determination.outcome == Outcome.SD_PENDING_INQUIRY:
        return NotReadyToExport(
            "A Form SD is needed, but no supplier answers (CMRTs) are in the project yet, so we cannot tell "
            "whether a Conflict Minerals Report must go with it. Import your suppliers' CMRTs first.",
            SUPPLIERS_STEP,
        )
    return None


def rcoi_facts(project: Project, rollup: Rollup) -> RcoiFacts:
    """Reasonable country of origin inquiry figures: roster response rate, revisions, answer scope."""
    rate = project_response_rate(project)
    revisions = {c.declaration.revision for c in current_declarations(project) if c.declaration.revision}
    summary = rollup.summary
    # One response per supplier, counted as the roll-up counts them (scope "A" = company level).
    return RcoiFacts(
        suppliers_surveyed=rate.surveyed,
        suppliers_responded=rate.responded,
        cmrt_revisions=sorted(revisions, key=_revision_key),
        company_level_responses=summary.company_level,
        product_level_responses=summary.responses - summary.company_level,
        suppliers_followed_up=len(followed_up_suppliers(project)),
    )


def _revision_key(revision: str) -> float:
    # CMRT revisions are decimals: 6.22 comes before 6.31 and 6.4.
    try:
        return float(revision)
    except ValueError:
        return float("inf")


def metal_summaries(rollup: Rollup) -> list[MetalSummary]:
    """Per-metal counts from the roll-up's summary, in CMRT metal order, metals with smelters only."""
    figures = rollup.summary.metals
    return [
        # Cross-recognized counts with Conformant (desktop.core.smelters.statuses says why).
        MetalSummary(m, figures[m].known_smelters, figures[m].conformant + figures[m].cross_recognized, figures[m].active)
        for m in METALS
        if m in figures and figures[m].known_smelters
    ]


def annex_rows(rollup: Rollup) -> list[AnnexRow]:
    return sorted_annex([AnnexRow(r.metal, r.name, r.country, r.cid, r.status) for r in rollup.annex_rows()])


def project_answers(project: Project) -> dict[str, str]:
    """Every answer: the user's where given, the default sentence otherwise."""
    return diligence.default_answers() | project.answers()


def answer_context(project: Project) -> dict[str, str]:
    """The $placeholders of the answers that come from the company step, to show answers as printed."""
    reg = project.registrant()
    website = reg.website.strip()
    return {
        "company": reg.company_name.strip() or "the company",
        "year": str(reg.reporting_year or ""),
        "website": website,
        "report_url": project.answers().get(REPORT_URL_KEY, "").strip() or website,
    }


def future_steps(answers: dict[str, str]) -> list[str]:
    return [line.strip() for line in answers.get(FUTURE_STEPS_KEY, "").splitlines() if line.strip()]


def _registrant(project: Project) -> Registrant:
    reg = project.registrant()
    # ReportData wants the address without the ZIP code: the Form SD cover prints it separately.
    city_line = ", ".join(p for p in (reg.city.strip(), reg.state.strip()) if p)
    address = ", ".join(p for p in (reg.street.strip(), city_line) if p)
    same_person = reg.contact_name.strip() and reg.contact_name.strip() == reg.signer_name.strip()
    return Registrant(
        name=reg.company_name.strip(),
        state_of_incorporation=reg.state_of_incorporation.strip(),
        file_number=reg.sec_file_number.strip(),
        ein=reg.irs_ein.strip(),
        address=address,
        zip_code=reg.zip_code.strip(),
        website=reg.website.strip(),
        contact_name=reg.contact_name.strip(),
        contact_phone=reg.contact_phone.strip(),
        contact_title=reg.signer_title.strip() if same_person else "",
    )


def _filing_outcome(project: Project, conclusion: Conclusion) -> tuple[str, list[str]]:
    """The outcome and the reasons worded for Item 1.01: the evidence, counted, without supplier names."""
    products = project.products()
    determination = conclusion.determination
    manufactures = any(p.made_by in (MadeBy.MANUFACTURE, MadeBy.CONTRACT) for p in products)
    outcome, reasons = diligence.decide_outcome(
        manufactures,
        bool(determination.covered_products),
        conclusion.inquiry == InquiryResult.MAY_BE_COVERED_COUNTRIES,
        conclusion.inquiry == InquiryResult.RECYCLED_OR_SCRAP_ONLY,
    )
    if outcome == "no_filing":
        return outcome, reasons
    evidence = conclusion.evidence
    reasons = reasons[:1]  # the applicability sentence; the conclusion's own reasons follow
    if conclusion.user_conclusion:
        reasons += evidence.printed_reasons()
    elif conclusion.inquiry == InquiryResult.MAY_BE_COVERED_COUNTRIES:
        reasons += evidence.printed_reasons()
    else:
        reasons += evidence.grounds()
    outcome = "sd_with_cmr" if conclusion.files_cmr else "sd_only"
    if outcome != determination.outcome.value:  # one rule, two wordings: they must never disagree
        raise AssertionError(f"filing outcome {outcome!r} disagrees with the determination {determination.outcome!r}")
    return outcome, reasons


def _origin_fields(project: Project, rollup: Rollup) -> dict:
    """What the user recorded about countries of origin, and the smelters located in Covered Countries."""
    recorded = origins.load_origins(project.answers())
    return {
        "countries_of_origin": recorded.known_countries(),
        "origin_categories": recorded.category_lists(),
        "origin_source": recorded.source.strip(),
        "origin_recycled": recorded.any_recycled(),
        "origin_unknown": recorded.any_unknown(),
        "covered_country_smelters": sorted_annex([
            AnnexRow(s.metal, s.name, s.country, s.cid, s.status)
            for s in rollup.smelters
            if s.covered_country and not s.excluded
        ]),
    }


def _result_figures(project: Project, rollup: Rollup) -> dict:
    """Counts the results section prints: CMRTs per metal, smelter countries, recycled smelters,
    and the names suppliers gave that Annex A leaves out, by reason."""
    summary = rollup.summary
    left_out = []
    not_listed = len(rollup.unresolved)
    if not_listed:
        left_out.append(("were not found in the RMI smelter reference list, so they could not be identified", not_listed))
    not_smelters = sum(1 for d in project.decisions() if d.not_a_smelter)
    if not_smelters:
        left_out.append(("were not smelters or refiners (for example a supplier's own company or a trader)", not_smelters))
    excluded = sum(1 for s in rollup.smelters if s.excluded)
    if excluded:
        left_out.append(("were identified, but we left them out of Annex A, each for a reason we recorded", excluded))
    return {
        "cmrts_by_metal": {metal: figures.declarations_sourcing for metal, figures in summary.metals.items()},
        "cmrts_received": summary.responses,
        "smelter_country_count": summary.countries,
        "recycled_smelter_count": summary.recycled_smelters,
        "left_out_of_annex": left_out,
    }


def acquisitions_left_out(project: Project) -> list[LeftOutAcquisition]:
    """Acquired businesses whose products Instruction 3 leaves out of this year, for the report to say so."""
    year = project.registrant().reporting_year
    grouped: dict[tuple[str, str], list[str]] = {}
    for product in project.products():
        if product.acquired_company and acquisition_finding(product, year) is not None:
            if assess_product(product, year).status == ProductStatus.EXEMPT:
                grouped.setdefault((product.acquired_business.strip(), product.acquired_on), []).append(product.name)
    left_out = []
    for (business, acquired_on), names in grouped.items():
        day = parse_date(acquired_on)
        left_out.append(LeftOutAcquisition(business or "an acquired business", day, first_reporting_year(day), names))
    return sorted(left_out, key=lambda a: (a.acquired_on, a.business))


def _audit_report_fields(project: Project, company: str, year: int) -> dict:
    """The attached audit report for ReportData (Exhibit 1.02), when an audit is claimed."""
    pdf = project.attachment(audit_report.AUDIT_PDF)
    edgar = project.attachment(audit_report.AUDIT_EDGAR)
    return {
        "ipsa_report_pdf": pdf.data if pdf else None,
        "ipsa_report_name": pdf.file_name if pdf else "",
        "ipsa_report_sha256": pdf.sha256 if pdf else "",
        "ipsa_report_edgar_html": (
            audit_report.edgar_exhibit_html(edgar, f"{company} Exhibit 1.02 Independent Private Sector Audit Report {year}")
            if edgar else None
        ),
    }


def report_data_from_project(project: Project, rollup: Rollup | None = None, today: date | None = None,
                             open_items: list[Blocker] | None = None) -> ReportData:
    """Everything the exports print, from the project; raises NotReadyToExport while the outcome is open.

    The data is final only when nothing blocks the filing (`readiness.blockers`, passed in as
    `open_items` by a caller that has them) and no fact the writers need is missing; otherwise it
    is a draft, so every file written from it says DRAFT. The rule lives here, not in the Export
    page, so no caller (the smoke test, a script) can write an unmarked filing for an unready project.
    """
    today = today or date.today()
    rollup = rollup if rollup is not None else project_rollup(project)
    conclusion = project_conclusion(project, rollup)
    blocked = blocking_reason(conclusion.determination)
    if blocked is not None:
        raise blocked
    outcome, reasons = _filing_outcome(project, conclusion)
    reg = project.registrant()
    answers = project_answers(project)
    question_keys = {q.key for q in diligence.questions()}
    registrant = _registrant(project)
    # The due diligence page may give a page other than the website's home for the report.
    report_url = answers.get(REPORT_URL_KEY, "").strip() or registrant.website
    rows = annex_rows(rollup)
    status_as_of = rollup.status_as_of()
    data = ReportData(
        registrant=registrant,
        year=reg.reporting_year or today.year - 1,
        signer=Signer(reg.signer_name.strip(), reg.signer_title.strip(), today),
        outcome=outcome,
        outcome_reasons=reasons,
        report_url=report_url,
        company_background=answers.get(COMPANY_BACKGROUND_KEY, "").strip(),
        products=[
            Product(p.name, p.description)
            for p in project.products()
            if assess_product(p, reg.reporting_year).status == ProductStatus.COVERED
        ],
        acquisitions_left_out=acquisitions_left_out(project),
        **_origin_fields(project, rollup),
        **_result_figures(project, rollup),
        rcoi=rcoi_facts(project, rollup),
        diligence_answers={k: v for k, v in answers.items() if k in question_keys},
        metal_summaries=metal_summaries(rollup),
        annex_rows=rows,
        status_as_of=date.fromisoformat(status_as_of) if status_as_of else None,
        ipsa=answers.get(IPSA_KEY, "").strip().lower() == "yes",
        ipsa_auditor=answers.get(IPSA_AUDITOR_KEY, "").strip(),
        **_audit_report_fields(project, registrant.name, reg.reporting_year or today.year - 1),
        future_steps=future_steps(answers),
        conclusion_reason=conclusion.choices.conclusion_reason if conclusion.user_conclusion else "",
        staff_statement=STAFF_STATEMENT if conclusion.staff_statement else "",
        voluntary_cmr=conclusion.voluntary_cmr,
    )
    open_items = blockers(project) if open_items is None else open_items
    nothing_filed = data.outcome == "no_filing"  # then only Annex A can be written, and only its facts count
    return replace(data, draft=bool(open_items or missing_with_steps(data, annex_only=nothing_filed)))


@dataclass(frozen=True)
class MissingFact:
    what: str  # plain words, from report_data.missing_facts
    step: str  # the wizard step where the user fixes it


def _step_for(label: str) -> str:
    if "auditor" in label:
        return DILIGENCE_STEP
    if "smelter statuses" in label:
        return SMELTERS_STEP
    return COMPANY_STEP


def missing_with_steps(data: ReportData, annex_only: bool = False) -> list[MissingFact]:
    """What the filing still lacks, each with the step that fixes it."""
    return [MissingFact(label, _step_for(label)) for label in missing_facts(data, annex_only)]
