"""The --smoke-test that every installer build runs on its frozen app, run here from source."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run(code_or_args, tmp_path, *, code=False):
    env = dict(os.environ, PYTHONPATH=str(REPO), CMDESK_DATA_DIR=str(tmp_path / "data"))
    command = [sys.executable, "-c", code_or_args] if code else [sys.executable, "-m", "desktop", *code_or_args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)


def test_smoke_test_renders_every_page_and_writes_every_export(tmp_path):
    script = (
        "import sys; from desktop.smoke import run_smoke_test; "
        f"sys.exit(run_smoke_test({str(tmp_path / 'out')!r}))"
    )
    result = run(script, tmp_path, code=True)
    assert result.returncode == 0, result.stderr
    assert "smoke test passed" in result.stdout
    out = tmp_path / "out"
    pages = sorted(p.name for p in out.glob("*.png"))
    assert pages[0] == "00-start.png"
    assert {"01-CompanyPage.png", "04-SmelterReviewPage.png", "06-ExportPage.png"} <= set(pages)
    exports = {p.name for p in (out / "exports").rglob("*") if p.is_file()}
    # The sample as opened still has statements to confirm and names to decide: the core hands out
    # draft data, so even a headless caller writes every file marked DRAFT, never a final-looking one.
    assert "Form SD and Conflict Minerals Report 2025 DRAFT.pdf" in exports
    assert {"Annex A 2025 DRAFT.pdf", "Annex A 2025 DRAFT.xlsx", "Annex A 2025 DRAFT.csv",
            "DRAFT-form_sd.htm", "DRAFT-ex1-01.htm"} <= exports
    assert all("DRAFT" in name for name in exports)


def test_the_app_flag_runs_it(tmp_path):
    result = run(["--smoke-test"], tmp_path)
    assert result.returncode == 0, result.stderr


def test_a_failure_makes_it_exit_non_zero_and_say_why(tmp_path):
    script = (
        "import sys\n"
        "import desktop.ui.main_window as main_window\n"
        "def broken():\n    raise RuntimeError('a resource is missing')\n"
        "main_window.create_main_window = broken\n"
        "from desktop.smoke import run_smoke_test\n"
        "sys.exit(run_smoke_test())\n"
    )
    result = run(script, tmp_path, code=True)
    assert result.returncode == 1
    assert "SMOKE TEST FAILED" in result.stderr and "a resource is missing" in result.stderr


def test_a_qt_warning_fails_it(tmp_path):
    script = (
        "import sys\n"
        "import desktop.ui.main_window as main_window\n"
        "real = main_window.create_main_window\n"
        "def noisy(*args, **kwargs):\n"
        "    from PySide6.QtCore import qWarning\n"
        "    qWarning('QPainter::begin: Paint device returned engine == 0')\n"
        "    return real(*args, **kwargs)\n"
        "main_window.create_main_window = noisy\n"
        "from desktop.smoke import run_smoke_test\n"
        "sys.exit(run_smoke_test())\n"
    )
    result = run(script, tmp_path, code=True)
    assert result.returncode == 1
    assert "Qt: QPainter::begin" in result.stderr
