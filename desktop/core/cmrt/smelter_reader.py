"""Read the Smelter List: one SmelterRow per filled row, resolved against the workbook's look-up.

Three ways of filling the list co-exist in real files (LAYOUT.md 2.10): a CID typed in column A
with formulas filling B-J, the metal and look-up name picked in B and C, or pasted values. Files
written by tools other than Excel carry formulas without cached values; we then rebuild the row
from the typed ID or the look-up name, as Excel would have.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from desktop.core.cmrt.layouts import SMELTER_COLUMNS_200 as SHIFTED_2X_COLUMNS
from desktop.core.cmrt.layouts import Layout
from desktop.core.cmrt.lookup import LookupEntry, SmelterLookup
from desktop.core.cmrt.model import SmelterRow
from desktop.core.cmrt.normalise import clean_field, is_copyright_line, looks_like_smelter_id, metal_name
from desktop.core.cmrt.sheets import Grid

FIRST_ROW = 5
_IDENTITY_WIDTH = 6
_MARKER_COLUMN = 13  # N
NOT_LISTED = "smelter not listed"
NOT_IDENTIFIED = "smelter not yet identified"
# 2.x templates keep translation tables below the list, after a row of "AAAA..." in a hidden column.
_SENTINEL = re.compile(r"A{20,}")
# A row must name a smelter somehow; rows holding only contact details (copied down in the 3.01
# test fill) or only hidden helper values are not smelter rows.
_IDENTITY_FIELDS = ("typed_id", "metal", "lookup_name", "name", "country", "smelter_id")


def is_placeholder_lookup(lookup_name: str) -> bool:
    """"Smelter not listed" / "Smelter not yet identified", in any capitalisation (both exist)."""
    return lookup_name.strip().lower() in (NOT_LISTED, NOT_IDENTIFIED)


def read_smelters(grid: Grid | None, layout: Layout, lookup: SmelterLookup | Callable[[], SmelterLookup]
                  ) -> list[SmelterRow]:
    """Rows from 5 down; `lookup` may be a function, so a list with no rows never reads the look-up."""
    if grid is None:
        return []
    columns = layout.smelter_columns
    rows: list[SmelterRow] = []
    for number in range(FIRST_ROW, grid.height + 1):
        raw = grid.row(number)
        # Fast skip of the ~2,500 template rows left blank (cached "" or the 0 of pasted formulas;
        # the identity columns are A-F in every layout), but not of the 2.x end marker in column N.
        if not any(raw[:_IDENTITY_WIDTH]) and \
                not (len(raw) > _MARKER_COLUMN and str(raw[_MARKER_COLUMN]).startswith("AAAAAAAAAA")):
            continue
        if _ends_list(raw):
            break
        fields = {name: clean_field(raw[index]) if index < len(raw) else "" for name, index in columns.items()}
        if not any(fields.get(name) for name in _IDENTITY_FIELDS):
            continue
        if _shifted_left(fields, layout):
            fields = {name: clean_field(raw[index]) if index < len(raw) else ""
                      for name, index in SHIFTED_2X_COLUMNS.items()}
        if callable(lookup):
            lookup = lookup()
        rows.append(_row(number, fields, layout, lookup))
    _flag_duplicates(rows)
    return rows


def _shifted_left(fields: dict[str, str], layout: Layout) -> bool:
    """2.02+ rows typed the 2.00 way: ID in column A, street in F where the ID belongs (Connor Winfield)."""
    return (layout.key == "2" and "smelter_id" in layout.smelter_columns
            and looks_like_smelter_id(fields.get("typed_id", ""))
            and not looks_like_smelter_id(fields.get("smelter_id", "")))


def _ends_list(raw: list[object]) -> bool:
    """A copyright line in column B, or the hidden "AAAA..." marker before 2.x helper tables."""
    if len(raw) > 1 and isinstance(raw[1], str) and is_copyright_line(raw[1].strip()):
        return True
    return any(isinstance(value, str) and _SENTINEL.fullmatch(value.strip()) for value in raw[:20])


def _row(number: int, fields: dict[str, str], layout: Layout, lookup: SmelterLookup) -> SmelterRow:
    typed_id = fields.get("typed_id", "").upper()
    metal = metal_name(fields["metal"])
    smelter_id = fields.get("smelter_id", "")
    if looks_like_smelter_id(smelter_id):
        smelter_id = smelter_id.upper()
    # 2.x has no ID input column, yet suppliers typed IDs into A (2.00 test fill, Connor Winfield).
    if not smelter_id and looks_like_smelter_id(typed_id):
        smelter_id = typed_id
    row = SmelterRow(
        row=number, metal=metal, lookup_name=fields["lookup_name"], name=fields["name"],
        country=fields["country"], smelter_id=smelter_id, id_source=fields.get("id_source", ""),
        street=fields["street"], city=fields["city"], state=fields["state"],
        contact_name=fields["contact_name"], contact_email=fields["contact_email"],
        next_steps=fields["next_steps"], mine_names=fields["mine_names"],
        mine_countries=fields["mine_countries"], recycled_scrap=_yes_no_unknown(fields.get("recycled_scrap", "")),
        comments=fields["comments"],
    )
    if layout.key == "6":
        _fill_missing_formula_results(row, typed_id, fields.get("standard_name", ""), lookup)
    entry = _look_up(row, lookup)
    row.looked_up_id = entry.smelter_id if entry else ""
    return row


def _fill_missing_formula_results(row: SmelterRow, typed_id: str, standard_name: str,
                                  lookup: SmelterLookup) -> None:
    """6.x columns B-J are formulas driven by A (or by B+C); fill what has no cached value."""
    by_id = lookup.find_id(typed_id) if typed_id else None
    if by_id is not None:
        row.metal = row.metal or by_id.metal
        # Column C's formula is INDEX(Look-up column C, MATCH(A, column E)): the standard name,
        # not whichever alias row happens to come first for that ID (issue 11).
        row.lookup_name = row.lookup_name or by_id.standard_name or by_id.lookup_name
    entry = by_id if by_id is not None and not row.lookup_name else (lookup.find(row.metal, row.lookup_name)
                                                                     or by_id)
    if not row.name:
        row.name = standard_name or (entry.standard_name if entry else "")
        if not row.name and not is_placeholder_lookup(row.lookup_name):
            row.name = row.lookup_name
    if entry is None or is_placeholder_lookup(row.lookup_name):
        return
    row.country = row.country or entry.country
    row.smelter_id = row.smelter_id or entry.smelter_id
    row.id_source = row.id_source or entry.id_source
    row.street = row.street or entry.street
    row.city = row.city or entry.city
    row.state = row.state or entry.state


def _look_up(row: SmelterRow, lookup: SmelterLookup) -> LookupEntry | None:
    if is_placeholder_lookup(row.lookup_name):
        return None
    return lookup.find(row.metal, row.lookup_name) or lookup.find(row.metal, row.name)


def _yes_no_unknown(text: str) -> str:
    for option in ("Yes", "No", "Unknown"):
        if text.lower() == option.lower():
            return option
    return text


def _flag_duplicates(rows: list[SmelterRow]) -> None:
    """The same smelter listed twice (same metal and ID, or same metal, name and country)."""
    first_seen: dict[tuple[str, ...], int] = {}
    for row in rows:
        if row.smelter_id and looks_like_smelter_id(row.smelter_id):
            key = (row.metal, row.smelter_id)
        elif row.name:
            key = (row.metal, row.name.lower(), row.country.lower())
        else:
            continue
        if key in first_seen:
            row.duplicate_of = first_seen[key]
        else:
            first_seen[key] = row.row
