"""The versions of the smelter reference a project has used, newest in force (issue 11)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass


@dataclass
class StoredSnapshot:
    """One version of a project's smelter facts; `reference` is the stored (gzip'd JSON) form."""

    id: int
    taken_at: str
    taken_by: str
    reason: str
    status_as_of: str
    lookup_source: str
    sources: list[dict]
    changes: str
    sha256: str
    reference: bytes | None = None  # left out of history listings


class ReferenceSnapshotRecords:
    """Mixed into Project: needs `self.con` and `self.transaction()`."""

    def reference_snapshot(self) -> StoredSnapshot | None:
        """The version in force (the newest), with its bytes; None before the first one is taken."""
        row = self.con.execute("SELECT * FROM reference_snapshots ORDER BY id DESC LIMIT 1").fetchone()
        return _snapshot(row, with_bytes=True) if row else None

    def reference_snapshots(self) -> list[StoredSnapshot]:
        """Every version, oldest first, without their bytes: the project's history of lists."""
        rows = self.con.execute(
            "SELECT id, taken_at, taken_by, reason, status_as_of, lookup_source, sources, changes, sha256 "
            "FROM reference_snapshots ORDER BY id"
        ).fetchall()
        return [_snapshot(row, with_bytes=False) for row in rows]

    def has_files_or_exports(self) -> bool:
        """True once the project holds supplier files or has exported anything."""
        return bool(
            self.con.execute("SELECT 1 FROM declarations LIMIT 1").fetchone()
            or self.con.execute("SELECT 1 FROM exports LIMIT 1").fetchone()
        )

    def add_reference_snapshot(
        self, reference: bytes, *, taken_at: str, taken_by: str, reason: str, status_as_of: str,
        lookup_source: str, sources: list[dict], changes: str = "",
    ) -> int:
        with self.transaction() as con:
            cursor = con.execute(
                "INSERT INTO reference_snapshots (taken_at, taken_by, reason, status_as_of, lookup_source, "
                "sources, changes, sha256, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    taken_at, taken_by, reason, status_as_of, lookup_source, json.dumps(sources),
                    changes, hashlib.sha256(reference).hexdigest(), reference,
                ),
            )
        return cursor.lastrowid


def _snapshot(row, with_bytes: bool) -> StoredSnapshot:
    return StoredSnapshot(
        id=row["id"], taken_at=row["taken_at"], taken_by=row["taken_by"], reason=row["reason"],
        status_as_of=row["status_as_of"], lookup_source=row["lookup_source"],
        sources=json.loads(row["sources"] or "[]"), changes=row["changes"], sha256=row["sha256"],
        reference=bytes(row["reference"]) if with_bytes else None,
    )
