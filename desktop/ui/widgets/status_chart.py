"""A small stacked bar per metal: how many of its smelters are Conformant, Active, Not Enrolled..."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.cmrt.model import METALS
from desktop.core.smelters import FILING_STATUSES
from desktop.ui.theme import current_theme
from desktop.ui.widgets.status_colours import STATUS_COLOURS

_LABEL_WIDTH = 70
_ROW_HEIGHT = 17


class StatusChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.counts: dict[str, dict[str, int]] = {metal: {} for metal in METALS}
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        # No legend of its own: the status buttons right under the chart show each colour with its
        # name at every window width (a legend here had no room on a 1024-pixel screen).
        self.setToolTip(
            "Known smelters per metal by status, coloured as the status buttons below "
            "(smelters excluded from Annex A are not counted)."
        )

    def set_counts(self, counts: dict[str, dict[str, int]]) -> None:
        self.counts = {metal: dict(counts.get(metal, {})) for metal in METALS}
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, _ROW_HEIGHT * len(METALS) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(_LABEL_WIDTH + 120, self.sizeHint().height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        theme = current_theme()
        widest = max((sum(c.values()) for c in self.counts.values()), default=0) or 1
        count_width = painter.fontMetrics().horizontalAdvance("0000")
        bar_space = max(self.width() - _LABEL_WIDTH - count_width - 12, 10)
        for i, metal in enumerate(METALS):
            top = i * _ROW_HEIGHT + 2
            painter.setPen(theme.colour("text"))
            painter.drawText(QRectF(0, top, _LABEL_WIDTH - 6, _ROW_HEIGHT), Qt.AlignVCenter | Qt.AlignRight, metal)
            left = float(_LABEL_WIDTH)
            counts = self.counts.get(metal, {})
            for status in FILING_STATUSES:
                width = bar_space * counts.get(status, 0) / widest
                if width > 0:
                    # setBrush + drawRect, not fillRect(QRectF, QColor): that overload crashed
                    # PySide6 6.12 inside paintEvent (a jump to a bad address in QtGui).
                    painter.setPen(Qt.NoPen)
                    painter.setBrush(QColor(STATUS_COLOURS[status]))
                    painter.drawRect(QRectF(left, top + 3, width, _ROW_HEIGHT - 6))
                    left += width
            painter.setPen(theme.colour("muted"))
            painter.drawText(
                QRectF(left + 4, top, count_width + 4, _ROW_HEIGHT), Qt.AlignVCenter | Qt.AlignLeft,
                str(sum(counts.values())),
            )
        painter.end()


def counts_by_metal(smelters) -> dict[str, dict[str, int]]:
    """Per metal and status, over the smelters in Annex A (excluded ones left out, as the report does)."""
    counts = {metal: dict.fromkeys(FILING_STATUSES, 0) for metal in METALS}
    for smelter in smelters:
        if not smelter.excluded and smelter.metal in counts and smelter.status in counts[smelter.metal]:
            counts[smelter.metal][smelter.status] += 1
    return counts
