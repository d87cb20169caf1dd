"""The Linux onedir bundle builds, its frozen app passes --smoke-test, and NSIS packs it.

Linux only (the Windows and macOS runners build their own bundles with their own scripts), and only
in CI or with CMDESK_BUILD_BUNDLE=1, because the build takes a minute or two.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.installers.test_nsis import compile_script

REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="the Linux bundle is built on Linux; other platforms run their own build scripts"),
    pytest.mark.skipif(
        not (os.environ.get("CI") or os.environ.get("CMDESK_BUILD_BUNDLE") == "1"),
        reason="builds the PyInstaller bundle (a minute or two): runs in CI or with CMDESK_BUILD_BUNDLE=1",
    ),
]


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    dist = tmp_path_factory.mktemp("bundle") / "dist"
    result = subprocess.run(
        ["bash", str(REPO / "installers" / "build-linux.sh"), str(dist)],
        capture_output=True, text=True, timeout=1200, cwd=REPO,
    )
    return result, dist / "conflict-minerals-desk"


def test_bundle_builds_and_its_frozen_app_passes_the_smoke_test(build):
    result, bundle = build
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "smoke test passed" in result.stdout
    assert (bundle / "conflict-minerals-desk").is_file()
    # The whole resources/ folder travels with the app: reference data, wording, sample, icons.
    resources = bundle / "_internal" / "resources"
    for tracked in subprocess.run(["git", "ls-files", "resources"], capture_output=True, text=True,
                                  cwd=REPO, check=True).stdout.split():
        assert (resources / Path(tracked).relative_to("resources")).is_file(), f"{tracked} is not bundled"
    # Qt's translations are left out: the app is English only and loads none.
    assert not (bundle / "_internal" / "PySide6" / "Qt" / "translations").exists()


def test_nsis_packs_the_built_bundle(build, tmp_path):
    result, bundle = build
    assert result.returncode == 0, "the bundle did not build; see the test above"
    if shutil.which("makensis") is None:
        pytest.skip("makensis is not installed (Debian package nsis); .ci/run installs it")
    out = tmp_path / "ConflictMineralsDesk-0.1.0-windows-setup.exe"
    packed = compile_script(bundle, out)
    assert packed.returncode == 0, packed.stdout + packed.stderr
    # The bundle is about 200 MB; even zlib-compressed the installer must hold most of it.
    assert out.stat().st_size > 40_000_000
    assert out.read_bytes()[:2] == b"MZ"
