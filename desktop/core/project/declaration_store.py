"""Supplier files in a project: original bytes and SHA-256 (the record), and what was read from them."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from dataclasses import dataclass

from desktop.core.cmrt.model import Declaration
from desktop.core.foreground import background_work, give_way, worker_awaited
from desktop.core.project.declaration_json import declarations_from_json, declaration_to_json
from desktop.core.project.who_when import current_user, now_iso

_FACTS = ("revision", "company_name", "scope", "effective_date", "verdict", "problem", "parsed")


@dataclass
class StoredDeclaration:
    """One stored supplier file; `declaration` is None when the file could not be read."""

    id: int
    supplier_id: int | None
    file_name: str
    sha256: str
    imported_at: str
    is_current: bool
    problem: str
    declaration: Declaration | None


def declaration_facts(declaration: Declaration) -> dict:
    """The searchable columns kept beside the parsed JSON."""
    effective = declaration.company.effective_date
    return {
        "revision": declaration.revision,
        "company_name": declaration.company.name,
        "scope": declaration.company.scope,
        "effective_date": effective.isoformat() if effective else None,
        "verdict": declaration.verdict.value,
        "parsed": declaration_to_json(declaration),
    }


class DeclarationRecords:
    """Mixed into Project: needs `self.con`, `self.reader()`, `self.transaction()` and `current_user()`."""

    def damaged_originals(self) -> list[sqlite3.Row]:
        """Stored supplier files whose bytes no longer match the SHA-256 taken at import.

        SQLite's integrity check does not see a flipped byte inside a stored file, so the record is
        checked against its own fingerprint (one row at a time: about 1 s per GB). A stored original
        is never rewritten, so each is hashed once per opening of the project: the Export step asks
        on every visit, and a 500-supplier project holds 650 MB of originals."""
        intact = self._intact_originals()
        ahead = self.__dict__.get("_originals_ahead")
        if ahead is not None:
            with worker_awaited():  # it must not give way to the window that waits for it
                ahead.join()  # its hashes count; the rest are taken below
        damaged = []
        for row in self.con.execute(
            "SELECT d.id, d.file_name, d.sha256, d.imported_at, f.declaration_id IS NOT NULL AS kept "
            "FROM declarations d LEFT JOIN declaration_files f ON f.declaration_id = d.id ORDER BY d.id"
        ).fetchall():
            if not row["kept"]:  # the original itself is gone: as damaged as a flipped byte
                damaged.append(row)
                continue
            if (row["id"], row["sha256"]) in intact:
                continue
            if hashlib.sha256(self.declaration_bytes(row["id"])).hexdigest() != row["sha256"]:
                damaged.append(row)
            else:
                intact.add((row["id"], row["sha256"]))
        return damaged

    def _intact_originals(self) -> set[tuple[int, str]]:
        return self.__dict__.setdefault("_intact_hashes", set())  # (id, sha256) hashed this opening

    def check_originals_ahead(self) -> None:
        """Hash the stored originals on a worker thread, through a reader of its own (`reader()`),
        so the Export step's first readiness check finds them done. Hashing and SQLite reads leave
        Python's lock, but on a busy two-core machine the thread still takes a core from the
        window: it gives way while the window opens and fills in a step (foreground.py)."""
        intact, connect = self._intact_originals(), self.reader

        def work() -> None:
            with background_work():
                _work()

        def _work() -> None:
            give_way()  # the window opening paints first (foreground.py)
            try:
                con = connect()
            except sqlite3.Error:
                return  # damaged_originals() hashes them itself
            try:
                kept = con.execute("SELECT d.id, d.sha256 FROM declarations d JOIN declaration_files f "
                                   "ON f.declaration_id = d.id").fetchall()
                for declaration_id, sha256 in kept:
                    give_way()  # on a busy machine, a step the user clicked fills in first
                    if hashlib.sha256(declaration_bytes(con, declaration_id)).hexdigest() == sha256:
                        intact.add((declaration_id, sha256))
            except (sqlite3.Error, KeyError):  # KeyError: a file gone since the list was read
                pass  # what was not hashed here is hashed by damaged_originals()
            finally:
                con.close()

        thread = threading.Thread(target=work, name="originals ahead", daemon=True)
        self.__dict__["_originals_ahead"] = thread
        thread.start()

    def add_declaration_file(
        self,
        file_bytes: bytes,
        file_name: str,
        original_path: str = "",
        supplier_id: int | None = None,
        con: sqlite3.Connection | None = None,
        sha256: str = "",
        **facts,
    ) -> int:
        """Keep a supplier file's bytes with their SHA-256; it becomes the supplier's current file.

        Pass `con` to write inside a transaction the caller already opened (a batch import), and
        `sha256` when the caller hashed these very bytes already.
        """
        if con is None:
            with self.transaction() as con:
                return self.add_declaration_file(file_bytes, file_name, original_path, supplier_id, con, sha256,
                                                 **facts)

        unknown = set(facts) - set(_FACTS)
        if unknown:
            raise ValueError(f"unknown declaration facts: {sorted(unknown)}")
        columns = ["supplier_id", "file_name", "original_path", "sha256", "imported_at", "imported_by"]
        values = [
            supplier_id, file_name, original_path, sha256 or hashlib.sha256(file_bytes).hexdigest(),
            now_iso(), current_user(),
        ]
        columns += list(facts)
        values += list(facts.values())
        if supplier_id is not None:
            con.execute("UPDATE declarations SET is_current = 0 WHERE supplier_id = ?", (supplier_id,))
        cursor = con.execute(
            f"INSERT INTO declarations ({', '.join(columns)}) VALUES ({', '.join('?' * len(values))})", values
        )
        con.execute("INSERT INTO declaration_files (declaration_id, file_bytes) VALUES (?, ?)",
                    (cursor.lastrowid, file_bytes))
        return cursor.lastrowid

    def assign_declaration(self, declaration_id: int, supplier_id: int | None) -> None:
        """File a declaration under a supplier; it replaces that supplier's current one if newer."""
        with self.transaction() as con:
            if supplier_id is not None:
                con.execute(
                    "UPDATE declarations SET is_current = 0 WHERE supplier_id = ? AND id < ?",
                    (supplier_id, declaration_id),
                )
                newer = con.execute(
                    "SELECT 1 FROM declarations WHERE supplier_id = ? AND id > ? AND is_current = 1",
                    (supplier_id, declaration_id),
                ).fetchone()
                current = 0 if newer else 1
            else:
                current = 1
            con.execute(
                "UPDATE declarations SET supplier_id = ?, is_current = ? WHERE id = ?",
                (supplier_id, current, declaration_id),
            )

    def declaration_bytes(self, declaration_id: int) -> bytes:
        return declaration_bytes(self.con, declaration_id)

    def declaration_rows(self, current_only: bool = True) -> list[sqlite3.Row]:
        """Declaration facts without the file bytes (they can be large)."""
        where = "WHERE is_current = 1" if current_only else ""
        return self.con.execute(
            "SELECT id, supplier_id, file_name, original_path, sha256, imported_at, imported_by, revision, "
            f"company_name, scope, effective_date, verdict, is_current, problem FROM declarations {where} "
            "ORDER BY id"
        ).fetchall()

    def stored_declarations(self, current_only: bool = True) -> list[StoredDeclaration]:
        return self.decoded_declarations.stored(self.con, current_only)

    @property
    def decoded_declarations(self) -> "DecodedDeclarations":
        """This project's declarations as decoded so far (any thread may read through it)."""
        decoded = self.__dict__.get("_decoded_declarations")
        if decoded is None:
            decoded = self.__dict__["_decoded_declarations"] = DecodedDeclarations()
        return decoded


