"""Table views that read well with long supplier text: capped column widths, compact rows."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

MAX_COLUMN_WIDTH = 260


def make_table_view(object_name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(object_name)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fit_columns(table: QTableView, max_width: int = MAX_COLUMN_WIDTH) -> None:
    """Size columns to their contents, but never so wide that the others scroll out of sight."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count()):
        if header.sectionSize(column) > max_width:
            header.resizeSection(column, max_width)
