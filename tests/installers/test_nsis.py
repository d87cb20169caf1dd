"""makensis compiles the Windows installer script: a syntax and completeness check on Linux."""

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "installers" / "windows" / "conflict-minerals-desk.nsi"


def compile_script(dist_dir: Path, out_file: Path, *defines: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        # -WX: any warning (an unused define, a missing icon, a bad jump) fails the check.
        ["makensis", "-V2", "-WX", "-DAPP_VERSION=0.1.0", f"-DDIST_DIR={dist_dir}", f"-DOUT_FILE={out_file}",
         # The release build uses solid LZMA; the check only needs a quick compressor.
         "-DCOMPRESSOR=zlib", *defines, str(SCRIPT)],
        capture_output=True, text=True, timeout=600,
    )


def bundle_layout(folder: Path) -> Path:
    """The layout of a PyInstaller onedir bundle: the program and its _internal folder."""
    dist = folder / "conflict-minerals-desk"
    (dist / "_internal").mkdir(parents=True)
    (dist / "conflict-minerals-desk.exe").write_bytes(b"MZ stand-in")
    shutil.copytree(REPO / "resources", dist / "_internal" / "resources")
    return dist


@pytest.fixture
def makensis():
    if shutil.which("makensis") is None:
        pytest.skip("makensis is not installed (Debian package nsis); .ci/run installs it")


def test_the_script_compiles_against_a_bundle_layout(makensis, tmp_path):
    out = tmp_path / "ConflictMineralsDesk-0.1.0-windows-setup.exe"
    result = compile_script(bundle_layout(tmp_path), out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.stat().st_size > 100_000
    assert out.read_bytes()[:2] == b"MZ"


def test_with_a_sign_command_the_uninstaller_and_the_setup_program_are_signed(makensis, tmp_path):
    # build.ps1 passes a signtool script; here a script that records what it was asked to sign.
    signed = tmp_path / "signed.txt"
    signer = tmp_path / "sign.sh"
    signer.write_text(f'#!/bin/sh\necho "$1" >> "{signed}"\n', encoding="utf-8")
    signer.chmod(0o755)
    out = tmp_path / "ConflictMineralsDesk-0.1.0-windows-setup.exe"
    result = compile_script(bundle_layout(tmp_path), out, f"-DSIGN_CMD={signer}")
    assert result.returncode == 0, result.stdout + result.stderr
    files = signed.read_text(encoding="utf-8").split()
    # First the uninstaller (a temporary file makensis then packs), last the finished setup program.
    assert len(files) == 2 and files[-1] == str(out)
    ps1 = (REPO / "installers" / "windows" / "build.ps1").read_text(encoding="utf-8")
    assert '"/DSIGN_CMD=$signScript"' in ps1


def test_a_failing_sign_command_fails_the_build(makensis, tmp_path):
    out = tmp_path / "ConflictMineralsDesk-0.1.0-windows-setup.exe"
    result = compile_script(bundle_layout(tmp_path), out, "-DSIGN_CMD=false")
    assert result.returncode != 0


def test_the_script_refuses_to_build_without_a_version(makensis, tmp_path):
    result = subprocess.run(["makensis", "-V2", f"-DDIST_DIR={tmp_path}", str(SCRIPT)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "APP_VERSION" in result.stdout + result.stderr


def test_per_user_install_with_file_association_and_clean_upgrade():
    text = SCRIPT.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in text
    assert "$LOCALAPPDATA\\Programs" in text
    assert 'WriteRegStr HKCU "Software\\Classes\\.cmdesk"' in text
    assert "CreateShortcut \"$SMPROGRAMS" in text
    assert "WriteUninstaller" in text
    # An upgrade clears the old program files, at the previous location and the chosen one, before
    # copying the new ones; only folders holding our uninstaller are touched.
    macro = text[text.index("!macro RemoveProgramFiles"):text.index("!macroend")]
    assert '${If} ${FileExists} "${FOLDER}\\Uninstall.exe"' in macro
    assert 'RMDir /r "${FOLDER}\\_internal"' in macro
    install = text[text.index('Section "Install"'):text.index("SectionEnd")]
    previous = install.index('ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "InstallLocation"')
    assert previous < install.index('!insertmacro RemoveProgramFiles "$0"') < install.index("File /r")
    assert install.index('!insertmacro RemoveProgramFiles "$INSTDIR"') < install.index("File /r")
