"""A read-only view of a project frozen at one moment, usable from a worker thread.

Long exports (the audit pack copies the whole project and every supplier original) must not hold
the UI thread, yet must be consistent: what they write is the project as it was when the user
asked, even if the user goes on editing meanwhile. A second SQLite connection that opens a read
transaction sees exactly that moment (the project is in WAL mode, so the user's later changes do
not disturb it), and it may be handed to one other thread: sqlite3's own thread check is off for
it, so only one thread at a time may use it (the one it is handed to).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.atomic import atomic_target
from desktop.core.project.declaration_store import declaration_bytes
from desktop.core.project.errors import ProjectError


class PinnedRead:
    """The project's data as committed when this was made; close() when done."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        uri = self.path.resolve().as_uri() + "?mode=ro"
        self.con = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        try:
            self.con.execute("BEGIN")
            self.con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read starts here
        except sqlite3.Error:
            self.con.close()
            raise

    def declaration_bytes(self, declaration_id: int) -> bytes:
        return declaration_bytes(self.con, declaration_id)

    def copy_to(self, target: str | Path) -> Path:
        """The whole project as of this moment, written to `target` (atomically)."""
        return copy_database(self.con, target)

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    def __enter__(self) -> "PinnedRead":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def copy_database(con: sqlite3.Connection, target: str | Path) -> Path:
    """A consistent copy of the database behind `con` at `target`, written atomically (SQLite's
    backup, so a project in use is copied as one moment); ProjectError in plain words if it fails."""
    target = Path(target)
    try:
        with atomic_target(target) as temp:
            out = sqlite3.connect(temp)
            try:
                con.backup(out)
            finally:
                out.close()
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or str(error)
        if "full" in reason.lower() or getattr(error, "errno", None) == 28:
            reason = "the disk is full"
        raise ProjectError(f"A copy could not be saved as {target}: {reason}. The project itself is "
                           "unchanged; choose another folder or drive.") from error
    return target
