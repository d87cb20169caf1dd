"""The figures workbook: every number the report prints, with the rows it is counted from.

Sheet "Figures" lists each figure, its value, how it is counted and the sheet holding its rows;
"Suppliers" and "Smelters" hold those rows with the column the count uses ("Counted as responded",
"Conformant or Active"), so an auditor can recount with a filter. Built from the same roll-up and
response rate the report uses (desktop.core.filing.evidence), never a second computation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.core.filing.evidence import (
    answered_supplier_ids,
    current_declarations,
    followed_up_suppliers,
    project_response_rate,
)
from desktop.core.project import Project
from desktop.core.filing.report_builder import metal_summaries
from desktop.core.smelters import Rollup
from desktop.core.smelters.statuses import CONFORMANT_OR_ACTIVE

if TYPE_CHECKING:
    from openpyxl import Workbook  # imported when a workbook is written, not with this module


SUPPLIER_HEADERS = ["Supplier", "Asked", "Current file", "File SHA-256", "Counted as responded",
                    "Reminder or follow-up on record"]
SMELTER_HEADERS = ["Metal", "Smelter ID", "Smelter", "Country", "Status", "RMI's label", "Status as of",
                   "Status from", "Conformant or Active", "In Annex A", "Overridden", "Reported by"]


@dataclass
class Figure:
    name: str
    value: object
    rows: str  # the sheet holding the rows behind it
    how: str
    behind: Callable[[list], bool] = field(default=lambda row: True, repr=False)  # which of those rows


def _metal(metal: str, conformant: bool = False) -> Callable[[list], bool]:
    return lambda r: r[0] == metal and r[9] == "yes" and (not conformant or r[8] == "yes")


def project_figures(project: Project, rolled: Rollup) -> list[Figure]:
    rate = project_response_rate(project)
    figures = [
        Figure("Suppliers surveyed", rate.surveyed, "Suppliers", 'Rows with "Asked" = yes.', lambda r: r[1] == "yes"),
        Figure("Suppliers responded", rate.responded, "Suppliers", 'Rows with "Counted as responded" = yes.',
               lambda r: r[4] == "yes"),
        Figure("Response rate (%)", rate.percent, "Suppliers", "Responded / surveyed, whole percent, halves up.",
               lambda r: r[1] == "yes"),
        Figure("Suppliers sent a reminder or follow-up", len(followed_up_suppliers(project)), "Suppliers",
               'Rows with "Asked" = yes and a reminder or follow-up on record.',
               lambda r: r[1] == "yes" and r[5] != "no"),
        Figure("Smelters in Annex A", len(rolled.annex_rows()), "Smelters", 'Rows with "In Annex A" = yes.',
               lambda r: r[9] == "yes"),
    ]
    for metal in metal_summaries(rolled):
        figures += [
            Figure(f"{metal.metal}: smelters", metal.known, "Smelters", f'Metal = {metal.metal}, "In Annex A" = yes.',
                   _metal(metal.metal)),
            Figure(f"{metal.metal}: Conformant or Active", metal.conformant_or_active, "Smelters",
                   'Of those, "Conformant or Active" = yes.', _metal(metal.metal, conformant=True)),
            Figure(f"{metal.metal}: Conformant or Active (%)", metal.percent_conformant_or_active, "Smelters",
                   "Conformant or Active / smelters, whole percent, halves up.", _metal(metal.metal)),
        ]
    return figures


def supplier_rows(project: Project) -> list[list]:
    answered = answered_supplier_ids(project)
    files = {c.supplier.id: c.stored for c in current_declarations(project) if c.supplier is not None}
    return [
        [s.name, "yes" if s.asked else "no", files[s.id].file_name if s.id in files else "",
         files[s.id].sha256 if s.id in files else "", "yes" if s.asked and s.id in answered else "no",
         _follow_up(s)]
        for s in project.suppliers()
    ]


def _follow_up(supplier) -> str:
    """The reminder's date when one is recorded, "yes" for a "reminder sent" state without a date, else "no"."""
    if supplier.reminded_on:
        return supplier.reminded_on.isoformat()
    return "yes" if supplier.followed_up else "no"


def smelter_rows(rolled: Rollup) -> list[list]:
    return [
        [s.metal, s.cid, s.name, s.country, s.status, s.status_label, s.status_as_of, s.status_source,
         "yes" if s.status in CONFORMANT_OR_ACTIVE else "no", "no" if s.excluded else "yes",
         "yes" if s.overridden else "no", "; ".join(s.reported_by)]
        for s in rolled.smelters
    ]


def _bold():
    from openpyxl.styles import Font

    return Font(bold=True)


def _sheet(workbook: "Workbook", title: str, headers: list[str], rows: list[list]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = _bold()
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


@dataclass
class FiguresBook:
    """The workbook's content, read from the project (on its thread); saved by save_figures_book."""

    figures: list[Figure]
    sheets: list[tuple[str, list[str], list[list]]]


def figures_book(project: Project, rolled: Rollup) -> FiguresBook:
    figures = project_figures(project, rolled)
    return FiguresBook(figures, [
        ("Figures", ["Figure", "Value", "Rows behind it (sheet)", "How it is counted"],
         [[f.name, f.value, f.rows, f.how] for f in figures]),
        ("Suppliers", SUPPLIER_HEADERS, supplier_rows(project)),
        ("Smelters", SMELTER_HEADERS, smelter_rows(rolled)),
        ("Not identified", ["Metal", "Name as written", "Country", "Why not identified", "Reported by"],
         [[u.metal, u.name, u.country, u.reason, "; ".join(u.suppliers)] for u in rolled.unresolved]),
    ])


def save_figures_book(book: FiguresBook, target) -> None:
    """Write the workbook; needs no project, so it may run on a worker thread."""
    from openpyxl import Workbook  # the export stack loads when a file is written, not at start-up

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in book.sheets:
        _sheet(workbook, title, headers, rows)
    workbook.save(target)


def write_figures_workbook(project: Project, rolled: Rollup, target) -> list[Figure]:
    book = figures_book(project, rolled)
    save_figures_book(book, target)
    return book.figures
