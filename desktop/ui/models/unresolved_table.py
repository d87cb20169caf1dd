"""The unresolved queue: rows no known smelter was found for, grouped so one decision settles all."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.core.cmrt.model import METALS
from desktop.core.smelters import UnresolvedRow
from desktop.core.smelters.ranking import RMI_SUCCESSOR, preselected
from desktop.core.smelters.to_resolve import is_decided
from desktop.ui.models.row_sorting import SortedRowsModel
from desktop.ui.models.smelter_table import ROW_ROLE, SEARCH_ROLE, SORT_ROLE, country_label

METAL, WRITTEN_NAME, COUNTRY, WRITTEN_ID, REPORTED_BY, SUGGESTION, REASON = range(7)
HEADERS = ("Metal", "Name as written", "Country", "ID as written", "Reported by", "Best suggestion", "Why")
_METAL_ORDER = {metal: i for i, metal in enumerate(METALS)}
_MUTED = QColor("#7a8590")


def decision_text(entry: UnresolvedRow) -> str:
    return "Left unknown (your decision)" if entry.left_unknown else "Not a smelter (your decision)"


def best_suggestion(entry: UnresolvedRow) -> str:
    """RMI's pointer or a close name match; never a weak look-alike dressed up as the answer."""
    if not entry.candidates:
        return ""
    first = entry.candidates[0]
    if first.basis == RMI_SUCCESSOR:
        others = sum(c.basis == RMI_SUCCESSOR for c in entry.candidates) - 1
        return f"RMI points to {first.name} ({first.cid})" + (f" and {others} more" if others else "")
    best = preselected(entry.candidates)
    return f"{best.name} ({best.cid})" if best else "no close match"


class UnresolvedTableModel(SortedRowsModel):
    headers = HEADERS
    header_lines = {REPORTED_BY: "Reported\nby"}  # a count under a two-line header
    _parallel = ("_rows", "_search")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[UnresolvedRow] = []
        self._search: list[str] | None = []
        self._decided: set[int] = set()  # id() of the entries the user settled

    def set_rows(self, rows: list[UnresolvedRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        # Asked for every row at each paint, count and search; a roll-up's rows never change
        # (a decision rolls up again), so once per set of rows (7,600 entries at 500 suppliers).
        self._decided = {id(entry) for entry in self._rows if is_decided(entry)}
        self._search = None  # made at the first search typed: 7,600 entries' texts cost 0.3 s
        self._apply_sort()
        self.endResetModel()

    def search_text_at(self, row: int) -> str:
        if self._search is None:
            self._search = [self._search_text(entry) for entry in self._rows]
        return self._search[row]

    def sort_key(self, row: int, column: int):
        entry = self._rows[row]
        if column == METAL:
            return _METAL_ORDER.get(entry.metal, len(METALS))
        if column == REPORTED_BY:
            return len(entry.suppliers)
        return self._display(entry, column).casefold()

    def rows(self) -> list[UnresolvedRow]:
        return list(self._rows)

    def pending_count(self) -> int:
        return len(self._rows) - len(self._decided)

    def is_decided(self, entry: UnresolvedRow) -> bool:
        return id(entry) in self._decided

    def row_of(self, key: str) -> int:
        return next((i for i, entry in enumerate(self._rows) if entry.key == key), -1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == SORT_ROLE:
            return self.sort_key(index.row(), column)
        if role == ROW_ROLE:
            return entry
        if role == SEARCH_ROLE:
            return self.search_text_at(index.row())
        if role == Qt.ItemDataRole.ToolTipRole and column in (REPORTED_BY, WRITTEN_NAME):
            return "Reported by:\n" + "\n".join(entry.suppliers)
        if role == Qt.ItemDataRole.ToolTipRole and column == REASON:
            return entry.reason
        if role == Qt.ItemDataRole.ForegroundRole and self.is_decided(entry):
            return QBrush(_MUTED)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == REPORTED_BY:
            return int(Qt.AlignmentFlag.AlignCenter)  # a count under a two-line header
        return None

    def _display(self, entry: UnresolvedRow, column: int) -> str:
        if column == METAL:
            return entry.metal
        if column == WRITTEN_NAME:
            return entry.name
        if column == COUNTRY:
            return country_label(entry.country)
        if column == WRITTEN_ID:
            return entry.smelter_id
        if column == REPORTED_BY:
            return str(len(entry.suppliers))
        if column == REASON:
            return decision_text(entry) if self.is_decided(entry) else entry.reason
        if column == SUGGESTION:
            return best_suggestion(entry)
        return ""

    def _search_text(self, entry: UnresolvedRow) -> str:
        words = [self._display(entry, c) for c in range(len(HEADERS))] + entry.suppliers
        return " ".join(words).casefold()
