"""`python -m desktop check`: text and JSON output on real files, and the exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop.cli import check_main

REPO = Path(__file__).resolve().parents[2]


def test_text_report_for_a_good_file(cmrt_dir, capsys):
    status = check_main([str(cmrt_dir / "suppliers/jx-advanced-metals_CMRT_6.4.xlsx")])
    out = capsys.readouterr().out
    assert status == 0
    assert "CMRT 6.4   verdict: needs follow-up" in out
    assert "company: JX Advanced Metals Corporation" in out
    assert "scope:   B. Product (or List of Products)" in out
    assert "smelters: Tantalum 16, Tin 0, Gold 0, Tungsten 11 (rows: 27)" in out
    assert "[warning] C7: Declaration D38:" in out


def test_exit_status_says_a_file_was_unusable(cmrt_dir, capsys):
    status = check_main([str(cmrt_dir / "suppliers/central-glass_CMRT_6.4.xlsx"),
                         str(cmrt_dir / "not-cmrt/jpeg-renamed.xls")])
    out = capsys.readouterr().out
    assert status == 1
    assert "UNREADABLE: this is not an Excel workbook (it is a JPEG picture)." in out
    assert 'the contact email "toru,nishio@cgco.co.jp" is not a valid email address' in out


def test_json_output(cmrt_dir, capsys):
    status = check_main(["--json", str(cmrt_dir / "suppliers/connor-winfield_CMRT_2.02_encrypted.xls"),
                         str(cmrt_dir / "not-cmrt/RMI_CRT_2.21_blank.xlsx")])
    data = json.loads(capsys.readouterr().out)
    assert status == 1
    connor, crt = data
    assert (connor["revision"], connor["company"]["name"], connor["verdict"]) == (
        "2.02", "Connor Winfield Corporation", "needs follow-up")
    assert connor["company"]["effective_date"] == "2013-07-13"
    assert connor["smelter_counts"] == {"Tantalum": 0, "Tin": 23, "Gold": 5, "Tungsten": 0}
    assert connor["smelters"][0]["smelter_id"] == "2BOL010"
    assert {finding["rule_id"] for finding in connor["findings"]} >= {"A2", "E8", "H1"}
    assert (crt["readable"], crt["verdict"]) == (False, "unusable")
    assert "CRT 2.2" in crt["problem"]


def test_usage_error_returns_2(capsys):
    assert check_main([]) == 2
    assert "FILE" in capsys.readouterr().err


def test_module_entry_point_runs_without_qt(cmrt_dir):
    code = ("import sys, runpy; sys.argv = ['desktop', 'check', sys.argv[1]]; "
            "import desktop.__main__ as m; status = m.main(sys.argv[1:]); "
            "assert 'PySide6' not in sys.modules; sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code, str(cmrt_dir / "suppliers/emd-merck_CMRT_6.4.xlsx")],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "EMD Electronics" in done.stdout
