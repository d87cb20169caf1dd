"""Bench: apply each Smelter review filter to a 2,000-row smelter table.

    python bench/filter_table.py

The rows are the shipped reference's smelters (real names, IDs, countries and RMI statuses)
under their real alias names until there are 2,000, each reported by 1 to 6 of 60 suppliers.
Times one filter change each (status chip, metal, country, supplier, search words, clearing),
the chip counts after it, and a sort. Target: every filter under 50 ms.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
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


def timed(label: str, action, proxy: SmelterFilterProxy, results: list) -> None:
    start = time.perf_counter()
    action()
    filtered = time.perf_counter() - start
    start = time.perf_counter()
    proxy.status_counts()
    counted = time.perf_counter() - start
    results.append((label, proxy.rowCount(), filtered * 1000, counted * 1000))


def main() -> int:
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
    for status in FILING_STATUSES:
        timed(f"status chip {status}", lambda s=status: proxy.set_statuses({s}), proxy, results)
    timed("status chips cleared", lambda: proxy.set_statuses(set()), proxy, results)
    for metal in METALS:
        timed(f"metal {metal}", lambda m=metal: proxy.set_metal(m), proxy, results)
    timed("metal cleared", lambda: proxy.set_metal(""), proxy, results)
    timed(f"country {country.title()}", lambda: proxy.set_country(country), proxy, results)
    timed("country cleared", lambda: proxy.set_country(""), proxy, results)
    timed("supplier Supplier 07", lambda: proxy.set_supplier("Supplier 07 Components Ltd."), proxy, results)
    timed("supplier cleared", lambda: proxy.set_supplier(""), proxy, results)
    timed("search 'tin china'", lambda: proxy.set_search("tin china"), proxy, results)
    timed("search 'gold refin japan 07'", lambda: proxy.set_search("gold refin japan 07"), proxy, results)
    timed("search cleared", lambda: proxy.set_search(""), proxy, results)
    timed("sort by Reported by", lambda: proxy.sort(columns.REPORTED_BY, Qt.DescendingOrder), proxy, results)
    timed("sort by Smelter", lambda: proxy.sort(columns.SMELTER), proxy, results)

    print(f"{len(rows)} rows loaded into the model in {loaded:.1f} ms")
    print(f"{'action':34} {'rows':>5} {'filter ms':>10} {'chip counts ms':>15}")
    worst = 0.0
    for label, count, filtered, counted in results:
        worst = max(worst, filtered)
        print(f"{label:34} {count:5d} {filtered:10.1f} {counted:15.1f}")
    verdict = "OK" if worst < TARGET_MS else "OVER TARGET"
    print(f"slowest filter: {worst:.1f} ms (target < {TARGET_MS} ms): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
