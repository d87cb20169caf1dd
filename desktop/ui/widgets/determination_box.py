"""The determination with its evidence, and the only ways the user may change it: in writing.

Shown at the top of the due diligence step. The conclusion comes from the supplier answers
(desktop.core.filing.inquiry_evidence); the user may (a) write why they conclude "no reason to believe"
despite them, (b) file Items 1.01(a)/(b) only under the April 2017 staff statement, or (c) file a
Conflict Minerals Report voluntarily. Each is an explicit, explained choice saved in the project.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from desktop.core.filing.evidence import (
    CONCLUSION_REASON_KEY,
    STAFF_STATEMENT_KEY,
    VOLUNTARY_CMR_KEY,
    Conclusion,
)
from desktop.core.filing.inquiry_evidence import Ground, InquiryEvidence
from desktop.core.filing.scoping import InquiryResult, Outcome

STAFF_STATEMENT_HELP = (
    "On April 7, 2017 the SEC's Division of Corporation Finance said it would not recommend enforcement "
    "action against companies that file only the disclosure of Item 1.01(a) and (b) of Form SD, even when "
    "Item 1.01(c) would call for due diligence and a Conflict Minerals Report. With this choice your Form SD "
    "says that the supplier answers give reason to believe the metals may come from the Covered Countries, "
    "names the statement, and files no report. The rule itself has not changed; customers and investors "
    "may still expect a Conflict Minerals Report, and many companies still file one."
)
CONCLUSION_HELP = (
    "That is, no reason to believe the metals may come from the Covered Countries. "
    "Only if you know something the supplier answers do not show (for example a supplier's written "
    "confirmation of its smelters' sources). Your reason is printed in Item 1.01 of the Form SD, under the "
    "description of your inquiry. Leave it empty to follow the evidence."
)
VOLUNTARY_HELP = (
    "The supplier answers do not require a Conflict Minerals Report. You may still file one, for example "
    "because customers ask for it; the report then says it was not required."
)
SHOWN_LINES = 6  # evidence lines visible before "Show all"
REASON_LINES = 3  # reasons listed under the headline; the evidence below has them all


def evidence_lines(evidence: InquiryEvidence) -> list[str]:
    """Every fact behind the conclusion, in plain words, for the user (suppliers named)."""
    against, supporting = [], []
    for name in evidence.not_responded:
        against.append(f"✗ No usable CMRT yet from {name.rstrip('.')}.")
    for answer in evidence.answers:
        if answer.ground is Ground.NOT_USED:
            continue
        line = f"{answer.supplier}, {answer.metal.lower()}: {answer.why} ({answer.file_name})."
        (against if answer.ground is Ground.REASON else supporting).append(("✗ " if answer.ground is Ground.REASON else "✓ ") + line)
    for smelter in evidence.unidentified_smelters:
        against.append(f"✗ Smelter not identified: {smelter}.")
    for smelter in evidence.covered_country_smelters:
        if smelter in evidence.located_not_recycled:
            against.append(f"✗ Located in a Covered Country: {smelter}.")
        else:
            supporting.append(f"✓ Located in a Covered Country: {smelter}, reported as recycled or scrap.")
    head = []
    if evidence.surveyed:
        head.append(f"Suppliers asked: {len(evidence.surveyed)}; answered with a usable CMRT: {len(evidence.responded)}.")
    return head + against + supporting


class DeterminationBox(QFrame):
    """Headline, reasons, the evidence, and the user's written choices."""

    changed = Signal()  # the user changed a choice: the page recomputes the determination

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outcomeBox")
        self.project = None
        self._loading = False
        self._all_lines: list[str] = []
        # Typing a reason saves at once but recomputes the determination only after a pause.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(600)
        self._settle.timeout.connect(self.changed.emit)
        layout = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setObjectName("outcomeHeadline")
        self.headline.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.evidence_title = QLabel("<b>The evidence</b> (✓ supports \"no reason to believe\", ✗ does not)")
        self.evidence = QLabel()
        self.evidence.setObjectName("determinationEvidence")
        self.evidence.setWordWrap(True)
        self.evidence.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.more = QToolButton()
        self.more.setCheckable(True)
        self.more.toggled.connect(lambda _on: self._show_evidence())
        self.note = QLabel()
        self.note.setObjectName("fieldHelp")
        self.note.setWordWrap(True)
        for widget in (self.headline, self.reasons, self.evidence_title, self.evidence, self.more, self.note):
            layout.addWidget(widget)

        self.choices = QWidget()
        choices = QVBoxLayout(self.choices)
        choices.setContentsMargins(0, 6, 0, 0)
        choices.addWidget(QLabel("<b>Your decision</b>"))
        self.conclusion_box = QCheckBox("I reach a different conclusion: no reason to believe")
        self.conclusion_box.setObjectName("differentConclusion")
        self.conclusion_box.toggled.connect(self._conclusion_toggled)
        self.conclusion_reason = QPlainTextEdit()
        self.conclusion_reason.setObjectName("conclusionReason")
        self.conclusion_reason.setPlaceholderText("Why, in a sentence or two, as it should be printed in the Form SD.")
        self.conclusion_reason.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.conclusion_reason.textChanged.connect(self._reason_changed)
        self.conclusion_help = self._help(CONCLUSION_HELP)
        self.staff_box = QCheckBox("File Items 1.01(a) and (b) only, under the SEC staff statement of April 7, 2017")
        self.staff_box.setObjectName("staffStatement")
        self.staff_box.toggled.connect(lambda on: self._save(STAFF_STATEMENT_KEY, "yes" if on else ""))
        self.staff_help = self._help(STAFF_STATEMENT_HELP)
        self.voluntary_box = QCheckBox("File a Conflict Minerals Report voluntarily")
        self.voluntary_box.setObjectName("voluntaryCmr")
        self.voluntary_box.toggled.connect(lambda on: self._save(VOLUNTARY_CMR_KEY, "yes" if on else ""))
        self.voluntary_help = self._help(VOLUNTARY_HELP)
        for widget in (self.conclusion_box, self.conclusion_reason, self.conclusion_help, self.staff_box,
                       self.staff_help, self.voluntary_box, self.voluntary_help):
            choices.addWidget(widget)
        layout.addWidget(self.choices)

    @staticmethod
    def _help(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("fieldHelp")
        label.setWordWrap(True)
        return label

    # -- showing ---------------------------------------------------------------------------------

    def show_conclusion(self, project, conclusion: Conclusion, note: str = "") -> None:
        self.project = project
        determination, evidence = conclusion.determination, conclusion.evidence
        self.headline.setText(determination.headline)
        shown = list(conclusion.product_reasons)
        if evidence.result is InquiryResult.MAY_BE_COVERED_COUNTRIES:
            shown += ["The supplier answers give reason to believe the metals may come from the Covered Countries, because:"]
            shown += [f"    – {reason}" for reason in evidence.reasons[:REASON_LINES]]
            if len(evidence.reasons) > REASON_LINES:
                shown.append(f"    – and {len(evidence.reasons) - REASON_LINES} more (see the evidence below).")
            if conclusion.user_conclusion:
                shown.append(f"Your own conclusion, printed in Item 1.01: {conclusion.choices.conclusion_reason}")
        else:
            shown += evidence.grounds()
        self.reasons.setText("\n".join(r if r.startswith(" ") else f"• {r}" for r in shown))
        self.reasons.setVisible(bool(shown))
        self._all_lines = evidence_lines(evidence) if evidence.result is not InquiryResult.NOT_YET else []
        self.evidence_title.setVisible(bool(self._all_lines))
        self._show_evidence()
        self.note.setText(note)
        self.note.setVisible(bool(note))

        settled = determination.outcome in (Outcome.SD_ONLY, Outcome.SD_WITH_CMR)
        may = evidence.result is InquiryResult.MAY_BE_COVERED_COUNTRIES
        self.choices.setVisible(settled)
        self._loading = True
        try:
            reason = conclusion.choices.conclusion_reason
            self.conclusion_box.setChecked(bool(reason) or self.conclusion_box.isChecked() and may)
            if self.conclusion_reason.toPlainText().strip() != reason:
                self.conclusion_reason.setPlainText(reason)
            self.staff_box.setChecked(conclusion.choices.staff_statement)
            self.voluntary_box.setChecked(conclusion.choices.voluntary_cmr)
        finally:
            self._loading = False
        for widget in (self.conclusion_box, self.conclusion_help):
            widget.setVisible(may)
        self.conclusion_reason.setVisible(may and self.conclusion_box.isChecked())
        # The staff statement concerns a report that would otherwise be required.
        staff = may and not conclusion.user_conclusion
        self.staff_box.setVisible(staff)
        self.staff_help.setVisible(staff)
        voluntary = not may or conclusion.user_conclusion
        self.voluntary_box.setVisible(voluntary)
        self.voluntary_help.setVisible(voluntary)

    def _show_evidence(self) -> None:
        lines = self._all_lines
        expanded = self.more.isChecked()
        visible = lines if expanded else lines[:SHOWN_LINES]
        self.evidence.setText("\n".join(visible))
        self.evidence.setVisible(bool(lines))
        hidden = len(lines) - SHOWN_LINES
        self.more.setVisible(hidden > 0)
        self.more.setText("Show less" if expanded else f"Show all the evidence ({hidden} more)")

    # -- saving ----------------------------------------------------------------------------------

    def _save(self, key: str, value: str) -> None:
        if self._loading or self.project is None:
            return
        self.project.set_answer(key, value)
        self.changed.emit()

    def _conclusion_toggled(self, on: bool) -> None:
        if self._loading:
            return
        self.conclusion_reason.setVisible(on)
        if not on:
            self.conclusion_reason.clear()  # saves the empty reason: the evidence decides again
        else:
            self.conclusion_reason.setFocus()

    def _reason_changed(self) -> None:
        if self._loading or self.project is None:
            return
        self.project.set_answer(CONCLUSION_REASON_KEY, self.conclusion_reason.toPlainText().strip())
        self._settle.start()
