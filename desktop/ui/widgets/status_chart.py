"""A small stacked bar per metal: how many of its smelters are Conformant, Active, Not Enrolled..."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.cmrt.model import METALS
from desktop.core.smelters import FILING_STATUSES
from desktop.ui.theme import current_theme
from desktop.ui.widgets.status_colours import OCCASIONAL, STATUS_COLOURS

_LABEL_WIDTH = 70
_ROW_HEIGHT = 17
_LEGEND_WIDTH = 110  # the legend sits to the right of the bars, one status a line


class StatusChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.counts: dict[str, dict[str, int]] = {metal: {} for metal in METALS}
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setToolTip("Known smelters per metal by status (smelters excluded from Annex A are not counted).")

    def set_counts(self, counts: dict[str, dict[str, int]]) -> None:
        self.counts = {metal: dict(counts.get(metal, {})) for metal in METALS}
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def legend_statuses(self) -> list[str]:
        """Every usual status, and the occasional ones (Cross-recognized, Removed) when present."""
        present = {s for counts in self.counts.values() for s, n in counts.items() if n}
        return [s for s in FILING_STATUSES if s not in OCCASIONAL or s in present]

    def sizeHint(self) -> QSize:
        return QSize(360, _ROW_HEIGHT * max(len(METALS), len(self.legend_statuses())) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(_LABEL_WIDTH + 120, self.sizeHint().height())

    def legend_width(self) -> int:
        """Wide enough for the longest status shown ("Cross-recognized"), never narrower than before."""
        longest = max((self.fontMetrics().horizontalAdvance(s) for s in self.legend_statuses()), default=0)
        return max(_LEGEND_WIDTH, longest + 20)

    def shows_legend(self) -> bool:
        # On a narrow screen the bars matter more; the chips below use the same colours.
        return self.width() >= _LABEL_WIDTH + self.legend_width() + 150

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        theme = current_theme()
        widest = max((sum(c.values()) for c in self.counts.values()), default=0) or 1
        count_width = painter.fontMetrics().horizontalAdvance("0000")
        legend = self.legend_width() if self.shows_legend() else 0
        bar_space = max(self.width() - _LABEL_WIDTH - count_width - legend - 12, 10)
        for i, metal in enumerate(METALS):
            top = i * _ROW_HEIGHT + 2
            painter.setPen(theme.colour("text"))
            painter.drawText(QRectF(0, top, _LABEL_WIDTH - 6, _ROW_HEIGHT), Qt.AlignVCenter | Qt.AlignRight, metal)
            left = float(_LABEL_WIDTH)
            counts = self.counts.get(metal, {})
            for status in FILING_STATUSES:
                width = bar_space * counts.get(status, 0) / widest
                if width > 0:
                    painter.fillRect(QRectF(left, top + 3, width, _ROW_HEIGHT - 6), QColor(STATUS_COLOURS[status]))
                    left += width
            painter.setPen(theme.colour("muted"))
            painter.drawText(
                QRectF(left + 4, top, count_width + 4, _ROW_HEIGHT), Qt.AlignVCenter | Qt.AlignLeft,
                str(sum(counts.values())),
            )
        if legend:
            self._paint_legend(painter, self.width() - legend, theme.colour("muted"))
        painter.end()

    def _paint_legend(self, painter: QPainter, left: float, text: QColor) -> None:
        for i, status in enumerate(self.legend_statuses()):
            top = i * _ROW_HEIGHT + 2
            painter.fillRect(QRectF(left, top + 4, 10, 10), QColor(STATUS_COLOURS[status]))
            painter.setPen(text)
            box = QRectF(left + 14, top, self.legend_width() - 14, _ROW_HEIGHT)
            painter.drawText(box, Qt.AlignVCenter | Qt.AlignLeft, status)


def counts_by_metal(smelters) -> dict[str, dict[str, int]]:
    """Per metal and status, over the smelters in Annex A (excluded ones left out, as the report does)."""
    counts = {metal: dict.fromkeys(FILING_STATUSES, 0) for metal in METALS}
    for smelter in smelters:
        if not smelter.excluded and smelter.metal in counts and smelter.status in counts[smelter.metal]:
            counts[smelter.metal][smelter.status] += 1
    return counts
