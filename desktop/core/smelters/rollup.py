"""From all of a project's declarations to the unique smelter list behind Annex A.

One row per (metal, reference smelter) with the suppliers that reported it, its status and as-of
date, and the flags a reviewer needs; the rows that did not resolve, grouped so one decision
settles every supplier that wrote the same thing; and the figures a Conflict Minerals Report
prints (see summary.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping

from desktop.core.cmrt.model import METALS, Declaration, SmelterRow
from desktop.core.collector import collector_paused
from desktop.core.foreground import give_way
from desktop.core.smelters.decisions import MatchDecision, SmelterOverride, row_key, row_name, stored_keys
from desktop.core.smelters.matching import (
    ID_COUNTRY_CONTRADICTION,
    ID_METAL_CONTRADICTION,
    ID_NAME_CONTRADICTION,
    Candidate,
    Match,
    decision_index,
    match_row,
    match_signature,
)
from desktop.core.smelters.ranking import ranked
from desktop.core.smelters.reference import SmelterReference, status_is_stale
from desktop.core.smelters.summary import Summary, summarise
from desktop.core.smelters.supplier_names import supplier_name

_CONTRADICTIONS = {ID_METAL_CONTRADICTION, ID_COUNTRY_CONTRADICTION, ID_NAME_CONTRADICTION}


@dataclass
class ReportedRow:
    """One supplier row as written, with the supplier and how it was matched."""

    supplier: str
    file_name: str
    row: SmelterRow
    match: Match


@dataclass
class RolledSmelter:
    metal: str
    cid: str
    name: str
    country: str
    status: str  # filing vocabulary, after any override
    status_label: str  # RMI's own label
    status_as_of: str
    status_source: str
    rmi_status: str  # the reference's filing status, before any override
    reported_by: list[str] = field(default_factory=list)
    rows: list[ReportedRow] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    covered_country: bool = False
    recycled: bool = False  # a supplier says 100% of its feedstock is recycled or scrap
    contradiction: bool = False
    overridden: bool = False
    excluded: bool = False
    override: SmelterOverride | None = None


@dataclass
class UnresolvedRow:
    """Rows that name the same unresolved thing, from one or more suppliers."""

    key: str  # MatchDecision key (metal, name, country): decide once, applies to all of them
    metal: str
    name: str
    country: str
    smelter_id: str  # the IDs written, ", "-joined; "" when no supplier gave one
    reason: str
    candidates: list[Candidate]
    suppliers: list[str] = field(default_factory=list)
    rows: list[ReportedRow] = field(default_factory=list)
    left_unknown: bool = False  # the user looked and chose to leave it unknown (not in Annex A)


@dataclass
class AnnexRow:
    metal: str
    name: str
    country: str
    cid: str
    status: str


@dataclass
class Rollup:
    smelters: list[RolledSmelter]
    unresolved: list[UnresolvedRow]
    summary: Summary
    reference_status_as_of: str

    def annex_rows(self) -> list[AnnexRow]:
        """Annex A: every known smelter reported and not excluded, by metal then name."""
        return [
            AnnexRow(s.metal, s.name, s.country, s.cid, s.status)
            for s in self.smelters
            if not s.excluded
        ]

    def status_as_of(self) -> str:
        """The date to print above Annex A: the oldest RMI status date among its rows."""
        dates = [s.status_as_of for s in self.smelters if not s.excluded and not s.overridden and s.status_as_of]
        return min(dates, default=self.reference_status_as_of)

    def status_is_stale(self, today: date) -> bool:
        """True when any status shown is older than 12 months (the warning in UI and exports)."""
        dates = [s.status_as_of for s in self.smelters if not s.overridden] or [self.reference_status_as_of]
        return any(status_is_stale(d, today) for d in dates)

    def stale_warning(self, today: date) -> str:
        if not self.status_is_stale(today):
            return ""
        oldest = min((s.status_as_of for s in self.smelters if s.status_as_of), default=self.reference_status_as_of)
        return (
            f"Smelter statuses are as of {oldest or 'an unknown date'}, more than 12 months ago. "
            "Import RMI's current facility lists and move this project to them before filing."
        )


# A distinct row's match, the smelter or unresolved group its rows join, and who reported that
# (a set to test, the entry's list to show).
_Entry = tuple[Match, RolledSmelter | UnresolvedRow, set[str], list[str]]


def rollup(
    declarations: Iterable[Declaration],
    reference: SmelterReference,
    decisions: Iterable[MatchDecision] = (),
    overrides: Iterable[SmelterOverride] = (),
    supplier_names: Mapping[str, str] | None = None,
    suppliers_surveyed: int | None = None,
    left_unknown: Iterable[str] = (),
) -> Rollup:
    """Match every smelter row of every declaration and roll them up per metal and smelter.

    `supplier_names` maps a declaration's path (or file name) to the supplier's name in the
    project; by default the company name written in the file. `suppliers_surveyed` is the number
    of suppliers asked, for the response rate. `left_unknown` holds the keys of unresolved
    rows the user chose to leave unknown.
    """
    declarations = list(declarations)
    index = decision_index(decisions)
    # Per distinct row as matching reads it (the same dirty row recurs across suppliers): its
    # match, the entry its rows join, and who reported that entry. Matched and placed once.
    entries: dict[tuple, _Entry] = {}
    merged: dict[str, set[int]] = {}  # the matches already merged into each unresolved group
    rolled: dict[tuple[str, str], RolledSmelter] = {}
    unresolved: dict[str, UnresolvedRow] = {}
    # Who reported each smelter or unresolved entry, as sets: a list lookup per row grows with the
    # number of suppliers, and the roll-up must stay linear to 200,000 rows.
    members: dict[object, set[str]] = {}

    with collector_paused():  # hundreds of thousands of objects, no cycles (see collector.py)
        for declaration in declarations:
            give_way()  # worked out in the background: the window's own work goes first (foreground.py)
            supplier = supplier_name(declaration, supplier_names)
            file_name = declaration.file_name
            for row in declaration.smelters:
                if row.duplicate_of is not None:
                    continue  # the reader marks exact repeats; count the first only
                signature = match_signature(row)
                entry = entries.get(signature)
                if entry is None:
                    match = match_row(row, reference, index)
                    if match.resolved:
                        entry = entries[signature] = _resolved_entry(rolled, reference, match, members)
                    else:
                        entry = entries[signature] = _unresolved_entry(unresolved, row_key(row), match, row,
                                                                        members, merged)
                match, target, reporters, names = entry
                target.rows.append(ReportedRow(supplier, file_name, row, match))
                if supplier not in reporters:
                    reporters.add(supplier)
                    names.append(supplier)
                if row.recycled_scrap and match.resolved and not target.recycled:
                    target.recycled = row.recycled_scrap.strip().lower() == "yes"

    _apply_overrides(rolled, overrides)
    order = {metal: i for i, metal in enumerate(METALS)}
    smelters = sorted(rolled.values(), key=lambda s: (order.get(s.metal, 9), s.name.casefold(), s.cid))
    for smelter in smelters:
        smelter.reported_by.sort(key=str.casefold)
    leftovers = sorted(unresolved.values(), key=lambda u: (order.get(u.metal, 9), u.name.casefold()))
    acknowledged = set(left_unknown)
    # Projects saved before issue 11 keyed this by each row's ID as well: metal|name|country|ID.
    # Only such a key (three "|" at least) needs every row's keys worked out (0.3 s at 50k rows).
    older_keys = any(key.count("|") >= 3 for key in acknowledged)
    for entry in leftovers:
        entry.left_unknown = entry.key in acknowledged or older_keys and any(
            key in acknowledged for r in entry.rows for key in stored_keys(r.row)
        )
    summary = summarise(smelters, leftovers, declarations, supplier_names, suppliers_surveyed)
    return Rollup(smelters, leftovers, summary, reference.status_as_of)


def _resolved_entry(rolled, reference: SmelterReference, match: Match, members: dict) -> _Entry:
    key = (match.metal, match.cid)
    smelter = rolled.get(key)
    if smelter is None:
        ref = reference.smelters[key]
        smelter = rolled[key] = RolledSmelter(
            ref.metal, ref.cid, ref.name, ref.country, ref.status, ref.status_label,
            ref.status_as_of, ref.status_source, ref.status, covered_country=ref.covered_country,
        )
    if match.method not in smelter.methods:
        smelter.methods.append(match.method)
    if match.flags:  # most matches carry none
        for flag in match.flags:
            if flag not in smelter.flags:
                smelter.flags.append(flag)
        smelter.contradiction = smelter.contradiction or bool(_CONTRADICTIONS & set(match.flags))
    return match, smelter, members.setdefault(key, set()), smelter.reported_by


def _unresolved_entry(unresolved, key: str, match: Match, row: SmelterRow, members: dict,
                      merged: dict[str, set[int]]) -> _Entry:
    written_id = row.smelter_id or row.looked_up_id
    group = unresolved.get(key)
    if group is None:
        group = unresolved[key] = UnresolvedRow(
            key, match.metal, row_name(row), row.country, written_id, match.reason, match.candidates,
        )
        seen = merged[key] = {id(match)}
    else:
        seen = merged[key]
    if id(match) not in seen:  # another way of writing the same thing: its match joins the group
        seen.add(id(match))
        # Rows with and without a pasted ID are one smelter (issue 11); the ID's explanation
        # (RMI removed it, and where RMI points) says more than "no name matches".
        if written_id and written_id not in group.smelter_id.split(", "):
            if not group.smelter_id:
                group.reason = match.reason
            group.smelter_id = ", ".join(filter(None, (group.smelter_id, written_id)))
        group.candidates = ranked(group.candidates + match.candidates)
    return match, group, members.setdefault(key, set()), group.suppliers


def _apply_overrides(rolled, overrides: Iterable[SmelterOverride]) -> None:
    for override in overrides:  # later overrides win, as the user's latest word
        smelter = rolled.get((override.metal, override.cid))
        if smelter is None:
            continue
        smelter.override = override
        smelter.excluded = override.exclude_from_annex
        if override.status is not None:
            smelter.overridden = True
            smelter.status = override.status
            who = f" by {override.decided_by}" if override.decided_by else ""
            smelter.status_source = f"overridden{who} on {override.decided_at[:10]}: {override.note}"
            smelter.status_as_of = override.decided_at[:10]
