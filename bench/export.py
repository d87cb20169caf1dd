"""Bench: the report PDF and the other exports with a 400-row and a 3,000-row Annex A.

    python3 bench/export.py [rows ...]        (default: 400 3000)

Rows are real smelter names, IDs and countries from the shared RMI facility list (see
desktop/core/export/sample.py). That list holds about 630 distinct reported names; a larger Annex
A repeats the list in order (real names, each printed again) so the exports really carry the
number of rows asked for: the bench checks the row count in the CSV and XLSX. The 400-row run is
the baseline; ratios are per row. Target: report PDF under 3 s at 400 rows, and growing no faster
than the rows.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from desktop.core.export.annex_files import write_annex_csv, write_annex_xlsx  # noqa: E402
from desktop.core.export.edgar_html import write_edgar_html  # noqa: E402
from desktop.core.export.report_data import sorted_annex, summarise_annex  # noqa: E402
from desktop.core.export.report_pdf import write_annex_pdf, write_report_pdf  # noqa: E402
from desktop.core.export.sample import sample_report_data  # noqa: E402

TARGET_PDF_SECONDS = 3.0


def report_data(rows: int):
    data = sample_report_data(n_annex_rows=rows)
    annex = list(data.annex_rows)
    while len(annex) < rows:  # fewer real names than asked: repeat the list
        annex += data.annex_rows[: rows - len(annex)]
    annex = sorted_annex(annex)
    return replace(data, annex_rows=annex, metal_summaries=summarise_annex(annex)), len(data.annex_rows)


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(rows: int) -> dict:
    data, distinct = report_data(rows)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        figures = {
            "report PDF (Form SD + CMR)": timed(lambda: write_report_pdf(data, out / "report.pdf")),
            "Annex A PDF": timed(lambda: write_annex_pdf(data, out / "annex.pdf")),
            "Annex A XLSX": timed(lambda: write_annex_xlsx(data, out / "annex.xlsx")),
            "Annex A CSV": timed(lambda: write_annex_csv(data, out / "annex.csv")),
            "EDGAR HTML (SD + EX-1.01)": timed(lambda: write_edgar_html(data, out)),
        }
        with open(out / "annex.csv", newline="", encoding="utf-8-sig") as handle:
            csv_rows = sum(1 for row in csv.reader(handle) if row and row[0] in ("Tin", "Tantalum", "Tungsten", "Gold"))
        book = openpyxl.load_workbook(out / "annex.xlsx", read_only=True)
        xlsx_rows = sum(1 for row in book.active.iter_rows(values_only=True)
                        if row and row[0] in ("Tin", "Tantalum", "Tungsten", "Gold"))
        book.close()
        pages = len(PdfReader(str(out / "report.pdf")).pages)
    print(f"{rows} Annex A rows asked: {len(data.annex_rows)} in the data ({distinct} distinct names), "
          f"{csv_rows} in the CSV, {xlsx_rows} in the XLSX; report PDF {pages} pages")
    if csv_rows != rows or xlsx_rows != rows:
        raise SystemExit(f"the exports carry {csv_rows}/{xlsx_rows} rows, not {rows}")
    return figures


def main() -> int:
    sizes = [int(arg) for arg in sys.argv[1:]] or [400, 3000]
    results = {rows: measure(rows) for rows in sizes}
    base_rows = sizes[0]
    print()
    print(f"{'export':<28}" + "".join(f"{f'{rows} rows s':>14}" for rows in sizes)
          + "".join(f"{f'x{rows / base_rows:.1f} rows':>14}" for rows in sizes[1:]))
    for label in results[base_rows]:
        base = results[base_rows][label]
        line = f"{label:<28}" + "".join(f"{results[rows][label]:14.2f}" for rows in sizes)
        line += "".join(f"{results[rows][label] / base:13.1f}x" for rows in sizes[1:])
        print(line)
    pdf = results[base_rows]["report PDF (Form SD + CMR)"]
    print(f"report PDF at {base_rows} rows: {pdf:.2f} s (target < {TARGET_PDF_SECONDS:.0f} s: "
          f"{'met' if pdf < TARGET_PDF_SECONDS else 'MISSED'})")
    for rows in sizes[1:]:
        growth = results[rows]["report PDF (Form SD + CMR)"] / pdf
        print(f"report PDF at {rows} rows: {results[rows]['report PDF (Form SD + CMR)']:.2f} s, {growth:.1f}x "
              f"for {rows / base_rows:.1f}x the rows (target: no faster growth than the rows: "
              f"{'met' if growth <= rows / base_rows * 1.1 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
