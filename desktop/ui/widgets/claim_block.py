"""One due diligence statement: the sentence, how it prints, what it lacks, and its confirmation.

A statement the app proposed is marked "Proposed, not confirmed" until the user ticks "True for
our company"; facts used inside it show as {named fields} that follow the answers typed above.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QTextEdit, QVBoxLayout, QWidget

from desktop.core.filing.claims import ClaimState
from desktop.ui.theme import current_theme

SENTENCE_LINES = 2  # the smallest sentence box; it grows with the text
_GAP = re.compile(r"\[[^\[\]]+ not filled in\]")
STATE_WORDS = {
    "proposed": "Proposed by the app: not confirmed",
    "written": "Not confirmed yet",
    "changed": "Changed since you confirmed it: confirm again",
    "confirmed": "Confirmed",
}


class AnswerEdit(QTextEdit):
    """A plain-text answer box that grows with its text, so a long sentence is read whole."""

    def __init__(self, min_lines: int):
        super().__init__()
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.min_height = self.fontMetrics().lineSpacing() * min_lines + 12
        self.setFixedHeight(self.min_height)
        self.textChanged.connect(self._fit)

    def _fit(self) -> None:
        self.document().setTextWidth(self.viewport().width())
        needed = int(self.document().size().height()) + 2 * self.frameWidth() + 4
        self.setFixedHeight(max(self.min_height, needed))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()


def help_label(text: str, name: str = "fieldHelp") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def printed_html(text: str) -> str:
    """The sentence as printed, with each unfilled fact shown in red."""
    parts, last = [], 0
    for match in _GAP.finditer(text):
        parts.append(html.escape(text[last:match.start()]))
        parts.append(
            f'<span style="color:{current_theme().error}; font-weight:600">{html.escape(match.group(0))}</span>'
        )
        last = match.end()
    parts.append(html.escape(text[last:]))
    return "<i>Printed as:</i> " + "".join(parts)


class ClaimBlock(QFrame):
    """A statement's editor, preview, problems and "True for our company" box."""

    restore_requested = Signal(str)  # key
    confirm_toggled = Signal(str)  # key; the box's state says ticked or not

    def __init__(self, key: str, label: str, help_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self._shown: tuple | None = None
        self.setObjectName("claimBlock")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 0, 6)
        layout.setSpacing(3)

        heading = QHBoxLayout()
        title = QLabel(label)
        title.setStyleSheet("font-weight: 600;")
        self.status = QLabel()
        self.status.setObjectName("claimStatus")
        heading.addWidget(title)
        heading.addWidget(self.status)
        heading.addStretch(1)
        layout.addLayout(heading)

        row = QHBoxLayout()
        self.editor = AnswerEdit(SENTENCE_LINES)
        self.editor.setObjectName(f"answer_{key}")
        row.addWidget(self.editor, 1)
        self.reset = QPushButton("Proposed wording")
        self.reset.setToolTip("Put back the sentence the app proposes for this question.")
        self.reset.clicked.connect(lambda: self.restore_requested.emit(self.key))
        row.addWidget(self.reset, 0, Qt.AlignTop)
        layout.addLayout(row)

        self.preview = help_label("")
        self.preview.setTextFormat(Qt.RichText)
        self.problems = help_label("", "fieldError")
        self.confirm = QCheckBox("True for our company: print it in the report")
        self.confirm.setObjectName(f"confirm_{key}")
        self.confirm.clicked.connect(self._clicked)
        for widget in (self.preview, self.problems, self.confirm, help_label(help_text)):
            layout.addWidget(widget)

    def _clicked(self) -> None:
        self.confirm_toggled.emit(self.key)

    def show_state(self, state: ClaimState, printed: str) -> None:
        """Show whether the statement is confirmed, how it prints and what stops confirming it."""
        if (state, printed) == self._shown:
            return  # typing in one box refreshes every statement; only the changed ones repaint
        self._shown = (state, printed)
        kind = (
            "confirmed" if state.confirmed
            else "changed" if state.changed_since_confirmed
            else "proposed" if state.proposed
            else "written"
        )
        words = STATE_WORDS[kind]
        if state.confirmed and state.confirmed_by:
            words += f" by {state.confirmed_by} on {state.confirmed_at[:10]}"
        self.status.setText(words)
        self.setProperty("state", kind)
        self.status.setProperty("state", kind)
        for widget in (self, self.status):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.preview.setText(printed_html(printed))
        self.problems.setText("\n".join(state.problems))
        self.problems.setVisible(bool(state.problems))
        self.confirm.setChecked(state.confirmed)  # emits no `clicked`: only the user confirms
        self.confirm.setEnabled(state.confirmed or state.can_confirm)
        self.confirm.setToolTip(
            "" if state.can_confirm or state.confirmed else "First: " + " ".join(state.problems)
        )
