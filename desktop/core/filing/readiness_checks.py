"""Readiness checks owned by the filing itself: scoping, smelters, status dates, cover and signer.

Each check is a `project -> list[Blocker]` added to `readiness.CHECKS`. The roll-up they share is
computed once per change of the project's data (evidence.project_rollup), not once per check. Also here:
the late-filing warning and the first-time filer's EDGAR checklist, which inform but never block.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.core.filing.evidence import project_conclusion, project_response_rate, project_rollup
from desktop.core.filing.filing_calendar import filing_deadline
from desktop.core.filing.readiness import (
    CHECKS,
    STEP_COMPANY,
    STEP_EXPORT,
    STEP_PRODUCTS,
    STEP_SMELTERS,
    STEP_SUPPLIERS,
    Blocker,
)
from desktop.core.filing.scoping import Outcome, ProductStatus, assess_product
from desktop.core.smelters.to_resolve import still_to_resolve

STALE_STATUS_REASON_KEY = "stale_status_reason"  # why statuses older than 12 months are still used
EDGAR_CHECK_PREFIX = "edgar_ready."  # settings key per EDGAR checklist item: "yes" once ticked

def _format(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def check_scoping(project) -> list[Blocker]:
    """Every product answered, and the determination settled (the supplier answers are in)."""
    found = []
    products = project.products()
    if not products:
        return [Blocker("scoping.no_products", "List your product lines and answer the questions for each.", STEP_PRODUCTS)]
    open_products = [p.name or "(unnamed product)" for p in products if assess_product(p).status is ProductStatus.INCOMPLETE]
    if open_products:
        found.append(Blocker(
            "scoping.incomplete",
            "Answer the scoping questions for: " + ", ".join(open_products) + ".",
            STEP_PRODUCTS,
        ))
    outcome = project_conclusion(project, project_rollup(project)).determination.outcome
    if outcome is Outcome.SD_PENDING_INQUIRY:
        found.append(Blocker(
            "scoping.no_answers",
            "No supplier answers (CMRTs) are in the project yet, so it cannot be told whether a Conflict "
            "Minerals Report is needed. Import your suppliers' CMRTs.",
            STEP_SUPPLIERS,
        ))
    return found


def check_suppliers_asked(project) -> list[Blocker]:
    """The report says how many suppliers were asked and how many answered: with CMRTs in and no
    request on record it would say none were asked (and count no answer)."""
    outcome = project_conclusion(project, project_rollup(project)).determination.outcome
    if outcome not in (Outcome.SD_ONLY, Outcome.SD_WITH_CMR) or project_response_rate(project).surveyed:
        return []  # no report due yet (its own blocker says why), or the requests are on record
    return [Blocker(
        "suppliers.none_asked",
        "No supplier is recorded as asked for a CMRT, so the report would say you asked none. On the Supplier "
        "inquiry step, send the requests, or record those you sent yourself (Record for selected).",
        STEP_SUPPLIERS,
    )]


def check_unresolved_smelters(project) -> list[Blocker]:
    """Every smelter name a supplier gave is matched, marked not a smelter, or left unknown on purpose."""
    if project_conclusion(project, project_rollup(project)).determination.outcome is Outcome.NO_FILING:
        return []
    waiting = still_to_resolve(project_rollup(project).unresolved)
    if not waiting:
        return []
    count = len(waiting)
    return [Blocker(
        "smelters.unresolved",
        f"{count} smelter name{'s' if count != 1 else ''} from your suppliers "
        f"{'are' if count != 1 else 'is'} not decided yet: match {'each' if count != 1 else 'it'} to a known "
        "smelter, mark it as not a smelter, or leave it unknown on purpose. Until then the smelter figures are not final.",
        STEP_SMELTERS,
    )]


def status_date_problem(project) -> str:
    """Why the smelter statuses are too old for this reporting year, or "" when they are recent enough.

    Statuses should be dated within 12 months of the end of the reporting year (on or after
    December 31 of the year before); the user may record why older ones are still used.
    """
    rolled = project_rollup(project)
    year = project.registrant().reporting_year
    as_of_text = rolled.status_as_of() if rolled.smelters else ""
    if not year or not as_of_text:
        return ""
    as_of = date.fromisoformat(as_of_text[:10])
    earliest = date(year - 1, 12, 31)
    if as_of >= earliest:
        return ""
    return (
        f"The smelter statuses are as of {_format(as_of)}, more than 12 months before the end of {year} "
        f"(December 31, {year}). Update the RMI lists, or record why these statuses are still the right ones."
    )


def check_status_dates(project) -> list[Blocker]:
    if project_conclusion(project, project_rollup(project)).determination.outcome is Outcome.NO_FILING:
        return []
    problem = status_date_problem(project)
    if not problem or project.answers().get(STALE_STATUS_REASON_KEY, "").strip():
        return []
    return [Blocker("smelters.stale_statuses", problem, STEP_SMELTERS)]


# Cover page and signature facts (Form SD's cover and signature block), with the step that holds them.
_COVER_FACTS = (
    ("company_name", "the registrant's exact name"),
    ("state_of_incorporation", "the state of incorporation"),
    ("sec_file_number", "the Commission file number"),
    ("irs_ein", "the IRS employer identification number"),
    ("street", "the street address of the principal executive offices"),
    ("city", "the city"),
    ("zip_code", "the ZIP code"),
    ("contact_name", "the contact person's name"),
    ("contact_phone", "the contact person's telephone number"),
    ("reporting_year", "the reporting year"),
    ("website", "the web address where the report is published"),
    ("signer_name", "the signer's name"),
    ("signer_title", "the signer's title"),
)


def check_cover_and_signer(project) -> list[Blocker]:
    registrant = project.registrant()
    missing = [label for name, label in _COVER_FACTS if not str(getattr(registrant, name) or "").strip()]
    if not missing:
        return []
    return [Blocker("company.cover_facts", "Fill in " + ", ".join(missing) + ".", STEP_COMPANY)]


CHECKS.extend([check_scoping, check_suppliers_asked, check_unresolved_smelters, check_status_dates,
               check_cover_and_signer])


# -- warnings that never block ----------------------------------------------------------------


def late_filing_warning(reporting_year: int | None, signed_on: date) -> str:
    """What a signature (export) date after the Form SD deadline means, or "" when on time."""
    if not reporting_year:
        return ""
    deadline = filing_deadline(reporting_year)
    if signed_on <= deadline:
        return ""
    days = (signed_on - deadline).days
    return (
        f"Late: the Form SD for {reporting_year} was due on {_format(deadline)}; signing today, "
        f"{_format(signed_on)}, is {days} day{'s' if days != 1 else ''} after it. The report is printed with "
        "today's date as the signature date. File it as soon as you can: the rule required it by the deadline, "
        "the filing date is public on EDGAR, and customers and auditors will see it was late. A late filing "
        "does not change what the report must say. Ask your securities counsel whether anything else follows "
        "for your company."
    )


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    meaning: str  # what it is, in plain words
    time_needed: str  # how long it usually takes
    done: bool = False


EDGAR_CHECKLIST = (
    ChecklistItem(
        "cik",
        "The company has a CIK (Central Index Key)",
        "The number EDGAR knows your company by. A company that already files 10-Ks has one; it is on "
        "the cover of your annual report and in EDGAR's company search.",
        "Already there for a listed company; otherwise it comes with the approved Form ID.",
    ),
    ChecklistItem(
        "form_id",
        "Form ID approved (EDGAR access)",
        "The SEC's application for access to file on EDGAR, signed and notarised. Needed only if the company "
        "has never filed on EDGAR itself (a filing agent may have filed for it).",
        "Usually a few business days after the notarised form is submitted; allow two weeks.",
    ),
    ChecklistItem(
        "login_gov",
        "EDGAR Next: each person who files has a Login.gov account",
        "Since September 15, 2025 (EDGAR Next) every individual signs in to EDGAR with their own "
        "Login.gov account and multi-factor authentication; shared access codes are retired.",
        "About 15 minutes per person, with a phone and an ID document.",
    ),
    ChecklistItem(
        "two_admins",
        "EDGAR Next: at least two account administrators are named",
        "EDGAR Next requires at least two account administrators for the company (one is enough only for "
        "an individual filer). They add the people who may file and renew their access each year.",
        "Set up in the EDGAR Filer Management dashboard once the Login.gov accounts exist; allow a few days "
        "if administrators must be authorised by an officer.",
    ),
)


def edgar_checklist(project) -> list[ChecklistItem]:
    """The first-time filer's EDGAR access items with the user's ticks; reminders, not blockers."""
    return [
        ChecklistItem(item.key, item.label, item.meaning, item.time_needed,
                      project.setting(EDGAR_CHECK_PREFIX + item.key) == "yes")
        for item in EDGAR_CHECKLIST
    ]


def set_edgar_item(project, key: str, done: bool) -> None:
    project.set_setting(EDGAR_CHECK_PREFIX + key, "yes" if done else "")


def damaged_originals_blockers(project) -> list[Blocker]:
    """Before any export: every stored supplier file is still the file that was received."""
    return [Blocker(
        f"suppliers.damaged_original.{row['id']}",
        f"The stored copy of {row['file_name']} (imported {row['imported_at'][:10]}) no longer matches the "
        "fingerprint taken when it was imported: this part of the project file is damaged. Import the "
        "supplier's file again, or restore the project from a backup.",
        STEP_SUPPLIERS,
    ) for row in project.damaged_originals()]


CHECKS.append(damaged_originals_blockers)
