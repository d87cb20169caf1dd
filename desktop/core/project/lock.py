"""One app at a time on a project: a lock file beside it says who has it open.

SQLite alone lets two apps (on this computer or two, over a shared folder) write the same file, each
waiting on the other's locks and overwriting the other's decisions. So opening a project creates
`<project>.lock` (created exclusively, which network shares honour) holding who, where and since
when; the open app touches it every HEARTBEAT_SECONDS. Another app refuses to open the project and
names the holder, unless the lock is stale: its process is gone (same computer), or it has not been
touched for STALE_AFTER_SECONDS (another computer that crashed or was switched off).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

from desktop.core.project.errors import ProjectError

HEARTBEAT_SECONDS = 30
STALE_AFTER_SECONDS = 180


class ProjectInUse(ProjectError):
    def __init__(self, path, holder: dict):
        self.path = str(path)
        self.holder = holder
        who = holder.get("user") or "another user"
        where = holder.get("host") or "another computer"
        since = _local_time(holder.get("opened_at", ""))
        super().__init__(
            f"{Path(self.path).name} is already open in Conflict Minerals Desk by {who} on {where}"
            + (f" (since {since})" if since else "") + ". A project can be open in one place at a time, so "
            "that no one's changes are lost: close it there first. If that app is no longer running (after "
            f"a crash, or on a computer that was switched off), try again in {STALE_AFTER_SECONDS // 60} "
            "minutes: its lock is then recognised as left over."
        )


def lock_path(project: Path) -> Path:
    return project.with_name(project.name + ".lock")


def _local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d %b %Y %H:%M")
    except ValueError:
        return ""


def _host() -> str:
    return socket.gethostname() or "unknown computer"


def _pid_running(pid: int) -> bool:
    """Whether a process of this computer is still running (never signals it)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        synchronize, wait_timeout, access_denied = 0x00100000, 0x102, 5
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(synchronize, False, pid)
        if not handle:  # no such process, or another user's (a shared terminal server): that one runs
            return ctypes.get_last_error() == access_denied
        try:
            return kernel32.WaitForSingleObject(handle, 0) == wait_timeout
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


# Projects this process holds, with how many of its connections use each (released at zero).
_HELD: dict[Path, list] = {}  # path -> [connections, the heartbeat's stop event]
_HELD_GUARD = threading.Lock()


class ProjectLock:
    """The lock of one open project; `release()` (or the process ending) lets others open it."""

    def __init__(self, project: Path, user: str):
        self.path = lock_path(project)
        self.project = project
        self.user = user
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def acquire(self) -> "ProjectLock":
        with _HELD_GUARD:
            if self.path in _HELD:  # this process has it open already (e.g. the same file opened twice)
                _HELD[self.path][0] += 1
                return self
            self._acquire_file()
            _HELD[self.path] = [1, self._stop]
        return self

    def _acquire_file(self) -> None:
        for _attempt in range(3):
            try:
                handle = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
            except FileExistsError:
                holder = self.holder()
                if holder is not None and not self._is_stale(holder) and not self._is_ours(holder):
                    raise ProjectInUse(self.project, holder)
                self.path.unlink(missing_ok=True)  # left over by a crashed app (or by this process)
                continue
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(self._record(), stream)
            self._start_heartbeat()
            return
        raise ProjectInUse(self.project, self.holder() or {})

    def _record(self) -> dict:
        return {"user": self.user, "host": _host(), "pid": os.getpid(),
                "opened_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}

    def holder(self) -> dict | None:
        """Who holds the lock, or None when it cannot be read (being written, or damaged)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            data["age"] = time.time() - self.path.stat().st_mtime
            return data if isinstance(data, dict) else None
        except (OSError, ValueError):
            return None

    @staticmethod
    def _is_ours(holder: dict) -> bool:
        """This very process (a second connection it opens itself, e.g. a copy being made)."""
        return holder.get("host") == _host() and holder.get("pid") == os.getpid()

    @staticmethod
    def _is_stale(holder: dict) -> bool:
        if holder.get("age", 0) > STALE_AFTER_SECONDS:
            return True
        pid = holder.get("pid")
        return holder.get("host") == _host() and isinstance(pid, int) and not _pid_running(pid)

    def _start_heartbeat(self) -> None:
        def beat():
            while not self._stop.wait(HEARTBEAT_SECONDS):
                try:
                    os.utime(self.path)
                except OSError:
                    pass  # a share that went away: the next save will say so
        self._thread = threading.Thread(target=beat, name="project-lock-heartbeat", daemon=True)
        self._thread.start()

    def release(self) -> None:
        with _HELD_GUARD:
            held = _HELD.get(self.path)
            if held is None:
                return
            held[0] -= 1
            if held[0] > 0:
                return
            del _HELD[self.path]
        held[1].set()  # stops the heartbeat
        holder = self.holder()
        if holder is not None and self._is_ours(holder):
            self.path.unlink(missing_ok=True)
