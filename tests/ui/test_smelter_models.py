"""The smelter review tables and their filters, on a project holding every real supplier CMRT."""

from __future__ import annotations

from collections import Counter

import pytest

from desktop.core.cmrt.model import METALS
from desktop.core.filing.evidence import project_rollup
from desktop.core.suppliers.inquiry import read_supplier_files, save_import
from desktop.core.project import Project
from desktop.core.smelters import (
    ACTIVE,
    CONFORMANT,
    CROSS_RECOGNIZED,
    FILING_STATUSES,
    NOT_ENROLLED,
    REMOVED,
    UNKNOWN,
    SmelterOverride,
)
from desktop.ui.models import smelter_table as columns
from desktop.ui.models.smelter_filter import SmelterFilterProxy
from desktop.ui.models.smelter_table import ROW_ROLE, SmelterTableModel
from desktop.ui.models.unresolved_table import UnresolvedTableModel, is_decided


def import_files(project: Project, paths) -> None:
    files = read_supplier_files(list(paths), project.suppliers(), workers=1)
    save_import(project, files)


@pytest.fixture(scope="module")
def real_project(tmp_path_factory, cmrt_dir):
    """All the real supplier files, plus one override to Active and one to Unknown (with notes),
    so every filing status has rows."""
    folder = tmp_path_factory.mktemp("real")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CMDESK_DATA_DIR", str(folder / "appdata"))
        project = Project.create(folder / "Real.cmdesk", company_name="Real Co", reporting_year=2024)
        import_files(project, [cmrt_dir / "suppliers"])
        first = project_rollup(project)
        tin = [s for s in first.smelters if s.metal == "Tin" and s.status == CONFORMANT]
        project.save_override(SmelterOverride("Tin", tin[0].cid, ACTIVE, note="Re-audit lapsed; RMI lists it Active"))
        project.save_override(SmelterOverride("Tin", tin[1].cid, UNKNOWN, note="Supplier withdrew the row"))
        project.save_override(SmelterOverride("Gold", first.smelters[-20].cid, None, True, note="Not ours"))
        # Cross-recognized and Removed are rare in real files: one override each so they have rows.
        gold = [s for s in first.smelters if s.metal == "Gold" and s.status == CONFORMANT]
        project.save_override(SmelterOverride("Gold", gold[0].cid, CROSS_RECOGNIZED, note="LBMA RG only, per RMI"))
        project.save_override(SmelterOverride("Gold", gold[1].cid, REMOVED, note="RMI removed it this month"))
        yield project, project_rollup(project)
        project.close()


@pytest.fixture
def tables(qtbot, real_project):
    _project, rolled = real_project
    model = SmelterTableModel()
    model.set_rows(rolled.smelters)
    proxy = SmelterFilterProxy()
    proxy.setSourceModel(model)
    return rolled, model, proxy


def test_models_pass_the_model_tester(qtmodeltester, tables, real_project):
    rolled, model, proxy = tables
    qtmodeltester.check(model)
    proxy.set_metal("Tin")
    proxy.sort(columns.REPORTED_BY)
    qtmodeltester.check(proxy)
    unresolved = UnresolvedTableModel()
    unresolved.set_rows(rolled.unresolved)
    qtmodeltester.check(unresolved)
    unresolved_proxy = SmelterFilterProxy()
    unresolved_proxy.setSourceModel(unresolved)
    unresolved_proxy.set_search("goertech")
    qtmodeltester.check(unresolved_proxy)


def test_every_real_file_is_in_the_table(tables):
    rolled, model, proxy = tables
    assert model.rowCount() == len(rolled.smelters) > 50
    suppliers = {name for s in rolled.smelters for name in s.reported_by}
    assert {"JX Advanced Metals Corporation", "GoerTech Inc.", "Connor Winfield Corporation"} <= suppliers
    # GoerTek's removed IDs, Connor Winfield's 2.x IDs (PT Belitung and PT Stanindo, re-added by
    # RMI since their 2019 removal, now resolve; rows naming one smelter form one group).
    assert len(rolled.unresolved) >= 18


@pytest.mark.parametrize("status", FILING_STATUSES)
def test_filter_by_each_status(tables, status):
    rolled, model, proxy = tables
    proxy.set_statuses({status})
    visible = proxy.visible_rows()
    expected = [s for s in rolled.smelters if s.status == status]
    assert visible and len(visible) == len(expected)
    assert {(s.metal, s.cid) for s in visible} == {(s.metal, s.cid) for s in expected}
    shown = {proxy.index(r, columns.STATUS).data().replace(" (yours)", "") for r in range(proxy.rowCount())}
    assert shown == {status}


def test_two_status_chips_show_both_and_no_chip_shows_all(tables):
    rolled, model, proxy = tables
    proxy.set_statuses({CONFORMANT, NOT_ENROLLED})
    assert proxy.rowCount() == sum(s.status in (CONFORMANT, NOT_ENROLLED) for s in rolled.smelters)
    proxy.set_statuses(set())
    assert proxy.rowCount() == len(rolled.smelters)


