"""File > Start next year's filing, then File > Compare with last year, driven like a user."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.filing.claims import claim_states
from desktop.core.suppliers import RequestState
from desktop.ui import dialogs
from desktop.ui.main_window import create_main_window

SHOTS = Path("/tmp/i14-features/shots")


@pytest.fixture
def seen(monkeypatch):
    shown = {"info": [], "errors": []}
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, message: shown["info"].append(message))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown["errors"].append(message))
    return shown


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_next_year_then_compare(qtbot, filed_project_path, tmp_path, seen, monkeypatch, qtmodeltester, size):
    window = create_main_window(filed_project_path)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    assert window.next_year_action.isEnabled()
    old_suppliers = [s.name for s in window.project.suppliers()]
    target = tmp_path / "Acme 2026.cmdesk"
    asked = {}
    monkeypatch.setattr(dialogs, "ask_next_year_project", lambda parent, suggested: asked.setdefault("s", suggested) and target)
    window.next_year_action.trigger()
    assert asked["s"].name == "Acme 2026.cmdesk"
    assert seen["errors"] == [] and "Carried over" in seen["info"][0]
    assert window.project.path == target and window.project.registrant().reporting_year == 2026
    assert [s.name for s in window.project.suppliers()] == old_suppliers
    assert {s.request_state for s in window.project.suppliers()} == {RequestState.NOT_REQUESTED}
    assert not any(s.confirmed for s in claim_states(window.project.answers()))

    # Comparing finds last year's project by itself (remembered when the year was started).
    window.compare_action.trigger()
    dialog = window.compare_dialog
    assert dialog is not None and dialog.isVisible()
    qtmodeltester.check(dialog.figures_model)
    qtmodeltester.check(dialog.status_model)
    # No supplier file yet this year: every smelter of last year is dropped, every response gone.
    dropped = sum(len(v) for v in dialog.result.smelters_dropped.values())
    assert dropped and dialog.figures_model.rowCount() >= 1
    assert dialog.result.after.responded == 0 and dialog.result.before.responded > 0
    assert "Compared with our report for 2025" in dialog.paragraph_label.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.resize(*size)
    qtbot.wait(50)
    dialog.grab().save(str(SHOTS / f"compare_{size[0]}x{size[1]}.png"))
    dialog.close()
    window.close()
