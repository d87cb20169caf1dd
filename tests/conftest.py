"""Test set-up: headless Qt, a private data folder per test, and the optional shared corpus.

A fresh clone has only its own files: the sample CMRTs in resources/sample/cmrt (ours) and what
the tests build from them. The wider corpus of third-party workbooks and RMI lists lives outside
the repository (../shared, or CMDESK_SHARED_DIR), because its owners never licensed it for
redistribution. Tests that need it ask for the `cmrt_dir` or `smelter_lists_dir` fixture (directly
or through another fixture); without the corpus they are skipped, counted on one summary line.
CI sets CMDESK_REQUIRE_SHARED=1 (.ci/run), and there a missing corpus stops the run instead.
"""

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
# The fixtures that hand out the shared corpus; a test needing any of them needs the corpus.
CORPUS_FIXTURES = frozenset({"cmrt_dir", "smelter_lists_dir"})


def _missing_corpus() -> list[Path]:
    return [folder for folder in (CMRT_DIR, SMELTER_LISTS_DIR) if not folder.is_dir()]


def _corpus_required() -> bool:
    return os.environ.get("CMDESK_REQUIRE_SHARED") == "1"


MISSING = _missing_corpus()
SKIP_REASON = (
    f"need the shared corpus at {SHARED} (not found); "
    "point CMDESK_SHARED_DIR at it to run them"
)


def _needs_corpus(item: pytest.Item) -> bool:
    # fixturenames is the whole closure, so fixtures built on cmrt_dir count too.
    return bool(CORPUS_FIXTURES.intersection(getattr(item, "fixturenames", ())))


def _skip_for_corpus() -> None:
    # One place raises the skip, so pytest folds every such skip into one summary line.
    pytest.skip(SKIP_REASON)


def pytest_report_header(config):
    if not MISSING:
        return f"shared corpus: {SHARED}"
    return f"shared corpus: {SHARED} not found; the tests that need it are skipped"


def pytest_collection_modifyitems(config, items):
    if not MISSING or not _corpus_required():
        return
    needing = sum(1 for item in items if _needs_corpus(item))
    if needing:
        pytest.exit(
            f"CMDESK_REQUIRE_SHARED=1 but the shared corpus is missing "
            f"({', '.join(str(folder) for folder in MISSING)}); {needing} tests need it.",
            returncode=pytest.ExitCode.TESTS_FAILED,
        )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture is set up, so a skipped test costs nothing.
    if MISSING and _needs_corpus(item):
        _skip_for_corpus()


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder, so settings and recent projects never leak."""
    folder = tmp_path / "appdata"
    folder.mkdir()
    monkeypatch.setenv("CMDESK_DATA_DIR", str(folder))
    return folder


def _shared(folder: Path) -> Path:
    if not folder.is_dir():
        if _corpus_required():
            pytest.fail(f"CMDESK_REQUIRE_SHARED=1 but the shared corpus is missing: {folder}")
        # Reached only through request.getfixturevalue, which pytest reports at the test's own line:
        # ask for the fixture as an argument instead, so the skip joins the one summary line.
        _skip_for_corpus()
    return folder


@pytest.fixture(scope="session")
def cmrt_dir() -> Path:
    """The shared real CMRT workbooks (third-party; never copied into the repository)."""
    return _shared(CMRT_DIR)


@pytest.fixture(scope="session")
def smelter_lists_dir() -> Path:
    """The shared RMI facility lists and smelter ID tables."""
    return _shared(SMELTER_LISTS_DIR)
