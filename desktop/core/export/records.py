"""What an export leaves behind: the file, written atomically, and a record the project store keeps."""

from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator


@dataclass(frozen=True)
class ExportRecord:
    """One exported file: what kind, where, its SHA-256 and when (UTC, ISO 8601)."""

    kind: str  # "report_pdf", "annex_pdf", "annex_xlsx", "annex_csv", "edgar_form_sd", "edgar_ex101"
    path: str
    sha256: str
    created_at: str

    def to_dict(self) -> dict:
        return asdict(self)


def file_sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def atomic_target(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside `path`; move it over `path` only if the writer succeeds.

    Why: a crash or a full disk half-way through must never leave a truncated report where the
    user's previous good export was.
    """
    final = Path(path)
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        # mkstemp creates the file private (0600); exports are ordinary documents.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, final)
    finally:
        if temp.exists():
            temp.unlink()


def record_for(kind: str, path: str | os.PathLike) -> ExportRecord:
    return ExportRecord(
        kind=kind,
        path=str(Path(path).resolve()),
        sha256=file_sha256(path),
        created_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
    )
