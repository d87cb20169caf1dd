"""Merging a Smelter Look-up with RMI's status lists into one SmelterReference.

Used both to build the shipped reference and to apply a user's offline update, so both paths
give the same facts for the same files.
"""

from __future__ import annotations

import re

from desktop.core.smelters.names import country_key, metal_key, smelter_id_key
from desktop.core.smelters.reference import Alias, Smelter, SmelterReference
from desktop.core.smelters.sources import STATUS_KINDS, LookupTable, StatusLists, cell_text, iso_date
from desktop.core.smelters.statuses import (
    ACTIVE,
    CONFORMANT,
    CONFORMANT_OR_ACTIVE,
    CROSS_RECOGNIZED,
    NOT_ENROLLED,
    REMOVED,
    filing_status,
)

_VALID_CID = re.compile(r"^CID\d{6}$")


def assemble_reference(
    lookup: LookupTable,
    statuses: StatusLists,
    legacy_ids: dict[str, str],
    named_aliases: list[tuple[str, str, str, str]] = (),
    older_lookups: list[LookupTable] = (),
    other_sources: list[dict] = (),
) -> SmelterReference:
    """One smelter per (metal, CID) in the look-up, each with the best status the lists give.

    `named_aliases` are (metal, name, CID, source) rows from older RMI/CFSI lists; they only add
    names to smelters that exist, never new smelters. Smelters found only in `older_lookups` or
    in the full list are kept (so their IDs still resolve) but marked as not in the look-up.
    `other_sources` are file_record()s of the ID and alias tables, cited with the lists.
    """
    smelters: dict[tuple[str, str], Smelter] = {}
    aliases: list[Alias] = []
    for row in lookup.rows:
        key = (row.metal, row.cid)
        if key not in smelters:
            smelters[key] = Smelter(row.metal, row.cid, row.standard_name, row.country, row.city, row.state)
        aliases.append(Alias(row.metal, row.lookup_name, row.cid, lookup.source))

    for older in older_lookups:
        for row in older.rows:
            key = (row.metal, row.cid)
            if key not in smelters:
                smelters[key] = Smelter(
                    row.metal, row.cid, row.standard_name, row.country, row.city, row.state,
                    in_lookup=False,
                )
            aliases.append(Alias(row.metal, row.lookup_name, row.cid, older.source))

    for record in statuses.full_list:
        metal, cid = metal_key(cell_text(record.get("METAL"))), smelter_id_key(record.get("SMELTER ID"))
        if not _VALID_CID.match(cid):
            continue  # RMI's own typos ("CID0027634" for 8853 S.p.A.) would add a phantom smelter
        if (metal, cid) not in smelters:
            smelters[(metal, cid)] = Smelter(
                metal, cid, cell_text(record.get("STANDARD SMELTER NAME")),
                country_key(cell_text(record.get("COUNTRY"))), cell_text(record.get("CITY")),
                cell_text(record.get("STATE PROVINCE")), in_lookup=False,
            )
        aliases.append(Alias(metal, cell_text(record.get("SMELTER REFERENCE")), cid, statuses.source))

    _apply_statuses(smelters, statuses)
    _apply_removals(smelters, statuses.revisions)

    known_names = {(a.metal, a.name.casefold(), a.cid) for a in aliases}
    for metal, name, cid, source in named_aliases:
        if (metal, cid) in smelters and (metal, name.casefold(), cid) not in known_names:
            aliases.append(Alias(metal, name, cid, source))
            known_names.add((metal, name.casefold(), cid))

    seen, unique_aliases = set(), []
    for alias in aliases:
        if alias.name and (alias.metal, alias.name, alias.cid) not in seen:
            seen.add((alias.metal, alias.name, alias.cid))
            unique_aliases.append(alias)

    known_cids = {cid for _metal, cid in smelters}
    return SmelterReference(
        smelters=smelters,
        aliases=unique_aliases,
        legacy_ids={old: new for old, new in legacy_ids.items() if new in known_cids},
        lookup_source=lookup.source,
        lookup_as_of=lookup.as_of,
        status_source=statuses.source,
        status_as_of=statuses.as_of,
        revisions=[_revision_row(r) for r in statuses.revisions],
        sources=[*lookup.files, *statuses.files, *other_sources],
        lists=statuses.to_json(),
    )


