"""What every wizard page has: a title, a one-line purpose, and load/completeness hooks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.core.project import Project


class WizardPage(QWidget):
    """A step of the wizard. Pages save as the user edits; there is no separate save step."""

    title = ""
    subtitle = ""
    # Emitted when the page's completeness may have changed (the step list shows a check mark).
    completeness_changed = Signal()
    # True when the page shows figures from every supplier file (the roll-up): on opening a project
    # it is loaded once they are worked out off the UI thread, unless it is the step shown first.
    needs_figures = False

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
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        outer.addLayout(self.body, 1)

    def load(self, project: Project) -> None:
        """Show the project's data; called when a project opens or the page is shown again."""
        self.project = project

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
