"""Cell hyperlinks of one sheet of an .xlsx, which calamine's cached values do not carry.

Suppliers answer company question B ("is your policy public?") with a web address as a link
behind other text: EMD Merck's G77 shows "Merck KGaA, Darmstadt, Germany Responsible Minerals
Sourcing Charter" and links to the charter's URL. Reading only the text reported the address as
missing (issue 11). The package was already checked for size and DTDs by workbook_file.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from desktop.core.cmrt.stored_package import StoredPackage

_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def sheet_hyperlinks(data: bytes, sheet_name: str, archive: zipfile.ZipFile | None = None,
                     sheet_parts: dict[str, str] | None = None, checked: StoredPackage | None = None
                     ) -> dict[str, str]:
    """Cell address ("G77") -> external link target, for the sheet named; {} when there are none
    or the package is not an .xlsx we can follow (an .xls, a damaged part).

    `archive`, `sheet_parts` and `checked`: the package's zip, its sheets' parts and the parts
    already inflated when the checks that opened it have them (workbook_file.OpenedWorkbook),
    so they are not read again."""
    try:
        if archive is None:
            archive = zipfile.ZipFile(io.BytesIO(data))
        if sheet_parts is not None:
            part = sheet_parts.get(sheet_name.strip().lower())
        else:
            part = _sheet_part(archive, sheet_name)
        if part is None:
            return {}
        xml = (checked.part(part) if checked is not None else None) or archive.read(part)
        if b"hyperlink" not in xml:  # most sheets have none: skip parsing the whole sheet (16% of a read)
            return {}
        sheet = _parse_hyperlinks(xml)
        rels_part = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
        targets = _relationships(archive, rels_part)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SafeET.ParseError, DefusedXmlException):
        return {}
    links = {}
    for element in sheet.iter():
        if not element.tag.endswith("}hyperlink"):
            continue
        target = targets.get(element.get(_REL, ""), "").strip()
        if element.get("ref") and target:
            links[element.get("ref").split(":")[0].upper()] = target
    return links


def _parse_hyperlinks(xml: bytes):
    """The sheet's root holding only its <hyperlinks> section when Excel's plain form makes that
    section easy to cut out (the root tag keeps the namespace declarations); otherwise, or if the
    cut-out does not parse, the whole sheet. Parsing a Declaration sheet whole cost ~15% of a read."""
    start = xml.find(b"<hyperlinks>")
    end = xml.find(b"</hyperlinks>")
    root = xml.find(b"<worksheet ")
    root_end = xml.find(b">", root) if root >= 0 else -1
    if 0 <= root < root_end < start < end and xml.find(b"<hyperlinks", start + 1) < 0:
        try:
            return SafeET.fromstring(xml[root:root_end + 1] + xml[start:end + len(b"</hyperlinks>")]
                                     + b"</worksheet>", forbid_dtd=True)
        except SafeET.ParseError:
            pass
    return SafeET.fromstring(xml, forbid_dtd=True)


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    if part not in archive.namelist():
        return {}
    rels = SafeET.fromstring(archive.read(part), forbid_dtd=True)
    return {rel.get("Id", ""): rel.get("Target", "") for rel in rels}


def _sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    workbook = SafeET.fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
    targets = _relationships(archive, "xl/_rels/workbook.xml.rels")
    for element in workbook.iter():
        if element.tag.endswith("}sheet") and element.get("name", "").strip().lower() == sheet_name.lower():
            target = targets.get(element.get(_REL, ""), "").lstrip("/")
            return target if target.startswith("xl/") else "xl/" + target
    return None


def with_link(text: str, target: str) -> str:
    """A cell's text with its link target added when the text does not already show it."""
    if not target or target.rstrip("/") in text:
        return text
    return f"{text} ({target})" if text else target
