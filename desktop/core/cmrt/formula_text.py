"""Drop from worksheet XML what calamine would parse only to skip: formula text, and empty cells.

A 6.x Smelter List is 5 MB of XML for a few hundred smelters: 3 MB of it the formulas in columns
B-J and the hidden helper columns, most of the rest the ~2,500 template rows' cells that hold no
value (a style only, or a formula whose cached result is ""). Cutting both out while the checks
stream the sheet (stored_package hands calamine the result) leaves about 0.4 MB, and calamine's
parse of it takes a fifth of the time.

What goes, and why the values calamine gives cannot change:
- a formula in plain form followed by a <v> (Excel's order): calamine keeps the value of a cell's
  *last* child element, so the cell's value is the <v>'s either way. Only a formula with no
  prefix, nothing inside that is markup ("<") and no ">" among its attributes;
- a cell in Excel's form that has no value, `<c r="B7" s="3"/>`, or whose value is the empty text,
  `<c r="B7" s="3" t="str"><v/></c>` (with or without its formula): calamine reads both as an
  empty cell. Only when the next thing is another cell with its own `r=` or the row's end, since a
  cell without `r=` is placed one column right of the cell before it.
Every row tag stays, and a removed piece holds no tag but its own cell, so every cell, row and DTD
calamine will read is still there for the sheet guard to measure.
"""

from __future__ import annotations

import re

_FORMULA = rb"<f(?:\s[^<>]*)?(?:/>|>[^<]*</f>)"
# A cell with no value, or with the empty text as its value (its formula, if any, before it).
# Possessive (`+`) where the head cannot match another way: a cell that holds a value fails at once.
_EMPTY_CELL = (rb'<c r="[A-Z]{1,3}+[0-9]{1,7}+"(?: s="[0-9]{1,5}+")?+(?:/>| t="str">(?:' + _FORMULA
               + rb')?<v(?:/>|></v>)</c>)')
_NEXT_HAS_ITS_PLACE = rb'(?=<c r="|</row>)'
# One pattern, one pass over the sheet: a run of empty cells as one match (a match costs more than
# a cell), or a formula a value follows. Each cell of a run is checked for what follows it, so a
# run ends before a cell that must stay and a match never fails after a long run: a hostile sheet
# of a million empty cells before a cell without r= is read once, not once per cell.
_DEAD_WEIGHT = re.compile(b"<(?:" + _EMPTY_CELL[1:] + _NEXT_HAS_ITS_PLACE + b"(?:" + _EMPTY_CELL
                          + _NEXT_HAS_ITS_PLACE + rb")*+|" + _FORMULA[1:] + rb"(?=<v[\s/>]))")


def without_formulas_and_empty_cells(xml: bytes) -> bytes:
    """The sheet's XML without formula text and empty cells (see above)."""
    return _DEAD_WEIGHT.sub(b"", xml)
