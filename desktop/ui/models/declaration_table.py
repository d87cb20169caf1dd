"""Supplier files received, one row each, with what the checks found."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QIcon, QPainter, QPixmap

from desktop.core.cmrt.model import METALS, Severity, Verdict
from desktop.core.project.declaration_store import StoredDeclaration
from desktop.ui.glossary import explain_scope
from desktop.ui.models.row_sorting import KeySortProxy, SortedRowsModel
from desktop.ui.plural import plural
from desktop.ui.theme import current_theme

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

# The verdict and what to fix come first, so both stay in sight on a 1024-pixel screen.
VERDICT, TO_FIX, SUPPLIER, FILE, EFFECTIVE, REVISION, SCOPE = range(7)
METAL_COLUMNS = {7 + i: metal for i, metal in enumerate(METALS)}
METAL_ABBREVIATIONS = {"Tantalum": "Ta", "Tin": "Sn", "Gold": "Au", "Tungsten": "W"}
HEADERS = ["Result", "To fix", "Supplier", "File", "Effective date", "Revision", "Scope"] + [
    METAL_ABBREVIATIONS[m] for m in METALS
]

VERDICT_TEXT = {
    Verdict.COMPLETE.value: "Complete",
    Verdict.NEEDS_FOLLOW_UP.value: "Needs follow-up",
    Verdict.UNUSABLE.value: "Unusable",
}
# Theme colour names (desktop.ui.theme), so the verdict reads in dark mode too.
VERDICT_THEME_COLOUR = {
    Verdict.COMPLETE.value: "success",
    Verdict.NEEDS_FOLLOW_UP.value: "warning",
    Verdict.UNUSABLE.value: "error",
}
VERDICT_TIP = {
    Verdict.COMPLETE.value: "The file is complete: nothing to ask the supplier.",
    Verdict.NEEDS_FOLLOW_UP.value: "The file can be used, but the supplier should correct or confirm something.",
    Verdict.UNUSABLE.value: "The file cannot be used: ask the supplier for a readable CMRT.",
}


def verdict_icon(verdict: str) -> QIcon:
    """A filled dot in the verdict's colour: the colour is never the only sign (the text says it too)."""
    return dot_icon(VERDICT_THEME_COLOUR.get(verdict, "muted"))


def dot_icon(theme_colour: str) -> QIcon:
    colour = current_theme().colour(theme_colour)
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setBrush(colour)
    painter.setPen(Qt.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


@dataclass
class DeclarationRow:
    stored: StoredDeclaration
    supplier_name: str
    # Smelter List rows to correct or confirm, found against the reference (desktop.core.suppliers).
    smelter_questions: list = field(default_factory=list)
    questions_known: bool = True  # False while the smelter names are still being checked

    CHECKING = "checking smelter names…"

    @functools.cached_property
    def smelter_counts(self) -> dict[str, int]:
        """Smelter rows per metal, counted once (measuring and sorting the table ask for each cell)."""
        return self.stored.declaration.smelter_counts() if self.stored.declaration is not None else {}

    @property
    def verdict(self) -> str:
        if self.stored.declaration is None:
            return Verdict.UNUSABLE.value
        return self.stored.declaration.verdict.value

    def count(self, severity: Severity) -> int:
        if self.stored.declaration is None:
            return 1 if severity == Severity.ERROR else 0
        return sum(f.severity == severity for f in self.stored.declaration.findings)

    def to_fix(self) -> str:
        """"1 error, 2 warnings"; empty when there is nothing to fix."""
        if self.stored.declaration is None:
            return "Cannot be read"
        errors, warnings = self.count(Severity.ERROR), self.count(Severity.WARNING)
        smelters = len(self.smelter_questions)
        parts = [plural(errors, "error")] if errors else []
        parts += [plural(warnings, "warning")] if warnings else []
        parts += [plural(smelters, "smelter to confirm", "smelters to confirm")] if smelters else []
        parts += [] if self.questions_known else [self.CHECKING]
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]


_VERDICT_ORDER = {Verdict.UNUSABLE.value: 0, Verdict.NEEDS_FOLLOW_UP.value: 1, Verdict.COMPLETE.value: 2}


