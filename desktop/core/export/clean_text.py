"""Text typed by the user or written by a supplier, made safe for every file the app exports.

ReportData cleans all its strings here when it is built, so the PDF, the EDGAR HTML, the Annex A
workbook and CSV all receive the same clean text from one place: control characters (a pasted
escape sequence, a NUL, a stray form feed) are dropped, line breaks become "\\n", and text that
cannot be encoded (lone surrogates) is replaced. Spreadsheet writers additionally neutralise
formula-like cells (annex_files.neutralise_cell), which only matters to spreadsheets.
"""

from __future__ import annotations

import dataclasses
import re

# C0 controls except tab and line feed, DEL, C1 controls, and the two non-characters XML forbids.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates become "?"


def clean_strings(value):
    """The same value with every string inside it cleaned (dataclasses are cleaned in place)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_strings(item) for item in value]
    if isinstance(value, tuple):
        return tuple(clean_strings(item) for item in value)
    if isinstance(value, dict):
        return {clean_strings(key): clean_strings(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            object.__setattr__(value, field.name, clean_strings(getattr(value, field.name)))
    return value
