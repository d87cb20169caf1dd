"""Project storage: one SQLite file per filing year of one company."""

from desktop.core.project.errors import (
    NewerProjectVersion, NotAProjectFile, ProjectError, ProjectMissing, SaveFailed,
)
from desktop.core.project.lock import ProjectInUse
from desktop.core.project.store import Project, init_db

__all__ = ["NewerProjectVersion", "NotAProjectFile", "Project", "ProjectError", "ProjectInUse", "ProjectMissing",
           "SaveFailed", "init_db"]
