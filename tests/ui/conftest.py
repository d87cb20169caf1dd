"""Fixtures shared by the UI tests.

`sample_project_path` is built from our own sample files and runs everywhere; `filed_project_path`
is built from the real supplier files of the shared corpus, so its tests skip without it.
"""

import shutil
from pathlib import Path

import pytest

from desktop.core.sample.project import create_sample_project
from tests.core.test_report_builder import filed_project


@pytest.fixture(autouse=True)
def steps_wait_for_figures(monkeypatch):
    """A step shown waits for its figures (worked out off the UI thread), as these tests expect to
    look at it at once; tests of the placeholders shown meanwhile ask for `placeholders`."""
    monkeypatch.setattr("desktop.ui.figures.WAIT_FOR_FIGURES", True)


@pytest.fixture
def placeholders(monkeypatch):
    """Steps show placeholders for figures still being worked out, as in the app."""
    monkeypatch.setattr("desktop.ui.figures.WAIT_FOR_FIGURES", False)


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


@pytest.fixture(scope="module")
def sample_project_template(tmp_path_factory) -> Path:
    """The sample project (fictitious company, our own sample CMRTs imported), built once per module."""
    folder = tmp_path_factory.mktemp("sample")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CMDESK_DATA_DIR", str(folder / "appdata"))
        path = folder / "Northwind 2025.cmdesk"
        create_sample_project(path).close()
    return path


@pytest.fixture
def sample_project_path(sample_project_template, tmp_path) -> Path:
    """A private copy of the sample project, so each test may change it."""
    path = tmp_path / sample_project_template.name
    shutil.copy(sample_project_template, path)
    return path


def make_ready(path: Path) -> None:
    """Settle what blocks the final filing the way a user would: leave each unmatched smelter name
    unknown on purpose, and record why the shipped (2023) statuses are used."""
    from desktop.core.filing.evidence import project_rollup
    from desktop.core.filing.readiness_checks import STALE_STATUS_REASON_KEY
    from desktop.core.project import Project
    from desktop.core.smelters.to_resolve import still_to_resolve

    project = Project.open(path)
    for entry in still_to_resolve(project_rollup(project).unresolved):
        project.set_left_unknown(entry.key, True, "test user")
    project.set_answer(STALE_STATUS_REASON_KEY, "These are the latest RMI lists the company holds.")
    # The due diligence statements: the facts they use typed, then each OECD step confirmed.
    from desktop.core.filing import claims, diligence

    facts = {
        "policy_year": "2019", "policy_url": "www.acme-instruments.example/policy",
        "program_department": "finance department", "executive_sponsor": "Chief Financial Officer",
        "purchase_terms": "cooperate with our conflict minerals inquiry", "retention_years": "5",
    }  # fmt: skip
    for key, value in facts.items():
        project.set_answer(key, value)
    for step in diligence.oecd_steps():
        claims.confirm_step(project, step)
    project.close()


@pytest.fixture(scope="module")
def ready_project_template(filed_project_template, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ready") / "Acme 2025.cmdesk"
    shutil.copy(filed_project_template, path)
    make_ready(path)
    return path


@pytest.fixture
def ready_project_path(ready_project_template, tmp_path) -> Path:
    """A private copy of the filed project with nothing blocking the final filing."""
    path = tmp_path / "Acme 2025.cmdesk"
    shutil.copy(ready_project_template, path)
    return path


# What the sample's two unmatched smelter names are (its suppliers' typo and hand-written name).
SAMPLE_MATCHES = {"Asahi Pretec Crop.": "Asahi Pretec Corp.", "Global Tungsten and Powders Corp": "Global Tungsten & Powders LLC"}


def decide_sample_smelters(project) -> None:
    """Do what the sample leaves to the newcomer: decide its two smelter names (Smelter review) and
    confirm its due diligence statements (Due diligence); then nothing blocks its final filing."""
    from desktop.core.filing import claims, diligence

    for step in diligence.oecd_steps():
        claims.confirm_step(project, step)
    from desktop.core.filing.evidence import project_rollup
    from desktop.core.smelters.decisions import MatchDecision
    from desktop.core.smelters.reference import load_reference
    from desktop.core.smelters.to_resolve import still_to_resolve

    reference = load_reference()
    for entry in still_to_resolve(project_rollup(project).unresolved):
        cid = reference.alias_cid(entry.metal, SAMPLE_MATCHES[entry.name])
        project.save_decision(MatchDecision.for_row(entry.rows[0].row, cid, note="what the supplier meant"))
