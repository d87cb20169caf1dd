"""Each project keeps the smelter facts it uses (issue 11): statuses, names and their as-of date.

The app-wide reference (shipped, or updated by the user) is only where a project's facts come
from. A project takes a snapshot of it once, and from then on opening it or re-exporting it gives
the same figures, whatever the app's lists say later. Moving a project to a newer list is an
explicit act: `preview_project_move` shows what changes for this project (statuses, names,
figures before and after) and `apply_project_move` records it in the project's history.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone

from desktop import __version__
from desktop.core.cmrt.model import METALS
from desktop.core.project import Project
from desktop.core.project.store import current_user
from desktop.core.smelters import SmelterReference, load_reference
from desktop.core.smelters.reference import reference_from_bytes, reference_in_force_path, reference_to_bytes
from desktop.core.smelters.summary import Summary

_PARSED: dict[str, SmelterReference] = {}  # sha256 -> reference: opening a project parses once
_PARSING = threading.Lock()
_APP: dict[tuple, SmelterReference] = {}  # (path, mtime, size) -> the app's reference in force


def app_reference() -> SmelterReference:
    """The app-wide reference in force, parsed once per version of its file (shared: read only).

    The Smelters step asks on every refresh whether newer lists are in the app; parsing the file
    each time would cost about 0.1 s.
    """
    path = reference_in_force_path()
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _APP:
        _APP.clear()
        _APP[key] = load_reference(path)
    return _APP[key]


def project_reference(project: Project) -> SmelterReference:
    """The smelter reference this project uses (its snapshot, taken now if it has none)."""
    ensure_snapshot(project)
    return snapshot_reference(project.reference_snapshot(), project.path.name)


def snapshot_reference(stored, project_name: str) -> SmelterReference:
    """A stored snapshot parsed, once per content (any thread: opening computes figures off the UI's)."""
    with _PARSING:
        reference = _PARSED.get(stored.sha256)
        if reference is None:
            reference = reference_from_bytes(stored.reference, f"{project_name} (its smelter statuses)")
            if len(_PARSED) >= 4:  # a few projects open in one session; not a growing cache
                _PARSED.pop(next(iter(_PARSED)))
            _PARSED[stored.sha256] = reference
        return reference


def ensure_snapshot(project: Project) -> str:
    """Give the project its own copy of the reference in force if it has none.

    Returns a message for the user when a project with work in it (supplier files or exports,
    made by a version before snapshots) just received one, else "".
    """
    if project.reference_snapshot() is not None:
        return ""
    reference = app_reference()
    had_work = project.has_files_or_exports()
    reason = (
        f"First opened by version {__version__}: the smelter statuses in force in the app then "
        f"became this project's own."
        if had_work
        else "Project started: the smelter statuses in force in the app became this project's own."
    )
    _store(project, reference, reason)
    if not had_work:
        return ""
    return (
        "This project now keeps its own copy of the smelter statuses: those this app used until today "
        f"(RMI statuses as of {reference.status_as_of or 'an unknown date'}; "
        f"{describe_sources(reference)}). Its figures will no longer change when the app's smelter lists "
        "are updated. To use a newer list in this project, choose “Smelter statuses for this project” "
        "on the Smelters step: you will see what changes before anything does."
    )


def describe_sources(reference: SmelterReference) -> str:
    files = [s.get("file", "") for s in reference.sources if s.get("file")]
    if files:
        return "from " + ", ".join(files)
    return f"from {reference.status_source or reference.lookup_source or 'the list shipped with the app'}"


@dataclass
class StatusMove:
    """A smelter of this project whose RMI status differs between the two lists."""

    metal: str
    cid: str
    name: str
    before: str
    after: str
    after_label: str = ""
    overridden: bool = False  # the user's override decides what Annex A prints, before and after


@dataclass
class NameChange:
    metal: str
    cid: str
    before: str
    after: str


@dataclass
class FigureChange:
    """One line of the figures a report prints, before and after the move."""

    what: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class ProjectMove:
    """What moving this project to another smelter reference would change, for the preview."""

    current: SmelterReference
    proposed: SmelterReference
    status_moves: list[StatusMove] = field(default_factory=list)
    name_changes: list[NameChange] = field(default_factory=list)
    joined_annex: list[str] = field(default_factory=list)  # "Tin CID001234 Name": now resolved
    left_annex: list[str] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)
    exports: list[str] = field(default_factory=list)  # "Report PDF on 2026-05-20", newest first

    @property
    def same_list(self) -> bool:
        return reference_to_bytes(self.current) == reference_to_bytes(self.proposed)

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.status_moves or self.name_changes or self.joined_annex or self.left_annex
            or any(f.changed for f in self.figures)
        )

    def export_warning(self) -> str:
        """The warning shown before moving a project that has already been exported, or ""."""
        if not self.exports:
            return ""
        return (
            f"Files were already exported from this project ({self.exports[0]}"
            + (f", and {len(self.exports) - 1} more" if len(self.exports) > 1 else "")
            + "). Those files keep the figures they were written with. After the move, any new export "
            "shows the figures on the right, so it will no longer match what was exported or filed."
        )

    def lines(self) -> list[str]:
        """Plain sentences: what is recorded in the project's history when the move is applied."""
        lines = [
            f"From RMI statuses as of {self.current.status_as_of or 'unknown'} to "
            f"{self.proposed.status_as_of or 'unknown'}.",
        ]
        lines += [f"{f.what}: {f.before} → {f.after}" for f in self.figures if f.changed]
        lines += [
            f"{m.metal} {m.cid} {m.name}: {m.before} → {m.after}" + (" (your override still applies)" if m.overridden else "")
            for m in self.status_moves
        ]
        lines += [f"{n.metal} {n.cid}: name {n.before} → {n.after}" for n in self.name_changes]
        lines += [f"Now in Annex A: {text}" for text in self.joined_annex]
        lines += [f"No longer in Annex A: {text}" for text in self.left_annex]
        return lines


