"""Export audit pack: one zip an auditor can check the filing from, with a README inside.

Holds the supplier originals byte for byte, the smelter status lists the project used, the
decisions log, the determination with its evidence, every recorded export, the figures workbook,
and a consistent copy of the project itself (re-opened, it gives the same figures). MANIFEST.sha256
lists every file of the pack with its SHA-256, in the format `sha256sum -c` reads.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.atomic import atomic_target
from desktop.core.filing.claims import CONFIRMED_PREFIX
from desktop.core.export.records import file_sha256
from desktop.core.export.figures_workbook import FiguresBook, figures_book, save_figures_book
from desktop.core.filing.evidence import project_conclusion, project_rollup
from desktop.core.project import Project
from desktop.core.project.pinned_read import PinnedRead

MANIFEST = "MANIFEST.sha256"
README = """Audit pack: {company}, reporting year {year}
Written {written} by the conflict-minerals filing desk from {project}.

project/                 the project file itself; open it in the app to see every step as filed.
                         Re-opened, it gives the same figures as figures.xlsx.
suppliers/               each supplier's CMRT as received, byte for byte (the current file of each
                         supplier, and older versions under suppliers/earlier/).
status-lists/            the smelter statuses the project used (in-force.json.gz: RMI statuses,
                         names and IDs, "as of" {as_of}) and the history of the lists it used.
decisions.csv            every decision a person took: smelter matches, status overrides and
                         exclusions, smelters left unknown, due diligence sentences confirmed
                         (what, who, when, note).
determination.txt        whether a Form SD and a Conflict Minerals Report are due, and why.
determination-evidence.csv  each supplier's answers per metal that the determination rests on.
exports/                 every file the project exported, as it is now on disk (see exports.csv for
                         the SHA-256 recorded when it was written and whether it still matches).
figures.xlsx             each figure in the report with the rows it is counted from.
MANIFEST.sha256          the SHA-256 of every file above (check with: sha256sum -c MANIFEST.sha256).
"""


def _safe(name: str) -> str:
    return re.sub(r"[^\w .,()&+-]+", "_", name).strip() or "unnamed"


def _csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")  # Excel opens UTF-8 CSV correctly with the BOM


def _decisions(project: Project) -> bytes:
    rows = [["What", "Subject", "Decision", "Who", "When", "Note"]]
    for d in project.decisions():
        subject = f"{d.metal}: {d.raw_name} ({d.raw_country}) {d.raw_id}".strip()
        rows.append(["Smelter match", subject, "not a smelter" if d.not_a_smelter else d.cid or "",
                     d.decided_by, d.decided_at, d.note])
    for o in project.overrides():
        decision = "excluded from Annex A" if o.exclude_from_annex else f"status set to {o.status}"
        rows.append(["Smelter status", f"{o.metal} {o.cid}", decision, o.decided_by, o.decided_at, o.note])
    for key, entry in project.left_unknown().items():
        rows.append(["Smelter left unknown", key, "left unknown", entry.get("by", ""), entry.get("at", ""), ""])
    for key, value in sorted(project.answers().items()):
        if key.startswith(CONFIRMED_PREFIX):
            record = json.loads(value or "{}")
            rows.append(["Due diligence sentence confirmed", key[len(CONFIRMED_PREFIX):], "confirmed",
                         record.get("by", ""), record.get("at", ""), ""])
    for snapshot in project.reference_snapshots():
        rows.append(["Smelter statuses taken", f"statuses as of {snapshot.status_as_of}", snapshot.reason,
                     snapshot.taken_by, snapshot.taken_at, snapshot.changes])
    return _csv(rows)


def _determination(project: Project, rolled) -> tuple[bytes, bytes]:
    conclusion = project_conclusion(project, rolled)
    text = [conclusion.determination.headline, ""] + [f"- {r}" for r in conclusion.determination.reasons]
    evidence = conclusion.evidence
    rows = [["Supplier", "File", "Metal", "Used", "Covered Countries", "All recycled or scrap",
             "All smelters identified", "Counts as", "Why"]]
    rows += [[a.supplier, a.file_name, a.metal, a.used, a.covered, a.recycled, a.all_identified, a.ground.value, a.why]
             for a in evidence.answers]
    return ("\n".join(text) + "\n").encode("utf-8"), _csv(rows)


# Already compressed (zip-based workbooks, gzip, PDF): stored as they are, since deflating them
# again cost most of the time (50 of 80 s at 500 suppliers) and saved little. The project copy
# holds those originals and compressible text: deflated at the fastest level (28% smaller).
_STORED_SUFFIXES = (".xlsx", ".xlsm", ".gz", ".zip", ".pdf", ".png", ".jpg")
_FASTEST = 1


class PackCancelled(Exception):
    """The user stopped writing the pack; nothing was left at the target."""


@dataclass
class AuditPack:
    """Everything the pack holds, gathered on the project's thread; save_audit_pack writes it anywhere."""

    entries: dict[str, bytes]  # small files, as they go into the pack
    originals: dict[str, int]  # pack name -> stored declaration id, read from `pinned` when written
    figures: FiguresBook
    project_name: str
    pinned: PinnedRead  # the project as it was when the pack was asked for

    def close(self) -> None:
        self.pinned.close()


