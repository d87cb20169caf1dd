"""Test set-up: headless Qt, a private data folder per test, and the shared real workbooks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
# CI clones main with shared/ beside it; a developer can point elsewhere.
SHARED = Path(os.environ.get("CMDESK_SHARED_DIR", REPO.parent / "shared"))
CMRT_DIR = SHARED / "cmrt"
SMELTER_LISTS_DIR = SHARED / "smelter-lists"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder, so settings and recent projects never leak."""
    folder = tmp_path / "appdata"
    folder.mkdir()
    monkeypatch.setenv("CMDESK_DATA_DIR", str(folder))
    return folder


def _shared(folder: Path, what: str) -> Path:
    if folder.is_dir():
        return folder
    # The installer workflow builds on runners without ../shared; there, and only when asked,
    # these tests are skipped with a reason. Everywhere else a missing folder is a failure.
    if os.environ.get("CMDESK_ALLOW_MISSING_SHARED") == "1":
        pytest.skip(f"the shared {what} are not on this machine ({folder})")
    pytest.fail(f"the shared {what} are missing: {folder}")


@pytest.fixture(scope="session")
def cmrt_dir() -> Path:
    return _shared(CMRT_DIR, "CMRT workbooks")


@pytest.fixture(scope="session")
def smelter_lists_dir() -> Path:
    return _shared(SMELTER_LISTS_DIR, "smelter lists")
