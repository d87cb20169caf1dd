"""read_cmrt(path): one supplier workbook in, one revision-independent Declaration out."""

from __future__ import annotations

from pathlib import Path

from desktop.core.cmrt.declaration_reader import (
    read_company, read_company_answers, read_language, read_metal_answers, read_products,
)
from desktop.core.cmrt.hyperlinks import sheet_hyperlinks
from desktop.core.cmrt.layouts import layout_for
from desktop.core.cmrt.lookup import read_lookup
from desktop.core.cmrt.model import Declaration, UnreadableFile
from desktop.core.cmrt.revision import ASK_FOR_CMRT, detect_template
from desktop.core.cmrt.sheets import Sheets
from desktop.core.cmrt.smelter_reader import read_smelters
from desktop.core.cmrt.workbook_file import open_workbook


def read_cmrt(path: str | Path, data: bytes | None = None) -> Declaration:
    """Read one CMRT (.xlsx, .xlsm or .xls, revisions 2.00-6.x); raises UnreadableFile otherwise.

    `data`: the file's bytes when the caller already holds them (they are what gets parsed and hashed).
    """
    name = str(path)
    opened = open_workbook(path, data)
    try:
        sheets = Sheets(opened.workbook, name)
        info = detect_template(sheets, name)
        layout = layout_for(info.revision)
        declaration_sheet = sheets.grid("Declaration")
        if declaration_sheet is None:
            raise UnreadableFile(name, "the Declaration sheet is damaged and cannot be read.", ASK_FOR_CMRT)
        declaration = Declaration(
            path=name, file_name=Path(name).name, sha256=opened.sha256, family=info.family,
            revision=info.revision, language=read_language(declaration_sheet),
        )
        declaration.company = read_company(declaration_sheet, layout)
        declaration.metal_answers = read_metal_answers(declaration_sheet, layout)
        links = (sheet_hyperlinks(opened.data, declaration_sheet.name, opened.archive, opened.sheet_parts,
                                  opened.checked) if opened.data else {})
        declaration.company_answers = read_company_answers(declaration_sheet, layout, links)
        declaration.products = read_products(sheets.grid("Product List"), info.revision)
        declaration.smelters = read_smelters(sheets.grid("Smelter List"), layout,
                                             lambda: read_lookup(sheets, layout))
        return declaration
    finally:
        opened.workbook.close()
