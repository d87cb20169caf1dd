"""The first screen: start a new project, open one, or pick a recent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.core.project.recent import recent_projects


class StartScreen(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(APP_NAME)
        title.setObjectName("startTitle")
        intro = QLabel(
            "Prepare your company's SEC Form SD, Conflict Minerals Report and Annex A: list your "
            "products, collect your suppliers' CMRT files, review the smelters they name, and export "
            "the finished documents. Everything stays on this computer."
        )
        intro.setObjectName("startIntro")
        intro.setWordWrap(True)

        self.new_button = QPushButton("New project…")
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QPushButton("Open project…")
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button = QPushButton("Explore the sample project")
        self.sample_button.setToolTip("A fictitious company with suppliers and their CMRT files: see the whole flow in a minute.")
        self.sample_button.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)

        recent_title = QLabel("Recent projects")
        recent_title.setObjectName("outcomeHeadline")
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentList")
        self.recent_list.itemActivated.connect(lambda item: self.recent_chosen.emit(Path(item.data(Qt.UserRole))))
        self.empty_label = QLabel("Projects you open will be listed here.")
        self.empty_label.setObjectName("fieldHelp")

        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(18)
        column.addWidget(recent_title)
        column.addWidget(self.recent_list, 1)
        column.addWidget(self.empty_label)
        column.addStretch(1)

        frame = QWidget()
        frame.setMaximumWidth(760)
        frame.setLayout(column)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 32, 40, 32)
        outer.addStretch(1)
        outer.addWidget(frame, 8)
        outer.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.recent_list.clear()
        for path in recent_projects():
            item = QListWidgetItem(f"{path.stem}\n{path.parent}")
            item.setData(Qt.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent_list.addItem(item)
        has_recent = self.recent_list.count() > 0
        self.recent_list.setVisible(has_recent)
        self.empty_label.setVisible(not has_recent)
        # An empty list would stretch; the closing stretch takes the room instead.
        self.layout().itemAt(1).widget().layout().setStretch(6, 1 if has_recent else 0)
