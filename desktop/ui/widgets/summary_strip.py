"""Per-metal figures above the smelter table: the share Conformant or Active, and known smelters.

Laid out as a small grid (metals across, two figures down) so it stays legible on a 1024-pixel
laptop screen beside the chart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from desktop.core.cmrt.model import METALS
from desktop.core.smelters import Summary


def _label(text: str = "", name: str = "fieldHelp", align=Qt.AlignRight) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setAlignment(align | Qt.AlignVCenter)
    return label


class SummaryStrip(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outcomeBox")  # the calm boxed look the Products page uses
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 6, 12, 6)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        grid.addWidget(_label("Conformant or Active"), 1, 0)
        grid.addWidget(_label("Known smelters"), 2, 0)
        self.percent: dict[str, QLabel] = {}
        self.known: dict[str, QLabel] = {}
        for column, metal in enumerate(METALS, start=1):
            grid.addWidget(_label(metal), 0, column)
            self.percent[metal] = _label(name="outcomeHeadline")
            self.known[metal] = _label(name="")
            grid.addWidget(self.percent[metal], 1, column)
            grid.addWidget(self.known[metal], 2, column)
        grid.addWidget(_label("All metals"), 0, len(METALS) + 1)
        self.total = _label(name="outcomeHeadline")
        self.countries = _label(name="")
        grid.addWidget(self.total, 1, len(METALS) + 1)
        grid.addWidget(self.countries, 2, len(METALS) + 1)

    def set_summary(self, summary: Summary) -> None:
        for metal in METALS:
            figures = summary.metals[metal]
            known = figures.known_smelters
            self.percent[metal].setText(f"{figures.percent_conformant_or_active}%" if known else "–")
            self.percent[metal].setToolTip(figures.sentence())
            self.known[metal].setText(str(known))
        self.total.setText(str(summary.known_smelters))
        self.total.setToolTip("Known smelters in Annex A (excluded ones are not counted).")
        self.countries.setText(f"in {summary.countries} countries")