def preview_project_move(project: Project, proposed: SmelterReference | None = None) -> ProjectMove:
    """What would change for this project if it used `proposed` (default: the app's reference)."""
    from desktop.core.filing.evidence import project_rollup  # filing uses this module for its reference

    current = project_reference(project)
    proposed = proposed if proposed is not None else app_reference()
    before, after = project_rollup(project, current), project_rollup(project, proposed)
    move = ProjectMove(current, proposed)
    old = {(s.metal, s.cid): s for s in before.smelters}
    new = {(s.metal, s.cid): s for s in after.smelters}
    for key in sorted(old.keys() & new.keys()):
        a, b = old[key], new[key]
        if a.rmi_status != b.rmi_status:
            move.status_moves.append(
                StatusMove(a.metal, a.cid, b.name, a.rmi_status, b.rmi_status, b.status_label, b.overridden)
            )
        if a.name != b.name:
            move.name_changes.append(NameChange(a.metal, a.cid, a.name, b.name))
    move.joined_annex = [f"{s.metal} {s.cid} {s.name}" for k, s in sorted(new.items()) if k not in old and not s.excluded]
    move.left_annex = [f"{s.metal} {s.cid} {s.name}" for k, s in sorted(old.items()) if k not in new and not s.excluded]
    move.figures = _figures(before.summary, after.summary, before.status_as_of(), after.status_as_of())
    move.figures.append(FigureChange("Rows not yet matched to a smelter", str(before.summary.unresolved_rows), str(after.summary.unresolved_rows)))
    move.exports = [f"{_kind(row['kind'])} on {row['created_at'][:10]}" for row in project.export_history()]
    return move


def _kind(key: str) -> str:
    return {
        "report_pdf": "Report PDF", "annex_pdf": "Annex A PDF", "annex_xlsx": "Annex A Excel",
        "annex_csv": "Annex A CSV", "edgar_html": "EDGAR HTML",
    }.get(key, key)


def _figures(before: Summary, after: Summary, as_of_before: str, as_of_after: str) -> list[FigureChange]:
    figures = [
        FigureChange("Statuses as of (Annex A)", as_of_before or "unknown", as_of_after or "unknown"),
        FigureChange("Known smelters and refiners", str(before.known_smelters), str(after.known_smelters)),
    ]
    for metal in METALS:
        a, b = before.metals[metal], after.metals[metal]
        figures.append(FigureChange(f"{metal}: Conformant or Active", _share(a), _share(b)))
    return figures


def _share(figures) -> str:
    if not figures.known_smelters:
        return "no known smelters"
    return f"{figures.percent_conformant_or_active}% ({figures.conformant_or_active} of {figures.known_smelters})"


class ExportedProjectMove(Exception):
    """Moving a project that has exports needs the user's explicit confirmation of the warning."""


def apply_project_move(project: Project, move: ProjectMove, confirmed_after_export: bool = False) -> None:
    """Make `move.proposed` this project's reference, recording the change in its history."""
    if move.exports and not confirmed_after_export:
        raise ExportedProjectMove(move.export_warning())
    reason = (
        f"Moved to RMI statuses as of {move.proposed.status_as_of or 'unknown'} "
        f"({describe_sources(move.proposed)})."
    )
    _store(project, move.proposed, reason, "\n".join(move.lines()))


def store_snapshot(project: Project, reference: SmelterReference, reason: str) -> None:
    """Record `reference` as the statuses in force in `project` (a new project started from another)."""
    _store(project, reference, reason)


def _store(project: Project, reference: SmelterReference, reason: str, changes: str = "") -> None:
    project.add_reference_snapshot(
        reference_to_bytes(reference),
        taken_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        taken_by=current_user(),
        reason=reason,
        status_as_of=reference.status_as_of,
        lookup_source=reference.lookup_source,
        sources=list(reference.sources),
        changes=changes,
    )
