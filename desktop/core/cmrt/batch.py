"""load_many: read and check many supplier files, in a process pool for big batches.

One bad file never stops the others: every failure comes back as an UnreadableFile in that
file's place. Results are in input order. When `should_cancel()` returns True the batch stops
early: files not finished by then are simply left out of the result (the list is shorter than
`paths`), so callers that cancel must match results to paths by `.path`.

Callers that have already read a file (to store and hash it) pass its bytes in `contents`, so what
is parsed is exactly what was read: a file replaced on disk meanwhile cannot slip in. `contents` may
be a function of the file's index instead of a list: it is called only when that file is handed to
a reader, and at most a few files per worker are in flight, so memory stays flat however many
files there are (issue 13).

When worker processes cannot start at all (most often: a script that calls load_many without an
`if __name__ == "__main__":` guard, so each "spawn" worker re-runs the script and stops), that is
a problem of this computer or script, not of the suppliers' files: the files are read in this
process instead and a RuntimeWarning says what happened.
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from desktop.core.cmrt.checking import load_declaration
from desktop.core.cmrt.model import Declaration, UnreadableFile

# Below this many files, starting worker processes (~0.3 s each) costs more than it saves.
POOL_THRESHOLD = 6
_POLL_SECONDS = 0.1

Result = Declaration | UnreadableFile
Progress = Callable[[int, int, str], None]
Contents = Callable[[int], "bytes | None"]
# Files handed to the pool at a time, per worker: enough to keep every worker busy, few enough that
# the bytes in flight do not grow with the batch.
IN_FLIGHT_PER_WORKER = 2

WORKERS_CANNOT_START = (
    "The helper processes that read CMRT files in parallel could not start, so the files were read "
    "one at a time instead; the suppliers' files are not at fault. If you call load_many from your own "
    "Python script, put the script's top-level code under `if __name__ == \"__main__\":` (Python "
    "restarts the script in each helper process); see \"Safe importing of main module\" in the "
    "multiprocessing documentation."
)


def load_one(path: str, data: bytes | None = None) -> Result:
    """Read and check one file; every failure becomes an UnreadableFile, never an exception."""
    try:
        return load_declaration(path, data)
    except UnreadableFile as refusal:
        return refusal
    except MemoryError:
        return UnreadableFile(path, "the workbook is too large to read.", "Ask the supplier for a smaller file.")
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # a reader bug (or a Rust panic, a BaseException) must not stop the batch
        return UnreadableFile(path, f"the file could not be read because of an unexpected problem "
                              f"({type(error).__name__}: {error}).", "Please report this file to support.")


def _load_in_worker(path: str, data: bytes | None) -> tuple:
    """Worker side: UnreadableFile's __init__ takes three arguments, so send plain fields across."""
    result = load_one(path, data)
    if isinstance(result, UnreadableFile):
        return ("unreadable", result.path, result.problem, result.advice)
    return ("ok", result)


def _worker_ready() -> bool:
    """A task that cannot fail: if a worker cannot run even this, workers cannot start here."""
    return True


def _workers_can_start() -> bool:
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            return pool.submit(_worker_ready).result()
    except (BrokenProcessPool, OSError, RuntimeError):
        return False


def _from_worker(payload: tuple) -> Result:
    if payload[0] == "unreadable":
        return UnreadableFile(payload[1], payload[2], payload[3])
    return payload[1]


def load_many(paths: Sequence[str | Path], workers: int | None = None, on_progress: Progress | None = None,
              should_cancel: Callable[[], bool] | None = None,
              contents: Sequence[bytes | None] | Contents | None = None) -> list[Result]:
    """Read and check every file; see the module docstring for order, cancellation and `contents`.
    `workers`: processes to read in, by default one per core."""
    names = [str(path) for path in paths]
    if workers is None:
        workers = os.cpu_count() or 1
    if contents is None:
        datas: Contents = lambda index: None  # noqa: E731
    elif callable(contents):
        datas = contents
    else:
        if len(contents) != len(names):
            raise ValueError("contents must hold one entry per path")
        datas = contents.__getitem__
    if workers <= 1 or len(names) < POOL_THRESHOLD:
        return _load_here(names, datas, on_progress, should_cancel)
    return _load_in_pool(names, datas, min(workers, os.cpu_count() or 1), on_progress, should_cancel)


