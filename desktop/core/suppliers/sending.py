"""Starting the supplier inquiry: request and reminder drafts with the blank CMRT, and who is overdue.

We cannot ship RMI's blank CMRT (RMI publishes it; we have no licence to redistribute it), so the
user downloads it once from RMI and the project remembers where it is. Each draft is an unsent .eml
with the blank attached, which the user checks and sends from their own e-mail program: the app
never sends mail. Saving a draft records the request (or reminder) date on the roster.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from desktop.core.cmrt.model import UnreadableFile
from desktop.core.suppliers.followup import Sender, write_eml
from desktop.core.suppliers.requests import reminder_subject, reminder_text, request_subject, request_text
from desktop.core.suppliers.roster import RequestState, Supplier

BLANK_CMRT_SETTING = "blank_cmrt_path"  # project setting: the blank template the user chose
RMI_TEMPLATES_PAGE = "www.responsiblemineralsinitiative.org (Reporting Templates, CMRT)"
# Suppliers are commonly given about a month to return the CMRT; after that a reminder is due.
REPLY_DAYS = 30
ASKED_STATES = frozenset({RequestState.REQUESTED, RequestState.REMINDER_SENT})


class BlankTemplateError(ValueError):
    """The chosen file is not a blank CMRT; the message says what it is instead."""


def check_blank_cmrt(path: Path) -> str:
    """The template's name and revision ("CMRT 6.5") when `path` is a blank CMRT; raises otherwise."""
    from desktop.core.cmrt import read_cmrt  # the reader, only when a template is chosen (not to open a project)

    try:
        declaration = read_cmrt(path)
    except UnreadableFile as error:
        raise BlankTemplateError(f"{path.name} is not a CMRT template: {error.problem}") from error
    company = declaration.company.name.strip()
    if company:
        raise BlankTemplateError(
            f"{path.name} is already filled in (by {company}). Choose the blank CMRT you downloaded from RMI."
        )
    return f"{declaration.family} {declaration.revision}".strip()


def reply_by(today: date) -> date:
    return today + timedelta(days=REPLY_DAYS)


def asked_on(supplier: Supplier) -> date | None:
    """When the supplier was last written to (a reminder restarts the wait)."""
    return supplier.reminded_on or supplier.requested_on


def is_overdue(supplier: Supplier, today: date, has_file: bool) -> bool:
    """Asked, no CMRT back, and the reply time since the last request or reminder has passed."""
    last = asked_on(supplier)
    return (
        not has_file
        and supplier.request_state in ASKED_STATES
        and last is not None
        and today > last + timedelta(days=REPLY_DAYS)
    )


def not_yet_asked(suppliers: list[Supplier]) -> list[Supplier]:
    return [s for s in suppliers if s.request_state == RequestState.NOT_REQUESTED and not s.asked]


def _safe_name(text: str) -> str:
    """A file name part that every file system accepts."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", text)
    return " ".join(cleaned.split()).strip(" .")[:60] or "supplier"


@dataclass
class DraftsWritten:
    folder: Path
    template_copy: Path
    drafts: list[Path] = field(default_factory=list)
    without_address: list[str] = field(default_factory=list)  # suppliers with no e-mail on the roster


def write_requests(
    suppliers: list[Supplier],
    blank_cmrt: Path,
    folder: Path,
    reporting_year: int,
    sender: Sender,
    today: date,
    reminder: bool = False,
) -> DraftsWritten:
    """One .eml draft per supplier, each with the blank CMRT attached, plus a copy of the blank.

    Updates the suppliers' request state and dates in place; the caller saves them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    template_copy = folder / blank_cmrt.name
    if template_copy.resolve() != blank_cmrt.resolve():
        shutil.copyfile(blank_cmrt, template_copy)
    result = DraftsWritten(folder, template_copy)
    due = reply_by(today)
    kind = "reminder" if reminder else "request"
    for supplier in suppliers:
        if reminder:
            subject, body = reminder_subject(reporting_year, sender), reminder_text(supplier, reporting_year, due, sender)
        else:
            subject, body = request_subject(reporting_year, sender), request_text(supplier, reporting_year, due, sender)
        path = folder / f"CMRT {kind} {reporting_year} - {_safe_name(supplier.name)}.eml"
        write_eml(path, supplier.email.strip(), subject, body, sender, attachments=[blank_cmrt])
        result.drafts.append(path)
        if not supplier.email.strip():
            result.without_address.append(supplier.name)
        supplier.asked = True  # a request drafted here is a recorded ask: it counts as surveyed
        if reminder:
            supplier.request_state = RequestState.REMINDER_SENT
            supplier.reminded_on = today
        else:
            supplier.request_state = RequestState.REQUESTED
            supplier.requested_on = today
    return result
