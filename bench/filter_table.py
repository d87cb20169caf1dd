"""Bench: apply each Smelter review filter to a 2,000-row smelter table.

    python bench/filter_table.py

The rows are the shipped reference's smelters (real names, IDs, countries and RMI statuses)
under their real alias names until there are 2,000, each reported by 1 to 6 of 60 suppliers.
Times each filter change (status chip, metal, country, supplier, search words, clearing) and a
sort, each including the view's repaint (the user waits for the table, not for the proxy), as the
median of --repeat changes: before each, the filter is set back to where it was. Also the chip
counts after it. Baseline in the same run: Qt's own QSortFilterProxyModel with a fixed-string
filter on the name column (no Python per row), set and repainted the same way. Target: every
filter under 50 ms including the repaint.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSortFilterProxyModel, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from desktop.core.cmrt.model import METALS  # noqa: E402
from desktop.core.smelters import FILING_STATUSES, RolledSmelter, load_reference  # noqa: E402
from desktop.ui.models import smelter_table as columns  # noqa: E402
from desktop.ui.models.smelter_filter import SmelterFilterProxy  # noqa: E402
from desktop.ui.models.smelter_table import SmelterTableModel  # noqa: E402

ROWS = 2000
TARGET_MS = 50


def table_rows(rng: random.Random) -> list[RolledSmelter]:
    reference = load_reference()
    suppliers = [f"Supplier {i:02d} Components Ltd." for i in range(60)]
    names = [(a.metal, a.name, a.cid) for a in reference.aliases if (a.metal, a.cid) in reference.smelters]
    rows = []
    for metal, name, cid in (names * (ROWS // len(names) + 1))[:ROWS]:
        ref = reference.smelters[(metal, cid)]
        rows.append(RolledSmelter(
            metal, cid, name, ref.country, ref.status, ref.status_label, ref.status_as_of,
            ref.status_source, ref.status, reported_by=sorted(rng.sample(suppliers, rng.randint(1, 6))),
            covered_country=ref.covered_country, recycled=rng.random() < 0.1,
        ))
    return rows


def repainted(view: QTableView) -> None:
    QApplication.processEvents()  # the proxy's layout signals reach the view
    view.viewport().repaint()  # paint now, synchronously, as the screen would


def timed(label: str, action, undo, proxy: SmelterFilterProxy, view: QTableView, results: list, repeat: int) -> None:
    times, counts = [], []
    for _ in range(repeat):
        undo()
        repainted(view)
        start = time.perf_counter()
        action()
        repainted(view)
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        proxy.status_counts()
        counts.append(time.perf_counter() - start)
    results.append((label, proxy.rowCount(), statistics.median(times) * 1000, statistics.median(counts) * 1000))


def native_baseline(model: SmelterTableModel, repeat: int) -> float:
    """Qt's C++ filtering and the same repaint: the floor a Python filter is compared with."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(columns.SMELTER)
    proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.resize(1000, 600)
    view.show()
    repainted(view)
    times = []
    for _ in range(repeat):
        proxy.setFilterFixedString("")
        repainted(view)
        start = time.perf_counter()
        proxy.setFilterFixedString("tin")
        repainted(view)
        times.append(time.perf_counter() - start)
    view.close()
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    app = QApplication.instance() or QApplication(sys.argv)
    rows = table_rows(random.Random(5))
    model = SmelterTableModel()
    start = time.perf_counter()
    model.set_rows(rows)
    loaded = (time.perf_counter() - start) * 1000
    proxy = SmelterFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()  # a real view, so the proxy's signals reach something that repaints
    view.setModel(proxy)
    view.resize(1000, 600)
    view.show()
    app.processEvents()

    country = max({r.country for r in rows}, key=lambda c: sum(r.country == c for r in rows))
    results: list = []
    def run(label, action, undo):
        timed(label, action, undo, proxy, view, results, repeat)

    clear_statuses = lambda: proxy.set_statuses(set())  # noqa: E731
    for status in FILING_STATUSES:
        run(f"status chip {status}", lambda s=status: proxy.set_statuses({s}), clear_statuses)
    run("status chips cleared", clear_statuses, lambda: proxy.set_statuses({FILING_STATUSES[0]}))
    for metal in METALS:
        run(f"metal {metal}", lambda m=metal: proxy.set_metal(m), lambda: proxy.set_metal(""))
    run("metal cleared", lambda: proxy.set_metal(""), lambda: proxy.set_metal(METALS[0]))
    run(f"country {country.title()}", lambda: proxy.set_country(country), lambda: proxy.set_country(""))
    run("country cleared", lambda: proxy.set_country(""), lambda: proxy.set_country(country))
    supplier = "Supplier 07 Components Ltd."
    run("supplier Supplier 07", lambda: proxy.set_supplier(supplier), lambda: proxy.set_supplier(""))
    run("supplier cleared", lambda: proxy.set_supplier(""), lambda: proxy.set_supplier(supplier))
    run("search 'tin china'", lambda: proxy.set_search("tin china"), lambda: proxy.set_search(""))
    run("search 'gold refin japan 07'", lambda: proxy.set_search("gold refin japan 07"), lambda: proxy.set_search(""))
    run("search cleared", lambda: proxy.set_search(""), lambda: proxy.set_search("tin china"))
    run("sort by Reported by", lambda: proxy.sort(columns.REPORTED_BY, Qt.DescendingOrder),
        lambda: proxy.sort(columns.SMELTER))
    run("sort by Smelter", lambda: proxy.sort(columns.SMELTER), lambda: proxy.sort(columns.REPORTED_BY))
    view.close()
    native = native_baseline(model, repeat)

    print(f"{len(rows)} rows loaded into the model in {loaded:.1f} ms")
    print(f"median of {repeat} changes each, view repaint included; load average {os.getloadavg()[0]:.2f}")
    print(f"baseline: Qt's own fixed-string filter + repaint: {native:.1f} ms")
    print(f"{'action':34} {'rows':>5} {'filter+paint ms':>15} {'vs Qt':>6} {'chip counts ms':>15}")
    worst = 0.0
    for label, count, filtered, counted in results:
        worst = max(worst, filtered)
        print(f"{label:34} {count:5d} {filtered:15.1f} {filtered / native:5.1f}x {counted:15.1f}")
    verdict = "OK" if worst < TARGET_MS else "OVER TARGET"
    print(f"slowest filter: {worst:.1f} ms (target < {TARGET_MS} ms): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
