"""The plumbing every table model here shares: a list of Python rows under a row of headers.

The models spell Qt's enums in full (Qt.ItemDataRole.DisplayRole, not Qt.DisplayRole): PySide6
finds the short names through a compatibility lookup of about 5 µs each, and data() runs for
every cell at every paint, sort and filter (issue 13: a 500-supplier table).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class RowsTableModel(QAbstractTableModel):
    """Subclasses set `headers` (display text per column) and fill `self._rows`; they add `data()`.

    `header_lines` and `header_tips` map a column to a two-line header or a tooltip where the plain
    header is not enough.
    """

    headers: tuple[str, ...] = ()
    header_lines: dict[int, str] = {}
    header_tips: dict[int, str] = {}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_lines.get(section, self.headers[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips.get(section)
        return None

    def cell_data(self, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
        """data() at a row and column, from Python without Qt's index checks (they call rowCount
        and columnCount back in Python): for measuring every cell of a column."""
        return self.data(self.createIndex(row, column), role)

    def _row(self, index: QModelIndex):
        """The backing row of a valid index, else None."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]
