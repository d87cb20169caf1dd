"""What a project's data add up to: current declarations, the smelter roll-up, the determination."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Callable, TypeVar
from weakref import WeakKeyDictionary

from desktop.core.cmrt.model import Declaration, Verdict
from desktop.core.filing.inquiry_evidence import InquiryEvidence, collect_evidence
from desktop.core.foreground import background_work, give_way, worker_awaited
from desktop.core.project import Project
from desktop.core.project.declaration_store import DecodedDeclarations, StoredDeclaration
from desktop.core.filing.scoping import (
    Determination,
    InquiryResult,
    Outcome,
    ProductStatus,
    assess_product,
    determine_outcome,
)
from desktop.core.smelters.project_reference import ensure_snapshot, project_reference, snapshot_reference
from desktop.core.smelters import Rollup, SmelterReference, rollup
from desktop.core.smelters.rollup import match_signature
from desktop.core.suppliers import ResponseRate, Supplier, response_rate
from desktop.core.suppliers.smelter_questions import smelter_questions

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
    if name not in kept[1] and name in AHEAD_NAMES:
        _take_ahead(project, version, kept[1], name)
    if name not in kept[1]:
        kept[1][name] = compute()
    return kept[1][name]


def _computed_now(project: Project, name: str):
    """What was computed under `name` from the project's data as it is now, else None."""
    kept = _COMPUTED.get(project)
    return kept[1].get(name) if kept is not None and kept[0] == project.data_version() else None


# Per open project: (data version, {name: Future}) of the figures compute_ahead works out on a
# worker thread, in stages so each step waits only for what it shows (the Smelter review step
# for the roll-up, not for the supplier questions worked out after it).
_AHEAD: WeakKeyDictionary = WeakKeyDictionary()
_STAGES = (("stored current", "current_declarations"), ("rollup", "row matches"), ("file questions True",))
AHEAD_NAMES = tuple(name for stage in _STAGES for name in stage)


def compute_ahead(project: Project) -> Future:
    """Start working out the figures most steps show (the declarations decoded, the roll-up, the
    supplier questions) on a worker thread, so a large project's window paints at once.

    The small tables are read here, on the calling thread (its connection belongs to it); the
    supplier files' contents through a reader of the worker's own. Whatever asks for these figures
    meanwhile waits for that result instead of computing it a second time. The Future returned
    is done when all of them are known.
    """
    ensure_snapshot(project)  # first, as it may write: the figures are of the data after it
    version = project.data_version()
    if _computed_now(project, AHEAD_NAMES[-1]) is not None:
        done: Future = Future()
        done.set_result({})
        return done
    ahead = _AHEAD.get(project)
    if ahead is not None and ahead[0] == version:
        return ahead[1][AHEAD_NAMES[-1]]
    connect, suppliers, decoded = project.reader, project.suppliers(), project.decoded_declarations
    snapshot, name = project.reference_snapshot(), project.path.name
    decisions, overrides, left = project.decisions(), project.overrides(), project.left_unknown()
    futures: list[Future] = [Future() for _ in _STAGES]
    known = {figure: _computed_now(project, figure) for figure in AHEAD_NAMES}  # a step asked already

    by_name = {figure: futures[i] for i, stage in enumerate(_STAGES) for figure in stage}

    def superseded() -> bool:
        """The data changed and newer figures were asked for: these would never be shown."""
        if _AHEAD.get(project, (None, None))[1] is by_name:
            return False
        for future in futures:
            future.cancel()  # not yet done: nobody waits for a cancelled stage (see _take_ahead)
        return True

    def work() -> None:
        with background_work():
            _work()

    def _work() -> None:
        try:
            stored, current = known["stored current"], known["current_declarations"]
            if stored is None or current is None:
                give_way()  # the window opening paints first: reading every declaration takes a core meanwhile
                con = connect()
                try:
                    stored = decode_current(decoded, con)
                finally:
                    con.close()
                current = _current_from(stored, suppliers)
            futures[0].set_result({"stored current": stored, "current_declarations": current})
            if superseded():
                return
            reference = snapshot_reference(snapshot, name)
            rolled = known["rollup"]
            if rolled is None:
                rolled = _rollup_of(current, suppliers, reference, decisions, overrides, left)
            matches = known["row matches"] if known["row matches"] is not None else _matches_in(rolled)
            futures[1].set_result({"rollup": rolled, "row matches": matches})
            if superseded():
                return
            questions = _questions_of(stored, reference, decisions, dict(matches))
            futures[2].set_result({"file questions True": questions})
        except BaseException as error:  # raised again where the figures are asked for
            for future in futures:
                if not future.done():
                    future.set_exception(error)

    _AHEAD[project] = (version, by_name)
    threading.Thread(target=work, name="figures ahead", daemon=True).start()
    return futures[-1]


def computed(project: Project, name: str) -> bool:
    """The figure `name` is known for the project's data as it is now (nothing to work out)."""
    return _computed_now(project, name) is not None


def decode_current(decoded: DecodedDeclarations, con) -> list[StoredDeclaration]:
    """The current declarations through the worker's own connection (only what is not decoded yet
    is decoded: after a decision, nothing)."""
    return decoded.stored(con, current_only=True)


