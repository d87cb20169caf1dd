"""Each project keeps its smelter facts (issue 11): a newer app-wide list moves nothing until asked."""

from __future__ import annotations

import csv
import hashlib
from datetime import date

import pytest
from python_calamine import CalamineWorkbook

from desktop.core.filing.evidence import project_rollup
from desktop.core.suppliers.inquiry import read_supplier_files, save_import
from desktop.core.project import Project
from desktop.core.smelters.project_reference import (
    ExportedProjectMove,
    apply_project_move,
    ensure_snapshot,
    preview_project_move,
    project_reference,
)
from desktop.core.smelters import CONFORMANT, apply_reference_update, load_reference, preview_reference_update
from desktop.core.smelters.reference import shipped_reference_path

SUPPLIERS = ("central-glass_CMRT_6.4.xlsx", "emd-merck_CMRT_6.4.xlsx", "jx-advanced-metals_CMRT_6.4.xlsx")


@pytest.fixture()
def project(tmp_path, cmrt_dir):
    project = Project.create(tmp_path / "Acme 2025.cmdesk", company_name="Acme", reporting_year=2025)
    save_import(project, read_supplier_files([cmrt_dir / "suppliers" / n for n in SUPPLIERS], []))
    yield project
    project.close()


def figures(rolled) -> list[tuple]:
    return [
        (m.metal, m.known_smelters, m.conformant, m.active, m.percent_conformant_or_active)
        for m in rolled.summary.metals.values()
    ] + [(s.metal, s.cid, s.name, s.status) for s in rolled.smelters]


