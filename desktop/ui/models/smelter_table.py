"""The rolled-up smelter list as a Qt table: one row per (metal, smelter) behind Annex A."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle

from desktop.core.cmrt.model import METALS
from desktop.core.smelters import FILING_STATUSES, RolledSmelter
from desktop.ui.glossary import explain
from desktop.ui.models.row_sorting import SortedRowsModel
from desktop.ui.widgets.status_colours import STATUS_COLOURS

# The status, what this page is about, comes right after the name: in sight on a 1024-pixel screen.
METAL, SMELTER, STATUS, COUNTRY, SMELTER_ID, STATUS_AS_OF, REPORTED_BY, FLAGS = range(8)
HEADERS = ("Metal", "Smelter", "Status", "Country", "Smelter ID", "Status as of", "Reported by", "Flags")
# Two short lines for the wide headers over narrow values, so all columns fit a laptop screen.
HEADER_LINES = {STATUS_AS_OF: "Status\nas of", REPORTED_BY: "Reported\nby"}
HEADER_TIPS = {
    STATUS: explain("RMAP"),
    SMELTER_ID: explain("CID"),
    REPORTED_BY: "How many suppliers reported this smelter; hover a row for their names.",
    FLAGS: "Covered country, 100% recycled, contradictions in what suppliers wrote, your overrides.",
}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # native values: numbers sort as numbers, names without case
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the RolledSmelter (or UnresolvedRow) behind the row
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # one lower-case text of every column, for the search box

_METAL_ORDER = {metal: i for i, metal in enumerate(METALS)}
_STATUS_ORDER = {status: i for i, status in enumerate(FILING_STATUSES)}
_MUTED = QColor("#7a8590")


_SMALL_WORDS = {"of", "the", "and", "da", "de", "do"}


def country_label(country: str) -> str:
    """RMI writes countries in capitals; "UNITED STATES OF AMERICA" reads as "United States of America"."""
    words = country.title().split(" ")
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words))


def smelter_flags(smelter: RolledSmelter) -> list[str]:
    """The short words a reviewer scans for, in the order of their weight."""
    flags = []
    if smelter.excluded:
        flags.append("Excluded from Annex A")
    if smelter.overridden:
        flags.append("Status overridden")
    if smelter.contradiction:
        flags.append("Contradiction")
    if smelter.covered_country:
        flags.append("Covered country")
    if smelter.recycled:
        flags.append("Recycled")
    return flags


def status_text(smelter: RolledSmelter) -> str:
    return f"{smelter.status} (yours)" if smelter.overridden else smelter.status


class SmelterTableModel(SortedRowsModel):
    headers = HEADERS
    header_lines = HEADER_LINES
    header_tips = {column: HEADER_TIPS.get(column, text) for column, text in enumerate(HEADERS)}
    _parallel = ("_rows", "_flags", "_search")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[RolledSmelter] = []
        self._flags: list[list[str]] = []
        self._search: list[str] = []

    def set_rows(self, rows: list[RolledSmelter]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._flags = [smelter_flags(s) for s in self._rows]
        # Precomputed so a keystroke in the search box does not rebuild 16,000 strings.
        self._search = [self._search_text(i) for i in range(len(self._rows))]
        self._apply_sort()  # a recomputed roll-up keeps the column the user sorted on
        self.endResetModel()

    def search_text_at(self, row: int) -> str:
        return self._search[row]

    def sort_key(self, row: int, column: int):
        return self._sort_value(self._rows[row], row, column)

    def rows(self) -> list[RolledSmelter]:
        return list(self._rows)

    def row_of(self, metal: str, cid: str) -> int:
        return next((i for i, s in enumerate(self._rows) if s.metal == metal and s.cid == cid), -1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        smelter, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(smelter, index.row(), column)
        if role == SORT_ROLE:
            return self._sort_value(smelter, index.row(), column)
        if role == ROW_ROLE:
            return smelter
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(smelter, index.row(), column)
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return QColor(STATUS_COLOURS.get(smelter.status, "#999999"))
        if role == Qt.ItemDataRole.DecorationRole and column == SMELTER and smelter.contradiction:
            # Suppliers disagree about this smelter: worth a look even when Flags is scrolled away.
            return QApplication.style().standardIcon(QStyle.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ForegroundRole and smelter.excluded:
            return QBrush(_MUTED)  # still listed so it can be undone, but visibly out of Annex A
        if role == Qt.ItemDataRole.FontRole and (smelter.excluded or (smelter.overridden and column == STATUS)):
            font = QFont()
            font.setItalic(True)
            font.setStrikeOut(smelter.excluded and column == SMELTER)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == REPORTED_BY:
            return int(Qt.AlignmentFlag.AlignCenter)  # a count under a two-line header
        return None

    def _display(self, smelter: RolledSmelter, row: int, column: int):
        if column == METAL:
            return smelter.metal
        if column == SMELTER:
            return smelter.name
        if column == COUNTRY:
            return country_label(smelter.country)
        if column == SMELTER_ID:
            return smelter.cid
        if column == STATUS:
            return status_text(smelter)
        if column == STATUS_AS_OF:
            return smelter.status_as_of
        if column == REPORTED_BY:
            return str(len(smelter.reported_by))
        if column == FLAGS:
            return ", ".join(self._flags[row])
        return None

    def _sort_value(self, smelter: RolledSmelter, row: int, column: int):
        if column == METAL:
            return _METAL_ORDER.get(smelter.metal, len(METALS))
        if column == STATUS:
            return _STATUS_ORDER.get(smelter.status, len(FILING_STATUSES))
        if column == REPORTED_BY:
            return len(smelter.reported_by)
        if column == FLAGS:
            return len(self._flags[row])
        return str(self._display(smelter, row, column)).casefold()

    def _tooltip(self, smelter: RolledSmelter, row: int, column: int):
        if column == STATUS:
            label = f"RMI: {smelter.status_label}\n" if smelter.status_label else ""
            return f"{label}{smelter.status_source}"
        if column in (REPORTED_BY, SMELTER):
            flags = self._flags[row] if column == SMELTER else []
            lines = ["Reported by:", *smelter.reported_by] + ([""] + flags if flags else [])
            return "\n".join(lines)
        return None

    def _search_text(self, row: int) -> str:
        smelter = self._rows[row]
        words = [str(self._display(smelter, row, c)) for c in range(len(HEADERS))]
        words += smelter.reported_by  # the column shows a count; people search by name
        return " ".join(words).casefold()