class DecodedDeclarations:
    """Stored declarations decoded once each, kept by row id.

    A stored file's text never changes (a file imported again is a new row), so what changes
    between two readings is only which rows there are and their supplier and current flag: a
    decision on one smelter, a reminder date or a supplier's new name no longer decodes every
    smelter row again (0.6 s at 500 suppliers, on the window's thread after each decision)."""

    def __init__(self) -> None:
        # (row id, file's SHA-256): were a row ever deleted and its id given to another file, the
        # other file is not taken for it.
        self._by_row: dict[tuple[int, str], Declaration | None] = {}
        self._lock = threading.Lock()  # the figures worker reads through it too

    def stored(self, con: sqlite3.Connection, current_only: bool = True) -> list[StoredDeclaration]:
        """The stored declarations, through any connection (a worker thread's `reader()`)."""
        where = "WHERE is_current = 1" if current_only else ""
        rows = con.execute(
            f"SELECT id, supplier_id, file_name, sha256, imported_at, is_current, problem FROM declarations {where} "
            "ORDER BY id"
        ).fetchall()
        keys = [(row["id"], row["sha256"]) for row in rows]
        with self._lock:
            found = {key: self._by_row[key] for key in keys if key in self._by_row}
        missing = [key for key in keys if key not in found]
        if missing:
            texts = _stored_texts(con, [declaration_id for declaration_id, _ in missing])
            found.update(zip(missing, declarations_from_json(texts[declaration_id] for declaration_id, _ in missing)))
        with self._lock:
            self._by_row.update(found)
            if current_only:  # files replaced since are not kept
                for key in [key for key in self._by_row if key not in found]:
                    del self._by_row[key]
        return [
            StoredDeclaration(row["id"], row["supplier_id"], row["file_name"], row["sha256"], row["imported_at"],
                              bool(row["is_current"]), row["problem"], found[key])
            for row, key in zip(rows, keys)
        ]


def declaration_bytes(con: sqlite3.Connection, declaration_id: int) -> bytes:
    """A stored supplier file's original bytes, through any connection (a pinned read's too)."""
    row = con.execute("SELECT file_bytes FROM declaration_files WHERE declaration_id = ?", (declaration_id,)).fetchone()
    if row is None:
        raise KeyError(declaration_id)
    return bytes(row[0])


def _stored_texts(con: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    texts: dict[int, str] = {}
    for start in range(0, len(ids), 500):  # within SQLite's limit on parameters
        some = ids[start:start + 500]
        texts.update(con.execute(
            f"SELECT id, parsed FROM declarations WHERE id IN ({', '.join('?' * len(some))})", some).fetchall())
    return texts