def _load_here(names: list[str], datas: Contents, on_progress: Progress | None,
               should_cancel) -> list[Result]:
    results: list[Result] = []
    for index, name in enumerate(names):
        if should_cancel is not None and should_cancel():
            break
        results.append(load_one(name, datas(index)))
        if on_progress is not None:
            on_progress(len(results), len(names), name)
    return results


def _load_in_pool(names: list[str], datas: Contents, workers: int, on_progress: Progress | None,
                  should_cancel) -> list[Result]:
    results: dict[int, Result] = {}
    pending_indexes = list(range(len(names)))
    # A worker killed by the OS (or a native crash) breaks the pool; retry the unfinished files once.
    for attempt in range(2):
        if not pending_indexes:
            break
        crashed = _run_pool(names, datas, pending_indexes, workers, results, on_progress, should_cancel)
        if crashed is None:  # cancelled
            break
        pending_indexes = crashed
        if pending_indexes and not results and not _workers_can_start():
            # Not one file came back and a worker cannot run an empty task: the workers never
            # started. Say so, and read the files here rather than blame each one.
            warnings.warn(WORKERS_CANNOT_START, RuntimeWarning, stacklevel=3)
            here = _load_here([names[index] for index in pending_indexes],
                              lambda at, lost=tuple(pending_indexes): datas(lost[at]), None, should_cancel)
            for index, result in zip(pending_indexes, here):
                results[index] = result
                if on_progress is not None:
                    on_progress(len(results), len(names), names[index])
            pending_indexes = []
            break
    for index in pending_indexes:
        if index not in results and not (should_cancel is not None and should_cancel()):
            results[index] = UnreadableFile(names[index], "the reading process stopped unexpectedly on this file.",
                                            "Ask the supplier to send the CMRT again.")
    return [results[index] for index in sorted(results)]


def _run_pool(names, datas, indexes, workers, results, on_progress, should_cancel) -> list[int] | None:
    """Run one pool over `indexes`; returns the indexes lost to a crash, or None when cancelled."""
    # "spawn": forking a process that runs Qt threads is unsafe, and spawn behaves alike on every OS.
    context = multiprocessing.get_context("spawn")
    crashed: list[int] = []
    queue = iter(indexes)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: dict[Future, int] = {}
        waiting: set[Future] = set()

        def hand_out() -> None:  # keep a few files per worker in flight, reading each only now
            while len(waiting) < workers * IN_FLIGHT_PER_WORKER:
                index = next(queue, None)
                if index is None:
                    return
                try:
                    future = pool.submit(_load_in_worker, names[index], datas(index))
                except BrokenProcessPool:
                    crashed.append(index)
                    crashed.extend(queue)  # not handed out yet: retried with the files lost in the crash
                    return
                futures[future] = index
                waiting.add(future)

        hand_out()
        while waiting:
            if should_cancel is not None and should_cancel():
                pool.shutdown(wait=True, cancel_futures=True)
                return None
            done, waiting = wait(waiting, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                index = futures.pop(future)
                try:
                    results[index] = _from_worker(future.result())
                except BrokenProcessPool:
                    crashed.append(index)
                    crashed.extend(queue)  # not handed out yet: retried with the files lost in the crash
                    continue
                except Exception as error:  # e.g. a result that could not be sent back
                    results[index] = UnreadableFile(names[index], f"the file could not be read ({error}).",
                                                    "Please report this file to support.")
                if on_progress is not None:
                    on_progress(len(results), len(names), names[index])
            hand_out()
    return crashed
