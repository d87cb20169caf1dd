"""The command line: its help, `check` on files and folders (text, JSON, exit status), and `cmdesk`."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import COMMANDS, check_main
from desktop.core.sample import SAMPLE_FILES, sample_cmrt_dir

REPO = Path(__file__).resolve().parents[2]


def run_module(*args: str) -> subprocess.CompletedProcess:
    """`python -m desktop ARGS` in a fresh interpreter that fails if it ever imports Qt."""
    code = ("import sys, runpy; sys.argv = ['desktop', *sys.argv[1:]]; "
            "import desktop.__main__ as m; status = m.main(sys.argv[1:]); "
            "assert 'PySide6' not in sys.modules, 'imported Qt'; sys.exit(status)")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120)


def test_help_lists_every_command_and_how_to_open_the_window():
    done = run_module("--help")
    assert done.returncode == 0, done.stderr
    assert "usage: python -m desktop" in done.stdout
    for name in COMMANDS:
        assert f"    {name} " in done.stdout  # one line per command, with its summary
    assert "opens the window" in done.stdout
    check_help = run_module("check", "--help")
    assert check_help.returncode == 0 and "FILE_OR_FOLDER" in check_help.stdout
    assert "folder" in check_help.stdout


def test_a_mistyped_command_is_named_without_opening_the_window():
    done = run_module("chek", "supplier.xlsx")
    assert done.returncode == 2
    assert "invalid choice: 'chek'" in done.stderr and "check" in done.stderr


def test_cmdesk_without_a_command_prints_the_help_and_the_gui_script_stays_the_window(capsys):
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        tomllib = pytest.importorskip("tomli")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    module, _, function = project["scripts"]["cmdesk"].partition(":")
    cmdesk = getattr(importlib.import_module(module), function)
    assert cmdesk([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: cmdesk") and all(name in out for name in COMMANDS)
    assert project["gui-scripts"]["conflict-minerals-desk"] == "desktop.app:main"


def test_a_sample_file_is_reported_with_what_it_says(capsys):
    sample = SAMPLE_FILES[0]
    status = check_main([str(sample_cmrt_dir() / sample.file_name)])
    out = capsys.readouterr().out
    assert status == 0
    assert f"company: {sample.company}" in out
    assert f"(rows: {len(sample.smelters)})" in out
    assert "files checked" not in out  # the totals line is for several files


def test_folders_are_searched_as_the_app_import_does(tmp_path, capsys):
    inbox = tmp_path / "inbox"
    shutil.copytree(sample_cmrt_dir(), inbox / "received")
    (inbox / "received" / "~$Brightline_Components_CMRT_6.4.xlsx").write_bytes(b"Excel lock file")
    (inbox / "notes.txt").write_text("not a workbook")
    empty = tmp_path / "empty"
    empty.mkdir()
    one = inbox / "received" / SAMPLE_FILES[0].file_name
    status = check_main([str(inbox), str(one), str(empty)])  # the file named again counts once
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.endswith(".xlsx")] == sorted(
        (str(inbox / "received" / s.file_name) for s in SAMPLE_FILES), key=str.casefold)
    assert "~$" not in out and "notes.txt" not in out
    assert f"{empty}\n  NO WORKBOOKS:" in out
    assert f"{len(SAMPLE_FILES)} files checked: " in out
    assert status == 1  # a folder without a workbook is worth a non-zero status

    assert check_main(["--json", str(inbox)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(entry["company"]["name"] for entry in data) == sorted(s.company for s in SAMPLE_FILES)


def test_text_report_for_a_good_file(cmrt_dir, capsys):
    status = check_main([str(cmrt_dir / "suppliers/jx-advanced-metals_CMRT_6.4.xlsx")])
    out = capsys.readouterr().out
    assert status == 0
    assert "CMRT 6.4   verdict: needs follow-up" in out
    assert "company: JX Advanced Metals Corporation" in out
    assert "scope:   B. Product (or List of Products)" in out
    assert "smelters: Tantalum 16, Tin 0, Gold 0, Tungsten 11 (rows: 27)" in out
    assert "Warning: Declaration D38:" in out and "(check C7)" in out
    assert "[warning]" not in out


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


def test_module_entry_point_runs_without_qt():
    sample = SAMPLE_FILES[0]
    done = run_module("check", str(sample_cmrt_dir() / sample.file_name))
    assert done.returncode == 0, done.stderr
    assert sample.company in done.stdout
