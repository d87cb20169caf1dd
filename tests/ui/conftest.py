"""Fixtures shared by the UI tests."""

import shutil
from pathlib import Path

import pytest

from tests.core.test_report_builder import filed_project


@pytest.fixture(scope="module")
def filed_project_template(tmp_path_factory, cmrt_dir) -> Path:
    """A project built once per module from the real supplier files, ready to export."""
    path = tmp_path_factory.mktemp("template") / "Acme 2025.cmdesk"
    filed_project(path, cmrt_dir).close()
    return path


@pytest.fixture
def filed_project_path(filed_project_template, tmp_path) -> Path:
    """A private copy of that project, so each test may change it."""
    path = tmp_path / "Acme 2025.cmdesk"
    shutil.copy(filed_project_template, path)
    return path
