"""Step: review the smelters suppliers reported, resolve what did not match, override with a note."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
        QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QWidget,
)

from desktop.core.cmrt.model import METALS
from desktop.core.filing.evidence import project_rollup
from desktop.core.project import Project
from desktop.core.project.store import current_user
from desktop.core.smelters import FILING_STATUSES, MatchDecision, Rollup, SmelterOverride
from desktop.core.smelters.decisions import stored_keys
from desktop.core.smelters.matching import DECISION
from desktop.ui import dialogs
from desktop.ui.models.smelter_filter import SmelterFilterProxy
from desktop.ui.models.smelter_table import ROW_ROLE, SmelterTableModel
from desktop.ui.models.unresolved_table import UnresolvedTableModel
from desktop.ui.figures import figures_pending
from desktop.ui.pages.base import WizardPage
from desktop.ui.plural import plural
from desktop.ui.dialogs.project_reference import ProjectReferenceDialog, newer_lists_note, project_reference_line
from desktop.ui.widgets.review_table import SMELTER_SAMPLES, UNRESOLVED_SAMPLES, review_table, size_columns
from desktop.ui.widgets.smelter_detail import SmelterDetail
from desktop.ui.widgets.status_chart import StatusChart, counts_by_metal
from desktop.ui.widgets.status_chips import StatusChips
from desktop.ui.widgets.status_colours import UNRESOLVED
from desktop.ui.widgets.summary_strip import SummaryStrip
from desktop.ui.widgets.unresolved_detail import UnresolvedDetail

ALL = ""  # the combos' "All metals" / "All countries" / "All suppliers" entry
SMELTERS_TAB, UNRESOLVED_TAB = 0, 1


class SmelterReviewPage(WizardPage):
    title = "Smelter review"
    needs_figures = True
    subtitle = (
        "Every smelter and refiner your suppliers reported, with its RMI status. Decide what the "
        "unresolved rows are; change a status or leave a smelter out of Annex A only with a note."
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rollup: Rollup | None = None
        self._splitters: list[QSplitter] = []
        self._splitters_moved = False
        self._columns_sized = False
        self.smelter_model = SmelterTableModel(self)
        self.smelter_proxy = SmelterFilterProxy(self)
        self.smelter_proxy.setSourceModel(self.smelter_model)
        self.unresolved_model = UnresolvedTableModel(self)
        self.unresolved_proxy = SmelterFilterProxy(self)
        self.unresolved_proxy.setSourceModel(self.unresolved_model)

        # One row: which lists this project uses (or, when they are old, the warning) and the way
        # to move the project to newer ones.
        statuses_row = QHBoxLayout()
        self.reference_label = QLabel()
        self.reference_label.setObjectName("fieldHelp")
        self.reference_label.setWordWrap(True)
        self.stale_label = QLabel()
        self.stale_label.setWordWrap(True)
        self.stale_label.setObjectName("noticeBanner")
        self.stale_label.hide()
        self.reference_button = QPushButton("Smelter statuses for this project…")
        self.reference_button.clicked.connect(self.review_project_reference)
        statuses_row.addWidget(self.reference_label, 1)
        statuses_row.addWidget(self.stale_label, 1)
        statuses_row.addWidget(self.reference_button)
        self.body.addLayout(statuses_row)
        top = QHBoxLayout()
        self.summary = SummaryStrip()
        self.chart = StatusChart()
        top.addWidget(self.summary)
        top.addWidget(self.chart, 1)
        self.body.addLayout(top)
        self.chips = StatusChips()
        self.chips.statuses_changed.connect(self._statuses_changed)
        self.chips.unresolved_toggled.connect(self._unresolved_chip_toggled)
        self.body.addWidget(self.chips)
        self.body.addLayout(self._build_filters())
        self.tabs = QTabWidget()
        self.body.addWidget(self.tabs, 1)  # in place before it is filled in (a widget moved is styled again)
        self.tabs.addTab(self._build_smelters_tab(), "Smelters")
        self.tabs.addTab(self._build_unresolved_tab(), "Unresolved")
        self.tabs.currentChanged.connect(lambda i: self.chips.set_unresolved_checked(i == UNRESOLVED_TAB))
        self.empty_label = QLabel(
            "No supplier smelter lists yet. Import your suppliers' CMRT files on the Supplier inquiry "
            "step; every smelter they report will be listed here with its status."
        )
        self.empty_label.setObjectName("outcomeBox")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignCenter)
        self.empty_label.setMinimumHeight(120)
        self.body.addWidget(self.empty_label)
        self.body.addStretch(0)

    # -- layout ----------------------------------------------------------------------------------

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.metal_combo = self._combo("All metals", self._filter_changed)
        self.country_combo = self._combo("All countries", self._filter_changed)
        self.supplier_combo = self._combo("All suppliers", self._filter_changed)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search name, ID, country, supplier…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._filter_changed)
        for widget in (self.metal_combo, self.country_combo, self.supplier_combo):
            row.addWidget(widget)
        row.addWidget(self.search_edit, 1)
        return row

    def _combo(self, all_text: str, slot) -> QComboBox:
        combo = QComboBox()
        combo.addItem(all_text, ALL)
        combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        combo.currentIndexChanged.connect(slot)
        return combo

    def _build_smelters_tab(self) -> QWidget:
        self.smelter_view = review_table(self.smelter_proxy)
        self.smelter_view.selectionModel().currentRowChanged.connect(self._smelter_selected)
        self.smelter_detail = SmelterDetail()
        self.smelter_detail.override_requested.connect(self.override_status)
        self.smelter_detail.exclude_requested.connect(self.exclude_from_annex)
        self.smelter_detail.undo_override_requested.connect(self.undo_override)
        self.smelter_detail.undo_decision_requested.connect(self.undo_match)
        return self._split(self.smelter_view, self.smelter_detail)

    def _build_unresolved_tab(self) -> QWidget:
        self.unresolved_view = review_table(self.unresolved_proxy)
        self.unresolved_view.selectionModel().currentRowChanged.connect(self._unresolved_selected)
        self.unresolved_detail = UnresolvedDetail()
        self.unresolved_detail.candidate_chosen.connect(self.choose_candidate)
        self.unresolved_detail.not_a_smelter_requested.connect(self.mark_not_a_smelter)
        self.unresolved_detail.leave_unknown_requested.connect(self.leave_unknown)
        self.unresolved_detail.undo_requested.connect(self.undo_unresolved_decision)
        return self._split(self.unresolved_view, self.unresolved_detail)

    def _split(self, table: QWidget, detail: QWidget) -> QSplitter:
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 7)
        splitter.setStretchFactor(1, 3)
        splitter.splitterMoved.connect(lambda *_: setattr(self, "_splitters_moved", True))
        self._splitters.append(splitter)
        return splitter

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._columns_sized:  # once, with the styled font; later the user's widths stay
            self._columns_sized = True
            size_columns(self.smelter_view, SMELTER_SAMPLES)
            size_columns(self.unresolved_view, UNRESOLVED_SAMPLES)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # The table gets what the details (a quarter, 240 to 360 px) leave, until the user drags.
        # The unresolved queue's details are where the decision is made: wider (issue 11).
        if not self._splitters_moved:
            for splitter, share, least, most in zip(self._splitters, (0.24, 0.4), (240, 320), (360, 460)):
                width = max(splitter.width(), self.width() - 40)
                detail = min(max(int(width * share), least), most)
                splitter.setSizes([width - detail, detail])

    # -- data ------------------------------------------------------------------------------------

    def load(self, project: Project) -> None:
        if project is not self.project:
            self._reset_filters()  # another project: start from the whole list
        super().load(project)
        self.refresh()

    def _reset_filters(self) -> None:
        for chip in self.chips.chips.values():
            chip.setChecked(False)
        for combo in (self.metal_combo, self.country_combo, self.supplier_combo):
            combo.setCurrentIndex(0)
        self.search_edit.clear()
        self.tabs.setCurrentIndex(SMELTERS_TAB)
        self.smelter_detail.show_smelter(None)

    def refresh(self) -> None:
        """Roll up again (well under a second for a normal project) and keep the user's place."""
        if self.project is None:
            return
        if figures_pending(self.project, "rollup"):
            self.rollup = None  # nothing of the figures shown before is final now
            count = len(self.project.declaration_rows())
            self.show_waiting(f"Rolling up the smelters reported in {plural(count, 'supplier file')}… "
                              "The list shows here as soon as it is complete.")
            self.completeness_changed.emit()
            return
        self.show_waiting("")
        chosen = self.smelter_detail.smelter
        entry_row = self.unresolved_view.currentIndex().row()
        self.rollup = project_rollup(self.project)
        self.smelter_model.set_rows(self.rollup.smelters)
        self.unresolved_model.set_rows(self.rollup.unresolved)
        self._fill_combos()
        self.summary.set_summary(self.rollup.summary)
        self.chart.set_counts(counts_by_metal(self.rollup.smelters))
        self.reference_label.setText(project_reference_line(self.project))
        warning = self.rollup.stale_warning(date.today())
        self.stale_label.setText(f"{warning} {newer_lists_note(self.project)}".strip())
        self.stale_label.setVisible(bool(warning))
        self.reference_label.setVisible(not warning)
        empty = not (self.rollup.smelters or self.rollup.unresolved)
        self.empty_label.setVisible(empty)
        for widget in (self.tabs, self.chips, self.chart):
            widget.setVisible(not empty)
        # The counts are those _fill_combos() left (it filters once with every combo filled in).
        self._select_smelter(chosen.metal, chosen.cid) if chosen else self.smelter_detail.show_smelter(None)
        self._select_unresolved(entry_row)
        self.completeness_changed.emit()

    def _fill_combos(self) -> None:
        rows = self.rollup.smelters + self.rollup.unresolved
        countries = sorted({r.country for r in rows if r.country}, key=str.casefold)
        suppliers = sorted({n for s in self.rollup.smelters for n in s.reported_by}
                           | {n for u in self.rollup.unresolved for n in u.suppliers}, key=str.casefold)
        for combo, values, label in ((self.metal_combo, METALS, str), (self.country_combo, countries, str.title),
                                     (self.supplier_combo, suppliers, str)):
            current = combo.currentData()
            combo.blockSignals(True)  # one filter pass after all three, not one per item
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(label(value), value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)
        self._filter_changed()

    # -- filters ---------------------------------------------------------------------------------

    def _filter_changed(self) -> None:
        for proxy in (self.smelter_proxy, self.unresolved_proxy):
            proxy.set_metal(self.metal_combo.currentData() or ALL)
            proxy.set_country(self.country_combo.currentData() or ALL)
            proxy.set_supplier(self.supplier_combo.currentData() or ALL)
            proxy.set_search(self.search_edit.text())
        self._update_counts()

    def _statuses_changed(self, statuses: set[str]) -> None:
        self.smelter_proxy.set_statuses(statuses)
        self.tabs.setCurrentIndex(SMELTERS_TAB)
        self._update_counts()

    def _unresolved_chip_toggled(self, checked: bool) -> None:
        self.tabs.setCurrentIndex(UNRESOLVED_TAB if checked else SMELTERS_TAB)

    def _update_counts(self) -> None:
        counts = self.smelter_proxy.status_counts()
        counts[UNRESOLVED] = sum(not self.unresolved_model.is_decided(u) for u in self.unresolved_proxy.visible_rows())
        self.chips.set_counts(counts)
        shown, total = self.smelter_proxy.rowCount(), self.smelter_model.rowCount()
        self.tabs.setTabText(SMELTERS_TAB, f"Smelters ({shown:,} of {total:,})")
        self.tabs.setTabText(UNRESOLVED_TAB, f"Unresolved ({self.unresolved_model.pending_count():,} to review)")

    # -- selection -------------------------------------------------------------------------------

    def _smelter_selected(self, current: QModelIndex, _previous=None) -> None:
        self.smelter_detail.show_smelter(current.data(ROW_ROLE) if current.isValid() else None)

    def _unresolved_selected(self, current: QModelIndex, _previous=None) -> None:
        self.unresolved_detail.show_entry(current.data(ROW_ROLE) if current.isValid() else None)

    def _select_smelter(self, metal: str, cid: str) -> None:
        source_row = self.smelter_model.row_of(metal, cid)
        index = QModelIndex()
        if source_row >= 0:
            index = self.smelter_proxy.mapFromSource(self.smelter_model.index(source_row, 0))
        self._select(self.smelter_view, index)
        self._smelter_selected(index)

    def _select_unresolved(self, proxy_row: int) -> None:
        count = self.unresolved_proxy.rowCount()
        index = self.unresolved_proxy.index(min(proxy_row, count - 1), 0) if proxy_row >= 0 and count else QModelIndex()
        self._select(self.unresolved_view, index)
        self._unresolved_selected(index)

    @staticmethod
    def _select(view: QTableView, index: QModelIndex) -> None:
        if index.isValid():
            flags = QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
            view.selectionModel().setCurrentIndex(index, flags)
            view.scrollTo(index)
        else:
            view.selectionModel().clearSelection()

    # -- unresolved decisions --------------------------------------------------------------------

    def choose_candidate(self, cid: str) -> None:
        """This entry is that smelter: saved once, it settles every supplier that wrote the same."""
        entry = self.unresolved_detail.entry
        if entry is None or self.project is None:
            return
        self.project.save_decision(
            MatchDecision.for_row(entry.rows[0].row, cid, note="Chosen from the suggested smelters.",
                                  decided_by=current_user())
        )
        self.refresh()

    def mark_not_a_smelter(self) -> None:
        entry = self.unresolved_detail.entry
        if entry is None or self.project is None:
            return
        note = dialogs.ask_note(self, "Not a smelter", f"Why is “{entry.name}” not a smelter? (optional)")
        if note is None:
            return
        self.project.save_decision(
            MatchDecision.for_row(entry.rows[0].row, None, not_a_smelter=True, note=note, decided_by=current_user())
        )
        self.refresh()

    def review_project_reference(self) -> None:
        """Which lists this project uses; move it to newer ones after seeing what changes."""
        if self.project is None:
            return
        dialog = ProjectReferenceDialog(self.project, self)
        dialog.exec()
        if dialog.moved:
            self.refresh()

    def leave_unknown(self) -> None:
        """Record that the user looked and leaves it unknown (out of Annex A); move on to the next."""
        entry = self.unresolved_detail.entry
        if entry is None or self.project is None:
            return
        row = self.unresolved_view.currentIndex().row()
        self.project.set_left_unknown(entry.key, True, current_user())
        self.refresh()
        self._select_unresolved(min(row + 1, self.unresolved_proxy.rowCount() - 1))

    def undo_unresolved_decision(self) -> None:
        entry = self.unresolved_detail.entry
        if entry is not None and self.project is not None:
            # Projects saved before issue 11 keyed decisions by each row's ID as well.
            for key in {entry.key} | {k for r in entry.rows for k in stored_keys(r.row)}:
                self.project.delete_decision(key)
                self.project.set_left_unknown(key, False)
            self.refresh()

    def undo_match(self) -> None:
        smelter = self.smelter_detail.smelter
        if smelter is None or self.project is None:
            return
        decided = [r for r in smelter.rows if r.match.method == DECISION]
        for key in {r.match.decision_key for r in decided} | {k for r in decided for k in stored_keys(r.row)}:
            self.project.delete_decision(key)
        self.refresh()

    # -- overrides -------------------------------------------------------------------------------

    def override_status(self) -> None:
        smelter = self.smelter_detail.smelter
        if smelter is None:
            return
        choices = [s for s in FILING_STATUSES if s != smelter.status]
        status = dialogs.ask_choice(self, "Override status", f"Status to use for {smelter.name}:", choices)
        if status is not None:
            keep_excluded = smelter.override is not None and smelter.override.exclude_from_annex
            self._save_override(smelter, status, keep_excluded, f"Why is {smelter.name} {status}?")

    def exclude_from_annex(self) -> None:
        smelter = self.smelter_detail.smelter
        if smelter is not None:
            status = smelter.status if smelter.overridden else None
            self._save_override(smelter, status, True, f"Why leave {smelter.name} out of Annex A?")

    def _save_override(self, smelter, status: str | None, exclude: bool, question: str) -> None:
        note = dialogs.ask_note(self, "A note is needed", question + "\nThe note is kept with the filing records.")
        if note is None or self.project is None:
            return
        if not note:
            dialogs.show_error(self, "A note is needed", "Nothing was changed: an override needs a note saying why.")
            return
        self.project.save_override(
            SmelterOverride(smelter.metal, smelter.cid, status, exclude, note=note, decided_by=current_user())
        )
        self.refresh()

    def undo_override(self) -> None:
        smelter = self.smelter_detail.smelter
        if smelter is not None and self.project is not None:
            self.project.delete_override(smelter.metal, smelter.cid)
            self.refresh()

    # -- wizard ----------------------------------------------------------------------------------

    def is_complete(self) -> bool:
        return bool(self.rollup and self.rollup.smelters) and self.unresolved_model.pending_count() == 0

    def step_note(self) -> str:
        if self.rollup is None or not (self.rollup.smelters or self.rollup.unresolved):
            return ""
        pending = self.unresolved_model.pending_count()
        note = f"{len(self.rollup.smelters):,} smelters"
        return note + (f", {pending:,} to resolve" if pending else "")
