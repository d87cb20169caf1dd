"""The cleaned Smelter Look-up is shared by the files of one revision, never by an edited copy."""

from __future__ import annotations

import dataclasses

from desktop.core.cmrt import read_cmrt
from desktop.core.cmrt.layouts import layout_for
from desktop.core.cmrt.lookup import read_lookup
from desktop.core.cmrt.sheets import Grid, Sheets
from desktop.core.cmrt.workbook_file import open_workbook

JX = "suppliers/jx-advanced-metals_CMRT_6.4.xlsx"
CENTRAL_GLASS = "suppliers/central-glass_CMRT_6.4.xlsx"


def lookup_of(path, edit=None):
    opened = open_workbook(path)
    try:
        sheets = Sheets(opened.workbook)
        grid = sheets.grid("Smelter Look-up")
        if edit is not None:
            sheets._cache[grid.name] = Grid(grid.name, edit([list(row) for row in grid.rows]))
        return read_lookup(sheets, layout_for("6.4"))
    finally:
        opened.workbook.close()


def test_two_suppliers_on_one_revision_share_the_cleaned_look_up(cmrt_dir):
    assert lookup_of(cmrt_dir / JX) is lookup_of(cmrt_dir / CENTRAL_GLASS)


def test_an_edited_look_up_is_read_anew(cmrt_dir):
    original = lookup_of(cmrt_dir / JX)
    entry = next(e for e in original.by_id.values() if e.metal == "Tin")

    def rename(rows):
        for row in rows:
            if len(row) > 4 and row[4] == entry.smelter_id:
                row[2] = "Renamed Tin Works"
        return rows

    edited = lookup_of(cmrt_dir / JX, rename)
    assert edited is not original
    assert edited.find_id(entry.smelter_id).standard_name == "Renamed Tin Works"
    assert original.find_id(entry.smelter_id).standard_name == entry.standard_name


def test_reading_again_gives_the_same_declaration(cmrt_dir):
    first = read_cmrt(cmrt_dir / JX)
    again = read_cmrt(cmrt_dir / JX)
    assert dataclasses.asdict(first) == dataclasses.asdict(again)
    assert any(row.looked_up_id for row in again.smelters)
