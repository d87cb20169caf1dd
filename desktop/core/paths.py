"""Where the app keeps its files: the data folder (overridable) and shipped resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from desktop import APP_ID

# Tests and portable installs point the app at another folder with this variable.
DATA_DIR_ENV = "CMDESK_DATA_DIR"


def data_dir() -> Path:
    """Folder for settings, recent projects and the user's reference-data updates."""
    override = os.environ.get(DATA_DIR_ENV)
    folder = Path(override) if override else Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_projects_dir() -> Path:
    """Where new projects are proposed: Documents/Conflict Minerals, or under the data folder."""
    if os.environ.get(DATA_DIR_ENV):
        folder = data_dir() / "projects"
    else:
        folder = Path(platformdirs.user_documents_dir()) / "Conflict Minerals"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def resource_path(*parts: str) -> Path:
    """A file shipped under `resources/`, from a source tree or a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root, "resources", *parts)
    return Path(__file__).resolve().parents[2].joinpath("resources", *parts)
