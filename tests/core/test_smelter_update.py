"""Updating the smelter reference offline: preview first, then apply keeping the previous one."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from python_calamine import CalamineWorkbook

from desktop.core.smelters import (
    ACTIVE,
    NOT_ENROLLED,
    ReferenceFileError,
    apply_reference_update,
    load_reference,
    preview_reference_update,
    previous_references,
    restore_reference,
)
from desktop.core.smelters.assemble import assemble_reference
from desktop.core.smelters.reference import REFERENCE_FILE
from desktop.core.smelters.sources import read_lookup, read_status_lists


@pytest.fixture()
def reference_on_6_4(cmrt_dir, smelter_lists_dir):
    """What a user who installed the app in 2024 had: the 6.4 look-up and the 2023 lists."""
    return assemble_reference(
        read_lookup(cmrt_dir / "templates" / "RMI_CMRT_6.4.xlsx"),
        read_status_lists([smelter_lists_dir / "rmi-facility-lists_2023-01.xlsx"]),
        {},
    )


def write_sheet_as_csv(source, sheet, target, edit=None):
    """One sheet of RMI's workbook as the CSV RMI also publishes, optionally with a row changed."""
    rows = CalamineWorkbook.from_path(str(source)).get_sheet_by_name(sheet).to_python()
    rows = [list(r) for r in rows]
    if edit:
        rows = edit(rows)
    with open(target, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return target


def test_preview_of_a_newer_cmrt_lists_added_removed_renamed_and_saves_nothing(
    cmrt_dir, reference_on_6_4, private_data_dir
):
    diff = preview_reference_update(reference_on_6_4, [cmrt_dir / "templates" / "RMI_CMRT_6.5.xlsx"])
    added = {s.cid: s.name for s in diff.added}
    removed = {s.cid: s.name for s in diff.removed}
    renamed = {old.cid: (old.name, new.name) for old, new in diff.renamed}
    assert (len(added), len(removed), len(renamed)) == (11, 30, 5)
    assert added["CID005006"] == "Gasabo Gold Refinery Ltd"
    assert removed["CID004610"] == "Impala Rustenburg"
    assert renamed["CID000082"] == ("Asahi Pretec Corp.", "ASAHI METALFINE, Inc.")
    assert diff.status_changed == []  # statuses come from the same lists
    assert diff.new_reference.lookup_as_of == "2025-04-25"
    assert any("11 added, 30 removed, 5 renamed" in line for line in diff.lines())
    # A smelter that left the look-up still resolves by ID, marked as such.
    impala = diff.new_reference.smelter("Gold", "CID004610")
    assert impala is not None and not impala.in_lookup
    assert not (private_data_dir / "reference").exists()


def test_newer_status_lists_as_csv_show_status_changes_and_the_new_as_of(
    smelter_lists_dir, tmp_path, reference_on_6_4
):
    source = smelter_lists_dir / "rmi-facility-lists_2023-01.xlsx"

    def novosibirsk_turns_active(rows):
        # A later Active list: JSC Novosibirsk Refinery (Gold, CID000493) joins the RMAP.
        rows.append([99, "Gold", "CID000493", "JSC Novosibirsk Refinery", "Novosibirsk", "RUSSIAN FEDERATION", "Active"])
        return rows

    def later_revision(rows):
        rows.insert(1, ["Gold", "CID000493", "JSC Novosibirsk Refinery", "RUSSIAN FEDERATION",
                        "Name correction", "test row", "3/15/2024", "1/1/2014"])
        return rows

    files = [
        write_sheet_as_csv(source, "Conformant", tmp_path / "RMI Conformant list.csv"),
        # Named as a browser saves it: the Active list is known by its Type column, not its name.
        write_sheet_as_csv(source, "Active List", tmp_path / "download (3).csv", novosibirsk_turns_active),
        write_sheet_as_csv(source, "ALl Smelter List", tmp_path / "RMI smelter list.csv"),
        write_sheet_as_csv(source, "Revisions History of smelters", tmp_path / "revisions.csv", later_revision),
    ]
    diff = preview_reference_update(reference_on_6_4, files)
    changed = {old.cid: (old.status, new.status) for old, new in diff.status_changed}
    assert changed == {"CID000493": (NOT_ENROLLED, ACTIVE)}
    assert diff.added == diff.removed == diff.renamed == []
    assert diff.new_reference.status_as_of == "2024-03-15"
    assert diff.new_reference.smelter("Gold", "CID000493").status_as_of == "2024-03-15"
    assert not diff.new_reference.status_is_stale(date(2024, 12, 1))


def test_apply_keeps_the_previous_version_and_becomes_the_default(cmrt_dir, reference_on_6_4, private_data_dir):
    diff = preview_reference_update(reference_on_6_4, [cmrt_dir / "templates" / "RMI_CMRT_6.5.xlsx"])
    written = apply_reference_update(diff)
    assert written == private_data_dir / "reference" / REFERENCE_FILE
    kept = previous_references()
    assert len(kept) == 1 and "2023-01-20" in kept[0].name
    assert len(load_reference(kept[0]).smelters) == len(reference_on_6_4.smelters)
    assert load_reference().lookup_as_of == "2025-04-25"  # the user's copy now wins
    # Going back keeps the version being replaced too.
    back = restore_reference(kept[0])
    assert load_reference().lookup_as_of == reference_on_6_4.lookup_as_of == "2024-04-26"
    assert {s.cid for s in back.removed} == {s.cid for s in diff.added}
    assert len(previous_references()) == 2


def test_a_file_that_is_not_an_rmi_list_is_refused_by_name(cmrt_dir, reference_on_6_4):
    with pytest.raises(ReferenceFileError, match="RMI_EMRT_2.1_blank.xlsx"):
        preview_reference_update(reference_on_6_4, [cmrt_dir / "not-cmrt" / "RMI_EMRT_2.1_blank.xlsx"])


def test_an_update_needs_at_least_one_file(reference_on_6_4):
    with pytest.raises(ValueError, match="Pick"):
        preview_reference_update(reference_on_6_4, [])