def newer_conformant_list(smelter_lists_dir, target, dropped: set[str]):
    """A later Conformant list as a user downloads it (CSV), without the smelters in `dropped`,
    and the Active list of the same date beside it (both lists date every status)."""
    book = CalamineWorkbook.from_path(str(smelter_lists_dir / "rmi-facility-lists_2023-01.xlsx"))
    rows = book.get_sheet_by_name("Conformant").to_python()
    with open(target, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([rows[0]] + [r for r in rows[1:] if r[2] not in dropped])
    active = target.with_name(target.name.lower().replace("conformant", "active"))
    assert active != target
    with open(active, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(book.get_sheet_by_name("Active List").to_python())
    return [target, active]


def test_a_new_project_keeps_the_reference_in_force_with_its_source_files(project, smelter_lists_dir):
    snapshot = project.reference_snapshot()
    assert snapshot is not None  # taken by the import's first roll-up, silently for a new project
    assert snapshot.status_as_of == load_reference().status_as_of == "2023-01-20"
    cited = {s["file"]: s["sha256"] for s in snapshot.sources}
    lists = smelter_lists_dir / "rmi-facility-lists_2023-01.xlsx"
    assert cited[lists.name] == hashlib.sha256(lists.read_bytes()).hexdigest()
    assert snapshot.sha256 == hashlib.sha256(snapshot.reference).hexdigest()


def test_a_project_re_exported_after_a_newer_list_keeps_its_figures_until_moved(
    project, tmp_path, smelter_lists_dir
):
    before = project_rollup(project)
    conformant = [s for s in before.smelters if s.status == CONFORMANT]
    dropped = {s.cid for s in conformant[:3]}
    newer = newer_conformant_list(smelter_lists_dir, tmp_path / "RMI Conformant list 2026-06-01.csv", dropped)
    apply_reference_update(preview_reference_update(load_reference(), newer))
    assert load_reference().status_as_of == "2026-06-01"  # the app's list moved ...

    project.close()
    reopened = Project.open(project.path)
    try:
        assert ensure_snapshot(reopened) == ""
        again = project_rollup(reopened)
        assert figures(again) == figures(before)  # ... this project did not
        assert again.status_as_of() == before.status_as_of()

        move = preview_project_move(reopened)
        moved = {m.cid: (m.before, m.after) for m in move.status_moves}
        assert set(moved) >= dropped and all(moved[cid][0] == CONFORMANT for cid in dropped)
        changed = {f.what: (f.before, f.after) for f in move.figures if f.changed}
        assert changed["Statuses as of (Annex A)"] == ("2023-01-20", "2026-06-01")
        assert figures(project_rollup(reopened)) == figures(before)  # a preview changes nothing

        apply_project_move(reopened, move)
        after = project_rollup(reopened)
        assert {s.cid: s.status for s in after.smelters if s.cid in dropped} != {c: CONFORMANT for c in dropped}
        history = reopened.reference_snapshots()
        assert len(history) == 2 and "2026-06-01" in history[-1].reason
        assert any(cid in history[-1].changes for cid in dropped)
        assert history[-1].sources[0]["file"] == "RMI_CMRT_6.5.xlsx"
        assert any(s["file"] == newer[0].name for s in history[-1].sources)
    finally:
        reopened.close()


def test_moving_a_project_with_exports_needs_the_warning_confirmed(project, tmp_path, smelter_lists_dir):
    project.record_export("report_pdf", str(tmp_path / "report.pdf"), "0" * 64)
    dropped = {next(s.cid for s in project_rollup(project).smelters if s.status == CONFORMANT)}
    newer = newer_conformant_list(smelter_lists_dir, tmp_path / "conformant_2026-06-01.csv", dropped)
    move = preview_project_move(project, preview_reference_update(load_reference(), newer).new_reference)
    assert "Report PDF on" in move.export_warning()
    with pytest.raises(ExportedProjectMove, match="already exported"):
        apply_project_move(project, move)
    assert len(project.reference_snapshots()) == 1
    apply_project_move(project, move, confirmed_after_export=True)
    assert project_reference(project).status_as_of == "2026-06-01"


def test_an_existing_project_gets_a_snapshot_on_first_open_and_the_user_is_told(tmp_path, cmrt_dir):
    path = tmp_path / "From last year.cmdesk"
    project = Project.create(path)
    save_import(project, read_supplier_files([cmrt_dir / "suppliers" / SUPPLIERS[0]], []))
    # As a project made before snapshots existed: it has supplier files and no snapshot.
    project.con.execute("DELETE FROM reference_snapshots")
    project.close()
    project = Project.open(path)
    try:
        message = ensure_snapshot(project)
        assert "keeps its own copy" in message and "2023-01-20" in message
        assert "First opened by version" in project.reference_snapshot().reason
        assert ensure_snapshot(project) == ""  # told once
        assert project.reference_snapshot().reference == shipped_reference_path().read_bytes()
    finally:
        project.close()


def test_re_exporting_after_the_app_lists_change_writes_the_same_annex_a(tmp_path, cmrt_dir, smelter_lists_dir):
    """The files a re-export writes, not only the figures: Annex A's rows, statuses and as-of date."""
    from desktop.core.export.annex_files import write_annex_csv
    from desktop.core.filing.report_builder import report_data_from_project
    from tests.core.test_report_builder import filed_project

    project = filed_project(tmp_path / "Filed 2025.cmdesk", cmrt_dir)
    try:
        day = date(2026, 5, 20)
        first = write_annex_csv(report_data_from_project(project, today=day), tmp_path / "annex-filed.csv")
        dropped = {s.cid for s in project_rollup(project).smelters if s.status == CONFORMANT}
        newer = newer_conformant_list(smelter_lists_dir, tmp_path / "conformant 2026-06-01.csv", set(sorted(dropped)[:5]))
        apply_reference_update(preview_reference_update(load_reference(), newer))
        again = write_annex_csv(report_data_from_project(project, today=day), tmp_path / "annex-again.csv")
        assert again.sha256 == first.sha256  # byte for byte
        apply_project_move(project, preview_project_move(project))
        moved = write_annex_csv(report_data_from_project(project, today=day), tmp_path / "annex-moved.csv")
        assert moved.sha256 != first.sha256
        assert "2026-06-01" in (tmp_path / "annex-moved.csv").read_text(encoding="utf-8-sig")
    finally:
        project.close()