def collect_audit_pack(project: Project, written_at: str = "") -> AuditPack:
    """Read what the pack needs from the open project (fast: no file bytes, no copy, no zip)."""
    rolled = project_rollup(project)
    registrant = project.registrant()
    entries: dict[str, bytes] = {}
    originals: dict[str, int] = {}
    suppliers = {s.id: s.name for s in project.suppliers()}
    for stored in project.stored_declarations(current_only=False):
        owner = _safe(suppliers.get(stored.supplier_id, "unassigned"))
        folder = "suppliers" if stored.is_current else "suppliers/earlier"
        name = f"{folder}/{owner}/{_safe(stored.file_name)}"
        if name in originals:
            name = f"{folder}/{owner}/{stored.id}-{_safe(stored.file_name)}"
        originals[name] = stored.id
    snapshot = project.reference_snapshot()
    if snapshot is not None:
        entries["status-lists/in-force.json.gz"] = snapshot.reference
        entries["status-lists/sources.json"] = json.dumps(snapshot.sources, indent=2).encode("utf-8")
    entries["decisions.csv"] = _decisions(project)
    entries["determination.txt"], entries["determination-evidence.csv"] = _determination(project, rolled)
    export_rows = [["Kind", "File", "Recorded SHA-256", "When", "In this pack"]]
    for row in project.export_history():
        path = Path(row["path"])
        data = path.read_bytes() if path.is_file() else None
        matches = data is not None and hashlib.sha256(data).hexdigest() == row["sha256"]
        if matches:
            entries[f"exports/{_safe(path.name)}"] = data
        export_rows.append([row["kind"], str(path), row["sha256"], row["created_at"],
                            "yes" if matches else ("no: changed since" if data is not None else "no: file missing")])
    entries["exports.csv"] = _csv(export_rows)
    entries["README.txt"] = README.format(
        company=registrant.company_name or "(no company name)", year=registrant.reporting_year or "(none)",
        written=written_at or "now", project=project.path.name,
        as_of=snapshot.status_as_of if snapshot else "unknown",
    ).encode("utf-8")
    return AuditPack(entries, originals, figures_book(project, rolled), project.path.name, PinnedRead(project.path))


def save_audit_pack(pack: AuditPack, target: str | Path,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> list[str]:
    """Write the pack at `target` (atomically); returns the names of its files (manifest last).

    Needs no open project, so it runs on a worker thread. `progress(done, total)` is told after
    each file; when `cancelled()` turns true it stops, leaves nothing at `target` and raises
    PackCancelled. Closes `pack` either way.
    """
    names: list[str] = []
    digests: dict[str, str] = {}
    total = len(pack.entries) + len(pack.originals) + 2  # + the figures workbook and the project copy
    try:
        with tempfile.TemporaryDirectory() as scratch, atomic_target(target) as temp:
            with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:

                def add(name: str, data: bytes | None = None, path: Path | None = None) -> None:
                    if cancelled is not None and cancelled():
                        raise PackCancelled()
                    method = zipfile.ZIP_STORED if name.lower().endswith(_STORED_SUFFIXES) else zipfile.ZIP_DEFLATED
                    if path is not None:
                        archive.write(path, name, compress_type=method, compresslevel=_FASTEST)
                        digests[name] = file_sha256(path)
                    else:
                        archive.writestr(name, data, compress_type=method)
                        digests[name] = hashlib.sha256(data).hexdigest()
                    names.append(name)
                    if progress is not None:
                        progress(len(names), total)

                for name, declaration_id in pack.originals.items():
                    add(name, pack.pinned.declaration_bytes(declaration_id))
                for name, data in pack.entries.items():
                    add(name, data)
                figures = Path(scratch, "figures.xlsx")
                save_figures_book(pack.figures, figures)
                add("figures.xlsx", path=figures)
                copy = pack.pinned.copy_to(Path(scratch, pack.project_name))
                add(f"project/{pack.project_name}", path=copy)
                manifest = "".join(f"{digests[name]}  {name}\n" for name in sorted(digests))
                archive.writestr(MANIFEST, manifest.encode("utf-8"))
                names.append(MANIFEST)
    finally:
        pack.close()
    return names


def write_audit_pack(project: Project, target: str | Path, written_at: str = "") -> list[str]:
    """Gather and write the pack in one go (on the project's thread): tests and scripts."""
    return save_audit_pack(collect_audit_pack(project, written_at), target)
