"""File > Compare with last year: two filing years side by side (desktop.core.filing.compare)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.filing.compare import Comparison, MetalFigures
from desktop.ui import dialogs
from desktop.ui.models.rows_model import RowsTableModel


def _pct(value: int | None) -> str:
    return "–" if value is None else f"{value}%"


class MetalFiguresModel(RowsTableModel):
    """One row per metal: smelters and the Conformant-or-Active share, then and now."""

    headers = ("Metal", "Smelters then", "Smelters now", "Conformant or Active then",
               "Conformant or Active now", "Added", "Dropped")
    header_lines = {3: "Conformant or\nActive then", 4: "Conformant or\nActive now"}

    def set_comparison(self, result: Comparison) -> None:
        self.beginResetModel()
        then = {m.metal: m for m in result.before.metals}
        now = {m.metal: m for m in result.after.metals}
        metals = [m for m in ("Tantalum", "Tin", "Gold", "Tungsten") if m in then or m in now]
        self._rows = [
            (metal, then.get(metal, MetalFigures(metal, 0, 0, None)), now.get(metal, MetalFigures(metal, 0, 0, None)),
             len(result.smelters_added.get(metal, [])), len(result.smelters_dropped.get(metal, [])))
            for metal in metals
        ]
        self.endResetModel()

    def data(self, index, role=Qt.DisplayRole):
        row = self._row(index)
        if row is None or role != Qt.DisplayRole:
            return None
        metal, then, now, added, dropped = row
        return [metal, then.smelters, now.smelters, _pct(then.percent), _pct(now.percent), added, dropped][index.column()]


class StatusChangesModel(RowsTableModel):
    headers = ("Metal", "Smelter ID", "Smelter", "Status then", "Status now")

    def set_comparison(self, result: Comparison) -> None:
        self.beginResetModel()
        self._rows = list(result.status_changes)
        self.endResetModel()

    def data(self, index, role=Qt.DisplayRole):
        row = self._row(index)
        if row is None or role != Qt.DisplayRole:
            return None
        return [row.metal, row.cid, row.name, row.before, row.after][index.column()]


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setEditTriggers(QTableView.NoEditTriggers)
    view.setSelectionBehavior(QTableView.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
    return view


def _names(title: str, names: list[str]) -> QLabel:
    label = QLabel(f"<b>{title} ({len(names)}):</b> " + (", ".join(names) if names else "none"))
    label.setWordWrap(True)
    label.setTextFormat(Qt.RichText)
    return label


class CompareDialog(QDialog):
    def __init__(self, result: Comparison, parent: QWidget | None = None):
        super().__init__(parent)
        self.result = result
        before, after = result.before, result.after
        self.setWindowTitle(f"{before.year or '?'} compared with {after.year or '?'}")
        layout = QVBoxLayout(self)
        heading = QLabel(
            f"<b>{after.company or 'This project'}: {before.year or '?'} compared with {after.year or '?'}</b><br>"
            f"Suppliers asked: {before.surveyed} then, {after.surveyed} now. Responded: {before.responded} "
            f"({before.response_rate}%) then, {after.responded} ({after.response_rate}%) now."
        )
        heading.setTextFormat(Qt.RichText)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        suppliers = QGroupBox("Suppliers")
        supplier_layout = QVBoxLayout(suppliers)
        for title, names in (("Added", result.suppliers_added), ("Dropped", result.suppliers_dropped),
                             ("Newly responding", result.newly_responding)):
            supplier_layout.addWidget(_names(title, names))
        layout.addWidget(suppliers)
        self.figures_model = MetalFiguresModel(self)
        self.figures_model.set_comparison(result)
        figures = QGroupBox("Smelters per metal")
        QVBoxLayout(figures).addWidget(_table(self.figures_model))
        layout.addWidget(figures, 1)
        self.status_model = StatusChangesModel(self)
        self.status_model.set_comparison(result)
        changes = QGroupBox(f"Status changes ({len(result.status_changes)})")
        QVBoxLayout(changes).addWidget(_table(self.status_model))
        layout.addWidget(changes, 1)
        paragraph = result.paragraph()
        self.paragraph_label = QLabel(paragraph or "No paragraph: a reporting year is missing in one of the projects.")
        self.paragraph_label.setWordWrap(True)
        self.paragraph_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        box = QGroupBox("Changes since last year, as a paragraph for your report")
        QVBoxLayout(box).addWidget(self.paragraph_label)
        layout.addWidget(box)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        copy = QPushButton("Copy paragraph")
        copy.setEnabled(bool(paragraph))
        copy.clicked.connect(lambda: dialogs.copy_to_clipboard(paragraph))
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons.addWidget(copy)
        buttons.addWidget(close)
        layout.addLayout(buttons)
