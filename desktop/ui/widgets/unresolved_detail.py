"""One unresolved entry: why it did not match, the suggested smelters, and the three choices.

Issue 11: the reason sits at the top in a label that is never scrolled away (1024x640 too); the
suggestions keep the core's order (RMI's named successors first); nothing is selected for the
user, and "Use this smelter" acts only on a smelter the user picked.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.smelters import UnresolvedRow
from desktop.core.smelters.ranking import preselected
from desktop.ui.models.smelter_table import country_label
from desktop.ui.models.unresolved_table import is_decided
from desktop.ui.plural import plural
from desktop.ui.theme import current_theme

USE_PICKED, PICK_FIRST = "Use this smelter", "Pick a smelter above"


def reason_html(entry: UnresolvedRow) -> str:
    """Name and reason only: metal, country and ID are on the selected table row beside it."""
    return f"<b>{escape(entry.name or '(no name)')}</b><br>{escape(entry.reason)}"


def unresolved_html(entry: UnresolvedRow) -> str:
    """Each supplier's row as written (the reason is shown above, in its own label)."""
    lines = [f"<p style='margin:0 0 4px 0'><b>Written by {plural(len(entry.suppliers), 'supplier')}</b>; "
             "your choice applies to all of them:</p>"]
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
        self.reason = QLabel()
        self.reason.setObjectName("unresolvedReason")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.RichText)
        self.reason.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.reason.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self.text = QTextBrowser()  # the suppliers' rows: first to shrink on a small screen
        self.text.setMinimumHeight(0)
        self.text.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Ignored)
        self.candidates = QListWidget()
        self.candidates.setObjectName("candidateList")
        self.candidates.setWordWrap(True)
        self.candidates.setSpacing(2)
        self.candidates.setMinimumHeight(60)
        self.candidates.itemDoubleClicked.connect(lambda _item: self._choose())
        # A pick is a selection the user made: focus alone makes an item current, not selected.
        self.candidates.itemSelectionChanged.connect(self._enable)
        self.choose_button = QPushButton(PICK_FIRST)
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
        self.buttons = buttons
        self.candidates_label = QLabel("Suggested smelters:")
        self.candidates_label.setWordWrap(True)  # long hints must not widen the pane
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.reason)
        layout.addWidget(self.candidates_label)
        layout.addWidget(self.candidates, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.text, 2)
        self.show_entry(None)

    def show_entry(self, entry: UnresolvedRow | None) -> None:
        self.entry = entry
        self.candidates.clear()
        if entry is None:
            self.reason.setText(f"<span style='color:{current_theme().muted}'>Select an entry to decide what it is.</span>")
            self.text.clear()
        else:
            self.reason.setText(reason_html(entry))
            self.text.setHtml(unresolved_html(entry))
            best = preselected(entry.candidates)
            for candidate in entry.candidates:  # the core's order: RMI's successors first
                where = country_label(candidate.country)
                mark = "Closest name · " if candidate is best else ""
                item = QListWidgetItem(f"{candidate.name}  ({candidate.cid})\n{where} · {mark}{candidate.why()}")
                item.setData(Qt.UserRole, candidate.cid)
                item.setToolTip(item.text())
                self.candidates.addItem(item)
        if entry is not None and entry.left_unknown:
            text = "You left this unknown: it stays out of Annex A. Undo the decision to choose again."
        elif entry is not None and is_decided(entry):
            text = "You marked this as not a smelter. Undo the decision to choose again."
        elif entry is not None and not self.candidates.count():
            text = "No suggestion: choose Not a smelter, or leave it unknown and ask the supplier."
        else:
            text = ""
        self.candidates_label.setText(text)
        self.candidates_label.setVisible(bool(text))
        self.candidates.setVisible(self.candidates.count() > 0)
        self._enable()
        self._fit_rows_text()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_rows_text()

    def _fit_rows_text(self) -> None:
        """Show the suppliers' rows only when they get a readable height: on a small screen the
        reason, the suggestions and the buttons come first, never a two-pixel sliver."""
        spacing = self.layout().spacing()
        used = self.reason.heightForWidth(self.width()) + self.buttons.sizeHint().height() + 4 * spacing
        if self.candidates_label.isVisibleTo(self):
            used += self.candidates_label.heightForWidth(self.width())
        if self.candidates.isVisibleTo(self):
            used += 2 * self.candidates.sizeHintForRow(0) + 8 if self.candidates.count() else 60
        self.text.setVisible(self.height() - used >= 64)

    def picked_cid(self) -> str | None:
        """The CID the user selected, or None: nothing counts as picked until the user picks."""
        items = self.candidates.selectedItems()
        return items[0].data(Qt.UserRole) if items else None

    def _enable(self) -> None:
        entry, decided = self.entry, self.entry is not None and is_decided(self.entry)
        picked = entry is not None and self.picked_cid() is not None
        self.choose_button.setEnabled(picked)
        self.choose_button.setText(USE_PICKED if picked or not self.candidates.count() else PICK_FIRST)
        self.not_smelter_button.setEnabled(entry is not None and not decided)
        self.leave_button.setEnabled(entry is not None and not decided)
        self.undo_button.setVisible(decided)

    def _choose(self) -> None:
        cid = self.picked_cid()
        if cid is not None:
            self.candidate_chosen.emit(cid)
