"""Cell access by Excel address over calamine's cached values; a sheet that is there but cannot be
read, or is longer than the reader reads, makes the whole file unreadable (never "no rows")."""

from __future__ import annotations

import re

from python_calamine import CalamineError, CalamineWorkbook

from desktop.core.cmrt.model import UnreadableFile
from desktop.core.cmrt.workbook_file import ASK_FOR_COPY, MAX_ROWS

_ADDRESS = re.compile(r"([A-Z]{1,3})(\d+)")


def column_index(letters: str) -> int:
    """"A" -> 0, "Q" -> 16, "AB" -> 27."""
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Grid:
    """One sheet as rows of cached values; row numbers are Excel's (1-based)."""

    def __init__(self, name: str, rows: list[list[object]]):
        self.name = name
        self.rows = rows

    @property
    def height(self) -> int:
        return len(self.rows)

    def value(self, row: int, column: int) -> object:
        if 1 <= row <= len(self.rows):
            cells = self.rows[row - 1]
            if 0 <= column < len(cells):
                return cells[column]
        return None

    def cell(self, address: str) -> object:
        match = _ADDRESS.fullmatch(address)
        if not match:
            raise ValueError(f"not a cell address: {address}")
        return self.value(int(match.group(2)), column_index(match.group(1)))

    def row(self, row: int) -> list[object]:
        return self.rows[row - 1] if 1 <= row <= len(self.rows) else []


class Sheets:
    """The workbook's sheets, loaded on first use; a missing sheet reads as None, a broken one raises."""

    def __init__(self, workbook: CalamineWorkbook, file_name: str = ""):
        self.workbook = workbook
        self.file_name = file_name
        self.names: list[str] = list(workbook.sheet_names)
        self._cache: dict[str, Grid | None] = {}

    def find(self, *candidates: str) -> str | None:
        """The first sheet whose name matches a candidate, ignoring case and surrounding spaces."""
        folded = {name.strip().lower(): name for name in self.names}
        for candidate in candidates:
            if candidate.lower() in folded:
                return folded[candidate.lower()]
        return None

    def grid(self, *candidates: str) -> Grid | None:
        name = self.find(*candidates)
        if name is None:
            return None
        if name not in self._cache:
            self._cache[name] = Grid(name, self._rows(name))
        return self._cache[name]

    def _rows(self, name: str) -> list[list[object]]:
        try:
            sheet = self.workbook.get_sheet_by_name(name)
            rows = sheet.end[0] + 1 if sheet.end else 0
            if rows > MAX_ROWS:  # .xls files skip the zip check that refuses these earlier
                raise UnreadableFile(self.file_name, f"the {name} sheet has {rows:,} rows; this app "
                                     f"reads sheets of up to {MAX_ROWS:,} rows (a CMRT has a few thousand).",
                                     "Ask the supplier to delete the extra rows or to send a fresh CMRT.")
            return sheet.to_python(skip_empty_area=False)
        except (CalamineError, ValueError) as error:
            detail = " ".join(str(error).split())[:160]
            raise UnreadableFile(self.file_name, f"the {name} sheet is damaged and cannot be read ({detail}).",
                                 ASK_FOR_COPY)
