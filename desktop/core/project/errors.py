"""Why a project file cannot be opened, in words for the user."""

from __future__ import annotations


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
