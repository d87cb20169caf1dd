"""Issue 12, items 7-10: one app per project (with stale locks recognised), failed saves that say
so and can be retried, odd paths and damaged files at open, stored originals checked against their
SHA-256, and a writer killed at random points losing no committed edit."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.project import NotAProjectFile, Project, ProjectError, ProjectInUse, SaveFailed
from desktop.core.project import lock as project_lock
from desktop.core.project.store import current_user
from desktop.core.filing.readiness import blockers

REPO = Path(__file__).resolve().parents[2]

# A second app: opens the project, says so, then keeps it open until killed.
HOLDER = """
import sys, time
from desktop.core.project import Project
project = Project.open(sys.argv[1])
print("open", flush=True)
time.sleep(60)
"""

# A writer: commits numbered answers as fast as it can and reports each one after its commit returns.
WRITER = """
import sys
from desktop.core.project import Project
project = Project.open(sys.argv[1])
start = int(sys.argv[2])
for number in range(start, start + 100000):
    project.set_answer(f"edit-{number}", "x" * (number % 97) + str(number))
    print(number, flush=True)
"""


def child(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=str(REPO)), cwd=REPO)


def make_project(tmp_path: Path, name: str = "p.cmdesk") -> Path:
    project = Project.create(tmp_path / name, company_name="Acme Instruments Inc.", reporting_year=2025)
    path = project.path
    project.close()
    return path


# -- item 7: two apps on one project -----------------------------------------------------------

def test_second_app_is_refused_with_the_holders_name_and_a_crashed_holder_is_stale(tmp_path):
    path = make_project(tmp_path)
    holder = child(HOLDER, str(path))
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(ProjectInUse) as refused:
            Project.open(path)
        message = str(refused.value)
        assert path.name in message and current_user() in message
        assert project_lock._host() in message and "close it there first" in message
    finally:
        holder.send_signal(signal.SIGKILL)  # a crash: the lock file stays behind
        holder.communicate(timeout=10)
    assert project_lock.lock_path(path).exists()
    project = Project.open(path)  # same computer, process gone: recognised as stale
    try:
        assert project.registrant().company_name == "Acme Instruments Inc."
    finally:
        project.close()
    assert not project_lock.lock_path(path).exists()


def test_lock_from_another_computer_is_stale_only_once_it_stops_being_touched(tmp_path):
    path = make_project(tmp_path)
    lock_file = project_lock.lock_path(path)
    lock_file.write_text(json.dumps({"user": "jsmith", "host": "FINANCE-PC-7", "pid": 4242,
                                     "opened_at": "2026-03-01T09:00:00+00:00"}))
    with pytest.raises(ProjectInUse, match="by jsmith on FINANCE-PC-7"):
        Project.open(path)
    old = time.time() - project_lock.STALE_AFTER_SECONDS - 5
    os.utime(lock_file, (old, old))  # that computer was switched off: no heartbeat any more
    Project.open(path).close()


# -- item 8: failed saves ----------------------------------------------------------------------

def test_a_full_disk_during_a_change_says_so_and_retry_saves_it(tmp_path):
    project = Project.create(tmp_path / "full.cmdesk")
    try:
        project.set_answer("kept", "saved before the disk filled")
        pages = project.con.execute("PRAGMA page_count").fetchone()[0]
        project.con.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
        with pytest.raises(SaveFailed) as failed:
            project.set_answer("essay", "y" * 50_000)
        assert "not saved: the disk is full" in str(failed.value)
        assert project.answers()["kept"] == "saved before the disk filled"
        assert "essay" not in project.answers()
        project.con.execute("PRAGMA max_page_count = 1073741823")  # space freed
        failed.value.retry()
        assert project.answers()["essay"] == "y" * 50_000
    finally:
        project.close()


def test_save_a_copy_to_a_place_that_cannot_be_written_names_it(tmp_path):
    project = Project.create(tmp_path / "p.cmdesk")
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    try:
        with pytest.raises(ProjectError, match="A copy could not be saved as .*a file/copy.cmdesk"):
            project.save_copy_as(blocker / "copy.cmdesk")
    finally:
        project.close()


# -- item 9: odd paths and damaged files -------------------------------------------------------

def test_relative_path_opens(tmp_path, monkeypatch):
    make_project(tmp_path, "relative.cmdesk")
    monkeypatch.chdir(tmp_path)
    project = Project.open("relative.cmdesk")
    try:
        assert project.path == tmp_path / "relative.cmdesk"
    finally:
        project.close()


def test_negative_format_number_is_not_a_project(tmp_path):
    path = make_project(tmp_path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = -3")
    con.close()
    with pytest.raises(NotAProjectFile, match="format number"):
        Project.open(path)


def test_damaged_text_reads_as_replacement_characters(tmp_path):
    path = make_project(tmp_path)
    data = path.read_bytes()
    at = data.index(b"Acme Instruments")
    path.write_bytes(data[:at] + b"\xff\xfe" + data[at + 2:])  # invalid UTF-8 inside the page
    project = Project.open(path)
    try:
        assert project.registrant().company_name == "\ufffd\ufffdme Instruments Inc."
    finally:
        project.close()


def test_read_only_folder_is_called_read_only_not_damaged(tmp_path, monkeypatch):
    path = make_project(tmp_path)
    if os.geteuid() != 0:
        tmp_path.chmod(0o555)
    else:  # root writes everywhere: stand in for a read-only share at the access check
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    try:
        with pytest.raises(ProjectError) as refused:
            Project.open(path)
        assert "read-only" in str(refused.value) and "damaged" not in str(refused.value)
    finally:
        tmp_path.chmod(0o755)


# -- item 10: stored originals -----------------------------------------------------------------

def test_flipped_bytes_in_a_stored_original_are_found_and_named(tmp_path, cmrt_dir):
    project = Project.create(tmp_path / "p.cmdesk")
    data = (cmrt_dir / "suppliers/emd-merck_CMRT_6.4.xlsx").read_bytes()
    project.add_declaration_file(data, "emd-merck_CMRT_6.4.xlsx")
    project.add_declaration_file(b"second file", "other.xlsx")
    assert project.damaged_originals() == []
    path = project.path
    project.close()

    raw = bytearray(path.read_bytes())
    at = raw.index(data[5000:5064])
    raw[at + 10] ^= 0xFF  # one byte inside the stored workbook
    path.write_bytes(bytes(raw))
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"  # SQLite cannot see it
    con.close()

    project = Project.open(path)
    try:
        project.check_originals_ahead()  # as opening in the app does: hashed on a worker thread
        (damaged,) = project.damaged_originals()
        assert damaged["file_name"] == "emd-merck_CMRT_6.4.xlsx"
        assert len(project._intact_originals()) == 1  # the other file, found intact by the worker
        found = [b for b in blockers(project) if b.key.startswith("suppliers.damaged_original")]
        assert len(found) == 1 and "emd-merck_CMRT_6.4.xlsx" in found[0].message
    finally:
        project.close()


def test_hashing_originals_ahead_gives_way_to_the_window_but_not_when_awaited(tmp_path):
    from desktop.core.foreground import window_busy

    project = Project.create(tmp_path / "p.cmdesk")
    try:
        project.add_declaration_file(b"first file", "one.xlsx")
        project.add_declaration_file(b"second file", "two.xlsx")
        with window_busy():  # the window opening: the hashing waits until it has painted
            project.check_originals_ahead()
            project._originals_ahead.join(0.3)
            assert project._originals_ahead.is_alive() and project._intact_originals() == set()
            # The Export step's check waits for the hashing: it runs at once, the window busy or not.
            assert project.damaged_originals() == []
            assert len(project._intact_originals()) == 2
    finally:
        project.close()


# -- durability: a writer killed at random points ----------------------------------------------

KILL_TRIALS = 12


def test_writer_killed_at_random_points_loses_no_committed_edit(tmp_path):
    path = make_project(tmp_path)
    rng = random.Random(12)
    committed: list[int] = []
    intact = 0
    for trial in range(KILL_TRIALS):
        start = trial * 100_000
        writer = child(WRITER, str(path), str(start))
        first = writer.stdout.readline()  # opened and committing
        assert first.strip() == str(start), first
        time.sleep(rng.uniform(0.0, 0.4))
        writer.send_signal(signal.SIGKILL)
        rest = writer.communicate(timeout=10)[0]
        committed += [start] + [int(line) for line in rest.split() if line.strip().isdigit()]
        con = sqlite3.connect(path)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            keys = {row[0] for row in con.execute("SELECT key FROM answers")}
        finally:
            con.close()
        missing = [number for number in committed if f"edit-{number}" not in keys]
        assert ok and not missing, (trial, missing[:5])
        intact += 1
    assert intact == KILL_TRIALS and len(committed) > KILL_TRIALS
