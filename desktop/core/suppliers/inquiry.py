"""The supplier inquiry: bring supplier CMRT files into a project.

Import runs in two phases so that a cancelled or failed import leaves the project unchanged:
`read_supplier_files` reads and checks the files (slow, cancellable, touches no project), then
`save_import` writes the chosen ones in a single transaction.

Each file is read once; those bytes are hashed, parsed and, between the two phases, kept in a
private temporary file (not in memory, not the user's file, which may change or vanish before the
user confirms), so memory stays flat however many files are imported (issue 13).
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from desktop.core.cmrt import load_many
from desktop.core.cmrt.model import Declaration, UnreadableFile, Verdict
from desktop.core.cmrt.workbook_file import read_workbook_bytes
from desktop.core.project import Project
from desktop.core.project.declaration_store import declaration_facts
from desktop.core.smelters.project_reference import ensure_snapshot
from desktop.core.suppliers import RequestState, Supplier, normalise_company_name, suggest_suppliers

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
# A suggestion this good is taken without asking (after normalising legal suffixes and case).
AUTO_MATCH_SCORE = 100


class _Spool:
    """The bytes of the files being imported, appended to one temporary file (deleted when closed
    or collected), so that only a few files are in memory at a time."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="cmdesk-import-")
        self._lock = threading.Lock()  # read by the reading worker, then by the UI thread's save
        self._end = 0
        weakref.finalize(self, self._file.close)  # gone with the last file that uses it

    def put(self, data: bytes) -> tuple[int, int]:
        with self._lock:
            self._file.seek(self._end)
            self._file.write(data)
            at, self._end = self._end, self._end + len(data)
        return at, len(data)

    def get(self, at: int, size: int) -> bytes:
        with self._lock:
            self._file.seek(at)
            data = self._file.read(size)
        if len(data) != size:
            raise OSError("the temporary copy of an imported file is incomplete")
        return data


@dataclass
class SupplierFile:
    """One file picked for import, after reading, with the roster supplier it seems to come from."""

    path: Path
    declaration: Declaration | None = None
    problem: str = ""
    sha256: str = ""  # of file_bytes, computed once when read
    size: int = 0  # of file_bytes; 0 when the file could not be opened
    supplier_id: int | None = None  # the roster supplier chosen; None with create_supplier=False: unassigned
    create_supplier: bool = False  # add the file's company to the roster as a new supplier
    suggestions: list[tuple[Supplier, float]] = field(default_factory=list)
    already_imported: bool = False
    _spool: _Spool | None = field(default=None, repr=False, compare=False)
    _at: int = field(default=0, repr=False, compare=False)

    @property
    def file_bytes(self) -> bytes:
        """The bytes as read (from the import's temporary copy, never from the file again)."""
        if self._spool is None or not self.size:
            return b""
        return self._spool.get(self._at, self.size)

    def _keep(self, spool: _Spool, data: bytes) -> None:
        self._spool = spool
        self._at, self.size = spool.put(data)

    @property
    def company_name(self) -> str:
        return self.declaration.company.name.strip() if self.declaration else ""


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the workbooks inside folders (recursively, in name order)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(
                (p for p in path.rglob("*") if p.suffix.lower() in WORKBOOK_SUFFIXES and p.is_file()
                 and not p.name.startswith("~$")),  # Excel's lock files
                key=lambda p: str(p).casefold(),
            )
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path, None)
    return list(unique)


def _read_bytes(path: Path) -> tuple[bytes, str]:
    """The file's bytes, read once: they are stored, hashed and parsed (a file replaced on disk
    during the import cannot make the stored original differ from what was read)."""
    try:
        return read_workbook_bytes(path), ""
    except UnreadableFile as refusal:
        return b"", str(refusal)


