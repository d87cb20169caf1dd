"""Updating the smelter reference offline, with a preview of what changes before anything is kept.

The user picks a newer blank CMRT (its Smelter Look-up) and/or RMI's facility lists as
downloaded (XLSX or CSV). We build the new reference in memory, show what was added, removed,
renamed or changed status, and only on apply write it to the data folder, keeping the previous
version beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from desktop.core.smelters.assemble import assemble_reference
from desktop.core.smelters.reference import (
    REFERENCE_FILE,
    Smelter,
    SmelterReference,
    save_reference,
    user_reference_dir,
)
from desktop.core.smelters.sources import (
    LISTS_ROLE,
    LOOKUP_ROLE,
    LOOKUP_SHEET,
    LookupRow,
    LookupTable,
    StatusLists,
    merge_lists,
    read_lookup,
    read_status_lists,
)

_STATUS_FIELDS = (
    "status", "status_label", "status_source", "status_as_of", "last_audit_date",
    "audit_cycle", "reaudit_in_progress", "removed", "cross_recognition",
)


@dataclass
class ReferenceDiff:
    old_reference: SmelterReference
    new_reference: SmelterReference
    added: list[Smelter] = field(default_factory=list)
    removed: list[Smelter] = field(default_factory=list)
    renamed: list[tuple[Smelter, Smelter]] = field(default_factory=list)  # (old, new)
    status_changed: list[tuple[Smelter, Smelter]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.status_changed)

    def lines(self) -> list[str]:
        """Plain sentences for the preview dialog."""
        new = self.new_reference
        lines = [
            f"Smelter list: {new.lookup_source} (released {new.lookup_as_of or 'date unknown'}).",
            f"Statuses: {new.status_source or 'unchanged'} (as of {new.status_as_of or 'unknown'}).",
            f"{len(self.added)} added, {len(self.removed)} removed, {len(self.renamed)} renamed, "
            f"{len(self.status_changed)} with a new status.",
        ]
        lines += [f"Added: {s.metal} {s.cid} {s.name}" for s in self.added]
        lines += [f"Removed: {s.metal} {s.cid} {s.name}" for s in self.removed]
        lines += [f"Renamed: {o.metal} {o.cid} {o.name} -> {n.name}" for o, n in self.renamed]
        lines += [
            f"Status: {o.metal} {o.cid} {o.name}: {o.status} -> {n.status} ({n.status_label or n.status})"
            for o, n in self.status_changed
        ]
        return lines


def preview_reference_update(
    reference: SmelterReference, files: list[str | Path], on_progress=None
) -> ReferenceDiff:
    """Build the updated reference from the files and compare it with `reference`; saves nothing.

    Files may be a newer blank CMRT (its Smelter Look-up) and any of RMI's facility lists, one at
    a time or several, in any form RMI or Excel gives them (.xlsx, .xls, Excel XML, CSV). A list
    kind not among the files is kept from `reference`; revision histories add up.
    `on_progress(done, total, file)` reports each file read.
    """
    from desktop.core.smelters.list_files import workbook_sheet_names  # the readers, only when updating

    files = [Path(f) for f in files]
    if not files:
        raise ValueError("Pick a newer CMRT template or RMI's facility lists to update from.")
    lookups = [f for f in files if LOOKUP_SHEET in workbook_sheet_names(f)]
    lists = [f for f in files if f not in lookups]
    if len(lookups) > 1:
        raise ValueError("Pick one CMRT template at a time: " + ", ".join(f.name for f in lookups))
    current = lookup_from_reference(reference, in_lookup=True)
    retired = lookup_from_reference(reference, in_lookup=False)
    if on_progress is not None and lookups:
        on_progress(0, len(files), lookups[0].name)
    lookup = read_lookup(lookups[0]) if lookups else current
    # Smelters that leave the look-up stay known (flagged), so old IDs still resolve.
    older = [current, retired] if lookups else [retired]
    kept = StatusLists.from_json(reference.lists) if reference.lists else None

    def progress(done: int, total: int, name: str) -> None:
        if on_progress is not None:
            on_progress(done + len(lookups), total + len(lookups), name)

    if lists:
        newer = read_status_lists(lists, progress)
        statuses = merge_lists(kept, newer) if kept is not None else newer
    elif kept is not None:
        statuses = kept
    else:  # a reference from before lists were kept: keep its statuses as they are
        statuses = StatusLists(
            source=reference.status_source, as_of=reference.status_as_of,
            files=[f for f in reference.sources if f.get("role") == LISTS_ROLE],
        )
    tables = [f for f in reference.sources if f.get("role") not in (LOOKUP_ROLE, LISTS_ROLE)]
    named = [
        (a.metal, a.name, a.cid, a.source)
        for a in reference.aliases
        if a.source != reference.lookup_source
    ]
    new = assemble_reference(lookup, statuses, reference.legacy_ids, named, older, tables)
    if not lists and kept is None:
        new.revisions = list(reference.revisions)
        for key, smelter in new.smelters.items():
            old = reference.smelters.get(key)
            if old is not None:
                for name in _STATUS_FIELDS:
                    setattr(smelter, name, getattr(old, name))
    if on_progress is not None:
        on_progress(len(files), len(files), "")
    return compare(reference, new)


def compare(old: SmelterReference, new: SmelterReference) -> ReferenceDiff:
    diff = ReferenceDiff(old, new)
    old_listed = {k: s for k, s in old.smelters.items() if s.in_lookup}
    new_listed = {k: s for k, s in new.smelters.items() if s.in_lookup}
    diff.added = [new_listed[k] for k in sorted(new_listed.keys() - old_listed.keys())]
    diff.removed = [old_listed[k] for k in sorted(old_listed.keys() - new_listed.keys())]
    for key in sorted(old_listed.keys() & new_listed.keys()):
        before, after = old_listed[key], new_listed[key]
        if before.name != after.name:
            diff.renamed.append((before, after))
        # The filing word, not the label: a list without labels must not look like 100 changes.
        if before.status != after.status:
            diff.status_changed.append((before, after))
    return diff


def apply_reference_update(diff: ReferenceDiff, folder: str | Path | None = None) -> Path:
    """Keep the previous reference under previous/, then write the new one; returns its path."""
    folder = Path(folder) if folder else user_reference_dir()
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    as_of = diff.old_reference.status_as_of or "unknown"
    kept = folder / "previous" / f"smelter-reference_{as_of}_{stamp}.json.gz"
    number = 1
    while kept.exists():  # two updates in one second must not overwrite a kept version
        number += 1
        kept = kept.with_name(f"smelter-reference_{as_of}_{stamp}-{number}.json.gz")
    save_reference(diff.old_reference, kept)
    return save_reference(diff.new_reference, folder / REFERENCE_FILE)


def restore_reference(previous: str | Path, folder: str | Path | None = None) -> ReferenceDiff:
    """Go back to a kept version; the one replaced is itself kept, so nothing is ever lost."""
    from desktop.core.smelters.reference import load_reference

    diff = compare(load_reference(), load_reference(previous))
    apply_reference_update(diff, folder)
    return diff


def previous_references(folder: str | Path | None = None) -> list[Path]:
    folder = Path(folder) if folder else user_reference_dir()
    return sorted((folder / "previous").glob("smelter-reference_*.json.gz"))


def lookup_from_reference(reference: SmelterReference, in_lookup: bool) -> LookupTable:
    """The reference's own smelters and look-up names, in the shape a template would give."""
    rows = []
    for smelter in reference.smelters.values():
        if smelter.in_lookup != in_lookup:
            continue
        rows.append(_row(smelter, smelter.name))
    for alias in reference.aliases:
        smelter = reference.smelters.get((alias.metal, alias.cid))
        if smelter is not None and smelter.in_lookup == in_lookup and alias.source == reference.lookup_source:
            rows.append(_row(smelter, alias.name))
    files = [f for f in reference.sources if f.get("role") == LOOKUP_ROLE] if in_lookup else []
    return LookupTable(rows, reference.lookup_source, reference.lookup_as_of, files=files)


def _row(smelter: Smelter, lookup_name: str) -> LookupRow:
    return LookupRow(smelter.metal, lookup_name, smelter.name, smelter.country, smelter.cid, smelter.city, smelter.state)

