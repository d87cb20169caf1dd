"""The selected smelter: its status and where it comes from, and each supplier's row as written."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from desktop.core.smelters import RolledSmelter
from desktop.core.smelters.matching import DECISION
from desktop.ui.models.smelter_table import country_label
from desktop.ui.plural import plural
from desktop.ui.theme import current_theme


def smelter_html(smelter: RolledSmelter) -> str:
    lines = [
        f"<h3 style='margin:0'>{escape(smelter.name)}</h3>",
        f"<p style='margin:2px 0'>{escape(smelter.metal)} · {escape(country_label(smelter.country))} · "
        f"{escape(smelter.cid)}</p>",
        f"<p><b>Status: {escape(smelter.status)}</b>"
        + (f" (RMI label: {escape(smelter.status_label)})" if smelter.status_label else "")
        + f"<br>As of {escape(smelter.status_as_of or 'unknown date')} · {escape(smelter.status_source)}</p>",
    ]
    override = smelter.override
    if override is not None:
        what = "Excluded from Annex A" if override.exclude_from_annex else "Status overridden"
        if override.exclude_from_annex and override.status:
            what += f" and status set to {override.status}"
        lines.append(
            f"<p style='color:{current_theme().warning}'><b>{what}</b> by {escape(override.decided_by or 'unknown')} on "
            f"{escape(override.decided_at[:10])}:<br>{escape(override.note)}</p>"
        )
    notes = []
    if smelter.covered_country:
        notes.append("Located in a Covered Country (DRC or an adjoining country).")
    if smelter.recycled:
        notes.append("A supplier says its feedstock is 100% recycled or scrap.")
    notes += [f"Check: {flag}." for flag in smelter.flags]
    if notes:
        lines.append("<ul style='margin:0'>" + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>")
    lines.append(f"<p><b>Reported by {plural(len(smelter.reported_by), 'supplier')}</b>, as they wrote it:</p>")
    for reported in smelter.rows:
        row = reported.row
        written = " / ".join(escape(v) for v in (row.lookup_name, row.name) if v) or "(no name)"
        lines.append(
            f"<p style='margin:0 0 6px 0'><b>{escape(reported.supplier)}</b><br>"
            f"<span style='color:{current_theme().muted}'>{escape(reported.file_name)}, Smelter List row {row.row}</span><br>"
            f"{escape(row.metal)} · {written} · {escape(row.country or 'no country')} · "
            f"{escape(row.smelter_id or row.looked_up_id or 'no ID')}<br>"
            f"Matched by {escape(reported.match.method)}"
            + (f": {escape(reported.match.reason)}" if reported.match.reason else "")
            + (f"<br>Recycled or scrap: {escape(row.recycled_scrap)}" if row.recycled_scrap else "")
            + (f"<br>Comment: {escape(row.comments)}" if row.comments else "")
            + "</p>"
        )
    return "".join(lines)


class SmelterDetail(QWidget):
    override_requested = Signal()
    exclude_requested = Signal()
    undo_override_requested = Signal()
    undo_decision_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.smelter: RolledSmelter | None = None
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.override_button = QPushButton("Override status…")
        self.override_button.setToolTip("Use another status than RMI's, with a note saying why.")
        self.override_button.clicked.connect(self.override_requested)
        self.exclude_button = QPushButton("Exclude from Annex A…")
        self.exclude_button.setToolTip("Leave this smelter out of Annex A, with a note saying why.")
        self.exclude_button.clicked.connect(self.exclude_requested)
        self.undo_override_button = QPushButton("Undo override")
        self.undo_override_button.clicked.connect(self.undo_override_requested)
        self.undo_decision_button = QPushButton("Undo match")
        self.undo_decision_button.setToolTip("Forget your decision: the rows go back to the unresolved queue.")
        self.undo_decision_button.clicked.connect(self.undo_decision_requested)
        # One button a row, so the pane can stay narrow on a small screen; undo rows show when useful.
        buttons = QGridLayout()
        for row, button in enumerate((self.override_button, self.exclude_button, self.undo_override_button,
                                      self.undo_decision_button)):
            buttons.addWidget(button, row, 0)
        buttons.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.show_smelter(None)

    def show_smelter(self, smelter: RolledSmelter | None) -> None:
        self.smelter = smelter
        if smelter is None:
            self.text.setHtml(f"<p style='color:{current_theme().muted}'>Select a smelter to see what each supplier wrote.</p>")
        else:
            self.text.setHtml(smelter_html(smelter))
        self.override_button.setEnabled(smelter is not None)
        self.exclude_button.setEnabled(smelter is not None and not smelter.excluded)
        self.undo_override_button.setVisible(smelter is not None and smelter.override is not None)
        self.undo_decision_button.setVisible(
            smelter is not None and any(r.match.method == DECISION for r in smelter.rows)
        )