def read_supplier_files(
    paths: Iterable[str | Path],
    suppliers: list[Supplier],
    known_hashes: set[str] = frozenset(),
    on_progress: Callable[[int, int, str], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> list[SupplierFile] | None:
    """Read and check the files and suggest their suppliers; None when cancelled.

    `workers`: reading processes, by default one per core."""
    files = [SupplierFile(path) for path in expand_paths(paths)]
    spool = _Spool()
    readable: list[SupplierFile] = []
    for item in files:
        if should_cancel is not None and should_cancel():
            return None
        data, item.problem = _read_bytes(item.path)
        if data:
            item.sha256 = hashlib.sha256(data).hexdigest()
            item.already_imported, item.size = item.sha256 in known_hashes, len(data)
            if not item.already_imported:
                item._keep(spool, data)
        del data  # one file in memory at a time
        if not item.problem and not item.already_imported:
            readable.append(item)
    results = load_many([str(f.path) for f in readable], workers, on_progress, should_cancel,
                        contents=lambda index: readable[index].file_bytes)
    if should_cancel is not None and should_cancel():
        return None
    by_path = {str(f.path): f for f in readable}
    for result in results:
        item = by_path[result.path]
        if isinstance(result, UnreadableFile):
            item.problem = str(result)
        else:
            item.declaration = result
            _suggest_supplier(item, suppliers)
    return files


def _suggest_supplier(item: SupplierFile, suppliers: list[Supplier]) -> None:
    item.suggestions = suggest_suppliers(item.company_name, suppliers)
    if item.suggestions and item.suggestions[0][1] >= AUTO_MATCH_SCORE:
        item.supplier_id = item.suggestions[0][0].id
    elif item.company_name:
        item.create_supplier = True


def _state_after(verdict: Verdict) -> RequestState:
    return RequestState.COMPLETE if verdict == Verdict.COMPLETE else RequestState.NEEDS_FOLLOW_UP


def save_import(project: Project, files: list[SupplierFile]) -> list[int]:
    """Write the files into the project in one transaction; returns the new declaration ids.

    Readable files become their supplier's current declaration (older ones stay in the history);
    unreadable files are kept with their problem, unassigned, so the table can show them.
    Files already in the project (same SHA-256) and files that could not be opened are skipped.
    Several files naming one new company make one supplier, not one each; a company already on the
    roster under the same normalised name gets its files. A supplier's current file is its newest
    by effective date (the later import when dates tie), so an old file imported late stays history.
    """
    # The smelter statuses in force when the first files arrive become the project's own (issue 11).
    ensure_snapshot(project)
    suppliers = {s.id: s for s in project.suppliers()}
    by_name = {normalise_company_name(s.name): s for s in suppliers.values()}
    touched: set[int] = set()
    ids: list[int] = []
    with project.transaction() as con:
        for item in files:
            if item.already_imported or not item.size:  # duplicates, and files we could not open
                continue
            data = item.file_bytes
            if hashlib.sha256(data).hexdigest() != item.sha256:  # the temporary copy was damaged: store nothing
                raise OSError(f"the temporary copy of {item.path.name} changed after it was read; import it again")
            if item.declaration is None:
                ids.append(
                    project.add_declaration_file(
                        data, item.path.name, str(item.path), None, con, item.sha256,
                        problem=item.problem,
                        verdict=Verdict.UNUSABLE.value,
                    )
                )
                continue
            supplier = suppliers.get(item.supplier_id)
            if supplier is None and item.create_supplier:
                supplier = by_name.get(normalise_company_name(item.company_name))
            if supplier is None and item.create_supplier:
                company = item.declaration.company
                supplier = Supplier(
                    name=item.company_name, contact_name=company.contact_name, email=company.contact_email,
                    phone=company.contact_phone,
                )
                project._write_supplier(con, supplier)
                suppliers[supplier.id] = supplier
                by_name[normalise_company_name(supplier.name)] = supplier
            if supplier is not None:
                # Receiving a file changes the request's progress, never whether the supplier was asked.
                supplier.request_state = _state_after(item.declaration.verdict)
                project._write_supplier(con, supplier)
                touched.add(supplier.id)
            ids.append(
                project.add_declaration_file(
                    data, item.path.name, str(item.path), supplier.id if supplier else None, con,
                    item.sha256, **declaration_facts(item.declaration),
                )
            )
        for supplier_id in touched:
            _make_newest_current(con, supplier_id)
    return ids


def _make_newest_current(con, supplier_id: int) -> None:
    """The supplier's current file: the latest effective date among its readable files, then the latest import."""
    newest = con.execute(
        "SELECT id FROM declarations WHERE supplier_id = ? AND parsed != '' "
        "ORDER BY COALESCE(effective_date, '') DESC, id DESC LIMIT 1",
        (supplier_id,),
    ).fetchone()
    if newest is not None:
        con.execute("UPDATE declarations SET is_current = (id = ?) WHERE supplier_id = ?", (newest[0], supplier_id))


def known_hashes(project: Project) -> set[str]:
    return {row["sha256"] for row in project.declaration_rows(current_only=False)}
