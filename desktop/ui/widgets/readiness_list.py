"""What still blocks the final filing: one row per blocker, with a button to the step that fixes it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.filing.readiness import Blocker

# The wizard's step names, as the step list shows them.
STEP_TITLES = {
    "company": "Company and filing",
    "products": "Products in scope",
    "suppliers": "Supplier inquiry",
    "smelters": "Smelter review",
    "diligence": "Due diligence",
    "export": "Export",
}


class ReadinessList(QWidget):
    go_to_step = Signal(str)  # a STEP_* name from desktop.core.filing.readiness

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(6)
        self.buttons: list[QPushButton] = []

    def set_blockers(self, blockers: list[Blocker]) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # deleteLater alone leaves it painted (and found) until the event loop runs
                widget.setParent(None)
                widget.deleteLater()
        self.buttons = []
        for blocker in blockers:
            row = QWidget()
            row.setObjectName("blockerRow")
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            text = QLabel(f"• {blocker.message}")
            text.setWordWrap(True)
            text.setObjectName(f"blocker_{blocker.key}")
            text.setTextInteractionFlags(Qt.TextSelectableByMouse)
            button = QPushButton(f"Go to {STEP_TITLES.get(blocker.step, blocker.step)}")
            button.setObjectName(f"goto_{blocker.key}")
            button.clicked.connect(lambda _=False, step=blocker.step: self.go_to_step.emit(step))
            line.addWidget(text, 1)
            line.addWidget(button, 0, Qt.AlignTop)
            self.rows.addWidget(row)
            self.buttons.append(button)
        self.setVisible(bool(blockers))
