"""Every number explained: pick a figure, see the rows it is counted from (figures_workbook)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.export.figures_workbook import (
    SMELTER_HEADERS,
    SUPPLIER_HEADERS,
    project_figures,
    smelter_rows,
    supplier_rows,
)
from desktop.core.filing.evidence import project_rollup
from desktop.ui.models.rows_model import RowsTableModel


class FiguresModel(RowsTableModel):
    headers = ("Figure", "Value", "How it is counted")

    def set_rows(self, figures) -> None:
        self.beginResetModel()
        self._rows = list(figures)
        self.endResetModel()

    def data(self, index, role=Qt.DisplayRole):
        figure = self._row(index)
        if figure is None or role != Qt.DisplayRole:
            return None
        value = "–" if figure.value is None else figure.value
        return [figure.name, str(value), figure.how][index.column()]


class RowsBehindModel(RowsTableModel):
    def set_table(self, headers: list[str], rows: list[list]) -> None:
        self.beginResetModel()
        self.headers = tuple(headers)
        self._rows = rows
        self.endResetModel()

    def data(self, index, role=Qt.DisplayRole):
        row = self._row(index)
        if row is None or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        return str(row[index.column()])


class FiguresDialog(QDialog):
    def __init__(self, project, parent=None):
        super().__init__(parent)
        self.setWindowTitle("The rows behind each figure")
        rolled = project_rollup(project)
        self.tables = {
            "Suppliers": (SUPPLIER_HEADERS, supplier_rows(project)),
            "Smelters": (SMELTER_HEADERS, smelter_rows(rolled)),
        }
        layout = QVBoxLayout(self)
        intro = QLabel("Choose a figure the report prints: the rows it is counted from are listed below it.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.figures_model = FiguresModel(self)
        self.figures_model.set_rows(project_figures(project, rolled))
        self.figures_view = QTableView()
        self.figures_view.setModel(self.figures_model)
        self.figures_view.setSelectionBehavior(QTableView.SelectRows)
        self.figures_view.setSelectionMode(QTableView.SingleSelection)
        self.figures_view.setEditTriggers(QTableView.NoEditTriggers)
        self.figures_view.verticalHeader().hide()
        self.figures_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.figures_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.figures_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.rows_model = RowsBehindModel(self)
        self.rows_view = QTableView()
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setEditTriggers(QTableView.NoEditTriggers)
        self.rows_view.verticalHeader().hide()
        self.rows_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.rows_view.horizontalHeader().setStretchLastSection(True)
        self.rows_label = QLabel()
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.figures_view)
        holder = QWidget()
        lower = QVBoxLayout(holder)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.rows_label)
        lower.addWidget(self.rows_view, 1)
        splitter.addWidget(holder)
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.figures_view.selectionModel().currentRowChanged.connect(lambda current, _: self.show_rows(current.row()))
        if self.figures_model.rowCount():
            self.figures_view.selectRow(0)

    def show_rows(self, row: int) -> None:
        figures = self.figures_model._rows
        if not 0 <= row < len(figures):
            return
        figure = figures[row]
        headers, rows = self.tables[figure.rows]
        behind = [r for r in rows if figure.behind(r)]
        self.rows_model.set_table(headers, behind)
        self.rows_label.setText(f"{figure.name}: {len(behind)} {figure.rows.lower()} rows behind it.")
