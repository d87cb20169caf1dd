"""Bench: the full report PDF with a 400-row Annex A, plus the other exports. Target: PDF under 3 s.

Run: python3 bench/export.py [rows]   (reads the shared RMI facility list; see desktop/core/export/sample.py)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader  # noqa: E402

from desktop.core.export.annex_files import write_annex_csv, write_annex_xlsx  # noqa: E402
from desktop.core.export.edgar_html import write_edgar_html  # noqa: E402
from desktop.core.export.report_pdf import write_annex_pdf, write_report_pdf  # noqa: E402
from desktop.core.export.sample import sample_report_data  # noqa: E402


def timed(label: str, action) -> float:
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"{label:<28} {seconds:6.2f} s")
    return seconds


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    data = sample_report_data(n_annex_rows=rows)
    print(f"Annex A rows: {len(data.annex_rows)}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        pdf_seconds = timed("report PDF (Form SD + CMR)", lambda: write_report_pdf(data, out / "report.pdf"))
        timed("Annex A PDF", lambda: write_annex_pdf(data, out / "annex.pdf"))
        timed("Annex A XLSX", lambda: write_annex_xlsx(data, out / "annex.xlsx"))
        timed("Annex A CSV", lambda: write_annex_csv(data, out / "annex.csv"))
        timed("EDGAR HTML (SD + EX-1.01)", lambda: write_edgar_html(data, out))
        pages = len(PdfReader(str(out / "report.pdf")).pages)
        size = (out / "report.pdf").stat().st_size / 1024
    print(f"report PDF: {pages} pages, {size:.0f} KiB, {pdf_seconds:.2f} s (target < 3 s: "
          f"{'met' if pdf_seconds < 3 else 'MISSED'})")


if __name__ == "__main__":
    main()
