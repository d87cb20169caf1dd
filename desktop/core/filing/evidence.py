"""What a project's data add up to: current declarations, the smelter roll-up, the determination."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, TypeVar
from weakref import WeakKeyDictionary

from desktop.core.cmrt.model import Declaration, Verdict
from desktop.core.filing.inquiry_evidence import InquiryEvidence, collect_evidence
from desktop.core.project import Project
from desktop.core.project.declaration_store import StoredDeclaration
from desktop.core.filing.scoping import (
    Determination,
    InquiryResult,
    Outcome,
    ProductStatus,
    assess_product,
    determine_outcome,
)
from desktop.core.smelters.project_reference import project_reference
from desktop.core.smelters import Rollup, SmelterReference, rollup
from desktop.core.smelters.rollup import match_signature
from desktop.core.suppliers import ResponseRate, Supplier, response_rate

# The user's own word on the determination, kept in the project's answers.
CONCLUSION_REASON_KEY = "rcoi_conclusion_reason"  # why "no reason to believe" despite the evidence
VOLUNTARY_CMR_KEY = "voluntary_cmr"  # "yes": file a CMR although the evidence does not require one
STAFF_STATEMENT_KEY = "staff_statement_2017"  # "yes": file only Items 1.01(a) and (b)
STAFF_STATEMENT = (
    "the SEC Division of Corporation Finance's Updated Statement on the Effect of the Court of Appeals "
    "Decision on the Conflict Minerals Rule of April 7, 2017"
)


_T = TypeVar("_T")
# Per open project: what was computed from its data, and the data version it was computed at.
# Several steps show the same declarations and roll-up; opening a 500-supplier project decoded
# the declarations 7 times and rolled up 3 times before this.
_COMPUTED: WeakKeyDictionary = WeakKeyDictionary()


def _once_per_change(project: Project, name: str, compute: Callable[[], _T]) -> _T:
    """`compute()` once per version of the project's data; the result is shared, not to be changed."""
    version = project.data_version()
    kept = _COMPUTED.get(project)
    if kept is None or kept[0] != version:
        kept = _COMPUTED[project] = (version, {})
    if name not in kept[1]:
        kept[1][name] = compute()
    return kept[1][name]


@dataclass
class CurrentDeclaration:
    stored: StoredDeclaration
    declaration: Declaration
    supplier: Supplier | None

    @property
    def supplier_name(self) -> str:
        if self.supplier is not None:
            return self.supplier.name
        return self.declaration.company.name.strip() or self.declaration.file_name


def stored_declarations(project: Project, current_only: bool = True) -> list[StoredDeclaration]:
    """project.stored_declarations, decoded once per change of the data (shared: do not change them)."""
    name = "stored current" if current_only else "stored all"
    return list(_once_per_change(project, name, lambda: project.stored_declarations(current_only=current_only)))


def current_declarations(project: Project) -> list[CurrentDeclaration]:
    """Each supplier's current, readable declaration (and unassigned readable files)."""
    return list(_once_per_change(project, "current_declarations", lambda: _current_declarations(project)))


def _current_declarations(project: Project) -> list[CurrentDeclaration]:
    suppliers = {s.id: s for s in project.suppliers()}
    return [
        CurrentDeclaration(stored, stored.declaration, suppliers.get(stored.supplier_id))
        for stored in stored_declarations(project, current_only=True)
        if stored.declaration is not None
    ]


def usable(current: CurrentDeclaration) -> bool:
    """A CMRT that counts as an answer: readable and not judged unusable by the checks."""
    return current.declaration.verdict is not Verdict.UNUSABLE


def answered_supplier_ids(project: Project) -> set[int]:
    """Roster suppliers whose current file is a usable CMRT."""
    return {c.supplier.id for c in current_declarations(project) if c.supplier is not None and usable(c)}


def project_response_rate(project: Project) -> ResponseRate:
    """Surveyed = suppliers marked as asked; responded = those of them with a usable current CMRT."""
    return response_rate(project.suppliers(), answered_supplier_ids(project))


def followed_up_suppliers(project: Project) -> list[Supplier]:
    """Surveyed suppliers with a reminder or follow-up on record: the report says "we followed up"
    only about these, never as a matter of course."""
    return [s for s in project.suppliers() if s.asked and s.followed_up]


def project_rollup(project: Project, reference: SmelterReference | None = None) -> Rollup:
    """The smelter roll-up of every current declaration, with the user's decisions and overrides.

    By default against the project's own smelter reference (its snapshot), never the app's
    current one: a filed report's figures must not move when the app's lists are updated.
    Computed once per change of the project's data (the Rollup is shared: do not change it).
    """
    if reference is None:
        return _once_per_change(project, "rollup", lambda: _project_rollup(project, project_reference(project)))
    return _project_rollup(project, reference)


def _project_rollup(project: Project, reference: SmelterReference) -> Rollup:
    current = current_declarations(project)
    surveyed = project_response_rate(project).surveyed
    return rollup(
        [c.declaration for c in current],
        reference,
        project.decisions(),
        project.overrides(),
        supplier_names={c.declaration.path: c.supplier_name for c in current},
        suppliers_surveyed=surveyed or None,
        left_unknown=project.left_unknown(),
    )


def row_matches(project: Project) -> dict:
    """How each distinct smelter row of the current declarations matched in the project roll-up,
    keyed by match_signature: the Files received step asks its questions from the same matches."""

    def collect() -> dict:
        rolled = project_rollup(project)
        return {match_signature(reported.row): reported.match
                for group in (*rolled.smelters, *rolled.unresolved) for reported in group.rows}

    return dict(_once_per_change(project, "row matches", collect))


