"""The two review tables' look: sortable rows, one selection, widths measured from the font."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from desktop.ui.models import smelter_table, unresolved_table

# The longest usual text of each column: widths follow the font, not guessed pixels.
SMELTER_SAMPLES = {
    smelter_table.METAL: "Tungsten", smelter_table.SMELTER: "Global Advanced Metals B",
    smelter_table.COUNTRY: "Kazakhstan", smelter_table.SMELTER_ID: "CID000000",
    smelter_table.STATUS: "Cross-recognized", smelter_table.STATUS_AS_OF: "2023-01-20", smelter_table.REPORTED_BY: "",
}
UNRESOLVED_SAMPLES = {
    unresolved_table.METAL: "Tungsten", unresolved_table.WRITTEN_NAME: "Global Tungsten and Powders",
    unresolved_table.COUNTRY: "Kazakhstan", unresolved_table.WRITTEN_ID: "CID000000",
    unresolved_table.REPORTED_BY: "", unresolved_table.SUGGESTION: "ASAHI METALFINE, Inc. (CID000082)",
}


def size_columns(view: QTableView, samples: dict[int, str]) -> None:
    """Each column as wide as its sample text or its header, whichever is wider."""
    view.ensurePolished()  # measure with the style sheet's font, not the default one
    view.horizontalHeader().ensurePolished()
    text = view.fontMetrics()
    header = view.horizontalHeader()
    title = header.fontMetrics()
    icon = max(view.iconSize().width(), 16)  # the status colour swatch (no size set: -1)
    for column, sample in samples.items():
        lines = str(view.model().headerData(column, Qt.Horizontal) or "").split("\n")
        width = max(text.horizontalAdvance(sample) + (icon + 10 if sample == SMELTER_SAMPLES[smelter_table.STATUS] else 0) + 16,
                    max(title.horizontalAdvance(line) for line in lines) + 24)  # header margins
        header.resizeSection(column, width)


def review_table(model) -> QTableView:
    """A sortable, single-row-selection table over one of the review proxies."""
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setHighlightSections(False)
    # Names stay readable; the last column (flags, reasons) takes what is left, and a narrow
    # window scrolls sideways instead of cutting every name short.
    view.horizontalHeader().setStretchLastSection(True)
    return view
