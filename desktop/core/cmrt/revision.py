"""Which RMI template and revision a workbook is, from its content, never from its file name.

Order (LAYOUT.md section 1): Declaration!J3, the Smelter List's row 3, the Revision sheet's last
entry, then a structural fingerprint. The family comes from the code in Declaration!D2 ("(CMRT)"),
the Revision sheet's English title, or the sheets it has. CMRT 1.00 and RMI's other templates are
refused with a message that tells the user what to ask the supplier for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.cmrt.model import UnreadableFile
from desktop.core.cmrt.normalise import clean_text
from desktop.core.cmrt.sheets import Sheets

# "6.6.1" (RMI's logo-free re-release of 6.6) keeps its third part.
_REVISION = re.compile(r"Revision\s*:?\s*([0-9]+(?:\.[0-9]+){0,2}[a-z]?)", re.IGNORECASE)
_BARE_REVISION = re.compile(r"[0-9]+(?:\.[0-9]+){0,2}[a-z]?")

FAMILIES = {
    "CMRT": ("Conflict Minerals Reporting Template", "conflict minerals"),
    "EMRT": ("Extended Minerals Reporting Template", "extended mineral"),
    "CRT": ("Cobalt Reporting Template", "cobalt reporting"),
    "AMRT": ("Additional Minerals Reporting Template", "additional mineral"),
}
_WHAT_IT_COVERS = {
    "EMRT": "cobalt and mica (and other minerals from 2.0)",
    "CRT": "cobalt",
    "AMRT": "minerals other than 3TG, cobalt and mica",
}
ASK_FOR_CMRT = ("Ask the supplier for a Conflict Minerals Reporting Template (CMRT, revision 6.x) covering "
                "tin, tantalum, tungsten and gold.")


@dataclass(frozen=True)
class TemplateInfo:
    family: str
    revision: str  # display string: "6.4", "2.03a", "2.00"; "6.x" when only the structure is known
    found_in: str  # where the revision was read, for diagnostics


def detect_template(sheets: Sheets, file_name: str) -> TemplateInfo:
    """Family and revision of a workbook; raises UnreadableFile for anything that is not a usable CMRT."""
    family = _family(sheets)
    raw_revision, found_in = _revision(sheets)
    # "2.00" is CMRT's own name for its revision 2; EMRT 2.0 stays "2.0" (issue 11).
    revision = display_revision(raw_revision) if family in (None, "CMRT") else raw_revision
    if family is None:
        if sheets.find("Declaration") is None:
            listed = ", ".join(sheets.names[:8]) or "none"
            raise UnreadableFile(file_name, f"this Excel workbook is not a CMRT: it has no Declaration sheet "
                                 f"(its sheets: {listed}).", ASK_FOR_CMRT)
        family = "CMRT"  # a Declaration sheet with a 3TG layout and no title left
    if family != "CMRT":
        title = FAMILIES[family][0]
        shown = f" {revision}" if revision else ""
        raise UnreadableFile(file_name, f"this is an RMI {family}{shown} ({title}, for "
                             f"{_WHAT_IT_COVERS[family]}), not a CMRT.", ASK_FOR_CMRT)
    if not revision:
        revision, found_in = _fingerprint(sheets), "structure"
    if _major(revision) == 1:
        raise UnreadableFile(file_name, f"this is CMRT revision {revision} (EICC-GeSI, 2011), which has no "
                             "declaration scope and a layout the filing cannot use.", ASK_FOR_CMRT)
    if _major(revision) == 0:
        raise UnreadableFile(file_name, "this workbook has a Declaration sheet but no recognisable CMRT "
                             "revision or layout.", ASK_FOR_CMRT)
    return TemplateInfo("CMRT", revision, found_in)


def _major(revision: str) -> int:
    match = re.match(r"(\d+)", revision)
    return int(match.group(1)) if match else 0


def display_revision(raw: str) -> str:
    """"2" -> "2.00" (RMI's own name for it); "6.1" stays "6.1" (6.1 and 6.10 are the same release)."""
    raw = raw.strip()
    if raw in ("2", "2.0"):
        return "2.00"
    if raw in ("1", "1.0"):
        return "1.00"
    return raw


def _revision(sheets: Sheets) -> tuple[str, str]:
    declaration = sheets.grid("Declaration")
    if declaration is not None:
        for address in ("J3", "I3", "K3", "H3"):
            match = _REVISION.search(clean_text(declaration.cell(address)))
            if match:
                return match.group(1), f"Declaration!{address}"
        if clean_text(declaration.cell("I3")).lower() == "revision":  # 1.00: I3 "Revision", J3 "1.   July 18th"
            match = _BARE_REVISION.match(clean_text(declaration.cell("J3")))
            if match:
                return match.group(0).rstrip("."), "Declaration!J3"
    smelters = sheets.grid("Smelter List", "Smelter and Mine List")
    if smelters is not None:
        for row in (2, 3, 4):
            for value in smelters.row(row):
                match = _REVISION.search(clean_text(value))
                if match:
                    return match.group(1), f"{smelters.name} row {row}"
    revision_sheet = sheets.grid("Revision")
    if revision_sheet is not None:
        last = ""
        for row in range(1, revision_sheet.height + 1):
            value = revision_sheet.value(row, 1)
            if isinstance(value, float):
                last = f"{value:g}"
            elif isinstance(value, str) and _BARE_REVISION.fullmatch(value.strip()):
                last = value.strip()
        if last:
            return last, "Revision sheet"
    return "", ""


_CODE_IN_TITLE = re.compile(r"\((CMRT|EMRT|CRT|AMRT)\)")


def _family(sheets: Sheets) -> str | None:
    """From Declaration!D2's "(CMRT)"-style code (kept in every language), else the Revision sheet's
    English title, else the extra sheets only EMRT and AMRT have."""
    declaration = sheets.grid("Declaration")
    title = clean_text(declaration.cell("D2")) if declaration is not None else ""
    code = _CODE_IN_TITLE.search(title)
    if code:
        return code.group(1)
    revision_sheet = sheets.grid("Revision")
    texts = [title] + ([clean_text(revision_sheet.value(row, 1)) for row in range(1, 8)]
                       if revision_sheet is not None else [])
    for text in texts:
        lowered = text.lower()
        for family, (_title, key) in FAMILIES.items():
            if key in lowered:
                return family
    if sheets.find("Minerals Scope"):
        return "AMRT"
    if sheets.find("Mine List"):
        return "EMRT"
    return None


def _fingerprint(sheets: Sheets) -> str:
    """When every revision string is gone: the sheets a revision family has tell its grid."""
    if sheets.find("Smelter and Mine List"):
        return "1.00"
    if sheets.find("Smelter Look-up"):
        return "6.x"
    names = sheets.grid("Standard Smelter Names")
    if names is not None:
        header = [clean_text(value).lower() for value in names.row(2)]
        return "3.x" if any("new smelter id" in text for text in header) else "2.x"
    return ""
