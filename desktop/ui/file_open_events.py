"""macOS opens a double-clicked project by sending the app a FileOpen event, not a command line."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from desktop import PROJECT_SUFFIX


class ProjectFileOpener(QObject):
    """An application event filter that opens `.cmdesk` files in the main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.FileOpen:
            path = event.file()
            if path.lower().endswith(PROJECT_SUFFIX):
                self.window.open_project(path)
                return True
        return False
