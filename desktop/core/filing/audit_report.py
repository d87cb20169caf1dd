"""The independent private sector audit (IPSA) report: attached, checked and filed as Exhibit 1.02.

Rule 13p-1: a Conflict Minerals Report that claims an audit includes the auditor's report
(domain/sec-rule.md section 4). The user attaches the auditor's PDF, kept whole in the project with
its SHA-256; the report PDF appends it as Exhibit 1.02 and the Form SD lists it. EDGAR takes only
HTML or text as official documents, so the EDGAR export also needs the report as HTML or plain
text, filed as ex1-02.htm (document type EX-1.02).
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from desktop.core.project.attachment_store import Attachment
from desktop.core.project.store import current_user, now_iso
from desktop.core.filing.readiness import CHECKS, STEP_DILIGENCE, Blocker

AUDIT_PDF = "ipsa_report_pdf"
AUDIT_EDGAR = "ipsa_report_edgar"  # the same report as HTML or plain text, for EDGAR
IPSA_KEY = "ipsa"
EDGAR_SUFFIXES = (".htm", ".html", ".txt")
EDGAR_NEEDS = (
    "EDGAR accepts only HTML or plain text as the filed documents, so it needs the audit report as "
    "an HTML or text file too (filed as ex1-02.htm, document type EX-1.02). Ask the audit firm for "
    "one and attach it on the Due diligence page."
)


class BadAttachment(ValueError):
    """The chosen file cannot serve as the audit report; the message names the file and why."""


def audit_claimed(project) -> bool:
    return project.answers().get(IPSA_KEY, "").strip().lower() == "yes"


def attach_audit_pdf(project, path: str | Path) -> Attachment:
    """Keep the auditor's PDF in the project, after checking it is a PDF with pages."""
    path = Path(path)
    data = _read(path)
    if not data.startswith(b"%PDF"):
        raise BadAttachment(f"{path.name} is not a PDF file. Attach the audit report as the PDF the auditor sent.")
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise BadAttachment(f"{path.name} is protected with a password. Ask the auditor for an unprotected copy.")
        if not reader.pages:
            raise BadAttachment(f"{path.name} has no pages.")
    except BadAttachment:
        raise
    except Exception as error:  # pypdf raises many kinds for a damaged file
        raise BadAttachment(f"{path.name} could not be read as a PDF ({error}).") from error
    return project.save_attachment(AUDIT_PDF, path.name, data, now_iso(), current_user())


def attach_audit_edgar(project, path: str | Path) -> Attachment:
    """Keep the HTML or text version of the audit report, for the EDGAR export."""
    path = Path(path)
    if path.suffix.lower() not in EDGAR_SUFFIXES:
        raise BadAttachment(f"{path.name} is not an HTML or text file (.htm, .html or .txt).")
    data = _read(path)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise BadAttachment(f"{path.name} is not readable text.") from error
    return project.save_attachment(AUDIT_EDGAR, path.name, data, now_iso(), current_user())


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise BadAttachment(f"{path.name} could not be read: {error.strerror or error}.") from error


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def edgar_exhibit_html(attachment: Attachment, title: str) -> str:
    """ex1-02.htm: the supplied HTML as it is (made ASCII), or the text file in a <pre> block."""
    text = _text(attachment.data)
    if attachment.file_name.lower().endswith(".txt"):
        text = (
            f"<html>\n<head>\n<title>{html.escape(title)}</title>\n</head>\n<body>\n<pre>"
            f"{html.escape(text)}</pre>\n</body>\n</html>\n"
        )
    # EDGAR documents are ASCII: other characters become numeric character references.
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


def audit_blockers(project) -> list[Blocker]:
    """An audit claimed without the auditor's report attached (PDF and, for EDGAR, HTML or text)."""
    if not audit_claimed(project):
        return []
    found = []
    if project.attachment(AUDIT_PDF) is None:
        found.append(
            Blocker(
                "audit.report_pdf",
                "You said an independent private sector audit was obtained, but the auditor's report is not "
                "attached. Attach the PDF the auditor sent (it is filed as Exhibit 1.02), or untick the audit.",
                STEP_DILIGENCE,
            )
        )
    if project.attachment(AUDIT_EDGAR) is None:
        found.append(Blocker("audit.report_edgar", EDGAR_NEEDS, STEP_DILIGENCE))
    return found


CHECKS.append(audit_blockers)
