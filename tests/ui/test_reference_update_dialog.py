"""Updating the smelter reference from RMI files: preview first, then apply, keeping the old one."""

from desktop.core.paths import data_dir
from desktop.core.smelters import load_reference, previous_references
from desktop.ui.dialogs.reference_update import ReferenceUpdateDialog, reference_summary


def test_preview_then_apply_keeps_the_previous_version(qtbot, cmrt_dir):
    shipped = load_reference()
    dialog = ReferenceUpdateDialog()
    qtbot.addWidget(dialog)
    assert "as of 2023-01-20" in dialog.current.text()
    assert "more than 12 months" in reference_summary()

    with qtbot.waitSignal(dialog.preview_done, timeout=60000):
        dialog.preview([cmrt_dir / "templates" / "RMI_CMRT_6.4_english_blank.xlsx"])
    lines = [dialog.changes.item(i).text() for i in range(dialog.changes.count())]
    assert any(" added, " in line and " removed, " in line for line in lines)
    assert any(line.startswith("Removed: ") or line.startswith("Added: ") for line in lines)
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert not (data_dir() / "reference").exists() or not list((data_dir() / "reference").glob("*.json.gz"))

    dialog.apply()
    assert dialog.applied_path is not None and dialog.applied_path.exists()
    assert len(previous_references()) == 1
    updated = load_reference()
    assert updated.lookup_source != shipped.lookup_source or len(updated.smelters) != len(shipped.smelters)


def test_a_file_that_is_not_an_rmi_list_is_refused_by_name(qtbot, cmrt_dir):
    dialog = ReferenceUpdateDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_done, timeout=60000):
        dialog.preview([cmrt_dir / "not-cmrt" / "jpeg-renamed.xls"])
    assert "jpeg-renamed.xls" in dialog.changes.item(0).text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_an_excel_xml_list_from_rmi_is_read_off_the_ui_thread(qtbot, smelter_lists_dir, tmp_path):
    """A SpreadsheetML file written by the test from the real Active sheet (no public sample exists)."""
    from tests.core.test_rmi_list_files import sheet_rows, spreadsheetml

    rows = sheet_rows(smelter_lists_dir, "Active List")
    rows.append([99, "Gold", "CID000493", "JSC Novosibirsk Refinery", "Novosibirsk", "RUSSIAN FEDERATION", "Active"])
    download = tmp_path / "ActiveFacilities.xls"
    download.write_text(spreadsheetml({"Active": rows}), encoding="utf-8")
    dialog = ReferenceUpdateDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_done, timeout=60000):
        dialog.preview([download])
    lines = [dialog.changes.item(i).text() for i in range(dialog.changes.count())]
    assert any("CID000493" in line and "Active" in line for line in lines)
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert dialog.progress.isHidden()
