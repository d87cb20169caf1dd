"""Files attached to the filing (the auditor's report), kept whole in the project with their SHA-256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Attachment:
    key: str
    file_name: str
    sha256: str
    data: bytes
    attached_at: str
    attached_by: str


class AttachmentRecords:
    """Mixed into Project: needs `self.con` and `self.transaction()`."""

    def attachment(self, key: str) -> Attachment | None:
        row = self.con.execute(
            "SELECT key, file_name, sha256, file_bytes, attached_at, attached_by FROM attachments WHERE key = ?",
            (key,),
        ).fetchone()
        return Attachment(row[0], row[1], row[2], bytes(row[3]), row[4], row[5]) if row else None

    def save_attachment(self, key: str, file_name: str, data: bytes, attached_at: str, attached_by: str) -> Attachment:
        digest = hashlib.sha256(data).hexdigest()
        with self.transaction() as con:
            con.execute(
                "INSERT OR REPLACE INTO attachments (key, file_name, sha256, file_bytes, attached_at, attached_by) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (key, file_name, digest, data, attached_at, attached_by),
            )
        return Attachment(key, file_name, digest, data, attached_at, attached_by)

    def remove_attachment(self, key: str) -> None:
        with self.transaction() as con:
            con.execute("DELETE FROM attachments WHERE key = ?", (key,))
