"""Shared helpers of the export tests: sample report data with real RMI smelters, and PDF text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from desktop.core.export.sample import FACILITY_LIST_NAME, read_shipped_reference, sample_report_data


def sample(smelter_lists_dir: Path | None = None, rows: int = 400):
    """Report data whose Annex A holds `rows` real smelters: from the RMI facility list of the shared
    corpus when its folder is given, else from the smelter reference the app ships (fresh clone)."""
    if smelter_lists_dir is None:
        return sample_report_data(n_annex_rows=rows, annex_source=read_shipped_reference())
    return sample_report_data(n_annex_rows=rows, facility_list=smelter_lists_dir / FACILITY_LIST_NAME)


def squash(text: str) -> str:
    """Whitespace collapsed, so wrapped lines compare equal to the source text."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_pages(path: Path) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(str(path)).pages]


def folded(text: str) -> str:
    """The PDF prints Latin letters outside Windows-1252 without their accent ("Miedź" -> "Miedz")."""
    out = []
    for char in text:
        try:
            char.encode("cp1252")
            out.append(char)
        except UnicodeEncodeError:
            plain = {"ł": "l", "Ł": "L"}.get(char, char)
            base = "".join(c for c in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(c))
            out.append(base if base.isascii() else char)
    return "".join(out)
