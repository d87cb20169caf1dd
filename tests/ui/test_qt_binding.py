"""The Qt binding itself keeps Python sound. PySide6 6.12.0 dropped a reference to None each time
Python read an empty value through Qt (an invalid QVariant, as index.data() gives for an empty
cell): after enough reads of a large project's tables the app died with "Fatal Python error:
none_dealloc: deallocating None". pyproject.toml excludes that release; this catches another."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QStandardItemModel

READS = 2_000


class EmptyModel(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: N802 (Qt's name)
        return READS

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def none_references_lost(read) -> int:
    before = sys.getrefcount(None)
    values = [read(row) for row in range(READS)]
    after = sys.getrefcount(None)
    del values
    return before + READS - after  # the list holds READS references to None while it lives


def test_reading_empty_values_through_qt_keeps_every_reference_to_none(qapp):
    empty_items = QStandardItemModel(READS, 1)
    assert none_references_lost(lambda row: empty_items.index(row, 0).data()) < READS // 10
    our_model = EmptyModel()
    assert none_references_lost(lambda row: our_model.index(row, 0).data()) < READS // 10
