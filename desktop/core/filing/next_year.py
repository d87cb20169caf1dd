"""Start next year's filing from this year's project.

What carries over is what stays true from one year to the next, or is worth proposing again:
the registrant (with the next reporting year), the products (their in-scope answers reset, so the
user reconfirms each), the supplier roster (no one asked yet), the smelter matching decisions, and
the due diligence wording (every sentence back to unconfirmed: a confirmation is about one year's
report). What does not carry: supplier files, status overrides and "leave unknown" choices (they
are judged against this year's facts), the determination choices, attachments and exports.
The smelter statuses are the newest the user has: the app's current lists, or this project's own
snapshot if that is newer.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop.core.filing import diligence
from desktop.core.filing.claims import CONFIRMED_PREFIX
from desktop.core.filing.customer_cmrt import SETTING_PREFIX as CUSTOMER_CMRT_PREFIX
from desktop.core.project import Project
from desktop.core.smelters.project_reference import project_reference, store_snapshot
from desktop.core.filing.report_builder import COMPANY_BACKGROUND_KEY, FUTURE_STEPS_KEY, REPORT_URL_KEY
from desktop.core.filing.scoping import Answer, MadeBy
from desktop.core.smelters import load_reference
from desktop.core.suppliers import RequestState

CARRIED_FROM_KEY = "carried_from"  # project setting: the path of last year's project
# Answers carried besides the due diligence questions: text the user wrote once for the report.
CARRIED_ANSWERS = (FUTURE_STEPS_KEY, COMPANY_BACKGROUND_KEY, REPORT_URL_KEY)


def suggested_path(project: Project) -> Path:
    year = project.registrant().reporting_year
    name = project.path.stem
    if year and str(year) in name:
        name = name.replace(str(year), str(year + 1))
    else:
        name = f"{name} {year + 1 if year else 'next year'}"
    return project.path.with_name(name + project.path.suffix)


def start_next_year(project: Project, target: str | Path) -> Project:
    """Create the next year's project at `target` from `project` (left unchanged); returns it open."""
    registrant = project.registrant()
    year = registrant.reporting_year + 1 if registrant.reporting_year else None
    new = Project.create(target, registrant.company_name, year)
    try:
        _carry(project, new, year)
    except BaseException:
        new.close()
        Path(new.path).unlink(missing_ok=True)
        raise
    return new


def _carry(old: Project, new: Project, year: int | None) -> None:
    values = {name: getattr(old.registrant(), name) for name in old.registrant().field_names()}
    values["reporting_year"] = year
    new.update_registrant(**values)
    for product in old.products():
        # Reconfirmed for the new year: who makes it and whether the 3TG is necessary are asked again.
        new.save_product(replace(product, id=None, made_by=MadeBy.UNANSWERED, necessary=Answer.UNANSWERED))
    suppliers = [
        replace(s, id=None, request_state=RequestState.NOT_REQUESTED, requested_on=None, reminded_on=None,
                asked=False)
        for s in old.suppliers()
    ]
    new.save_suppliers(suppliers)
    for decision in old.decisions():
        new.save_decision(decision)
    answers = old.answers()
    keep = {q.key for q in diligence.questions()} | set(CARRIED_ANSWERS)
    for key, value in answers.items():
        if key in keep and not key.startswith(CONFIRMED_PREFIX):
            new.set_answer(key, value)
    for key in ("contact_email", "authorizer_email", "authorizer_phone"):
        value = old.setting(CUSTOMER_CMRT_PREFIX + key)
        if value:
            new.set_setting(CUSTOMER_CMRT_PREFIX + key, value)
    new.set_setting(CARRIED_FROM_KEY, str(old.path))
    _take_newest_statuses(old, new)


def _take_newest_statuses(old: Project, new: Project) -> None:
    current = load_reference()
    previous = project_reference(old)
    if (previous.status_as_of or "") > (current.status_as_of or ""):
        reason = f"Next year's filing started from {old.path.name}: its smelter statuses are newer than the app's."
        store_snapshot(new, previous, reason)
    else:
        store_snapshot(new, current, f"Next year's filing started from {old.path.name}, with the newest smelter statuses.")
