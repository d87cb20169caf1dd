"""The list of recently opened projects, kept in the data folder."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.atomic import write_text_atomic
from desktop.core.paths import data_dir

MAX_RECENT = 10


def _recent_file() -> Path:
    return data_dir() / "recent-projects.json"


def recent_projects() -> list[Path]:
    """Most recent first; entries whose file has gone are left out."""
    try:
        entries = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    paths = [Path(p) for p in entries if isinstance(p, str)]
    return [p for p in paths if p.exists()]


def remember_project(path: str | Path) -> None:
    path = Path(path).resolve()
    entries = [p for p in recent_projects() if p.resolve() != path]
    entries.insert(0, path)
    write_text_atomic(_recent_file(), json.dumps([str(p) for p in entries[:MAX_RECENT]], indent=1))


def forget_project(path: str | Path) -> None:
    path = Path(path).resolve()
    entries = [p for p in recent_projects() if p.resolve() != path]
    write_text_atomic(_recent_file(), json.dumps([str(p) for p in entries], indent=1))
