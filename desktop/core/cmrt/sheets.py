"""Cell access by Excel address over calamine's cached values, with a row cap per sheet."""

from __future__ import annotations

import re

from python_calamine import CalamineError, CalamineWorkbook

from desktop.core.cmrt.workbook_file import MAX_ROWS

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
    """The workbook's sheets, loaded on first use; a missing or broken sheet reads as None."""

    def __init__(self, workbook: CalamineWorkbook):
        self.workbook = workbook
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
            try:
                rows = self.workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=MAX_ROWS)
            except (CalamineError, ValueError):
                rows = None
            self._cache[name] = Grid(name, rows) if rows is not None else None
        return self._cache[name]
