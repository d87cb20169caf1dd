"""What an export leaves behind: the file, written atomically, and a record the project store keeps."""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from desktop.core.atomic import atomic_target  # noqa: F401  (the writers import it from here)


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


DRAFT_PREFIX = "draft_"  # the kind of a draft's record: "draft_report_pdf", never counted as filed
DRAFT_NOTICE = "DRAFT - NOT FOR FILING. Figures and statements may change; do not publish or file this copy."


def record_for(kind: str, path: str | os.PathLike, draft: bool = False) -> ExportRecord:
    return ExportRecord(
        kind=(DRAFT_PREFIX + kind) if draft else kind,
        path=str(Path(path).resolve()),
        sha256=file_sha256(path),
        created_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
    )
