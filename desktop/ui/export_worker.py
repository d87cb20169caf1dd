"""Writing an export off the UI thread: a QRunnable that emits the records or a plain message.

The worker only gets a finished `ReportData` and a target; it never touches the project (its SQLite
connection belongs to the UI thread) nor any widget. The page records the result in the project.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from desktop.core.export.report_data import IncompleteReport, NothingToFile, ReportData
from desktop.core.filing.wording import ForbiddenWording


@dataclass(frozen=True)
class ExportKind:
    key: str  # the ExportRecord kind
    button: str  # the button's text
    help: str
    file_name: str  # "{year}" is replaced; empty for EDGAR, which writes a folder
    annex_only: bool = False  # needs only Annex A facts, not the whole Form SD


EXPORT_KINDS = [
    ExportKind("report_pdf", "Report PDF", "Form SD and, when needed, the Conflict Minerals Report with Annex A.",
               "Form SD and Conflict Minerals Report {year}.pdf"),
    ExportKind("annex_pdf", "Annex A PDF", "The smelter list alone, to publish or send to customers.",
               "Annex A {year}.pdf", annex_only=True),
    ExportKind("annex_xlsx", "Annex A Excel", "The smelter list as an Excel workbook.",
               "Annex A {year}.xlsx", annex_only=True),
    ExportKind("annex_csv", "Annex A CSV", "The smelter list as a CSV file that opens in Excel.",
               "Annex A {year}.csv", annex_only=True),
    ExportKind("edgar_html", "EDGAR HTML", "The official filing documents for EDGAR (form_sd.htm, ex1-01.htm).",
               ""),
]
KINDS_BY_KEY = {kind.key: kind for kind in EXPORT_KINDS}
# The "Export draft" button writes every kind at once, each file marked DRAFT.
DRAFT_KIND = ExportKind("draft", "Export draft", "Every file, each marked DRAFT, to review before the filing is ready.", "")
EDGAR_SUBFOLDER = "EDGAR {year}"


def target_for(kind: ExportKind, data: ReportData, folder: Path) -> Path:
    """The file (or, for EDGAR, the folder) an export writes; a draft's names say DRAFT."""
    if kind.key == "edgar_html":
        return folder / (EDGAR_SUBFOLDER.format(year=data.year) + (" DRAFT" if data.draft else ""))
    name = kind.file_name.format(year=data.year)
    if kind.key == "report_pdf" and not data.files_cmr:
        name = f"Form SD {data.year}.pdf"
    if data.draft:
        stem, dot, suffix = name.rpartition(".")
        name = f"{stem} DRAFT.{suffix}"
    return folder / name


def draft_kinds(data: ReportData) -> list[ExportKind]:
    """Every export a draft can hold: the report and EDGAR files unless nothing is filed, Annex A if any."""
    kinds = []
    for kind in EXPORT_KINDS:
        if kind.annex_only and not data.annex_rows:
            continue
        if not kind.annex_only and data.outcome == "no_filing":
            continue
        kinds.append(kind)
    return kinds


def write_export(kind: ExportKind, data: ReportData, target: Path) -> list:
    """Write one export; returns its ExportRecords. Slow (the report PDF takes about a second)."""
    # Imported here: openpyxl, reportlab and numpy take a third of a second, which launching the
    # app should not wait for.
    from desktop.core.export import annex_files, edgar_html, report_pdf

    if kind.key == "report_pdf":
        return [report_pdf.write_report_pdf(data, target)]
    if kind.key == "annex_pdf":
        return [report_pdf.write_annex_pdf(data, target)]
    if kind.key == "annex_xlsx":
        return [annex_files.write_annex_xlsx(data, target)]
    if kind.key == "annex_csv":
        return [annex_files.write_annex_csv(data, target)]
    if kind.key == "edgar_html":
        return edgar_html.write_edgar_html(data, target)
    raise ValueError(f"unknown export {kind.key!r}")


class ExportSignals(QObject):
    finished = Signal(str, object)  # kind key, list[ExportRecord]
    failed = Signal(str, str)  # kind key, message in plain words


class ExportTask(QRunnable):
    def __init__(self, kind: ExportKind, data: ReportData, target: Path, folder: Path | None = None):
        super().__init__()
        self.kind, self.data, self.target = kind, data, target
        self.folder = folder  # set for a draft: every kind is written there, each marked DRAFT
        self.signals = ExportSignals()

    def _write(self) -> list:
        if not self.data.draft:
            return write_export(self.kind, self.data, self.target)
        records = []
        for kind in draft_kinds(self.data):
            records += write_export(kind, self.data, target_for(kind, self.data, self.folder))
        return records

    def run(self) -> None:
        try:
            records = self._write()
        except (IncompleteReport, NothingToFile, ForbiddenWording) as error:
            self.signals.failed.emit(self.kind.key, str(error))
        except OSError as error:
            where = error.filename or self.target
            self.signals.failed.emit(
                self.kind.key, f"Could not write {where}: {error.strerror or error}. Choose another folder."
            )
        except Exception as error:  # a bug must reach the user as a message, not kill the thread silently
            self.signals.failed.emit(self.kind.key, f"The export failed unexpectedly: {error!r}")
        else:
            self.signals.finished.emit(self.kind.key, records)


def default_export_folder(project_path: str | os.PathLike) -> Path:
    """A folder beside the project file, named after it."""
    path = Path(project_path)
    return path.with_name(f"{path.stem} exports")
