"""The first-time filer's EDGAR access items: ticked by the user, explained, never blocking."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.core.filing.readiness_checks import EDGAR_CHECKLIST, edgar_checklist, set_edgar_item


class EdgarChecklist(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("Filing on EDGAR for the first time? (a reminder; it does not block the export)", parent)
        self.project = None
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        for item in EDGAR_CHECKLIST:
            box = QCheckBox(item.label)
            box.setObjectName(f"edgar_{item.key}")
            box.toggled.connect(lambda on, key=item.key: self._toggled(key, on))
            help_label = QLabel(f"{item.meaning} Time needed: {item.time_needed}")
            help_label.setObjectName("fieldHelp")
            help_label.setWordWrap(True)
            help_label.setContentsMargins(24, 0, 0, 6)
            layout.addWidget(box)
            layout.addWidget(help_label)
            self.boxes[item.key] = box

    def load(self, project) -> None:
        self.project = None  # no saving while the ticks are set from the project
        for item in edgar_checklist(project):
            self.boxes[item.key].setChecked(item.done)
        self.project = project

    def _toggled(self, key: str, on: bool) -> None:
        if self.project is not None:
            set_edgar_item(self.project, key, on)

