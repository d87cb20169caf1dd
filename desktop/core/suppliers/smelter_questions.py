"""Smelter List rows worth asking the supplier about, as findings for the follow-up message.

The CMRT checks look at each file on its own; whether a row names a smelter RMI knows is only
known after matching against the smelter reference. A typo'd name without an ID, a "Smelter not
listed" row that RMI does list, or an ID that points elsewhere are exactly what a supplier can fix,
so they become findings the follow-up message can carry. Rows the user has already decided about
are left out.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from desktop.core.cmrt.model import Declaration, Finding, Severity, SmelterRow
from desktop.core.smelters import MatchDecision, SmelterReference, match_row
from desktop.core.smelters.matching import (
    DECISION,
    ID_COUNTRY_CONTRADICTION,
    ID_METAL_CONTRADICTION,
    ID_NAME_CONTRADICTION,
    decision_index,
)
from desktop.core.smelters.names import smelter_id_key
from desktop.core.smelters.rollup import match_signature

SMELTER_LIST = "Smelter List"
NOT_LISTED = "smelter not listed"
NOT_IDENTIFIED = "smelter not yet identified"
UNKNOWN_SMELTER = "S1"
NOT_LISTED_BUT_KNOWN = "S2"
ID_CONTRADICTION = "S3"
REMOVED_BY_RMI = "S4"
CONTRADICTIONS = (ID_METAL_CONTRADICTION, ID_COUNTRY_CONTRADICTION, ID_NAME_CONTRADICTION)


def _row_name(row: SmelterRow) -> str:
    lookup = row.lookup_name.strip()
    if lookup and lookup.lower() not in (NOT_LISTED, NOT_IDENTIFIED):
        return lookup
    return row.name.strip()


def _guess(candidates, own_id: str) -> str:
    best = next((c for c in candidates if c.cid != own_id), None)  # the first: candidates run long
    if best is None:
        return ""
    return f" Did you mean {best.name} ({best.cid}, {best.country.title()})?"


def _removed(row: SmelterRow, reference: SmelterReference):
    """The reference smelter the row's own ID names, when RMI has since removed it."""
    own_id = smelter_id_key(row.smelter_id) or smelter_id_key(row.looked_up_id)
    own_id = reference.legacy_ids.get(own_id, own_id)
    for smelter in reference.by_cid.get(own_id, []):
        if smelter.removed:
            return smelter
    return None


def _finding(rule_id: str, row: SmelterRow, message: str) -> Finding:
    return Finding(rule_id, Severity.WARNING, message, SMELTER_LIST, f"row {row.row}")


def _question(row: SmelterRow, match, reference: SmelterReference) -> Finding | None:
    where = f"Smelter List row {row.row}"
    name = _row_name(row)
    metal = row.metal.lower()
    if match.resolved:
        contradictions = [flag for flag in match.flags if flag in CONTRADICTIONS]
        if not contradictions:
            return None
        return _finding(
            ID_CONTRADICTION,
            row,
            f'{where}: the smelter ID "{row.smelter_id}" does not fit the rest of the row '
            f"({'; '.join(contradictions)}). Please check which {metal} smelter is meant.",
        )
    if row.lookup_name.strip().lower() == NOT_LISTED and match.candidates:
        best = match.candidates[0]
        return _finding(
            NOT_LISTED_BUT_KNOWN,
            row,
            f'{where}: you chose "Smelter not listed" for the {metal} smelter "{name}", but RMI '
            f"lists {best.name} ({best.cid}). If that is the one, please choose it in the Smelter "
            "Look-up column; if not, please give its full name, country and address.",
        )
    removed = _removed(row, reference)
    if removed is not None:
        return _finding(
            REMOVED_BY_RMI,
            row,
            f"{where}: RMI no longer lists {removed.name} ({removed.cid}): {removed.removed}. "
            f"Please confirm it still supplies {metal} to you, or correct the row.",
        )
    own_id = smelter_id_key(row.smelter_id)
    if not name and not own_id:
        message = f"{where}: the {metal} row gives neither a smelter name nor an ID."
        return _finding(UNKNOWN_SMELTER, row, message)
    if row.lookup_name.strip().lower() == NOT_IDENTIFIED:
        return None  # the supplier says so openly; nothing to correct in the file
    identified = f'the unknown smelter ID "{own_id}"' if own_id else "no smelter ID"
    return _finding(
        UNKNOWN_SMELTER,
        row,
        f'{where}: "{name or own_id}" ({metal}) is not in RMI\'s smelter list and the row '
        f"has {identified}.{_guess(match.candidates, own_id)} Please choose the smelter in the "
        "Smelter Look-up column or give its RMI smelter ID (CID).",
    )


def smelter_questions(
    declaration: Declaration,
    reference: SmelterReference,
    decisions: Iterable[MatchDecision] | Mapping[str, MatchDecision] = (),
    matches: dict | None = None,
) -> list[Finding]:
    """Findings for the rows the supplier should correct or confirm, in Smelter List order.

    Pass the same `matches` dict for every file of a project (with the same reference and
    decisions): suppliers write the same rows, and each is matched once.
    """
    findings = []
    index = decision_index(decisions)
    matches = {} if matches is None else matches
    for row in declaration.smelters:
        if row.duplicate_of is not None:
            continue  # asked once, for the first copy
        signature = match_signature(row)
        match = matches.get(signature)
        if match is None:
            match = matches[signature] = match_row(row, reference, index)
        if match.method == DECISION:
            continue  # the user has settled this row
        question = _question(row, match, reference)
        if question is not None:
            findings.append(question)
    return findings
