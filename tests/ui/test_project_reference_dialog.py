"""Moving one project to newer smelter lists: the preview shows what changes, then the move is recorded."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from desktop.core.filing.evidence import project_rollup
from desktop.core.project import Project
from desktop.core.smelters.project_reference import project_reference
from desktop.core.smelters import CONFORMANT, apply_reference_update, load_reference, preview_reference_update
from desktop.ui import dialogs
from desktop.ui.dialogs.project_reference import ProjectReferenceDialog, project_reference_line
from tests.core.test_project_reference import newer_conformant_list

RENDERS = Path("/tmp/i11-snapshot")


def open_dialog(qtbot, project, size=(860, 600)) -> ProjectReferenceDialog:
    dialog = ProjectReferenceDialog(project)
    qtbot.addWidget(dialog)
    dialog.resize(*size)
    with qtbot.waitSignal(dialog.preview_ready, timeout=30000):
        pass
    return dialog


def test_the_preview_shows_this_projects_changes_and_the_move_is_recorded(
    qtbot, filed_project_path, tmp_path, smelter_lists_dir, monkeypatch
):
    project = Project.open(filed_project_path)
    try:
        before = project_rollup(project)
        dropped = {s.cid for s in before.smelters if s.status == CONFORMANT and s.metal == "Gold"}
        dropped = set(sorted(dropped)[:2])
        newer = newer_conformant_list(smelter_lists_dir, tmp_path / "conformant 2026-06-01.csv", dropped)
        apply_reference_update(preview_reference_update(load_reference(), newer))
        assert "Newer lists are in the app" in project_reference_line(project)
        project.record_export("report_pdf", str(tmp_path / "report.pdf"), "0" * 64)

        dialog = open_dialog(qtbot, project)
        assert "2023-01-20" in dialog.current.text() and "rmi-facility-lists_2023-01.xlsx" in dialog.current.text()
        assert "2026-06-01" in dialog.offered.text()
        shown = {dialog.statuses.item(r, 2).text(): dialog.statuses.item(r, 3).text() for r in range(dialog.statuses.rowCount())}
        assert set(shown) >= dropped and {shown[c] for c in dropped} == {CONFORMANT}
        gold = next(r for r in range(dialog.figures.rowCount()) if dialog.figures.item(r, 0).text().startswith("Gold"))
        assert dialog.figures.item(gold, 1).text() != dialog.figures.item(gold, 2).text()
        assert dialog.figures.item(gold, 0).font().bold()
        assert dialog.warning.isVisibleTo(dialog) and "already exported" in dialog.warning.text()
        assert dialog.move_button.isEnabled()
        RENDERS.mkdir(parents=True, exist_ok=True)
        for width, height in ((1280, 800), (1024, 640)):
            dialog.resize(width, height)
            dialog.grab().save(str(RENDERS / f"project-reference-preview_{width}x{height}.png"))

        # Declining the export warning moves nothing.
        monkeypatch.setattr(dialogs, "confirm", lambda *args: False)
        dialog.buttons.button(QDialogButtonBox.Ok).click()
        assert project_reference(project).status_as_of == "2023-01-20" and not dialog.moved
        monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
        dialog.buttons.button(QDialogButtonBox.Ok).click()
        assert dialog.moved and project_reference(project).status_as_of == "2026-06-01"
        assert len(project.reference_snapshots()) == 2

        again = open_dialog(qtbot, project)
        assert "already uses" in again.status.text() and not again.move_button.isEnabled()
        assert again.history.rowCount() == 2 and "2026-06-01" in again.history.item(0, 2).text()
    finally:
        project.close()


def test_a_project_from_before_snapshots_is_told_once_when_opened(qtbot, filed_project_path, monkeypatch):
    from desktop.ui.main_window import create_main_window

    old = Project.open(filed_project_path)
    old.con.execute("DELETE FROM reference_snapshots")  # as a project made by the previous version
    old.close()
    told = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, message: told.append((title, message)))
    window = create_main_window(project_path=filed_project_path)
    qtbot.addWidget(window)
    assert len(told) == 1 and "keeps its own copy of the smelter statuses" in told[0][1]
    assert "2023-01-20" in told[0][1]
    window.close_project()
    window.open_project(filed_project_path)
    assert len(told) == 1  # the snapshot is there now: nothing more to say
    window.close_project()


def test_the_history_keeps_what_each_move_changed(qtbot, filed_project_path, tmp_path, smelter_lists_dir):
    project = Project.open(filed_project_path)
    try:
        cid = next(s.cid for s in project_rollup(project).smelters if s.status == CONFORMANT)
        newer = newer_conformant_list(smelter_lists_dir, tmp_path / "conformant 2026-06-01.csv", {cid})
        from desktop.core.smelters.project_reference import apply_project_move, preview_project_move

        apply_project_move(project, preview_project_move(project, preview_reference_update(load_reference(), newer).new_reference))
        dialog = open_dialog(qtbot, project)
        tip = dialog.history.item(0, 2).toolTip()
        assert cid in tip and "Conformant → Not Enrolled" in tip and "SHA-256" in tip
        assert "Project started" in dialog.history.item(1, 2).text()
    finally:
        project.close()
