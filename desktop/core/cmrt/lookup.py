"""The workbook's own smelter reference list, indexed by (metal, look-up name) and by smelter ID.

6.x: 'Smelter Look-up' (header row 4: Metal, Look-up name, Standard name, Country, ID, Source,
Street, City, State). 3.x: 'Standard Smelter Names' (header row 2: Metal, Standard name, Country,
Old ID, New ID). 2.x: 'Standard Smelter Names' (header row 2: Metal, Standard name, Known aliases,
Country, Smelter ID).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from desktop.core.cmrt.layouts import Layout
from desktop.core.cmrt.normalise import clean_field, metal_name
from desktop.core.cmrt.sheets import Grid, Sheets


@dataclass(frozen=True)
class LookupEntry:
    metal: str
    lookup_name: str
    standard_name: str
    country: str
    smelter_id: str
    id_source: str = ""
    street: str = ""
    city: str = ""
    state: str = ""


def _key(text: str) -> str:
    return " ".join(text.lower().split())


class SmelterLookup:
    def __init__(self, entries: list[LookupEntry], aliases: dict[tuple[str, str], LookupEntry] | None = None):
        self.by_name: dict[tuple[str, str], LookupEntry] = {}
        self.by_id: dict[str, LookupEntry] = {}
        for entry in entries:
            self.by_name.setdefault((entry.metal, _key(entry.lookup_name)), entry)
            self.by_name.setdefault((entry.metal, _key(entry.standard_name)), entry)
            if entry.smelter_id:
                self.by_id.setdefault(entry.smelter_id.upper(), entry)
        for key, entry in (aliases or {}).items():
            self.by_name.setdefault(key, entry)

    def __len__(self) -> int:
        return len(self.by_name)

    def find(self, metal: str, name: str) -> LookupEntry | None:
        return self.by_name.get((metal, _key(name))) if name else None

    def find_id(self, smelter_id: str) -> LookupEntry | None:
        return self.by_id.get(smelter_id.strip().upper()) if smelter_id else None


# Every file of one template revision carries the same look-up (RMI protects the sheet), and
# cleaning its ~2,500 rows cost a fifth of reading a file. Cleaned look-ups are kept for the few
# revisions a batch meets, keyed by the sheet's raw values, so an edited look-up is read anew.
_CACHE: OrderedDict[tuple, SmelterLookup] = OrderedDict()
_CACHE_SIZE = 6


def read_lookup(sheets: Sheets, layout: Layout) -> SmelterLookup:
    grid = sheets.grid(layout.lookup_sheet, "Smelter Look-up", "Standard Smelter Names")
    if grid is None:
        return SmelterLookup([])
    key = (grid.name.lower(), tuple(grid.row(2)), tuple(tuple(row[:9]) for row in grid.rows))
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    lookup = _CACHE[key] = _read(grid)
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return lookup


def _read(grid: Grid) -> SmelterLookup:
    if grid.name.lower() == "smelter look-up":
        return SmelterLookup(_read_6x(grid))
    header = " ".join(clean_field(value).lower() for value in grid.row(2))
    if "new smelter id" in header:
        return SmelterLookup(_read_3x(grid))
    return _read_2x(grid)


def _rows(grid: Grid, first_row: int):
    for number in range(first_row, grid.height + 1):
        raw = grid.row(number)[:9]
        if len(raw) < 2 or raw[0] in ("", None) or raw[1] in ("", None):
            continue
        cells = [clean_field(value) for value in raw]
        cells += [""] * (9 - len(cells))
        if cells[0] and cells[1]:
            yield cells


def _read_6x(grid: Grid) -> list[LookupEntry]:
    return [LookupEntry(metal_name(c[0]), c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8])
            for c in _rows(grid, 5)]


def _read_3x(grid: Grid) -> list[LookupEntry]:
    return [LookupEntry(metal_name(c[0]), c[1], c[1], c[2], c[4] or c[3]) for c in _rows(grid, 3)]


def _read_2x(grid: Grid) -> SmelterLookup:
    entries, aliases = [], {}
    for c in _rows(grid, 3):
        entry = LookupEntry(metal_name(c[0]), c[1], c[1], c[3], c[4])
        entries.append(entry)
        for alias in c[2].split(","):  # 2.x keeps known aliases comma-separated in column C
            if alias.strip():
                aliases.setdefault((entry.metal, _key(alias)), entry)
    return SmelterLookup(entries, aliases)
