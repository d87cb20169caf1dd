"""The Linux onedir bundle builds and its frozen app passes --smoke-test (CI, or on request)."""

import os
import subprocess
from pathlib import Path

import pytest

from tests.installers.test_nsis import compile_script

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not (os.environ.get("CI") or os.environ.get("CMDESK_BUILD_BUNDLE") == "1"),
    reason="builds the PyInstaller bundle (about a minute): runs in CI or with CMDESK_BUILD_BUNDLE=1",
)


def test_bundle_builds_and_passes_its_smoke_test_then_nsis_packs_it(tmp_path):
    dist = tmp_path / "dist"
    result = subprocess.run(
        ["bash", str(REPO / "installers" / "build-linux.sh"), str(dist)],
        capture_output=True, text=True, timeout=1200, cwd=REPO,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "smoke test passed" in result.stdout
    bundle = dist / "conflict-minerals-desk"
    assert (bundle / "_internal" / "resources" / "smelters" / "smelter-reference.json.gz").is_file()
    assert (bundle / "_internal" / "resources" / "templates").is_dir()
    if subprocess.run(["which", "makensis"], capture_output=True).returncode == 0:
        packed = compile_script(bundle, tmp_path / "setup.exe")
        assert packed.returncode == 0, packed.stdout + packed.stderr
