"""Issue 12, items 1-6: hostile supplier files are refused with a message, never crash, hang or
quietly lose data. Each file (built by tests/hostile_workbooks.py) goes through the `check` command
and through the import path the app uses, each in a child process with a 500 MB address-space limit
and a time limit, so a regression fails the test instead of killing pytest."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.suppliers import inquiry
from desktop.core.cmrt import load_many
from desktop.core.cmrt.model import UnreadableFile
from desktop.core.suppliers.inquiry import read_supplier_files, save_import
from desktop.core.project import Project
from tests.hostile_workbooks import HOSTILE, SOURCE, build

REPO = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 500 * 1024 * 1024
TIME_LIMIT = 60  # seconds; each run takes 1-2 s, the limit only catches a hang

# The import path the Suppliers page runs (off the UI thread), printed as JSON by the child.
IMPORT_SCRIPT = """
import json, sys
from desktop.core.suppliers.inquiry import read_supplier_files
files = read_supplier_files([sys.argv[1]], [], workers=1)
print(json.dumps([{"problem": f.problem, "read": f.declaration is not None, "bytes": len(f.file_bytes)}
                  for f in files]))
"""


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_limited(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=TIME_LIMIT,
                          preexec_fn=_limits, env=env, cwd=REPO)


@pytest.fixture(scope="module")
def source(cmrt_dir) -> bytes:
    return (cmrt_dir / SOURCE).read_bytes()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_refused_by_check_and_by_import(name, source, tmp_path):
    path = build(name, source, tmp_path)
    expected = HOSTILE[name][1]

    check = run_limited("-m", "desktop", "check", str(path))
    assert check.returncode == 1, check.stdout + check.stderr  # 1: unusable; not 134 (abort) nor a hang
    assert f"{path}\n  UNREADABLE: " in check.stdout
    assert expected in check.stdout, check.stdout
    assert "Traceback" not in check.stderr

    imported = run_limited("-c", IMPORT_SCRIPT, str(path))
    assert imported.returncode == 0, imported.stderr
    (item,) = json.loads(imported.stdout)
    assert not item["read"]
    assert expected in item["problem"] and str(path) in item["problem"]


def test_the_generator_leaves_the_source_readable(source, tmp_path):
    """The hostile files differ from a good file only where intended: the untouched source reads."""
    path = tmp_path / "good.xlsx"
    path.write_bytes(source)
    check = run_limited("-m", "desktop", "check", str(path))
    assert "UNREADABLE" not in check.stdout and "smelters: Tantalum 16" in check.stdout


def test_file_replaced_during_import_stores_what_was_parsed(cmrt_dir, tmp_path, monkeypatch):
    """Item 4: the bytes read are the bytes parsed, hashed and stored, even if the file changes."""
    first = (cmrt_dir / "suppliers/jx-advanced-metals_CMRT_6.4.xlsx").read_bytes()
    second = (cmrt_dir / "suppliers/emd-merck_CMRT_6.4.xlsx").read_bytes()
    path = tmp_path / "supplier.xlsx"
    path.write_bytes(first)
    read_once = inquiry.read_workbook_bytes

    def read_then_replace(target):
        data = read_once(target)
        Path(target).write_bytes(second)  # another company's file takes its place on disk
        return data

    monkeypatch.setattr(inquiry, "read_workbook_bytes", read_then_replace)
    (item,) = read_supplier_files([path], [], workers=1)
    assert item.declaration.company.name.startswith("JX Advanced Metals")
    assert item.declaration.sha256 == hashlib.sha256(item.file_bytes).hexdigest() == hashlib.sha256(first).hexdigest()
    project = Project.create(tmp_path / "p.cmdesk")
    try:
        save_import(project, [item])
        (row,) = project.declaration_rows(current_only=False)
        stored = project.declaration_bytes(row["id"])
        assert bytes(stored) == first and row["company_name"].startswith("JX Advanced Metals")
    finally:
        project.close()


def test_batch_parses_the_bytes_it_is_given(cmrt_dir, tmp_path):
    """The same for the pool the CLI and large imports use: contents win over the path's current bytes."""
    paths = []
    for index in range(6):  # six files: the process pool runs
        path = tmp_path / f"f{index}.xlsx"
        path.write_bytes((cmrt_dir / "suppliers/emd-merck_CMRT_6.4.xlsx").read_bytes())
        paths.append(path)
    jx = (cmrt_dir / "suppliers/jx-advanced-metals_CMRT_6.4.xlsx").read_bytes()
    results = load_many(paths, workers=2, contents=[jx] * 6)
    assert all(not isinstance(r, UnreadableFile) and r.company.name.startswith("JX Advanced") for r in results)
    assert {r.sha256 for r in results} == {hashlib.sha256(jx).hexdigest()}


@pytest.mark.parametrize("name", ["far-cell-column-EZ", "far-right-column"])
def test_smelter_reference_update_refuses_the_same_files(name, source, tmp_path):
    """Smelter reference > Update reads every sheet of a chosen CMRT: the same guard applies there."""
    path = build(name, source, tmp_path)
    script = ("import sys\nfrom pathlib import Path\nfrom desktop.core.smelters.sources import ReferenceFileError, "
              "read_lookup\ntry:\n    read_lookup(Path(sys.argv[1]))\nexcept ReferenceFileError as error:\n"
              "    print(error)\n")
    done = run_limited("-c", script, str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{path.name}: not a readable workbook") and "Smelter List sheet reaches" in done.stdout


def test_check_prints_supplier_text_safely(source, tmp_path):
    """Item 12: escape sequences in a supplier's company name reach the terminal as visible text."""
    from tests.hostile_workbooks import escape_sequences_in_company_name

    path = escape_sequences_in_company_name(source, tmp_path / "escapes.xlsx")
    check = run_limited("-m", "desktop", "check", str(path))
    assert "\x1b" not in check.stdout and "\x07" not in check.stdout and "\u202e" not in check.stdout
    assert "company: \\x1b[2J\\x1b]0;pwned\\x07JX Advanced Metals\\u202e Corporation" in check.stdout
    (item,) = json.loads(run_limited("-c", IMPORT_SCRIPT, str(path)).stdout)
    assert item["read"]  # the app reads it; its tables show text, never drive a terminal


def test_hostile_file_in_a_batch_leaves_the_good_files_read(cmrt_dir, source, tmp_path):
    """Item 1 in a batch (six files: the worker pool runs): the good files are read, the hostile one
    refused; before, its worker died and good files were reported 'stopped unexpectedly'."""
    hostile = build("far-cell-column-EZ", source, tmp_path)
    good = []
    for index in range(5):
        path = tmp_path / f"good-{index}.xlsx"
        path.write_bytes((cmrt_dir / "suppliers/emd-merck_CMRT_6.4.xlsx").read_bytes())
        good.append(str(path))
    check = run_limited("-m", "desktop", "check", "--json", *good, str(hostile))
    results = json.loads(check.stdout)
    assert [r["readable"] for r in results] == [True] * 5 + [False]
    assert "reaches row 1,048,576" in results[-1]["problem"]