class DeclarationTableModel(SortedRowsModel):
    headers = tuple(HEADERS)
    header_tips = {column: f"{metal} smelter rows" for column, metal in METAL_COLUMNS.items()} | {
        VERDICT: "Whether the file can be used as it is.",
        TO_FIX: "What the checks found: errors must be corrected by the supplier, warnings checked.",
        SCOPE: "What the supplier's answers cover: its whole company, or only the products it lists.",
        REVISION: "The CMRT revision the supplier used.",
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self._icons: dict[tuple[str, str], QIcon] = {}  # asked for at every paint: drawn once per colour
        self._bold = QFont()
        self._bold.setBold(True)

    def _verdict_icon(self, verdict: str) -> QIcon:
        colour = VERDICT_THEME_COLOUR.get(verdict, "muted")
        key = (colour, current_theme().colour(colour).name())  # a switch to dark mode draws anew
        if key not in self._icons:
            self._icons[key] = verdict_icon(verdict)
        return self._icons[key]

    def set_rows(self, rows: list[DeclarationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        # Sorted here by key: the proxy asked Python for each pair, 1.5 s for 500 files while
        # the figures were worked out alongside (row_sorting says more).
        self._apply_sort()
        self.endResetModel()

    def sort_key(self, row: int, column: int):
        return self.cell_data(row, column, SORT_ROLE)

    def set_questions(self, questions: dict[int, list]) -> None:
        """The smelter questions, once checked, per stored declaration id: filled in in place, so
        the user's selection and scroll position stay."""
        for row in self._rows:
            row.smelter_questions, row.questions_known = questions.get(row.stored.id, []), True
        if self._rows:
            self.dataChanged.emit(self.index(0, TO_FIX), self.index(len(self._rows) - 1, TO_FIX))
        if self.sort_column == TO_FIX:
            self.sort(self.sort_column, self.sort_order)

    def _value(self, row: DeclarationRow, column: int):
        declaration = row.stored.declaration
        if column == SUPPLIER:
            return row.supplier_name
        if column == FILE:
            return row.stored.file_name
        if column == VERDICT:
            return VERDICT_TEXT.get(row.verdict, row.verdict)
        if column == TO_FIX:
            return row.to_fix()
        if declaration is None:
            return "" if column not in METAL_COLUMNS else None
        if column == REVISION:
            return declaration.revision
        if column == SCOPE:
            return declaration.company.scope_label or declaration.company.scope
        if column == EFFECTIVE:
            day = declaration.company.effective_date
            return day.isoformat() if day else ""
        if column in METAL_COLUMNS:
            return row.smelter_counts.get(METAL_COLUMNS[column], 0)
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._value(row, column)
            return "" if value is None else value
        if role == SORT_ROLE:
            if column == VERDICT:  # worst first when sorted ascending
                return _VERDICT_ORDER.get(row.verdict, 0)
            if column == TO_FIX:
                return -(row.count(Severity.ERROR) * 10000 + row.count(Severity.WARNING) * 100 + len(row.smelter_questions))
            value = self._value(row, column)
            if isinstance(value, str):
                return value.casefold()
            return -1 if value is None else value
        if role == Qt.ItemDataRole.ToolTipRole and column in (FILE, VERDICT, TO_FIX):
            if row.stored.problem:
                return row.stored.problem
            return VERDICT_TIP.get(row.verdict) if column == VERDICT else (row.stored.file_name if column == FILE else None)
        if role == Qt.ItemDataRole.ToolTipRole and column == SCOPE and row.stored.declaration is not None:
            return explain_scope(row.stored.declaration.company.scope_label) or None
        if role == Qt.ItemDataRole.DecorationRole and column == VERDICT:
            return self._verdict_icon(row.verdict)
        if role == Qt.ItemDataRole.ForegroundRole and column == VERDICT:
            return current_theme().colour(VERDICT_THEME_COLOUR.get(row.verdict, "text"))
        if role == Qt.ItemDataRole.FontRole and column == VERDICT:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column in METAL_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SearchProxy(KeySortProxy):
    """Sorts on SORT_ROLE and keeps rows where every typed word appears in some column."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        # Qt 6.9 replaced invalidateFilter() with begin/endFilterChange(); older Qt lacks them.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._words = [w.casefold() for w in text.split()]
            self.endFilterChange()
        else:
            self._words = [w.casefold() for w in text.split()]
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        cells = " ".join(
            str(model.index(source_row, c, source_parent).data(Qt.ItemDataRole.DisplayRole) or "")
            for c in range(model.columnCount(source_parent))
        ).casefold()
        return all(word in cells for word in self._words)
