"""One project (one filing year of one company) in one SQLite file.

Every change is written in its own transaction as the user works, in WAL mode with full sync, so
killing the app at any moment leaves the file with its last committed state. `init_db(con)` takes a
bare connection, so tests can use throw-away databases.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from desktop import PROJECT_SUFFIX
from desktop.core.project import schema
from desktop.core.project.attachment_store import AttachmentRecords
from desktop.core.project.declaration_store import DeclarationRecords
from desktop.core.project.reference_store import ReferenceSnapshotRecords
from desktop.core.project.smelter_store import SmelterDecisionRecords
from desktop.core.project.supplier_store import SupplierRecords
from desktop.core.project.errors import (
    NewerProjectVersion, NotAProjectFile, ProjectError, ProjectMissing, retryable_changes, save_failure,
)
from desktop.core.project.lock import ProjectLock
from desktop.core.project.pinned_read import copy_database
from desktop.core.project.who_when import current_user, now_iso
from desktop.core.filing.registrant import Registrant
from desktop.core.filing.scoping import Answer, MadeBy, Product

SQLITE_MAGIC = b"SQLite format 3\x00"


def init_db(con: sqlite3.Connection, path: Path | None = None) -> None:
    """Bring a connection's schema to the latest version, copying the file aside first if it has data."""
    version = con.execute("PRAGMA user_version").fetchone()[0]
    latest = schema.latest_version()
    if version < 0:
        raise NotAProjectFile(path or "the project", f"its format number ({version}) is not valid")
    if version > latest:
        raise NewerProjectVersion(path or "the project", version, latest)
    if version == latest:
        return
    if version > 0 and path is not None:
        backup_before_migration(con, path, version)
    for target in range(version + 1, latest + 1):
        _run_migration(con, schema.MIGRATIONS[target - 1], target)


def _run_migration(con: sqlite3.Connection, migration, target: int) -> None:
    try:
        if isinstance(migration, str):
            # executescript would commit a transaction opened by execute(), so BEGIN goes in the script.
            con.executescript(f"BEGIN IMMEDIATE;\n{migration}\nPRAGMA user_version = {target};\nCOMMIT;")
        else:
            con.execute("BEGIN IMMEDIATE")
            migration(con)
            con.execute(f"PRAGMA user_version = {target}")
            con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


def backup_before_migration(con: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the project (consistently, WAL included) before its schema changes."""
    backup = path.with_name(f"{path.name}.format{version}.bak")
    target = sqlite3.connect(backup)
    try:
        con.backup(target)
    finally:
        target.close()
    return backup


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per user change.
    # The lock file keeps other apps out, so a short busy timeout is enough (a long one froze typing).
    con = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=3)
    con.row_factory = sqlite3.Row
    con.text_factory = _text  # a damaged page must read as replacement characters, not crash a page
    return con


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A reader of its own for a worker thread (a connection belongs to the thread that uses it):
    in WAL mode it reads the committed data beside the UI's connection without blocking it."""
    con = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True, timeout=3)
    con.row_factory = sqlite3.Row
    con.text_factory = _text
    return con


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _check_is_project(path: Path) -> None:
    """Refuse files that are not our projects, before anything writes to them."""
    if not path.exists():
        raise ProjectMissing(path)
    if path.is_dir():
        raise NotAProjectFile(path, "it is a folder")
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise NotAProjectFile(path, "its contents are not a project database")
    # Work is saved as the user goes, beside the file too (SQLite's -wal file): both must be writable.
    # Checked first: SQLite cannot even read a WAL project in a read-only folder, which is not damage.
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise ProjectError(
            f"{path} cannot be changed here: the file or its folder is read-only. Copy the project to a "
            "folder you can write to (for example Documents) and open the copy."
        )
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as error:
        raise NotAProjectFile(path, f"the database is damaged: {error}") from error
    if app_id != schema.APPLICATION_ID:
        raise NotAProjectFile(path, "it is a database made by another program")
    if version < 0:
        raise NotAProjectFile(path, f"its format number ({version}) is not valid")
    if version > schema.latest_version():
        raise NewerProjectVersion(path, version, schema.latest_version())


