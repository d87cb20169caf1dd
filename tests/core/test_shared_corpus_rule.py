"""The suite's rule for the optional shared corpus (tests/conftest.py), run on a real test module:
without the corpus its tests are skipped on one summary line; with CMDESK_REQUIRE_SHARED=1 (CI) a
missing corpus fails the run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Two tests on our own sample files and one on the shared corpus.
TARGET = ["tests/core/test_cmrt_batch.py", "-k", "cancel or small_batch"]


def run_pytest(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("CMDESK_REQUIRE_SHARED", "PYTEST_ADDOPTS")}
    environment.update(CMDESK_SHARED_DIR=str(tmp_path / "no-shared-here"), PYTHONPATH=str(REPO), **env)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TARGET],
                          cwd=REPO, env=environment, capture_output=True, text=True, timeout=300)


def test_without_the_corpus_its_tests_are_skipped_on_one_line(tmp_path):
    done = run_pytest(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    skipped = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) == 1, done.stdout
    assert re.match(r"SKIPPED \[1\] tests/conftest\.py:\d+: need the shared corpus at .*no-shared-here", skipped[0])
    assert "2 passed, 1 skipped" in done.stdout


def test_in_ci_a_missing_corpus_fails_the_run(tmp_path):
    done = run_pytest(tmp_path, CMDESK_REQUIRE_SHARED="1")
    assert done.returncode == 1
    assert "CMDESK_REQUIRE_SHARED=1 but the shared corpus is missing" in done.stdout + done.stderr
    assert "passed" not in done.stdout  # stopped before running anything


def test_ci_requires_the_corpus_before_it_runs_the_readme_test_command():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    required = script.find("export CMDESK_REQUIRE_SHARED=1")
    assert 0 <= required < script.find("python3 -m pytest")
