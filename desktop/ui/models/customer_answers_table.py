"""The derived answers of our CMRT for customers: question, metal, answer (editable), why."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from desktop.core.filing.customer_cmrt import DerivedAnswer
from desktop.ui.models.rows_model import RowsTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class CustomerAnswersModel(RowsTableModel):
    QUESTION, METAL, ANSWER, WHY = range(4)
    headers = ("Question", "Metal", "Answer", "Why this answer")
    answer_changed = Signal(str, str)  # key, new answer

    def set_rows(self, rows: list[DerivedAnswer]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row: DerivedAnswer | None = self._row(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            label = f"{row.number}. {row.question}" if row.number else f"{row.key}. {row.question}"
            return [label, row.metal, row.answer or "(not asked)", row.reason][column] \
                if role == Qt.ItemDataRole.DisplayRole else row.answer
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.reason if column == self.WHY else row.question
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index):
        base = super().flags(index)
        row = self._row(index)
        if row is not None and index.column() == self.ANSWER and self._asked(row):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _asked(self, row: DerivedAnswer) -> bool:
        """Questions 2-8 of a metal are asked only when question 1 says the metal is used."""
        if row.number <= 1:
            return True
        return any(r.number == 1 and r.metal == row.metal and r.answer == "Yes" for r in self._rows)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        row = self._row(index)
        if row is None or role != Qt.ItemDataRole.EditRole or index.column() != self.ANSWER or value not in row.options:
            return False
        if value != row.answer:
            row.answer = value
            row.reason = "Changed by you."
            if row.number == 1:  # the metal's other questions are asked, or no longer asked
                for other in self._rows:
                    if other.metal == row.metal and other.number > 1:
                        other.answer = ""
                        other.reason = "Not asked: the metal is not used (question 1)." if value == "No" \
                            else "Choose the answer."
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.WHY))
            self.answer_changed.emit(row.key, value)
        return True


class AnswerChoiceDelegate(QStyledItemDelegate):
    """A drop-down of the answers RMI's template accepts for that question."""

    def createEditor(self, parent, option, index):
        row: DerivedAnswer = index.data(ROW_ROLE)
        editor = QComboBox(parent)
        editor.addItems(list(row.options))
        return editor

    def setEditorData(self, editor, index):
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
