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

Excel writes every tag as `<row r="7"` and `<c r="B7"`. A chunk is first searched, in one pass for
both tag kinds and DTD markers (plus one for prefixed tags), for anything else: another form, a
row above the last row tag seen (rounded up to two digits), a column past ZZ. Found nothing: those are its bounds (about 5 ms per MB). Found something
(prefixes, other quotes or spacing, cells without `r=`, a far cell): the chunk is measured exactly
by the general, slower path, which only unusual writers and hostile files need.
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
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_WIDE_CELL = re.compile(rb'<c r="([A-Za-z]{2,})')
# Chart and dialog sheets are listed among the sheets too; calamine reads no cells from a chart sheet.
_END_TAG = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:worksheet|chartsheet|dialogsheet)\s*>\s*$")
ZZ = 702  # columns A..ZZ: the fast path's column bound while rows x ZZ stays within the cell limit


def rounded_up(number: int) -> int:
    """`number` rounded up to two significant digits (2504 -> 2600): few distinct patterns to compile."""
    if number < 100:
        return number
    step = 10 ** (len(str(number)) - 2)
    return -(-number // step) * step


@lru_cache(maxsize=64)
def _unusual_tags(bound: int, wide: bool) -> re.Pattern:
    """Row tags and cells not in Excel's own form, or naming a row above `bound` (or, unless `wide`,
    a column past ZZ), and DTD markers: one pattern, so a chunk is searched once for all three.
    No match in a chunk: every row and cell in it is within the bounds and it holds no DTD."""
    digits = str(bound)
    above = [rb"\d{%d,}" % (len(digits) + 1)]  # more digits; or as many and larger at some place
    for place, digit in enumerate(digits):
        if digit != "9":
            above.append(digits[:place].encode() + rb"[%d-9]\d{%d}" % (int(digit) + 1, len(digits) - place - 1))
    number = rb'(?!0*(?:' + b"|".join(above) + rb')")\d'
    letters = rb"[A-Za-z]{1,4}" if wide else rb"[A-Za-z]{1,2}"
    return re.compile(rb'<(?:c(?! r="' + letters + number + rb'|[A-Za-z])|row(?! r="' + number
                      + rb'|[A-Za-z])|!(?:DOCTYPE|ENTITY|doctype|entity))')


def complete_tags_end(text: bytes) -> int:
    """Where the complete tags of a streamed piece end: at its last "<" (the tag a chunk's end cut
    waits for the next), or at its end when it has no "<" or an absurdly long last tag."""
    cut = text.rfind(b"<")
    return len(text) if cut < 0 or len(text) - cut > 4096 else cut


def column_number(letters: bytes) -> int:
    """b"A" -> 1, b"ZZ" -> 702, b"XFD" -> 16384 (case-insensitive)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + char - 64
    return number


@dataclass
class SheetExtent:
    """What one worksheet part would make calamine allocate, measured while it streams by."""

    cell_limit: int = 4_000_000  # beyond rows x ZZ cells, columns are measured exactly
    max_row: int = 0  # the largest row number named anywhere (by the general path, or a row tag)
    row_bound: int = 0  # the fast path's bound: no row number in its chunks is above it
    max_column: int = 0  # the largest column named anywhere (1-based)
    implicit_rows: int = 0  # row tags without r= (each is "previous + 1")
    widest_implicit_row: int = 0  # most cells in one row that has cells without r= (0 in Excel files)
    has_dtd: bool = False
    complete: bool = False  # the XML reaches </worksheet> (or a chart or dialog sheet's end)

    def __post_init__(self):
        self._carry = b""
        self._tail = b""
        self._cells_in_row = 0
        self._column_letters: set[bytes] = set()

    def feed(self, chunk: bytes) -> None:
        # Only complete tags are measured: the text from the last "<" on waits for the next chunk.
        # The measure reads `text` up to `cut` in place (no copies of a megabyte chunk).
        text = self._carry + chunk if self._carry else chunk
        cut = complete_tags_end(text)
        self._measure(text, cut)
        self._carry = text[cut:]
        self._tail = chunk[-256:] if len(chunk) >= 256 else (self._tail + chunk)[-256:]

    def finish(self) -> "SheetExtent":
        self._measure(self._carry, len(self._carry))
        self._carry = b""
        self.complete = bool(_END_TAG.search(self._tail))
        self.widest_implicit_row = max(self.widest_implicit_row, self._cells_in_row)
        letters = max(self._column_letters, key=lambda value: (len(value), value.upper()), default=b"")
        self.max_column = max(self.max_column, column_number(letters))
        return self

    def _measure(self, text: bytes, end: int) -> None:
        """Measure text[:end] (searched with an end position, which regexes treat as the end)."""
        if not end:
            return
        last = text.rfind(b'<row r="', 0, end)
        if last >= 0:
            found = _ROW_NUMBER.match(text, last, end)
            if found:
                self.max_row = max(self.max_row, int(found.group(1)))
        bound = rounded_up(max(self.max_row, self.row_bound))
        wide = bound * ZZ > self.cell_limit
        if _unusual_tags(bound, wide).search(text, 0, end) or _PREFIXED.search(text, 0, end):
            self.has_dtd = self.has_dtd or bool(DTD_MARKER.search(text, 0, end))
            self._measure_any_form(text[:end])
            return
        # Excel's form, within the bounds: rows up to `bound`, columns up to ZZ (or measured).
        self.row_bound = max(self.row_bound, bound)
        if text.find(b'<c r="', 0, end) >= 0:
            if wide:
                self._column_letters.add(b"Z")
                self._column_letters.update(_WIDE_CELL.findall(text, 0, end))
            else:
                self.max_column = ZZ

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
        return max(self.max_row, self.row_bound) + self.implicit_rows

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
