"""The follow-up message to a supplier whose CMRT needs corrections: text to copy, or a .eml draft.

Each finding becomes one bullet that names the sheet and cell (or row), so the supplier can fix
the file without a call. Errors come first as "must fix", warnings after as "please check";
notes are for our own review and are not sent.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from pathlib import Path
from typing import Iterable

from desktop.core.atomic import write_bytes_atomic
from desktop.core.cmrt.model import Declaration, Finding, Severity
from desktop.core.suppliers.roster import Supplier, format_day
from desktop.core.suppliers.supplier_wording import for_supplier

WRAP = 76  # plain-text mail convention: lines short enough to quote without re-wrapping


@dataclass
class Sender:
    """Who signs the message: the filing company's person running the inquiry."""

    name: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""


def finding_location(finding: Finding) -> str:
    """Where to look, in the supplier's words: "Declaration, cell D8", "Smelter List, row 12"."""
    cell = (finding.cell or "").strip()
    sheet = (finding.sheet or "").strip()
    if cell and not cell.lower().startswith("row"):
        cell = f"cell {cell}"
    parts = [part for part in (sheet, cell) if part]
    return ", ".join(parts) if parts else "Whole file"


def _fill(text: str, **options) -> str:
    # File names such as "jx-advanced-metals_CMRT.xlsx" must not be split at their hyphens.
    return textwrap.fill(text, WRAP, break_on_hyphens=False, break_long_words=False, **options)


def finding_text(finding: Finding, message: str | None = None) -> str:
    """The finding with its place named once: "Declaration D39: question 3 ...".

    The checks often start their message with the place already; others get it in front.
    """
    message = (finding.message if message is None else message).strip()
    located = finding.sheet and message.lower().startswith(finding.sheet.strip().lower())
    return message if located else f"{finding_location(finding)}: {message}"


def _bullet(number: int, finding: Finding) -> str:
    text = finding_text(finding, for_supplier(finding.message.strip()))
    return _fill(text, initial_indent=f"  {number}. ", subsequent_indent="     ")


def _greeting(declaration: Declaration, supplier: Supplier | None) -> str:
    name = (supplier.contact_name if supplier else "") or declaration.company.contact_name
    return f"Dear {name.strip()}," if name.strip() else "Dear Sir or Madam,"


def _file_description(declaration: Declaration) -> str:
    details = []
    if declaration.revision:
        details.append(f"{declaration.family} revision {declaration.revision}")
    if declaration.company.effective_date:
        details.append(f"effective {format_day(declaration.company.effective_date)}")
    extra = f" ({', '.join(details)})" if details else ""
    return f'"{declaration.file_name}"{extra}'


def signature_lines(sender: Sender | str | None) -> list[str]:
    """The lines under "Kind regards,": name, company, e-mail, phone, as far as known."""
    if sender is None:
        return []
    if isinstance(sender, str):
        return [sender] if sender.strip() else []
    return [line for line in (sender.name, sender.company, sender.email, sender.phone) if line]


def follow_up_subject(
    declaration: Declaration,
    sender: Sender | str | None = None,
    extra_findings: Iterable[Finding] = (),
) -> str:
    company = sender.company if isinstance(sender, Sender) else ""
    asker = f" for {company}" if company else ""
    findings = [*declaration.findings, *extra_findings]
    if any(f.severity in (Severity.ERROR, Severity.WARNING) for f in findings):
        return f"Conflict Minerals Reporting Template{asker}: corrections needed"
    return f"Conflict Minerals Reporting Template{asker}: thank you"


def _findings(findings: Iterable[Finding], severity: Severity) -> list[Finding]:
    return [f for f in findings if f.severity == severity]


def follow_up_text(
    declaration: Declaration,
    supplier: Supplier | None = None,
    sender: Sender | str | None = None,
    extra_findings: Iterable[Finding] = (),
) -> str:
    """A polite plain-text message listing exactly what the supplier should fix, and where.

    `extra_findings` adds problems found outside the file's own checks, such as the smelter
    rows from `smelter_questions()`.
    """
    findings = [*declaration.findings, *extra_findings]
    errors = _findings(findings, Severity.ERROR)
    warnings = _findings(findings, Severity.WARNING)
    supplier_name = (supplier.name if supplier else "") or declaration.company.name
    on_behalf = f" on behalf of {supplier_name}" if supplier_name else ""
    paragraphs = [
        _greeting(declaration, supplier),
        _fill(
            f"Thank you for sending your Conflict Minerals Reporting Template (CMRT){on_behalf}, "
            f"file {_file_description(declaration)}."
        ),
    ]
    if not errors and not warnings:
        paragraphs.append(_fill("We have reviewed it and it is complete. No changes are needed."))
    else:
        number = 0
        if errors:
            lines = [
                _fill(
                    "We have reviewed it and need the following corrected before we can use it "
                    "in our conflict minerals report:"
                )
            ]
            for finding in errors:
                number += 1
                lines.append(_bullet(number, finding))
            paragraphs.append("\n".join(lines))
        if warnings:
            intro = (
                "Please also check these points"
                if errors
                else "We have reviewed it. Please check these points"
            )
            lines = [_fill(f"{intro} and correct them where needed:")]
            for finding in warnings:
                number += 1
                lines.append(_bullet(number, finding))
            paragraphs.append("\n".join(lines))
        paragraphs.append(
            _fill(
                "Please send us the corrected file, preferably on the latest RMI CMRT template. "
                "If anything here is unclear, reply to this message and we will help."
            )
        )
    paragraphs.append("\n".join(["Kind regards,", *signature_lines(sender)]))
    return "\n\n".join(paragraphs) + "\n"


def follow_up_recipient(declaration: Declaration, supplier: Supplier | None = None) -> str:
    """The address to write to: the roster's, else the contact the supplier gave in the file."""
    return ((supplier.email if supplier else "") or declaration.company.contact_email).strip()


_MIME_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    ".xls": "application/vnd.ms-excel",
}


def _address(sender: Sender | str) -> str:
    if isinstance(sender, Sender):
        return formataddr((sender.name, sender.email)) if sender.email else ""
    return sender.strip()


def write_eml(
    path, to: str, subject: str, body: str, sender: Sender | str | None = None,
    attachments: Iterable[Path] = (),
) -> Path:
    """Write an unsent e-mail draft (RFC 5322) that Outlook and Thunderbird open for editing.

    `X-Unsent: 1` makes Outlook open it as a draft with a Send button instead of a received
    message. The file is written to a temporary name and renamed, so a crash leaves no half file.
    Attachments (the blank CMRT for a request) travel inside the draft.
    """
    message = EmailMessage()
    if sender:
        address = _address(sender)
        if address:
            message["From"] = address
    if to:
        message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"
    message.set_content(body)
    for attachment in attachments:
        attachment = Path(attachment)
        maintype, subtype = _MIME_TYPES.get(attachment.suffix.lower(), ("application", "octet-stream")).split("/")
        message.add_attachment(attachment.read_bytes(), maintype=maintype, subtype=subtype, filename=attachment.name)

    path = Path(path)
    write_bytes_atomic(path, message.as_bytes())
    return path