# Settings that only remember where the user was: writing them changes no figure.
UI_STATE_SETTINGS = frozenset({"current_step"})


class Project(SupplierRecords, DeclarationRecords, SmelterDecisionRecords, ReferenceSnapshotRecords, AttachmentRecords):
    """An open project file. Each method that changes something commits before it returns."""

    def __init__(self, path: Path, con: sqlite3.Connection, lock: ProjectLock | None = None):
        self.path = path
        self.con = con
        self.lock = lock
        self._ui_state_changes = 0

    def reader(self) -> sqlite3.Connection:
        """A read-only connection to this project for a worker thread; the caller closes it."""
        return read_only_connection(self.path)

    def data_version(self) -> int:
        """A number that changes whenever the project's data does (not when only the step shown
        changes): what is computed from the data can be kept until it moves (see filing.py)."""
        return self.con.total_changes - self._ui_state_changes

    # -- opening and closing -------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, company_name: str = "", reporting_year: int | None = None) -> "Project":
        path = Path(path).absolute()
        if path.suffix.lower() != PROJECT_SUFFIX:
            path = path.with_name(path.name + PROJECT_SUFFIX)
        if path.exists():
            raise ProjectError(f"{path} already exists. Choose another name or open that project.")
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = ProjectLock(path, current_user()).acquire()
        try:
            con = _connect(path)
            con.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
            cls._configure(con)
            init_db(con, path)
        except BaseException:
            lock.release()
            raise
        project = cls(path, con, lock)
        if company_name or reporting_year:
            project.update_registrant(company_name=company_name, reporting_year=reporting_year)
        return project

    @classmethod
    def open(cls, path: str | Path) -> "Project":
        path = Path(path).absolute()  # a path typed in a terminal is relative; SQLite's URI needs it whole
        _check_is_project(path)
        lock = ProjectLock(path, current_user()).acquire()  # raises ProjectInUse naming who has it
        try:
            con = _connect(path)
        except BaseException:
            lock.release()
            raise
        try:
            cls._configure(con)
            init_db(con, path)
        except sqlite3.DatabaseError as error:
            con.close()
            lock.release()
            raise NotAProjectFile(path, f"the database is damaged: {error}") from error
        except BaseException:
            con.close()
            lock.release()
            raise
        return cls(path, con, lock)

    @staticmethod
    def _configure(con: sqlite3.Connection) -> None:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        con.execute("PRAGMA foreign_keys = ON")

    def close(self) -> None:
        """Close the file. Everything is committed already; the checkpoint only tidies the WAL, so a
        failing one (a full disk) loses nothing and must not stop the app from closing."""
        if self.con is not None:
            try:
                self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass  # the changes stay in the -wal file, which SQLite reads on the next open
            finally:
                self.con.close()
                self.con = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One change, all or nothing. A failure to write (full disk, file gone or locked) becomes a
        SaveFailed saying what happened; what was committed before is untouched."""
        try:
            self.con.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise save_failure(self.path, error) from error
        try:
            yield self.con
        except BaseException as error:
            try:
                if self.con.in_transaction:
                    self.con.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite has rolled back already (it does on I/O errors and a full disk)
            if isinstance(error, sqlite3.OperationalError):
                raise save_failure(self.path, error) from error
            raise
        try:
            self.con.execute("COMMIT")
        except sqlite3.Error as error:
            try:
                if self.con.in_transaction:
                    self.con.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            raise save_failure(self.path, error) from error

    # -- registrant ----------------------------------------------------------------------------

    def registrant(self) -> Registrant:
        row = self.con.execute("SELECT * FROM registrant WHERE id = 1").fetchone()
        return Registrant(**{name: row[name] for name in Registrant.field_names()})

    def update_registrant(self, **values) -> None:
        unknown = set(values) - set(Registrant.field_names())
        if unknown:
            raise ValueError(f"unknown registrant fields: {sorted(unknown)}")
        if not values:
            return
        assignments = ", ".join(f"{name} = ?" for name in values)
        params = [("" if v is None and k != "reporting_year" else v) for k, v in values.items()]
        with self.transaction() as con:
            con.execute(f"UPDATE registrant SET {assignments} WHERE id = 1", params)

    # -- products ------------------------------------------------------------------------------

    def products(self) -> list[Product]:
        rows = self.con.execute("SELECT * FROM products ORDER BY position, id").fetchall()
        return [_product_from_row(row) for row in rows]

    def save_product(self, product: Product) -> int:
        """Insert or update one product; returns its id."""
        values = _product_values(product)
        with self.transaction() as con:
            if product.id is None:
                position = con.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM products").fetchone()[0]
                cursor = con.execute(
                    "INSERT INTO products (position, name, description, made_by, metals, necessary, "
                    "outside_supply_chain_2013, acquired_company, acquired_business, acquired_on, "
                    "acquired_was_obligated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (position, *values),
                )
                product.id = cursor.lastrowid
            else:
                con.execute(
                    "UPDATE products SET name = ?, description = ?, made_by = ?, metals = ?, necessary = ?, "
                    "outside_supply_chain_2013 = ?, acquired_company = ?, acquired_business = ?, "
                    "acquired_on = ?, acquired_was_obligated = ? WHERE id = ?",
                    (*values, product.id),
                )
        return product.id

    def delete_product(self, product_id: int) -> None:
        with self.transaction() as con:
            con.execute("DELETE FROM products WHERE id = ?", (product_id,))

    # -- narrative answers and settings --------------------------------------------------------

    def answers(self) -> dict[str, str]:
        return {row["key"]: row["value"] for row in self.con.execute("SELECT key, value FROM answers")}

    def set_answer(self, key: str, value: str) -> None:
        with self.transaction() as con:
            con.execute(
                "INSERT INTO answers (key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (key, value, now_iso()),
            )

    def setting(self, key: str, default: str = "") -> str:
        row = self.con.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else default

    def set_setting(self, key: str, value: str) -> None:
        before = self.con.total_changes
        with self.transaction() as con:
            con.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        if key in UI_STATE_SETTINGS:
            self._ui_state_changes += self.con.total_changes - before

    # -- export history ------------------------------------------------------------------------

    def record_export(self, kind: str, path: str, sha256: str, created_at: str | None = None) -> None:
        with self.transaction() as con:
            con.execute(
                "INSERT INTO exports (kind, path, sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                (kind, str(path), sha256, created_at or now_iso(), current_user()),
            )

    def export_history(self) -> list[sqlite3.Row]:
        return self.con.execute("SELECT * FROM exports ORDER BY id DESC").fetchall()

    def save_copy_as(self, target: str | Path) -> Path:
        """A consistent copy of the whole project (for "Save a copy as")."""
        return copy_database(self.con, target)


retryable_changes(Project)


def _product_values(product: Product) -> tuple:
    return (
        product.name.strip(),
        product.description.strip(),
        product.made_by.value,
        ",".join(sorted(product.metals)),
        product.necessary.value,
        int(product.outside_supply_chain_2013),
        int(product.acquired_company),
        product.acquired_business.strip(),
        product.acquired_on.strip(),
        product.acquired_was_obligated.value,
    )


def _product_from_row(row: sqlite3.Row) -> Product:
    return Product(
        id=row["id"],
        name=row["name"],
        description=row["description"],
        made_by=MadeBy(row["made_by"]),
        metals={m for m in row["metals"].split(",") if m},
        necessary=Answer(row["necessary"]),
        outside_supply_chain_2013=bool(row["outside_supply_chain_2013"]),
        acquired_company=bool(row["acquired_company"]),
        acquired_business=row["acquired_business"],
        acquired_on=row["acquired_on"],
        acquired_was_obligated=Answer(row["acquired_was_obligated"]),
    )
