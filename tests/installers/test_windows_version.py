"""The Windows .exe carries the product name and the pyproject.toml version in its properties."""

import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if sys.platform != "win32":
    # PyInstaller's versioninfo module imports win32api; the Windows runner runs these tests.
    pytest.skip("the Windows version resource is built on Windows only", allow_module_level=True)
sys.path.insert(0, str(REPO / "installers" / "pyinstaller"))

from windows_version import version_tuple, windows_version_info  # noqa: E402


def test_versions_become_four_numbers():
    assert version_tuple("0.1.0") == (0, 1, 0, 0)
    assert version_tuple("1.2.3rc1") == (1, 2, 3, 0)
    assert version_tuple("2.10") == (2, 10, 0, 0)


def test_the_resource_names_the_app_and_its_pyproject_version():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    info = windows_version_info("Conflict Minerals Desk", project["version"], "conflict-minerals-desk",
                                project["description"])
    raw = info.toRaw()  # the bytes PyInstaller writes into the .exe
    for text in ("Conflict Minerals Desk", project["version"], "conflict-minerals-desk.exe"):
        assert text.encode("utf-16-le") in raw
    assert info.ffi.fileVersionMS == (version_tuple(project["version"])[0] << 16) | version_tuple(project["version"])[1]
