"""The installer workflow builds, smoke-tests, packages and uploads on every platform."""

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "installers.yml"


def load():
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    return data, data.get("on", data.get(True))


def steps_text(job) -> str:
    return "\n".join(str(step.get("run", "")) + " " + str(step.get("uses", "")) for step in job["steps"])


def test_runs_on_tags_and_by_hand():
    _, triggers = load()
    assert triggers["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in triggers


def test_every_platform_is_built():
    data, _ = load()
    matrix = data["jobs"]["build"]["strategy"]["matrix"]["include"]
    assert {entry["os"] for entry in matrix} == {"windows-latest", "macos-15", "macos-15-intel"}
    assert len({entry["artifact"] for entry in matrix}) == 3


def test_each_platform_installs_tests_builds_smoke_tests_packages_and_uploads():
    data, _ = load()
    job = data["jobs"]["build"]
    text = steps_text(job)
    assert 'pip install -e ".[test]"' in text and "pyinstaller" in text
    assert "python -m pytest" in text
    assert "installers/windows/build.ps1" in text
    assert "installers/macos/build-dmg.sh" in text
    assert "SHA256SUMS" in text
    upload = next(s for s in job["steps"] if s.get("name") == "Upload")
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert "build/SHA256SUMS" in upload["with"]["path"]
    assert upload["with"]["if-no-files-found"] == "error"
    # The platform scripts themselves run the frozen app's smoke test before packaging.
    windows = (REPO / "installers" / "windows" / "build.ps1").read_text(encoding="utf-8")
    macos = (REPO / "installers" / "macos" / "build-dmg.sh").read_text(encoding="utf-8")
    for script in (windows, macos):
        assert "--smoke-test" in script
        assert script.index("PyInstaller") < script.index("--smoke-test")
    assert windows.index("--smoke-test") < windows.index("makensis")
    assert macos.index("--smoke-test") < macos.index("hdiutil")


def test_signing_runs_only_with_secrets():
    macos = (REPO / "installers" / "macos" / "build-dmg.sh").read_text(encoding="utf-8")
    assert 'if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]' in macos
    assert "notarytool" in macos and "APPLE_APP_PASSWORD" in macos
    data, _ = load()
    steps = data["jobs"]["build"]["steps"]
    certificates = {s["name"]: s for s in steps if "certificate" in s.get("name", "").lower()}
    assert len(certificates) == 2
    macos_step = certificates["Import the signing certificate (macOS, only with secrets)"]
    assert "HAS_MACOS_CERTIFICATE == 'true'" in macos_step["if"]
    windows_step = certificates["Write the signing certificate (Windows, only with secrets)"]
    assert "HAS_WINDOWS_CERTIFICATE == 'true'" in windows_step["if"]
    assert "WINDOWS_CERTIFICATE_PFX=" in windows_step["run"]  # handed to build.ps1 through GITHUB_ENV
    env = data["jobs"]["build"]["env"]
    assert env["HAS_MACOS_CERTIFICATE"] == "${{ secrets.MACOS_CERTIFICATE_P12 != '' }}"
    assert env["HAS_WINDOWS_CERTIFICATE"] == "${{ secrets.WINDOWS_CERTIFICATE_PFX != '' }}"
    windows = (REPO / "installers" / "windows" / "build.ps1").read_text(encoding="utf-8")
    assert "if ($env:WINDOWS_CERTIFICATE_PFX)" in windows


def test_a_tag_gathers_every_installer_into_a_draft_release_with_one_checksum_file():
    data, _ = load()
    release = data["jobs"]["release"]
    assert release["needs"] == "build"
    assert release["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert release["permissions"] == {"contents": "write"}
    download = next(s for s in release["steps"] if s.get("uses", "").startswith("actions/download-artifact@"))
    # The pattern must match the names the build job uploads under.
    assert download["with"]["pattern"] == "conflict-minerals-desk-*"
    upload = next(s for s in data["jobs"]["build"]["steps"] if s.get("name") == "Upload")
    assert upload["with"]["name"].startswith("conflict-minerals-desk-")
    text = steps_text(release)
    assert "sha256sum --check SHA256SUMS" in text
    assert "gh release create" in text and "--draft" in text and "release/SHA256SUMS" in text