def _apply_statuses(smelters: dict[tuple[str, str], Smelter], lists: StatusLists) -> None:
    """Full list's label first, then Active, Cross-recognized and Conformant lists; else Not Enrolled.

    Each status carries the date of the list it rests on. "On none of the lists" is only as recent
    as the oldest status list, so a Not Enrolled smelter is dated that way.
    """
    absent = lists.absence_as_of()
    status_sources = ", ".join(dict.fromkeys(lists.source_for(k) for k in STATUS_KINDS if getattr(lists, k)))
    for smelter in smelters.values():
        smelter.status = NOT_ENROLLED
        smelter.status_label = ""
        smelter.status_source = f"not on RMI's Conformant or Active lists ({status_sources or lists.source})"
        smelter.status_as_of = absent
    full_as_of = lists.as_of_for("full_list")
    # A full list older than the status lists must not keep a smelter Conformant that the newer
    # Conformant list no longer holds: then only its "not assessed" labels are used.
    full_is_older = bool(absent) and full_as_of < absent
    for record in lists.full_list:
        smelter = smelters.get(_key(record))
        label = cell_text(record.get("RMI STATUS"))
        word = filing_status(label)
        if smelter and label and not (full_is_older and word in CONFORMANT_OR_ACTIVE):
            smelter.status = word
            smelter.status_label = label
            smelter.status_source = f"RMI full smelter list ({lists.source_for('full_list')})"
            # "Not Enrolled" rests on the smelter being on none of the status lists: dated as they are.
            smelter.status_as_of = absent if (full_is_older and absent) else (full_as_of or absent)
            if full_is_older:
                smelter.status_source += f"; on none of RMI's status lists of {absent}"
    for record in lists.active:
        smelter = smelters.get(_key(record))
        if smelter:
            smelter.status, smelter.status_label = ACTIVE, cell_text(record.get("TYPE")) or ACTIVE
            smelter.status_source = f"RMI Active list ({lists.source_for('active')})"
            smelter.status_as_of = lists.as_of_for("active")
    for record in lists.cross_recognized:
        smelter = smelters.get(_key(record))
        if smelter:
            smelter.cross_recognition = _schemes(record) or cell_text(record.get("TYPE"))
            smelter.status = CROSS_RECOGNIZED
            smelter.status_label = _cross_label(smelter.cross_recognition)
            smelter.status_source = f"RMI Cross-recognized list ({lists.source_for('cross_recognized')})"
            smelter.status_as_of = lists.as_of_for("cross_recognized")
    for record in lists.conformant:
        smelter = smelters.get(_key(record))
        if not smelter:
            continue
        schemes = _schemes(record)
        smelter.cross_recognition = schemes
        smelter.status_source = f"RMI Conformant list ({lists.source_for('conformant')})"
        smelter.status_as_of = lists.as_of_for("conformant")
        smelter.last_audit_date = iso_date(record.get("LAST AUDIT DATE"))
        kind = filing_status(cell_text(record.get("TYPE")) or CONFORMANT)
        if kind == CROSS_RECOGNIZED or (schemes and not smelter.last_audit_date):
            # On RMI's conformant list through another scheme, with no RMAP assessment of its own.
            smelter.status, smelter.status_label = CROSS_RECOGNIZED, _cross_label(schemes)
            continue
        reaudit = cell_text(record.get("REAUDIT IN PROGRESS")).lower() == "yes"
        smelter.status = CONFORMANT
        smelter.status_label = "Conformant (re-audit in progress)" if reaudit else CONFORMANT
        smelter.audit_cycle = cell_text(record.get("AUDIT CYCLE")).lower()
        smelter.reaudit_in_progress = reaudit


def _schemes(record: dict) -> str:
    """The schemes RMI marks for a facility: its "LBMA RG" and "RJC" columns."""
    return ", ".join(s for s in ("LBMA RG", "RJC") if cell_text(record.get(s)).lower() in ("yes", "y", "x"))


def _cross_label(schemes: str) -> str:
    return f"Cross-recognized ({schemes})" if schemes else "Cross-recognized"


def _apply_removals(smelters: dict[tuple[str, str], Smelter], revisions: list[dict]) -> None:
    """A smelter whose latest RMI revision is "Removed", out of the look-up and off every list."""
    latest: dict[tuple[str, str], dict] = {}
    for record in revisions:
        key = _key(record)
        when = iso_date(record.get("REVISION DATE"))
        if key not in latest or when >= iso_date(latest[key].get("REVISION DATE")):
            latest[key] = record
    for key, record in latest.items():
        if cell_text(record.get("BASIS FOR REVISION")).lower() != "removed":
            continue
        smelter = smelters.get(key)
        if smelter is None or smelter.in_lookup:
            continue
        removed_on = iso_date(record.get("REVISION DATE"))
        # Flagged even when a status list still holds it (RMI's January 2023 Conformant list still
        # held three smelters its history removed in 2022): the user decides, with RMI's reason.
        smelter.removed = cell_text(record.get("DETAILS")) or "removed by RMI"
        if smelter.status not in CONFORMANT_OR_ACTIVE:
            smelter.status = REMOVED
            smelter.status_label = f"Removed by RMI on {removed_on or 'an unknown date'}"


def _key(record: dict) -> tuple[str, str]:
    return metal_key(cell_text(record.get("METAL"))), smelter_id_key(record.get("SMELTER ID"))


def _revision_row(record: dict) -> dict:
    return {
        "metal": metal_key(cell_text(record.get("METAL"))),
        "cid": smelter_id_key(record.get("SMELTER ID")) or cell_text(record.get("SMELTER ID")),
        "name": cell_text(record.get("STANDARD SMELTER NAME")),
        "country": country_key(cell_text(record.get("COUNTRY"))),
        "basis": cell_text(record.get("BASIS FOR REVISION")),
        "details": cell_text(record.get("DETAILS")),
        "revision_date": iso_date(record.get("REVISION DATE")),
        "added_date": iso_date(record.get("SMELTER ADDED DATE")),
    }
