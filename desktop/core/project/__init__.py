"""Project storage: one SQLite file per filing year of one company."""

from desktop.core.project.errors import (
    NewerProjectVersion, NotAProjectFile, ProjectError, ProjectMissing, SaveFailed,
)
from desktop.core.project.lock import ProjectInUse


def __getattr__(name: str):
    # Project and init_db are imported when first asked for: the start screen reads the recent
    # projects (desktop.core.project.recent) without the store, which imports the CMRT reader and
    # the smelter matching (0.1-0.2 s of a launch, issue 13).
    if name in ("Project", "init_db"):
        from desktop.core.project import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["NewerProjectVersion", "NotAProjectFile", "Project", "ProjectError", "ProjectInUse", "ProjectMissing",
           "SaveFailed", "init_db"]
