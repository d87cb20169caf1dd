"""Create the sample project file: what `File > Open sample project` and the start page open.

A new project each time (in a folder the caller chooses, usually a temporary or data folder), so
the newcomer can change anything without harming a real filing.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from desktop.core.project import Project
from desktop.core.sample.company import SAMPLE_NOTICE, sample_company

# Project setting that marks the sample; the UI shows SAMPLE_NOTICE wherever it is set.
SAMPLE_SETTING = "sample_project_notice"


def is_sample_project(project: Project) -> bool:
    return bool(project.setting(SAMPLE_SETTING))


def create_sample_project(path: str | Path, import_files: bool = True) -> Project:
    """Write a new project with the sample company, its products and roster, and (unless
    `import_files` is False, to let the newcomer import them) the sample suppliers' CMRTs.

    Raises ProjectError when `path` already exists. The caller closes the returned project.
    """
    company = sample_company()
    project = Project.create(path)
    try:
        project.update_registrant(**asdict(company.registrant))
        for product in company.products:
            project.save_product(product)
        project.save_suppliers(company.suppliers)
        for key, value in company.diligence_facts.items():
            project.set_answer(key, value)
        project.set_setting(SAMPLE_SETTING, SAMPLE_NOTICE)
        if import_files:
            _import_sample_files(project, company.cmrt_files)
            _settle_sample(project)
    except BaseException:
        project.close()
        raise
    return project


def _import_sample_files(project: Project, paths: list[Path]) -> None:
    # Imported here: the wizard reads SAMPLE_SETTING at every open, without the CMRT reader.
    from desktop.core.suppliers.inquiry import read_supplier_files, save_import

    # One worker: a handful of small files is faster than starting a process pool.
    files = read_supplier_files(paths, project.suppliers(), workers=1)
    for item in files or []:
        if item.problem:
            raise RuntimeError(f"a sample file could not be read: {item.problem}")
        if item.supplier_id is None and item.suggestions:
            # The sample roster is known to hold every sender; take the best suggestion.
            item.supplier_id = item.suggestions[0][0].id
            item.create_supplier = False
    save_import(project, files or [])


SAMPLE_STATUS_REASON = (
    "Sample project: the statuses are those of the RMI lists shipped with the app (January 2023). "
    "A real filing uses RMI's lists current at the end of the reporting year."
)


def _settle_sample(project: Project) -> None:
    """What the sample company has settled, true to its (fictitious) data: why the shipped statuses
    are used. Its due diligence statements (company.py carries their facts) and the two smelter names
    its suppliers mistyped stay for the newcomer to confirm and decide, as the Export step lists them;
    then the sample exports a final filing."""
    from desktop.core.filing.readiness_checks import STALE_STATUS_REASON_KEY

    project.set_answer(STALE_STATUS_REASON_KEY, SAMPLE_STATUS_REASON)
