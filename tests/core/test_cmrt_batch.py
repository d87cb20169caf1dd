"""load_many: input order, progress, cancelling, and one bad file never stopping the others."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.core.cmrt import load_many
from desktop.core.cmrt.batch import POOL_THRESHOLD
from desktop.core.cmrt.model import Declaration, UnreadableFile, Verdict
from desktop.core.sample import SAMPLE_FILES, sample_cmrt_dir

GOOD = ["suppliers/jx-advanced-metals_CMRT_6.4.xlsx", "suppliers/central-glass_CMRT_6.4.xlsx",
        "suppliers/connor-winfield_CMRT_2.02_encrypted.xls", "suppliers/emd-merck_CMRT_6.4.xlsx",
        "suppliers/sk-specialty_CMRT_6.4.xlsx", "old-revisions/testfill_3.01_green.xlsx"]
REPO = Path(__file__).resolve().parents[2]
# Our own sample files, for the tests that run on a fresh clone.
SAMPLES = [sample_cmrt_dir() / sample.file_name for sample in SAMPLE_FILES]


def test_pool_batch_of_the_sample_files_keeps_input_order_and_survives_bad_files(tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    paths = [SAMPLES[0], empty, *SAMPLES[1:], tmp_path]
    assert len(paths) >= POOL_THRESHOLD  # goes through the process pool
    progress = []
    results = load_many(paths, workers=2, on_progress=lambda done, total, path: progress.append((done, total)))
    assert [str(p) for p in paths] == [r.path for r in results]
    assert isinstance(results[1], UnreadableFile) and "empty" in results[1].problem
    assert isinstance(results[-1], UnreadableFile) and "folder" in results[-1].problem
    readable = [r for r in results if isinstance(r, Declaration)]
    assert [r.company.name for r in readable] == [sample.company for sample in SAMPLE_FILES]
    assert [len(r.smelters) for r in readable] == [len(sample.smelters) for sample in SAMPLE_FILES]
    assert all(r.findings is not None and r.verdict != Verdict.UNUSABLE for r in readable)  # checked too
    assert sorted(done for done, _ in progress) == list(range(1, len(paths) + 1))


def test_pool_batch_keeps_input_order_and_survives_bad_files(cmrt_dir, tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    paths = [cmrt_dir / GOOD[0], empty, cmrt_dir / "not-cmrt/jpeg-renamed.xls", *[cmrt_dir / p for p in GOOD[1:]],
             tmp_path]
    assert len(paths) >= POOL_THRESHOLD  # goes through the process pool
    progress = []
    results = load_many(paths, workers=2, on_progress=lambda done, total, path: progress.append((done, total)))
    assert [str(p) for p in paths] == [r.path for r in results]
    assert isinstance(results[1], UnreadableFile) and "empty" in results[1].problem
    assert isinstance(results[2], UnreadableFile) and "JPEG" in results[2].problem
    assert isinstance(results[-1], UnreadableFile) and "folder" in results[-1].problem
    readable = [r for r in results if isinstance(r, Declaration)]
    assert [r.company.name for r in readable] == [
        "JX Advanced Metals Corporation", "Central Glass Co., Ltd.", "Connor Winfield Corporation",
        "EMD Electronics, a business of Merck KGaA, Darmstadt, Germany", "SK specialty Co., Ltd",
        "Green Status Pro"]
    assert all(r.findings is not None and r.verdict != Verdict.UNUSABLE for r in readable)  # checked too
    assert len(readable[0].smelters) == 27 and len(readable[2].smelters) == 28
    assert sorted(done for done, _ in progress) == list(range(1, len(paths) + 1))
    assert {total for _, total in progress} == {len(paths)}


def test_small_batch_runs_in_process_with_progress(cmrt_dir):
    seen = []
    results = load_many([cmrt_dir / GOOD[3], cmrt_dir / "not-cmrt/RMI_EMRT_2.1_blank.xlsx"],
                        on_progress=lambda done, total, path: seen.append((done, total, path)))
    assert results[0].company.name.startswith("EMD Electronics")
    assert isinstance(results[1], UnreadableFile) and "EMRT" in results[1].problem
    assert [(done, total) for done, total, _ in seen] == [(1, 2), (2, 2)]


def test_cancel_stops_early_and_returns_only_finished_files():
    paths = SAMPLES * 2
    done = []
    results = load_many(paths, workers=2, on_progress=lambda n, total, path: done.append(n),
                        should_cancel=lambda: len(done) >= 2)
    assert 2 <= len(results) < len(paths)
    assert all(isinstance(r, Declaration) for r in results)
    positions = [[str(p) for p in paths].index(r.path) for r in results]
    assert positions == sorted(positions)


def test_cancel_before_start_returns_nothing():
    assert load_many(SAMPLES[:1], should_cancel=lambda: True) == []


def test_a_script_without_a_main_guard_is_told_so_and_its_files_are_still_read(tmp_path):
    """Each "spawn" worker re-runs such a script and stops: that is the script's fault, not the files'."""
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import sys\n"
        "from desktop.core.cmrt import load_many\n"
        "from desktop.core.cmrt.model import Declaration\n"
        "results = load_many(sys.argv[1:], workers=2)\n"
        "for r in results:\n"
        "    print(r.company.name if isinstance(r, Declaration) else 'UNREADABLE ' + r.problem + ' ' + r.advice)\n",
        encoding="utf-8",
    )
    assert len(SAMPLES) >= POOL_THRESHOLD  # so load_many starts worker processes
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, str(script), *map(str, SAMPLES)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [sample.company for sample in SAMPLE_FILES]
    assert "Ask the supplier" not in done.stdout
    assert "RuntimeWarning: The helper processes that read CMRT files in parallel could not start" in done.stderr
    assert 'if __name__ == "__main__":' in done.stderr


def test_pool_reads_each_files_bytes_only_when_a_worker_is_about_to_take_it():
    """Issue 13: a few files per worker in flight, not every file's bytes up front."""
    from desktop.core.cmrt.batch import IN_FLIGHT_PER_WORKER

    paths = (SAMPLES * 4)[:14]
    datas = [Path(p).read_bytes() for p in paths]
    handed: list[int] = []
    in_flight: list[int] = []

    def contents(index: int) -> bytes:
        handed.append(index)
        return datas[index]

    results = load_many(paths, workers=2, contents=contents,
                        on_progress=lambda done, total, path: in_flight.append(len(handed) - done))
    assert sorted(handed) == list(range(len(paths)))  # each file's bytes asked for once
    assert all(isinstance(r, Declaration) for r in results) and [r.path for r in results] == [str(p) for p in paths]
    assert 0 < max(in_flight) <= 2 * IN_FLIGHT_PER_WORKER < len(paths)
