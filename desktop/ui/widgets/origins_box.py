"""Countries of origin: what the user knows, overall (by RMI risk level) and per smelter.

Nothing is filled in for the user: suppliers' own words about mines and recycled feedstock are
shown beside each smelter as evidence, and the user records what the company can stand behind.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.filing import origins
from desktop.core.filing.origins import COUNTRY_LEVELS, RECYCLED, SHORT_LABELS, UNKNOWN, Origins, SmelterOrigin
from desktop.ui.widgets.claim_block import help_label


class OriginsBox(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Countries of origin", parent)
        self.project = None
        self.smelters = []  # the roll-up's known smelters, for the per-smelter record
        self._loading = False
        layout = QVBoxLayout(self)
        layout.addWidget(help_label(
            "Record only what your suppliers or RMI data (for RMI members) tell you. A smelter's location is not "
            "where its ore was mined. With nothing recorded, the report says the origin could not be determined."
        ))
        form = QFormLayout()
        self.source = QLineEdit()
        self.source.setObjectName("originSource")
        self.source.setPlaceholderText("Where this comes from, e.g. RMI data made available to members on 29 April 2022")
        form.addRow("Source", self.source)
        self.level_edits: dict[str, QLineEdit] = {}
        for level in COUNTRY_LEVELS:
            edit = QLineEdit()
            edit.setObjectName(f"originCountries{level}")
            edit.setPlaceholderText("Countries, separated by commas")
            self.level_edits[level] = edit
            form.addRow(SHORT_LABELS[level], edit)
        layout.addLayout(form)
        flags = QHBoxLayout()
        self.recycled = QCheckBox("Some smelters source recycled or scrap")
        self.unknown = QCheckBox("The origin of some 3TG is not known")
        flags.addWidget(self.recycled)
        flags.addWidget(self.unknown)
        flags.addStretch(1)
        layout.addLayout(flags)
        for widget in (self.source, *self.level_edits.values()):
            widget.textChanged.connect(self._save)
        for box in (self.recycled, self.unknown):
            box.clicked.connect(self._save)

        layout.addWidget(QLabel("Per smelter or refiner"))
        self.smelter_choice = QComboBox()
        self.smelter_choice.setObjectName("originSmelter")
        self.smelter_choice.currentIndexChanged.connect(self._show_smelter)
        layout.addWidget(self.smelter_choice)
        self.supplier_notes = help_label("")
        layout.addWidget(self.supplier_notes)
        row = QHBoxLayout()
        self.smelter_categories: dict[str, QCheckBox] = {}
        for level in (*COUNTRY_LEVELS, RECYCLED, UNKNOWN):
            box = QCheckBox(SHORT_LABELS[level])
            box.clicked.connect(self._save)
            self.smelter_categories[level] = box
            row.addWidget(box)
        row.addStretch(1)
        layout.addLayout(row)
        smelter_form = QFormLayout()
        self.smelter_countries = QLineEdit()
        self.smelter_countries.setPlaceholderText("Countries of origin for this smelter, separated by commas")
        self.smelter_source = QLineEdit()
        self.smelter_source.setPlaceholderText("Where this comes from, e.g. the supplier's CMRT")
        for edit in (self.smelter_countries, self.smelter_source):
            edit.textChanged.connect(self._save)
        smelter_form.addRow("Countries", self.smelter_countries)
        smelter_form.addRow("Source", self.smelter_source)
        layout.addLayout(smelter_form)
        self.summary = help_label("")
        self.summary.setObjectName("originSummary")
        layout.addWidget(self.summary)

    def load(self, project, smelters) -> None:
        self.project, self.smelters = project, [s for s in smelters if not s.excluded]
        recorded = origins.load_origins(project.answers())
        self._loading = True
        try:
            self.source.setText(recorded.source)
            for level, edit in self.level_edits.items():
                edit.setText(", ".join(recorded.countries.get(level, [])))
            self.recycled.setChecked(recorded.recycled)
            self.unknown.setChecked(recorded.unknown)
            self.smelter_choice.clear()
            for smelter in self.smelters:
                mark = " ✓" if origins.smelter_key(smelter.metal, smelter.cid) in recorded.smelters else ""
                self.smelter_choice.addItem(f"{smelter.metal}: {smelter.name} ({smelter.country}, {smelter.cid}){mark}")
        finally:
            self._loading = False
        self._show_smelter()
        self._show_summary(recorded)

    def _current_key(self) -> str | None:
        index = self.smelter_choice.currentIndex()
        if not 0 <= index < len(self.smelters):
            return None
        smelter = self.smelters[index]
        return origins.smelter_key(smelter.metal, smelter.cid)

    def _show_smelter(self) -> None:
        if self._loading or self.project is None:
            return
        key = self._current_key()
        index = self.smelter_choice.currentIndex()
        recorded = origins.load_origins(self.project.answers()).smelters.get(key or "", SmelterOrigin())
        notes = origins.supplier_origin_notes(self.smelters[index]) if key else []
        self.supplier_notes.setText(
            "Suppliers wrote: " + " · ".join(notes) if notes else "Suppliers wrote nothing about this smelter's mines."
        )
        self._loading = True
        try:
            for level, box in self.smelter_categories.items():
                box.setChecked(level in recorded.categories)
                box.setEnabled(key is not None)
            self.smelter_countries.setText(", ".join(recorded.countries))
            self.smelter_source.setText(recorded.source)
        finally:
            self._loading = False

    def _save(self) -> None:
        if self._loading or self.project is None:
            return
        recorded = Origins(
            source=self.source.text(),
            countries={level: origins.split_countries(edit.text()) for level, edit in self.level_edits.items()},
            recycled=self.recycled.isChecked(),
            unknown=self.unknown.isChecked(),
            smelters=origins.load_origins(self.project.answers()).smelters,
        )
        key = self._current_key()
        if key is not None:
            recorded.smelters[key] = SmelterOrigin(
                [level for level, box in self.smelter_categories.items() if box.isChecked()],
                origins.split_countries(self.smelter_countries.text()),
                self.smelter_source.text().strip(),
            )
        origins.save_origins(self.project, recorded)
        self._show_summary(origins.load_origins(self.project.answers()))
        self.changed.emit()

    def _show_summary(self, recorded: Origins) -> None:
        known = recorded.known_countries()
        self.summary.setText(
            f"The report lists {len(known)} countries of origin: {', '.join(known)}." if known
            else "Nothing recorded: the report says the countries of origin could not be determined."
        )