def test_chip_counts_follow_the_other_filters_not_the_status_filter(tables):
    rolled, model, proxy = tables
    proxy.set_statuses({ACTIVE})
    proxy.set_metal("Tin")
    counts = proxy.status_counts()
    tin = Counter(s.status for s in rolled.smelters if s.metal == "Tin")
    assert counts == {status: tin.get(status, 0) for status in FILING_STATUSES}
    # Active: the override, and PT Belitung Industri Sejahtera (on RMI's January 2023 Active list).
    assert counts[CONFORMANT] > 5 and counts[ACTIVE] == 2 and counts[UNKNOWN] == 1
    assert proxy.rowCount() == 2  # the table itself still honours the chip


def test_metal_country_and_supplier_filters(tables):
    rolled, model, proxy = tables
    for metal in METALS:
        proxy.set_metal(metal)
        assert {s.metal for s in proxy.visible_rows()} == {metal}
    proxy.set_metal("")
    proxy.set_country("CHINA")
    china = [s for s in rolled.smelters if s.country == "CHINA"]
    assert china and proxy.rowCount() == len(china)
    proxy.set_country("")
    proxy.set_supplier("Connor Winfield Corporation")
    connor = proxy.visible_rows()
    assert connor and all("Connor Winfield Corporation" in s.reported_by for s in connor)
    assert len(connor) == sum("Connor Winfield Corporation" in s.reported_by for s in rolled.smelters)


def test_search_is_an_and_of_words_over_every_column_and_supplier_names(tables):
    rolled, model, proxy = tables
    proxy.set_search("goertech  TANTALUM")
    visible = proxy.visible_rows()
    assert visible and all(s.metal == "Tantalum" and "GoerTech Inc." in s.reported_by for s in visible)
    proxy.set_search("tantalum cid002504")  # an ID and a metal
    assert [s.name for s in proxy.visible_rows()] == ["D Block Metals, LLC"]
    proxy.set_search("tantalum cid002504 gold")
    assert proxy.rowCount() == 0
    proxy.set_search("recycled")  # the Flags column
    assert proxy.rowCount() == sum(s.recycled for s in rolled.smelters) > 0


def test_sorting_uses_native_values(tables):
    rolled, model, proxy = tables
    proxy.sort(columns.REPORTED_BY, columns.Qt.DescendingOrder)
    counts = [len(s.reported_by) for s in proxy.visible_rows()]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    proxy.sort(columns.SMELTER)
    names = [s.name.casefold() for s in proxy.visible_rows()]
    assert names == sorted(names)
    proxy.sort(columns.METAL)
    order = [METALS.index(s.metal) for s in proxy.visible_rows()]
    assert order == sorted(order)
    proxy.sort(columns.STATUS)
    statuses = [FILING_STATUSES.index(s.status) for s in proxy.visible_rows()]
    assert statuses == sorted(statuses)


def test_overridden_and_excluded_rows_are_marked(tables):
    rolled, model, proxy = tables
    for row in range(model.rowCount()):
        smelter = model.index(row, 0).data(ROW_ROLE)
        status = model.index(row, columns.STATUS).data()
        flags = model.index(row, columns.FLAGS).data()
        assert status.endswith("(yours)") == smelter.overridden
        assert ("Excluded from Annex A" in flags) == smelter.excluded
        assert ("Status overridden" in flags) == smelter.overridden
        if smelter.excluded:
            assert model.index(row, columns.SMELTER).data(columns.Qt.FontRole).strikeOut()
    assert sum(s.overridden for s in rolled.smelters) == 4 and sum(s.excluded for s in rolled.smelters) == 1


def test_reported_by_shows_a_count_and_names_in_the_tooltip(tables):
    rolled, model, proxy = tables
    row = next(i for i, s in enumerate(model.rows()) if len(s.reported_by) >= 2)
    smelter = model.rows()[row]
    assert model.index(row, columns.REPORTED_BY).data() == str(len(smelter.reported_by))
    tip = model.index(row, columns.REPORTED_BY).data(columns.Qt.ToolTipRole)
    assert all(name in tip for name in smelter.reported_by)


def test_unresolved_queue_filters_like_the_table(real_project, qtbot):
    _project, rolled = real_project
    model = UnresolvedTableModel()
    model.set_rows(rolled.unresolved)
    proxy = SmelterFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_statuses({CONFORMANT})  # queue rows have no status: the chips do not hide them
    assert proxy.rowCount() == len(rolled.unresolved)
    proxy.set_supplier("Connor Winfield Corporation")
    visible = proxy.visible_rows()
    assert visible and all("Connor Winfield Corporation" in u.suppliers for u in visible)
    proxy.set_search("2bra063")
    assert [u.name for u in proxy.visible_rows()] == ["Cooper Santa"]
    assert model.pending_count() == len(rolled.unresolved) and not any(is_decided(u) for u in rolled.unresolved)


def test_sort_survives_a_recomputed_rollup_and_keeps_the_selection(tables, real_project, qtmodeltester):
    rolled, model, proxy = tables
    proxy.set_metal("Gold")
    selected = columns.QPersistentModelIndex(proxy.index(3, columns.SMELTER))
    name = selected.data()
    proxy.sort(columns.SMELTER, columns.Qt.DescendingOrder)
    assert selected.isValid() and selected.data() == name  # persistent indexes follow the rows
    names = [s.name.casefold() for s in proxy.visible_rows()]
    assert names == sorted(names, reverse=True)
    model.set_rows(project_rollup(real_project[0]).smelters)  # what the page does after a decision
    assert [s.name.casefold() for s in proxy.visible_rows()] == names
    qtmodeltester.check(model)
