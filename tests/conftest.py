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


@pytest.fixture(scope="session")
def cmrt_dir() -> Path:
    if not CMRT_DIR.is_dir():
        pytest.fail(f"the shared CMRT workbooks are missing: {CMRT_DIR}")
    return CMRT_DIR


@pytest.fixture(scope="session")
def smelter_lists_dir() -> Path:
    if not SMELTER_LISTS_DIR.is_dir():
        pytest.fail(f"the shared smelter lists are missing: {SMELTER_LISTS_DIR}")
    return SMELTER_LISTS_DIR
