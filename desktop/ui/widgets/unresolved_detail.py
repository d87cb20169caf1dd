"""One unresolved entry: what the suppliers wrote, the suggested smelters, and the three choices."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.smelters import UnresolvedRow
from desktop.ui.models.smelter_table import country_label
from desktop.ui.models.unresolved_table import is_decided


def unresolved_html(entry: UnresolvedRow) -> str:
    lines = [
        f"<h3 style='margin:0'>{escape(entry.name or '(no name)')}</h3>",
        f"<p style='margin:2px 0'>{escape(entry.metal)} · {escape(country_label(entry.country) or 'no country')} · "
        f"{escape(entry.smelter_id or 'no ID')}</p>",
        f"<p>{escape(entry.reason)}</p>",
        f"<p><b>Written by {len(entry.suppliers)} supplier(s)</b>; your choice applies to all of them:</p>",
    ]
    for reported in entry.rows:
        row = reported.row
        written = " / ".join(escape(v) for v in (row.lookup_name, row.name) if v)
        lines.append(
            f"<p style='margin:0 0 6px 0'><b>{escape(reported.supplier)}</b> — {escape(reported.file_name)}, "
            f"row {row.row}<br>{escape(row.metal)} · {written} · {escape(row.country)} · "
            f"{escape(row.smelter_id or row.looked_up_id)}</p>"
        )
    return "".join(lines)


class UnresolvedDetail(QWidget):
    candidate_chosen = Signal(str)  # the CID picked
    not_a_smelter_requested = Signal()
    leave_unknown_requested = Signal()
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.entry: UnresolvedRow | None = None
        self.text = QTextBrowser()
        self.candidates = QListWidget()
        self.candidates.setObjectName("candidateList")
        self.candidates.setWordWrap(True)
        self.candidates.setSpacing(2)
        self.candidates.itemDoubleClicked.connect(lambda _item: self._choose())
        self.candidates.currentRowChanged.connect(lambda _row: self._enable())
        self.choose_button = QPushButton("Use this smelter")
        self.choose_button.setObjectName("primary")
        self.choose_button.clicked.connect(self._choose)
        self.not_smelter_button = QPushButton("Not a smelter…")
        self.not_smelter_button.setToolTip("A trader, a mine or a typo: leave it out of the smelter list.")
        self.not_smelter_button.clicked.connect(self.not_a_smelter_requested)
        self.leave_button = QPushButton("Leave unknown")
        self.leave_button.setToolTip("Decide later; go to the next entry.")
        self.leave_button.clicked.connect(self.leave_unknown_requested)
        self.undo_button = QPushButton("Undo decision")
        self.undo_button.clicked.connect(self.undo_requested)
        buttons = QGridLayout()  # two short rows, so the pane can be narrow on a small screen
        buttons.addWidget(self.choose_button, 0, 0)
        buttons.addWidget(self.undo_button, 0, 1)
        buttons.addWidget(self.not_smelter_button, 1, 0)
        buttons.addWidget(self.leave_button, 1, 1)
        buttons.setColumnStretch(2, 1)
        self.candidates_label = QLabel("Suggested smelters:")
        self.candidates_label.setWordWrap(True)  # long hints must not widen the pane
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 3)
        layout.addWidget(self.candidates_label)
        layout.addWidget(self.candidates, 2)
        layout.addLayout(buttons)
        self.show_entry(None)

    def show_entry(self, entry: UnresolvedRow | None) -> None:
        self.entry = entry
        self.candidates.clear()
        if entry is None:
            self.text.setHtml("<p style='color:#5f6b76'>Select an entry to decide what it is.</p>")
        else:
            self.text.setHtml(unresolved_html(entry))
            for candidate in sorted(entry.candidates, key=lambda c: -c.score):
                score = f"{candidate.score:.0f}% alike" if candidate.score else "named in RMI's revision notes"
                where = country_label(candidate.country)
                item = QListWidgetItem(f"{candidate.name}  ({candidate.cid})\n{where} · {score}")
                item.setData(Qt.UserRole, candidate.cid)
                self.candidates.addItem(item)
            if self.candidates.count():
                self.candidates.setCurrentRow(0)
        if entry is not None and entry.left_unknown:
            text = "You left this unknown: it stays out of Annex A. Undo the decision to choose again."
        elif entry is not None and is_decided(entry):
            text = "You marked this as not a smelter. Undo the decision to choose again."
        elif entry is not None and not self.candidates.count():
            text = "No suggestion: choose Not a smelter, or leave it unknown and ask the supplier."
        else:
            text = "Suggested smelters:"
        self.candidates_label.setText(text)
        self.candidates.setVisible(self.candidates.count() > 0)
        self._enable()

    def _enable(self) -> None:
        entry, decided = self.entry, self.entry is not None and is_decided(self.entry)
        self.choose_button.setEnabled(entry is not None and self.candidates.currentItem() is not None)
        self.not_smelter_button.setEnabled(entry is not None and not decided)
        self.leave_button.setEnabled(entry is not None and not decided)
        self.undo_button.setVisible(decided)

    def _choose(self) -> None:
        item = self.candidates.currentItem()
        if item is not None:
            self.candidate_chosen.emit(item.data(Qt.UserRole))
