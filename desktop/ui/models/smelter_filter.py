"""Filters over the smelter and unresolved tables: status chips, metal, country, supplier, search.

Works on the object each row carries (ROW_ROLE) rather than on display text, so "Tin" never
matches "Tinto" and a country filter is exact. The search is an AND of words over every column
(as qutebrowser's completion does), on a text the model prepares once per row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

from desktop.core.smelters import FILING_STATUSES
from desktop.ui.models.row_sorting import KeySortProxy, SortedRowsModel
from desktop.ui.models.smelter_table import ROW_ROLE, SEARCH_ROLE, SORT_ROLE


def row_suppliers(row) -> list[str]:
    """RolledSmelter says `reported_by`, UnresolvedRow says `suppliers`."""
    return getattr(row, "reported_by", None) or getattr(row, "suppliers", None) or []


class SmelterFilterProxy(KeySortProxy):  # sorting: the source sorts its rows by key (fast)
    def __init__(self, parent=None):
        super().__init__(parent)
        self.statuses: set[str] = set()  # empty: every status (no chip checked)
        self.metal = ""
        self.country = ""
        self.supplier = ""
        self.words: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    # -- the filters -------------------------------------------------------------------------------

    def set_statuses(self, statuses) -> None:
        self._change(statuses=set(statuses))

    def set_metal(self, metal: str) -> None:
        self._change(metal=metal or "")

    def set_country(self, country: str) -> None:
        self._change(country=country or "")

    def set_supplier(self, supplier: str) -> None:
        self._change(supplier=supplier or "")

    def set_search(self, text: str) -> None:
        self._change(words=text.casefold().split())

    def _change(self, **values) -> None:
        if all(getattr(self, name) == value for name, value in values.items()):
            return
        self.beginFilterChange()
        for name, value in values.items():
            setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    # -- what passes --------------------------------------------------------------------------------

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.sourceModel()
        if hasattr(model, "row_at"):  # our models: read the Python lists, no QVariant round trips
            return self.accepts(model.row_at(source_row), self._search_text(model, source_row))
        index = model.index(source_row, 0, source_parent)
        return self.accepts(index.data(ROW_ROLE), index.data(SEARCH_ROLE) or "")

    def _search_text(self, model, source_row: int) -> str:
        return model.search_text_at(source_row) if self.words else ""  # no search typed: not needed

    def accepts(self, row, search_text: str, ignore_status: bool = False) -> bool:
        if row is None:
            return False
        # Queue rows have no status yet, so the chips never hide them.
        status = getattr(row, "status", None)
        if not ignore_status and self.statuses and status is not None and status not in self.statuses:
            return False
        if self.metal and row.metal != self.metal:
            return False
        if self.country and row.country != self.country:
            return False
        if self.supplier and self.supplier not in row_suppliers(row):
            return False
        return all(word in search_text for word in self.words)

    def status_counts(self) -> dict[str, int]:
        """Rows per status among those passing every filter but the status one (the chip counts)."""
        counts = dict.fromkeys(FILING_STATUSES, 0)
        model = self.sourceModel()
        if model is None:
            return counts
        for source_row in range(model.rowCount()):
            row, text = model.row_at(source_row), self._search_text(model, source_row)
            status = getattr(row, "status", None)
            if status in counts and self.accepts(row, text, ignore_status=True):
                counts[status] += 1
        return counts

    def visible_rows(self) -> list:
        """The backing objects in the order shown."""
        model = self.sourceModel()
        if isinstance(model, SortedRowsModel):  # the proxy keeps the source's order (KeySortProxy)
            return [row for row, text in ((model.row_at(r), self._search_text(model, r)) for r in range(model.rowCount()))
                    if self.accepts(row, text)]
        return [self.index(r, 0).data(ROW_ROLE) for r in range(self.rowCount())]
