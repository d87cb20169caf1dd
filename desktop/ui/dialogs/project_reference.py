"""Which smelter statuses this project uses, and moving it to a newer list with a preview (issue 11)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.project import Project
from desktop.core.smelters.project_reference import (
    ProjectMove,
    app_reference,
    apply_project_move,
    describe_sources,
    preview_project_move,
    project_reference,
)
from desktop.core.smelters import SmelterReference
from desktop.ui import dialogs
from desktop.ui.theme import current_theme
from desktop.ui.workers import BackgroundTask



def project_reference_line(project: Project) -> str:
    """One line for the Smelters step: which statuses this project uses, and whether newer are here."""
    own = project_reference(project)
    return f"This project uses RMI statuses as of {own.status_as_of or 'an unknown date'}. " + newer_lists_note(project)


def newer_lists_note(project: Project) -> str:
    """A sentence when the app holds newer lists than this project uses, else ""."""
    own, app = project_reference(project), app_reference()
    if app.status_as_of > own.status_as_of or app.lookup_as_of > own.lookup_as_of:
        return (
            f"Newer lists are in the app (statuses as of {app.status_as_of or 'an unknown date'}): "
            "see what they change for this project before moving it."
        )
    return ""


class ProjectReferenceDialog(QDialog):
    """Shows this project's lists and, when the app has others, what moving to them changes."""

    preview_ready = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None, proposed: SmelterReference | None = None):
        super().__init__(parent)
        self.setWindowTitle("Smelter statuses for this project")
        self.resize(860, 600)
        self.project = project
        self.move: ProjectMove | None = None
        self.moved = False
        own = project_reference(project)
        self.proposed = proposed if proposed is not None else app_reference()

        self.current = QLabel(self._reference_text("This project uses", own))
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.RichText)
        self.current.setToolTip(self.sources_tip(own))
        self.offered = QLabel(self._reference_text("The app's current lists", self.proposed))
        self.offered.setWordWrap(True)
        self.offered.setTextFormat(Qt.RichText)
        self.offered.setToolTip(self.sources_tip(self.proposed))
        self.status = QLabel("Comparing the two lists for this project's smelters…")
        self.status.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setObjectName("noticeBanner")  # the app's notice colours, light or dark
        self.warning.hide()

        self.figures = self._table(["Figure", "Now", "After the move"], stretch=0)
        self.statuses = self._table(["Metal", "Smelter or refiner", "ID", "Now", "After the move"], stretch=1)
        self.others = self._table(["Change", "Smelter or refiner"], stretch=1)
        self.history = self._table(["When", "Who", "What"], stretch=2)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.figures, "Figures")
        self.tabs.addTab(self.statuses, "Status changes")
        self.tabs.addTab(self.others, "Other changes")
        self.tabs.addTab(self.history, "History")
        self._fill_history()

        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Close)
        self.move_button = self.buttons.button(QDialogButtonBox.Ok)
        self.move_button.setText("Move this project to the newer lists")
        self.move_button.setEnabled(False)
        self.buttons.accepted.connect(self.apply_move)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(self.offered)
        layout.addWidget(self.status)
        layout.addWidget(self.warning)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

        self.task = BackgroundTask(lambda report, cancelled: preview_project_move(project, self.proposed), self)
        self.task.succeeded.connect(self.show_move)
        self.task.failed.connect(self._preview_failed)
        self.task.start()

    @staticmethod
    def _table(headers: list[str], stretch: int) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectRows)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.Stretch)
        return table

    @staticmethod
    def _reference_text(who: str, reference: SmelterReference) -> str:
        """One short paragraph; every source file with its SHA-256 is in the tooltip (sources_tip)."""
        files = ", ".join(escape(s.get("file", "")) for s in reference.sources if s.get("role") != "CMRT 2.x to 3.x smelter ID table" and "alias" not in s.get("role", ""))
        return (
            f"<b>{escape(who)}:</b> RMI statuses as of {escape(reference.status_as_of or 'an unknown date')}, "
            f"smelter list {escape(reference.lookup_source or 'shipped with the app')}"
            + (f"<br><span style='color:#6b6f75'>From {files}.</span>" if files else ".")
        )

    @staticmethod
    def sources_tip(reference: SmelterReference) -> str:
        return "\n".join(
            f"{s.get('file', '')} ({s.get('role', '')})\nSHA-256 {s.get('sha256', '')}" for s in reference.sources
        ) or describe_sources(reference)

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]], bold: list[bool] | None = None) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if bold and bold[r]:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(r, c, item)

    def _fill_history(self) -> None:
        snapshots = list(reversed(self.project.reference_snapshots()))
        self._fill(self.history, [[s.taken_at[:16].replace("T", " "), s.taken_by, s.reason] for s in snapshots])
        for row, snapshot in enumerate(snapshots):  # what the move changed, and the files' SHA-256
            files = "\n".join(f"{f.get('file', '')}: SHA-256 {f.get('sha256', '')}" for f in snapshot.sources)
            self.history.item(row, 2).setToolTip("\n\n".join(t for t in (snapshot.changes, files) if t))

    def show_move(self, move: ProjectMove) -> None:
        self.move = move
        if move.same_list:
            self.status.setText("This project already uses the app's current lists: nothing to move.")
        elif not move.changes_anything:
            self.status.setText(
                "The app's lists differ from this project's, but not for any smelter this project reports: "
                "moving changes no figure, only the as-of date and sources kept with the project."
            )
        else:
            moved = len(move.status_moves)
            self.status.setText(
                f"Moving this project to the app's current lists changes {moved} "
                f"smelter status{'es' if moved != 1 else ''} and the figures shown in bold below. "
                "Nothing changes until you choose to move."
            )
        self._fill(
            self.figures,
            [[f.what, f.before, f.after] for f in move.figures],
            [f.changed for f in move.figures],
        )
        self._fill(
            self.statuses,
            [
                [m.metal, m.name, m.cid, m.before, m.after + (" (your override still applies)" if m.overridden else "")]
                for m in move.status_moves
            ],
        )
        others = [["Name", f"{n.cid}: {n.before} → {n.after}"] for n in move.name_changes]
        others += [["Now in Annex A", text] for text in move.joined_annex]
        others += [["No longer in Annex A", text] for text in move.left_annex]
        self._fill(self.others, others)
        self.tabs.setTabText(1, f"Status changes ({len(move.status_moves)})")
        self.tabs.setTabText(2, f"Other changes ({len(others)})")
        warning = move.export_warning()
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning) and not move.same_list)
        self.move_button.setEnabled(not move.same_list)
        self.preview_ready.emit()

    def _preview_failed(self, message: str) -> None:
        self.status.setText(f"The lists could not be compared: {message}")
        self.preview_ready.emit()

    def apply_move(self) -> None:
        if self.move is None or self.move.same_list:
            return
        confirmed = False
        if self.move.exports:
            confirmed = dialogs.confirm(
                self, "Move an exported project?", self.move.export_warning() + "\n\nMove this project anyway?"
            )
            if not confirmed:
                return
        apply_project_move(self.project, self.move, confirmed_after_export=confirmed)
        self.moved = True
        self.accept()
