"""Measure a worksheet's XML while it streams by, before calamine turns it into a dense grid.

calamine allocates (last row - first row + 1) x (last column - first column + 1) cells for a
sheet, from the cells actually present, whatever the bytes around them. One `<c r="ZZ1048576">` is
enough to ask for 23 GB, and the allocation failure aborts the process. So every part is measured
whole, chunk by chunk, as the zip check decompresses it (no second pass):

- the largest row and column named by any `r="..."` (row tags and cell references, in any order);
- the number of row tags, since a row without `r=` is numbered "previous + 1";
- cells without `r=`: they sit one column right of the previous cell, so rows holding them are
  counted cell by cell;
- DTDs anywhere (not only in the first bytes), and whether the XML reaches its closing tag.

Excel writes every tag as `<row r="7"` and `<c r="B7"`; a chunk in that form is measured with a few
literal-prefixed searches (about 5 ms per MB). Anything else (prefixes, other quotes or spacing,
cells without `r=`) takes the general, slower path, which only unusual writers need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# `r = '...'` with either quote and optional spaces is valid XML, so the pattern allows them; the
# leading space keeps "sqref=" and friends out. Letters in either case: be generous when bounding.
_REFERENCE = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]{0,4})\$?0*(\d{1,10})["']""")
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b")
_ROW_WITH_REFERENCE = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?row\s[^>]*?\br\s*=""")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_CELL_WITH_REFERENCE = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br\s*=\s*["']\$?[A-Za-z]""")
DTD_MARKER = re.compile(rb"<!(?:DOCTYPE|ENTITY|doctype|entity)")
# Anything that is not Excel's own form of rows and cells sends a chunk down the general path.
# (Separate patterns, each starting with a literal, search far faster than one alternation.)
_UNUSUAL = (re.compile(rb'<c(?! r="[A-Za-z]|[A-Za-z])'), re.compile(rb'<row(?! r="\d|[A-Za-z])'),
            re.compile(rb":(?:c|row)[\s/>]"), DTD_MARKER)
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_WIDE_CELL = re.compile(rb'<c r="([A-Za-z]{2,})')
_END_TAG = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?worksheet\s*>\s*$")


def _numbers_above(limit: int) -> tuple[re.Pattern, re.Pattern]:
    """Row tags and cell references whose row number may be larger than `limit`: more digits, or as
    many digits and at least its first two (a superset, kept coarse so few patterns are compiled)."""
    digits = str(limit)
    return _numbers_from(len(digits), digits[:2])


@lru_cache(maxsize=256)
def _numbers_from(length: int, leading: str) -> tuple[re.Pattern, re.Pattern]:
    choices = [rb"\d{%d,}" % (length + 1)]
    if int(leading[0]) < 9:
        choices.append(rb"[%d-9]\d{%d}" % (int(leading[0]) + 1, length - 1))
    if len(leading) == 2:
        choices.append(leading[0].encode() + rb"[%s-9]\d{%d}" % (leading[1].encode(), length - 2))
    else:
        choices.append(leading.encode())
    number = rb'0*(' + b"|".join(choices) + rb')"'
    return re.compile(rb'<row r="' + number), re.compile(rb'<c r="[A-Za-z]{1,4}' + number)


def column_number(letters: bytes) -> int:
    """b"A" -> 1, b"ZZ" -> 702, b"XFD" -> 16384 (case-insensitive)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + char - 64
    return number


@dataclass
class SheetExtent:
    """What one worksheet part would make calamine allocate, measured while it streams by."""

    max_row: int = 0  # the largest row number named anywhere
    max_column: int = 0  # the largest column named anywhere (1-based)
    implicit_rows: int = 0  # row tags without r= (each is "previous + 1")
    widest_implicit_row: int = 0  # most cells in one row that has cells without r= (0 in Excel files)
    has_dtd: bool = False
    complete: bool = False  # the XML reaches </worksheet>

    def __post_init__(self):
        self._carry = b""
        self._tail = b""
        self._cells_in_row = 0
        self._column_letters: set[bytes] = set()

    def feed(self, chunk: bytes) -> None:
        # Only complete tags are measured: the text from the last "<" on waits for the next chunk.
        text = self._carry + chunk
        cut = text.rfind(b"<")
        if cut < 0 or len(text) - cut > 4096:  # no tag start, or an absurdly long one: measure all
            cut = len(text)
        self._measure(text[:cut])
        self._carry = text[cut:]
        self._tail = (self._tail + chunk)[-256:]

    def finish(self) -> "SheetExtent":
        self._measure(self._carry)
        self._carry = b""
        self.complete = bool(_END_TAG.search(self._tail))
        self.widest_implicit_row = max(self.widest_implicit_row, self._cells_in_row)
        letters = max(self._column_letters, key=lambda value: (len(value), value.upper()), default=b"")
        self.max_column = column_number(letters)
        return self

    def _measure(self, text: bytes) -> None:
        if not text:
            return
        if any(pattern.search(text) for pattern in _UNUSUAL):
            self.has_dtd = self.has_dtd or bool(DTD_MARKER.search(text))
            self._measure_any_form(text)
        else:
            self._measure_excel_form(text)

    def _measure_excel_form(self, text: bytes) -> None:
        """Every tag is `<row r="N"` or `<c r="XN"`: take the last row tag's number, then look one
        by one only at row and cell numbers larger than that (none, in a file Excel wrote)."""
        last = text.rfind(b'<row r="')
        if last >= 0:
            self.max_row = max(self.max_row, int(_ROW_NUMBER.match(text, last).group(1)))
        larger = [found for pattern in _numbers_above(self.max_row) for found in pattern.findall(text)]
        if larger:
            self.max_row = max(self.max_row, max(map(int, larger)))
        if b'<c r="' in text:
            self._column_letters.add(b"Z")  # any single letter is at most Z
            self._column_letters.update(_WIDE_CELL.findall(text))

    def _measure_any_form(self, text: bytes) -> None:
        numbers = _REFERENCE.findall(text)
        if numbers:
            self._column_letters.update(letters for letters, _ in numbers)
            self.max_row = max(self.max_row, max(int(digits) for _, digits in numbers))
        rows = len(_ROW_TAG.findall(text))
        if rows:
            self.implicit_rows += rows - len(_ROW_WITH_REFERENCE.findall(text))
        cells = len(_CELL_TAG.findall(text))
        if cells and cells != len(_CELL_WITH_REFERENCE.findall(text)):
            self._count_cells_per_row(text)
        elif rows:
            self.widest_implicit_row = max(self.widest_implicit_row, self._cells_in_row)
            self._cells_in_row = 0

    def _count_cells_per_row(self, text: bytes) -> None:
        """Some cells lack r=: count every cell of each row (an upper bound on how far right they go)."""
        for index, piece in enumerate(_ROW_TAG.split(text)):
            if index:  # a new row starts here
                self.widest_implicit_row = max(self.widest_implicit_row, self._cells_in_row)
                self._cells_in_row = 0
            self._cells_in_row += len(_CELL_TAG.findall(piece))

    def last_row(self) -> int:
        """An upper bound on the last row calamine will place a cell in."""
        return self.max_row + self.implicit_rows

    def last_column(self) -> int:
        """An upper bound on the last column (1-based) calamine will place a cell in."""
        return self.max_column + self.widest_implicit_row

    def cells(self) -> int:
        return self.last_row() * max(self.last_column(), 1)


def column_letters(number: int) -> str:
    """1 -> "A", 702 -> "ZZ" (the bound may pass XFD, Excel's last column; still shown as letters)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"