def figures_known(project: Project) -> bool:
    """The figures compute_ahead works out are known for the project's data as it is now."""
    if _computed_now(project, AHEAD_NAMES[-1]) is not None:
        return True
    ahead = _AHEAD.get(project)
    return ahead is not None and ahead[0] == project.data_version() and ahead[1][AHEAD_NAMES[-1]].done()


def pending(project: Project, name: str) -> bool:
    """The figure `name` (one of AHEAD_NAMES) is being worked out off the UI thread and is not
    known yet: a step shows a placeholder for it rather than wait. False when nothing works it out
    (then asking for it computes it at once)."""
    if _computed_now(project, name) is not None:
        return False
    ahead = _AHEAD.get(project)
    if ahead is None or name not in ahead[1]:
        return False
    if ahead[0] != project.data_version():  # on older data: compute_ahead again works out these
        return not ahead[1][AHEAD_NAMES[-1]].done()
    return not ahead[1][name].done()


def _take_ahead(project: Project, version: int, kept: dict, name: str) -> None:
    ahead = _AHEAD.get(project)
    if ahead is None:
        return
    if ahead[0] != version:  # computed from data that has changed since: compute afresh
        del _AHEAD[project]
        return
    with worker_awaited():  # the worker must not give way to the window that waits for it
        result = ahead[1][name].result()
    for computed, value in result.items():  # waits for the worker's stage
        kept.setdefault(computed, value)


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
    return _current_from(stored_declarations(project, current_only=True), project.suppliers())


def _current_from(stored: list[StoredDeclaration], suppliers: list[Supplier]) -> list[CurrentDeclaration]:
    by_id = {s.id: s for s in suppliers}
    return [CurrentDeclaration(s, s.declaration, by_id.get(s.supplier_id)) for s in stored if s.declaration is not None]


def usable(current: CurrentDeclaration) -> bool:
    """A CMRT that counts as an answer: readable and not judged unusable by the checks."""
    return current.declaration.verdict is not Verdict.UNUSABLE


def answered_supplier_ids(project: Project) -> set[int]:
    """Roster suppliers whose current file is a usable CMRT."""
    return _answered(current_declarations(project))


def _answered(current: list[CurrentDeclaration]) -> set[int]:
    return {c.supplier.id for c in current if c.supplier is not None and usable(c)}


def project_response_rate(project: Project) -> ResponseRate:
    """Surveyed = suppliers marked as asked; responded = those of them with a usable current CMRT.
    Once per change of the data: the supplier step's note and counts ask on every refresh of the
    steps (11 times, each reading the roster, while a 500-supplier project's steps fill in)."""
    return _once_per_change(
        project, "response rate", lambda: response_rate(project.suppliers(), answered_supplier_ids(project)))


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
    return _rollup_of(current_declarations(project), project.suppliers(), reference, project.decisions(),
                      project.overrides(), project.left_unknown())


def _rollup_of(current, suppliers, reference, decisions, overrides, left_unknown) -> Rollup:
    surveyed = response_rate(suppliers, _answered(current)).surveyed
    return rollup(
        [c.declaration for c in current],
        reference,
        decisions,
        overrides,
        supplier_names={c.declaration.path: c.supplier_name for c in current},
        suppliers_surveyed=surveyed or None,
        left_unknown=left_unknown,
    )


def row_matches(project: Project) -> dict:
    """How each distinct smelter row of the current declarations matched in the project roll-up,
    keyed by match_signature: the Files received step asks its questions from the same matches."""
    return dict(_once_per_change(project, "row matches", lambda: _matches_in(project_rollup(project))))


def _matches_in(rolled: Rollup) -> dict:
    return {match_signature(reported.row): reported.match
            for group in (*rolled.smelters, *rolled.unresolved) for reported in group.rows}


def file_questions(project: Project, current_only: bool = True) -> dict[int, list]:
    """Per stored declaration id, the Smelter List rows to ask its supplier about (smelter_questions),
    once per change of the data: the Files received step showed them by asking again on every visit,
    1-2 s for 500 files."""

    def collect() -> dict[int, list]:
        return _questions_of(stored_declarations(project, current_only), project_reference(project),
                             project.decisions(), row_matches(project))

    return _once_per_change(project, f"file questions {current_only}", collect)


def _questions_of(stored: list[StoredDeclaration], reference, decisions, matches: dict) -> dict[int, list]:
    """smelter_questions for each readable file; `matches` (the roll-up's, a copy: the rows of
    replaced files are added to it) is one pool for every file. Off the UI thread, the window's
    own work goes first between files (foreground.give_way; on the UI thread it does nothing)."""
    questions = {}
    for s in stored:
        give_way()
        if s.declaration is not None:
            questions[s.id] = smelter_questions(s.declaration, reference, decisions, matches)
    return questions


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
    """The conclusion on the project's roll-up, once per change of its data (shared: do not change
    it; the Export step asked four times per visit, 0.3 s each at 500 suppliers)."""
    if smelters_rollup is None or smelters_rollup is _computed_now(project, "rollup"):
        return _once_per_change(project, "conclusion", lambda: _conclusion(project, project_rollup(project)))
    return _conclusion(project, smelters_rollup)


def _conclusion(project: Project, smelters_rollup: Rollup) -> Conclusion:
    return conclude(
        project.products(), project_evidence(project, smelters_rollup), filing_choices(project),
        project.registrant().reporting_year,
    )


def project_determination(project: Project, smelters_rollup: Rollup | None = None) -> Determination:
    return project_conclusion(project, smelters_rollup).determination
