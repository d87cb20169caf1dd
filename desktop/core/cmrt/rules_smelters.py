"""Rules on Smelter List rows and their agreement with the Declaration (cmrt-checks.md 2E, 2F)."""

from __future__ import annotations

from desktop.core.cmrt.model import METALS, Declaration, Meaning, Severity
from desktop.core.cmrt.normalise import looks_like_smelter_id
from desktop.core.cmrt.rule_registry import CheckContext, rule
from desktop.core.cmrt.rules_answers import metal_in_scope
from desktop.core.cmrt.smelter_reader import NOT_LISTED

SMELTER_LIST = "Smelter List"


@rule("F1", Severity.WARNING, "Metal used but no smelters listed")
def used_metal_without_smelters(decl: Declaration, context: CheckContext):
    counts = decl.smelter_counts()
    for metal in METALS:
        if metal_in_scope(decl, metal) and counts[metal] == 0:
            yield (f"Smelter List: {metal} is declared as used, but no {metal.lower()} smelter is listed. Ask the "
                   f"supplier for its {metal.lower()} smelters.", SMELTER_LIST, "")


@rule("F2", Severity.WARNING, "Smelters listed for a metal declared not used")
def smelters_for_unused_metal(decl: Declaration, context: CheckContext):
    for metal in METALS:
        if decl.answer(metal, Meaning.USED_IN_PRODUCT) != "No" or metal_in_scope(decl, metal):
            continue
        rows = [row.row for row in decl.smelters if row.metal == metal]
        if rows:
            listed = ", ".join(str(number) for number in rows[:10]) + (" ..." if len(rows) > 10 else "")
            yield (f"Smelter List rows {listed}: {len(rows)} {metal.lower()} smelter(s) are listed, but question 1 "
                   f"says {metal.lower()} is not used. Ask the supplier which is right.", SMELTER_LIST,
                   f"row {rows[0]}")


@rule("E1", Severity.WARNING, "Smelter row without a recognisable metal")
def row_without_metal(decl: Declaration, context: CheckContext):
    for row in decl.smelters:
        if row.metal not in METALS:
            shown = f"\"{row.metal}\"" if row.metal else "no metal"
            yield (f"Smelter List row {row.row}: the row has {shown}; the metal must be tantalum, tin, gold or "
                   "tungsten.", SMELTER_LIST, f"B{row.row}")


@rule("E2", Severity.WARNING, "Smelter row with only a metal")
def row_with_only_metal(decl: Declaration, context: CheckContext):
    for row in decl.smelters:
        if row.metal and not (row.lookup_name or row.name or row.country or row.smelter_id):
            yield (f"Smelter List row {row.row}: only the metal ({row.metal}) is filled in; the smelter itself "
                   "is missing.", SMELTER_LIST, f"row {row.row}")


@rule("E6", Severity.WARNING, "'Smelter not listed' without name and country")
def not_listed_without_details(decl: Declaration, context: CheckContext):
    for row in decl.smelters:
        if row.lookup_name.strip().lower() == NOT_LISTED:
            missing = [label for label, value in (("name", row.name), ("country", row.country)) if not value]
            if missing:
                yield (f"Smelter List row {row.row}: \"Smelter not listed\" is chosen but the smelter's "
                       f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing.",
                       SMELTER_LIST, f"row {row.row}")


@rule("E8", Severity.WARNING, "Smelter ID differs from the template's look-up")
def id_differs_from_lookup(decl: Declaration, context: CheckContext):
    for row in decl.smelters:
        if row.smelter_id and row.looked_up_id and row.smelter_id.upper() != row.looked_up_id.upper():
            if looks_like_smelter_id(row.smelter_id):
                written = f"the smelter ID \"{row.smelter_id}\" does not match the ID"
            else:  # "Not Listed", a name or a stray number where the ID belongs: not an ID (issue 11)
                written = (f"the smelter ID column holds \"{row.smelter_id}\", which is not a smelter ID, "
                           "instead of the ID")
            yield (f"Smelter List row {row.row}: {written} the template gives for {row.metal} / "
                   f"\"{row.lookup_name}\" ({row.looked_up_id}). Ask the supplier which smelter is meant.",
                   SMELTER_LIST, f"row {row.row}")


@rule("G7", Severity.NOTE, "Legacy 2.x smelter ID")
def legacy_smelter_id(decl: Declaration, context: CheckContext):
    legacy = [row for row in decl.smelters if looks_like_smelter_id(row.smelter_id)
              and not row.smelter_id.upper().startswith("CID")]
    if legacy:
        yield (f"Smelter List: {len(legacy)} row(s) carry old 2.x smelter IDs (such as {legacy[0].smelter_id}); "
               "they are matched to today's CIDs through RMI's translation table.", SMELTER_LIST, "")


@rule("H1", Severity.NOTE, "Smelter listed twice")
def duplicate_rows(decl: Declaration, context: CheckContext):
    for row in decl.smelters:
        if row.duplicate_of is not None:
            yield (f"Smelter List row {row.row}: the same smelter as row {row.duplicate_of} "
                   f"({row.metal}, {row.smelter_id or row.name}); it is counted once in the roll-up.",
                   SMELTER_LIST, f"row {row.row}")
