"""What every wizard page has: a title, a one-line purpose, and load/completeness hooks."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.core.project import Project
from desktop.ui.figures import figures_pending


class WizardPage(QWidget):
    """A step of the wizard. Pages save as the user edits; there is no separate save step."""

    title = ""
    subtitle = ""
    # Emitted when the page's completeness may have changed (the step list shows a check mark).
    completeness_changed = Signal()
    # True when the page shows figures from every supplier file (the roll-up): on opening a project
    # it is loaded once they are worked out off the UI thread, unless it is the step shown first.
    needs_figures = False
    # The figure (evidence.AHEAD_NAMES) the page shows: a step behind the data is loaded again in
    # the background only once it is worked out, never starting that work itself.
    figures_shown = "rollup"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.setObjectName(type(self).__name__)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        intro = QLabel(self.subtitle)
        intro.setObjectName("pageSubtitle")
        intro.setWordWrap(True)
        outer.addWidget(heading)
        outer.addWidget(intro)
        # The page's own widgets go in `body`; while every one of them waits for figures being
        # worked out, show_waiting() shows a plain note in their place.
        self.content = QWidget()
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(10)
        self.waiting_note = QLabel()
        self.waiting_note.setObjectName("waitingNote")
        self.waiting_note.setWordWrap(True)
        self.waiting_note.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.waiting_note.hide()
        outer.addWidget(self.content, 1)
        outer.addWidget(self.waiting_note, 1)

    def load(self, project: Project) -> None:
        """Show the project's data; called when a project opens or the page is shown again."""
        self.project = project

    def showing_placeholders(self) -> bool:
        """Part of the page waits for figures worked out off the UI thread (evidence.pending). By
        default: the whole page is behind show_waiting()'s note."""
        return self.waiting_note.isVisibleTo(self)

    def figures_arrived(self) -> bool:
        """Called by the wizard while showing_placeholders(): fill in what has been worked out
        since; True when something was (the step list is refreshed). By default a page behind
        show_waiting() waits for the roll-up, then shows itself again with refresh()."""
        if self.project is None or figures_pending(self.project, "rollup"):
            return False
        self.refresh()
        return True

    def refresh(self) -> None:
        """Show the project's data again (pages that wait behind show_waiting() define it)."""

    def show_waiting(self, note: str) -> None:
        """`note` in place of the page's widgets (they wait for figures); "" shows them again."""
        self.waiting_note.setText(note)
        self.waiting_note.setVisible(bool(note))
        self.content.setVisible(not note)

    def before_next(self) -> bool:
        """The user pressed Next: False keeps them here (the page has shown what needs attention)."""
        return True

    def clear_messages(self) -> None:
        """Forget what was said about the project being closed ("Imported 9 of 9 files.", searches)."""

    def is_complete(self) -> bool:
        return True

    def step_note(self) -> str:
        """A few words under the step's name in the step list, e.g. "3 products"."""
        return ""
