"""`python -m desktop summary PROJECT.cmdesk`: a project's filing facts from a terminal, without Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop.cli import main
from tests.core.test_determination import make_project

REPO = Path(__file__).resolve().parents[2]


def test_summary_json_prints_the_determination_blockers_and_figures_without_qt(tmp_path, cmrt_dir):
    path = tmp_path / "p.cmdesk"
    make_project(path, cmrt_dir, ["central-glass_CMRT_6.4.xlsx", "emd-merck_CMRT_6.4.xlsx"]).close()
    code = (
        "import json, sys\n"
        "from desktop.__main__ import main\n"
        f"rc = main(['summary', {str(path)!r}, '--json'])\n"
        "assert 'PySide6' not in sys.modules, 'the summary imported Qt'\n"
        "sys.exit(rc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["registrant"]["name"] == "Acme Instruments, Inc."
    assert summary["registrant"]["filing_deadline"] == "2026-06-01"
    determination = summary["determination"]
    assert determination["outcome"] == "sd_with_cmr"
    # EMD's real "Yes" for tungsten is the reason, named with its file.
    assert any("EMD Electronics" in r and "emd-merck_CMRT_6.4.xlsx" in r for r in determination["reasons_to_believe"])
    assert summary["suppliers"] == {"surveyed": 2, "responded": 2, "percent": 100, "not_responded": [],
                                    "followed_up": 0}
    tungsten = next(m for m in summary["metals"] if m["metal"] == "Tungsten")
    assert tungsten["smelters"] >= 1 and 0 <= tungsten["percent_conformant_or_active"] <= 100
    assert summary["ready"] is False
    assert any(b["key"] == "smelters.stale_statuses" for b in summary["blockers"])


def test_summary_text_and_a_missing_project(tmp_path, cmrt_dir, capsys):
    path = tmp_path / "p.cmdesk"
    make_project(path, cmrt_dir, ["central-glass_CMRT_6.4.xlsx"]).close()
    assert main(["summary", str(path)]) == 0
    text = capsys.readouterr().out
    assert "determination: Form SD only" in text
    assert "1 surveyed (marked as asked), 1 responded (100%)" in text
    assert "ready: no" in text and "[smelters]" in text
    assert main(["summary", str(tmp_path / "nowhere.cmdesk")]) == 2
    assert "nowhere.cmdesk" in capsys.readouterr().err
