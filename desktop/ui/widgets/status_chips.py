"""Checkable status chips with counts: "Conformant 56", "Not Enrolled 1", "Unresolved 22"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.core.smelters import FILING_STATUSES
from desktop.ui.glossary import status_meaning
from desktop.ui.widgets.status_colours import STATUS_COLOURS, UNRESOLVED


def _chip_style(colour: str) -> str:
    return (
        f"QPushButton {{ border: 1px solid {colour}; border-radius: 12px; padding: 3px 12px;"
        f" color: palette(text); background: palette(base); }}"
        f"QPushButton:checked {{ background: {colour}; color: white; }}"
    )


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class StatusChips(QWidget):
    """No status chip checked shows every status; checking some shows only those.

    The Unresolved chip is separate: it shows the queue of rows no known smelter was found for.
    """

    statuses_changed = Signal(object)  # set[str]
    unresolved_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        label = QLabel("Show:")
        label.setObjectName("fieldHelp")
        layout.addWidget(label)
        self.chips: dict[str, QPushButton] = {}
        for status in FILING_STATUSES + (UNRESOLVED,):
            chip = QPushButton(status)
            chip.setCheckable(True)
            chip.setObjectName("statusChip")
            chip.setStyleSheet(_chip_style(STATUS_COLOURS[status]))
            chip.setIcon(swatch(STATUS_COLOURS[status]))  # the chips are the chart's legend too
            self.chips[status] = chip
            if status == UNRESOLVED:
                layout.addSpacing(12)
                chip.toggled.connect(self.unresolved_toggled)
                chip.setToolTip("Rows that matched no known smelter: decide what each one is.")
            else:
                chip.toggled.connect(lambda _checked: self.statuses_changed.emit(self.checked_statuses()))
                meaning = status_meaning(status)
                chip.setToolTip(f"Show only {status} smelters (check several to combine)." + (f"\n\n{status}: {meaning}" if meaning else ""))
            layout.addWidget(chip)
        layout.addStretch(1)

    def checked_statuses(self) -> set[str]:
        return {s for s, chip in self.chips.items() if s != UNRESOLVED and chip.isChecked()}

    def set_counts(self, counts: dict[str, int]) -> None:
        for status, chip in self.chips.items():
            chip.setText(f"{status}  {counts.get(status, 0):,}")
            # Six chips do not fit at 1024 px: a status no smelter has is left out (Cross-recognized
            # and Removed, usually), unless checked; Unresolved always shows, its 0 is news.
            if status != UNRESOLVED:
                chip.setVisible(bool(counts.get(status, 0)) or chip.isChecked())

    def set_unresolved_checked(self, checked: bool) -> None:
        chip = self.chips[UNRESOLVED]
        if chip.isChecked() != checked:
            chip.blockSignals(True)  # the page already shows what the chip now says
            chip.setChecked(checked)
            chip.blockSignals(False)
