"""Why a project file cannot be opened, in words for the user."""

from __future__ import annotations

import functools
import inspect


class ProjectError(Exception):
    """A project file problem, with a message naming the file."""


class NotAProjectFile(ProjectError):
    def __init__(self, path, detail: str = ""):
        self.path = str(path)
        message = f"{self.path} is not a Conflict Minerals Desk project file."
        if detail:
            message += f" ({detail})"
        super().__init__(message)


class NewerProjectVersion(ProjectError):
    def __init__(self, path, file_version: int, supported: int):
        self.path = str(path)
        self.file_version = file_version
        self.supported = supported
        super().__init__(
            f"{self.path} was saved by a newer version of Conflict Minerals Desk (project format "
            f"{file_version}; this version reads up to {supported}). Install the latest version to open "
            "it. The file has not been changed."
        )


class ProjectMissing(ProjectError):
    def __init__(self, path):
        self.path = str(path)
        super().__init__(f"{self.path} no longer exists. It may have been moved, renamed or deleted.")


class SaveFailed(ProjectError):
    """A change that could not be written; everything committed before it is still in the file.
    `retry`, when set, repeats the change (set by the Project method the user's action called)."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        self.retry = None
        super().__init__(f"Your last change was not saved: {reason}. Everything saved before it is safe "
                         f"in {self.path}.")


def save_failure(path, error: BaseException) -> SaveFailed:
    """Plain words for SQLite's write errors."""
    text = str(error).lower()
    if "full" in text:
        reason = "the disk is full"
    elif "locked" in text or "busy" in text:
        reason = "the project file is in use by another program"
    elif "readonly" in text or "read-only" in text:
        reason = "the project file can no longer be written (it or its folder became read-only)"
    elif "disk i/o" in text or "unable to open" in text or "no such" in text:
        reason = "the project file could not be written (it may have been moved, or its drive disconnected)"
    elif "malformed" in text or "not a database" in text:
        reason = "the project file is damaged"
    else:
        reason = f"the project file could not be written ({error})"
    return SaveFailed(path, reason)


def _remember_retry(method):
    """A SaveFailed leaving a Project method carries how to repeat that change (the user's Retry)."""
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except SaveFailed as failure:
            failure.retry = lambda: call(self, *args, **kwargs)
            raise
    return call


def retryable_changes(cls: type) -> None:
    """Wrap every public method of the project class (see _remember_retry)."""
    for name in dir(cls):
        if name.startswith("_") or name in ("transaction", "close", "open", "create"):
            continue
        attribute = inspect.getattr_static(cls, name)
        if inspect.isfunction(attribute):
            setattr(cls, name, _remember_retry(attribute))