def covered_metals(project: Project) -> set[str]:
    year = project.registrant().reporting_year
    return {
        m for p in project.products() if assess_product(p, year).status == ProductStatus.COVERED for m in p.metals
    }


def project_evidence(project: Project, smelters_rollup: Rollup | None = None) -> InquiryEvidence:
    """What the supplier answers in the project show, with the suppliers, answers and smelters behind it."""
    current = [c for c in current_declarations(project) if usable(c)]
    answered = {c.supplier.id for c in current if c.supplier is not None}
    asked = [s for s in project.suppliers() if s.asked]
    return collect_evidence(
        [(c.supplier_name, c.declaration) for c in current],
        [s.name for s in asked],
        [s.name for s in asked if s.id not in answered],
        covered_metals(project),
        smelters_rollup,
    )


def inquiry_result(declarations: list[Declaration], smelters_rollup: Rollup | None = None) -> InquiryResult:
    """The conclusion from CMRTs alone (no roster): each file is taken as a supplier that was asked."""
    names = [d.company.name.strip() or d.file_name for d in declarations]
    return collect_evidence(list(zip(names, declarations)), names, [], set(), smelters_rollup).result


@dataclass
class FilingChoices:
    """What the user decided about the determination (never a default)."""

    conclusion_reason: str = ""  # written reason for "no reason to believe" against the evidence
    voluntary_cmr: bool = False
    staff_statement: bool = False  # file Items 1.01(a)/(b) only, under the April 2017 staff statement


def filing_choices(project: Project) -> FilingChoices:
    answers = project.answers()
    return FilingChoices(
        answers.get(CONCLUSION_REASON_KEY, "").strip(),
        answers.get(VOLUNTARY_CMR_KEY, "").strip().lower() == "yes",
        answers.get(STAFF_STATEMENT_KEY, "").strip().lower() == "yes",
    )


@dataclass
class Conclusion:
    """The determination with its evidence and the user's choices, as shown and as printed."""

    evidence: InquiryEvidence
    choices: FilingChoices
    inquiry: InquiryResult  # after the user's own conclusion, if any
    determination: Determination
    product_reasons: list[str]  # the scoping reasons alone (determination.reasons adds the evidence)

    @property
    def user_conclusion(self) -> bool:
        """The user concluded "no reason to believe" where the evidence alone does not show it."""
        return self.evidence.result is InquiryResult.MAY_BE_COVERED_COUNTRIES and self.inquiry is not self.evidence.result

    @property
    def voluntary_cmr(self) -> bool:
        return self.files_cmr and self.inquiry is not InquiryResult.MAY_BE_COVERED_COUNTRIES

    @property
    def staff_statement(self) -> bool:
        """Reason to believe, yet only Items 1.01(a) and (b) are filed, as the user chose."""
        return (self.inquiry is InquiryResult.MAY_BE_COVERED_COUNTRIES
                and self.determination.outcome is Outcome.SD_ONLY)

    @property
    def files_cmr(self) -> bool:
        return self.determination.outcome is Outcome.SD_WITH_CMR


def conclude(
    products, evidence: InquiryEvidence, choices: FilingChoices, reporting_year: int | None = None
) -> Conclusion:
    """The determination from the evidence; the user's choices change it only as written down."""
    inquiry = evidence.result
    if inquiry is InquiryResult.MAY_BE_COVERED_COUNTRIES and choices.conclusion_reason:
        inquiry = InquiryResult.NO_COVERED_COUNTRIES
    determination = determine_outcome(products, inquiry, reporting_year)
    product_reasons = list(determination.reasons)
    outcome = determination.outcome
    if outcome is Outcome.SD_ONLY and choices.voluntary_cmr:
        determination.outcome = Outcome.SD_WITH_CMR
        determination.headline = (
            "Form SD with a voluntary Conflict Minerals Report: the supplier answers do not require one, "
            "and you chose to file it."
        )
    elif outcome is Outcome.SD_WITH_CMR and choices.staff_statement:
        determination.outcome = Outcome.SD_ONLY
        determination.headline = (
            "Form SD with Items 1.01(a) and (b) only, as you chose under the SEC staff statement of April 7, 2017: "
            "the supplier answers give reason to believe the metals may come from the Covered Countries, "
            "and no Conflict Minerals Report is filed."
        )
    if inquiry is not InquiryResult.NOT_YET and outcome is not Outcome.INCOMPLETE:
        if evidence.result is InquiryResult.MAY_BE_COVERED_COUNTRIES:
            determination.reasons += ["The supplier answers give reason to believe:"] + [
                f"  {reason}" for reason in evidence.reasons
            ]
            if inquiry is not evidence.result:
                determination.reasons.append(f"Your own conclusion: {choices.conclusion_reason}")
        else:
            determination.reasons += evidence.grounds()
    return Conclusion(evidence, choices, inquiry, determination, product_reasons)


def project_conclusion(project: Project, smelters_rollup: Rollup | None = None) -> Conclusion:
    smelters_rollup = smelters_rollup if smelters_rollup is not None else project_rollup(project)
    return conclude(
        project.products(), project_evidence(project, smelters_rollup), filing_choices(project),
        project.registrant().reporting_year,
    )


def project_determination(project: Project, smelters_rollup: Rollup | None = None) -> Determination:
    return project_conclusion(project, smelters_rollup).determination
