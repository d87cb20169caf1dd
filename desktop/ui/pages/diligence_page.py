"""The due diligence step: the OECD five-step answers, the inquiry's figures and the outcome, before export."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.filing import claims, diligence
from desktop.core.filing.evidence import project_conclusion, project_rollup
from desktop.core.project import Project
from desktop.core.filing.report_builder import (
    COMPANY_BACKGROUND_KEY,
    FUTURE_STEPS_KEY,
    REPORT_URL_KEY,
    answer_context,
    future_steps,
    project_answers,
    rcoi_facts,
)
from desktop.core.filing.scoping import Outcome
from desktop.ui.figures import figures_pending
from desktop.ui.pages.base import WizardPage
from desktop.ui.widgets.audit_block import AuditBlock
from desktop.ui.widgets.claim_block import AnswerEdit, ClaimBlock, help_label
from desktop.ui.widgets.determination_box import DeterminationBox
from desktop.ui.widgets.origins_box import OriginsBox

OUTCOME_NOTES = {
    Outcome.SD_WITH_CMR: "Your answers below are printed in the Conflict Minerals Report (Exhibit 1.01).",
    Outcome.SD_ONLY: "No Conflict Minerals Report is needed, so these answers are kept for your records "
    "and printed only if the outcome changes.",
}


def _help(text: str) -> QLabel:
    return help_label(text)


class DiligencePage(WizardPage):
    title = "Due diligence"
    needs_figures = True
    subtitle = (
        "How your company checks where its tin, tantalum, tungsten and gold come from, under the OECD's "
        "five steps. The app proposes sentences; only you can say they are true. Fill in the facts, "
        "reword what does not fit, and tick \"True for our company\" for each statement (or confirm a "
        "whole step). Everything is saved as you type."
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.editors: dict[str, QLineEdit | AnswerEdit] = {}
        self.claim_blocks: dict[str, ClaimBlock] = {}
        self.step_buttons: dict[int, QPushButton] = {}
        self.step_counts: dict[int, QLabel] = {}
        self._loading = False
        self._complete = False
        self.determination = None  # set by load(): the outcome shown at the top

        # The scroll area is in place before its content is filled in: a widget moved into
        # another parent is styled again with all it holds (wizard.py).
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scroll = scroll
        self.body.addWidget(scroll)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 12, 0)
        scroll.setWidget(content)
        column.addWidget(self._build_outcome_box())
        self.figures_waiting = QLabel(
            "Working out the outcome from the supplier answers: the smelters they report are being "
            "rolled up… The outcome, the figures below and the countries of origin show here in a moment. "
            "You can fill in your answers meanwhile.")
        self.figures_waiting.setObjectName("waitingNote")
        self.figures_waiting.setWordWrap(True)
        self.figures_waiting.hide()
        column.addWidget(self.figures_waiting)
        column.addWidget(self._build_rcoi_box())
        column.addWidget(self._build_company_box())
        for step, step_questions in diligence.questions_by_step().items():
            column.addWidget(self._build_step_box(step, step_questions))
        self.origins_box = OriginsBox()
        column.addWidget(self.origins_box)
        column.addWidget(self._build_future_steps_box())
        column.addStretch(1)

    # -- layout ----------------------------------------------------------------------------------

    def _build_outcome_box(self) -> QWidget:
        # The determination with its evidence and the user's written choices (issue 10).
        self.outcome_box = DeterminationBox()
        self.outcome_box.changed.connect(self._determination_changed)
        self.outcome_headline, self.outcome_reasons = self.outcome_box.headline, self.outcome_box.reasons
        return self.outcome_box

    def _determination_changed(self) -> None:
        self._show_inquiry()
        self.completeness_changed.emit()

    def _build_rcoi_box(self) -> QWidget:
        group = QGroupBox("Your supplier inquiry (filled from the supplier answers; read-only)")
        column = QVBoxLayout(group)
        form = QFormLayout()
        column.addLayout(form)
        self.rcoi_labels: dict[str, QLabel] = {}
        for key, caption in (
            ("surveyed", "Suppliers surveyed"),
            ("responded", "Answers received"),
            ("revisions", "Template revisions"),
            ("scope", "Company or product level"),
        ):
            label = QLabel()
            label.setObjectName(f"rcoi_{key}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.rcoi_labels[key] = label
            form.addRow(caption, label)
        column.addWidget(_help("Change these by updating the supplier list or importing CMRTs in the supplier step."))
        return group

    def _build_company_box(self) -> QWidget:
        group = QGroupBox("Your company in the report")
        layout = QVBoxLayout(group)
        layout.addWidget(QLabel("What the company makes (optional)"))
        layout.addWidget(self._text_editor(COMPANY_BACKGROUND_KEY, lines=3))
        self.wording_problems = help_label("", "fieldError")
        self.wording_problems.hide()
        layout.addWidget(self.wording_problems)
        layout.addWidget(_help("One short paragraph for the report's introduction: your business and where you make it."))
        return group

    def _build_step_box(self, step: int, step_questions: list[diligence.Question]) -> QWidget:
        group = QGroupBox(f"Step {step}: {diligence.oecd_steps()[step]}")
        layout = QVBoxLayout(group)
        layout.setSpacing(4)
        header = QHBoxLayout()
        count = _help("")
        self.step_counts[step] = count
        confirm_all = QPushButton(f"Confirm all of step {step}")
        confirm_all.setObjectName(f"confirmStep{step}")
        confirm_all.setToolTip("Tick \"True for our company\" for every statement of this step that is ready.")
        confirm_all.clicked.connect(lambda _=False, n=step: self.confirm_step(n))
        self.step_buttons[step] = confirm_all
        header.addWidget(count, 1)
        header.addWidget(confirm_all, 0, Qt.AlignRight)
        layout.addLayout(header)
        self.step_refusals = getattr(self, "step_refusals", {})
        refusal = _help("")
        refusal.setObjectName("fieldError")
        refusal.hide()
        self.step_refusals[step] = refusal
        layout.addWidget(refusal)
        for question in step_questions:
            if question.kind == "fact":
                layout.addWidget(self._fact_block(question.key, question.label, question.help))
            else:
                layout.addWidget(self._claim_block(question))
        if step == 4:
            layout.addWidget(self._build_ipsa_block())
        if step == 5:
            layout.addWidget(
                self._fact_block(
                    REPORT_URL_KEY,
                    "Web address where the report is published",
                    "Leave empty to use the website from the company step; Form SD must give this address.",
                )
            )
        return group

    def _fact_block(self, key: str, label: str, help_text: str) -> QWidget:
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(2)
        title = QLabel(label)
        title.setStyleSheet("font-weight: 600;")
        layout.addWidget(title)
        editor = QLineEdit()
        editor.setMaximumWidth(520)
        editor.setPlaceholderText("Not filled in")
        editor.textChanged.connect(lambda text, k=key: self._save(k, text))
        editor.setObjectName(f"answer_{key}")
        self.editors[key] = editor
        layout.addWidget(editor)
        layout.addWidget(_help(help_text))
        return block

    def _claim_block(self, question: diligence.Question) -> ClaimBlock:
        block = ClaimBlock(question.key, question.label, question.help)
        block.editor.textChanged.connect(
            lambda k=question.key, e=block.editor: self._save(k, diligence.from_display(e.toPlainText()))
        )
        block.restore_requested.connect(self.restore_default)
        block.confirm_toggled.connect(self.set_confirmed)
        self.editors[question.key] = block.editor
        self.claim_blocks[question.key] = block
        return block

    def _text_editor(self, key: str, lines: int) -> AnswerEdit:
        editor = AnswerEdit(lines)
        editor.setObjectName(f"answer_{key}")
        editor.textChanged.connect(lambda k=key, e=editor: self._save(k, e.toPlainText()))
        self.editors[key] = editor
        return editor

    def _build_ipsa_block(self) -> QWidget:
        self.audit_block = AuditBlock()
        self.audit_block.changed.connect(self._changed)
        self.ipsa_box, self.ipsa_auditor = self.audit_block.ipsa_box, self.audit_block.ipsa_auditor
        return self.audit_block

    def _build_future_steps_box(self) -> QWidget:
        group = QGroupBox("Steps you will take next year")
        layout = QVBoxLayout(group)
        layout.addWidget(_help("Tick the steps you plan; they are listed under risk mitigation in the report."))
        self.future_list = QListWidget()
        self.future_list.setObjectName("futureSteps")
        self.future_list.setWordWrap(True)
        self.future_list.setMinimumHeight(180)
        self.future_list.itemChanged.connect(lambda _item: self._save_future_steps())
        layout.addWidget(self.future_list)
        row = QHBoxLayout()
        self.own_step = QLineEdit()
        self.own_step.setPlaceholderText("Or write your own step, e.g. Visit our two largest solder suppliers.")
        self.own_step.returnPressed.connect(self.add_own_step)
        self.add_step_button = QPushButton("Add step")
        self.add_step_button.clicked.connect(self.add_own_step)
        row.addWidget(self.own_step, 1)
        row.addWidget(self.add_step_button)
        layout.addLayout(row)
        return group

    # -- data ------------------------------------------------------------------------------------

    def load(self, project: Project) -> None:
        super().load(project)
        answers = project_answers(project)
        self._loading = True
        try:
            self._show_answers(answers)
            self.editors[REPORT_URL_KEY].setPlaceholderText(project.registrant().website or "www.example.com/conflict-minerals")
            self.audit_block.load(project)
            self._fill_future_steps(future_steps(answers))
        finally:
            self._loading = False
        self._show_inquiry()
        self._refresh_claims()
        self._complete = (self.is_complete(), self.step_note())

    def _show_answers(self, answers: dict[str, str]) -> None:
        """Facts as typed, sentences with their facts as {named fields} (they follow the facts)."""
        for key, editor in self.editors.items():
            text = answers.get(key, "")
            if isinstance(editor, AnswerEdit):
                if key in self.claim_blocks:
                    text = diligence.to_display(text)
                if editor.toPlainText() != text:
                    editor.setPlainText(text)
            elif editor.text() != text:
                editor.setText(text)

    def _refresh_claims(self) -> None:
        """Each statement's confirmation, preview and problems, and each step's count."""
        stored = self.project.answers()
        states = claims.claim_states(stored)
        printed = diligence.resolved_answers(
            {k: v for k, v in project_answers(self.project).items() if k in diligence.default_answers()},
            answer_context(self.project),
        )
        by_step: dict[int, list[claims.ClaimState]] = {}
        for state in states:
            self.claim_blocks[state.key].show_state(state, printed.get(state.key, ""))
            by_step.setdefault(state.step, []).append(state)
        for step, step_states in by_step.items():
            done = sum(s.confirmed for s in step_states)
            count = f"{done} of {len(step_states)} statements confirmed"
            if self.step_counts[step].text() != count:
                self.step_counts[step].setText(count)
            ready = any(not s.confirmed and s.can_confirm for s in step_states)
            if self.step_buttons[step].isEnabled() != ready:
                self.step_buttons[step].setEnabled(ready)
        self.claim_states = states

    def showing_placeholders(self) -> bool:
        return self.figures_waiting.isVisibleTo(self)

    def figures_arrived(self) -> bool:
        if self.project is None or figures_pending(self.project, "rollup"):
            return False
        self._show_inquiry()
        self._complete = (self.is_complete(), self.step_note())
        return True

    def _show_inquiry(self) -> None:
        waiting = figures_pending(self.project, "rollup")
        self.figures_waiting.setVisible(waiting)
        self.outcome_box.setVisible(not waiting)
        self.origins_box.setVisible(not waiting)
        if waiting:  # a placeholder, never a figure that may be wrong
            self.determination = None
            for label in self.rcoi_labels.values():
                label.setText("Counting…")
            return
        rolled = project_rollup(self.project)
        conclusion = project_conclusion(self.project, rolled)
        determination = conclusion.determination
        self.outcome_box.show_conclusion(self.project, conclusion, OUTCOME_NOTES.get(determination.outcome, ""))
        self.determination = determination
        self.origins_box.load(self.project, rolled.smelters)

        facts = rcoi_facts(self.project, rolled)
        answered = facts.company_level_responses + facts.product_level_responses
        self.rcoi_labels["surveyed"].setText(str(facts.suppliers_surveyed))
        self.rcoi_labels["responded"].setText(
            f"{facts.suppliers_responded} ({facts.response_rate}% of those surveyed)"
            if facts.suppliers_surveyed
            else "No suppliers surveyed yet"
        )
        self.rcoi_labels["revisions"].setText(
            ", ".join(facts.cmrt_revisions) if facts.cmrt_revisions else "No CMRTs imported yet"
        )
        self.rcoi_labels["scope"].setText(
            f"{facts.company_level_responses} company level ({facts.company_level_share}%), "
            f"{facts.product_level_responses} product level"
            if answered
            else "No CMRTs imported yet"
        )

    def _fill_future_steps(self, chosen: list[str]) -> None:
        self.future_list.clear()
        offered = diligence.common_future_steps()
        for text in offered + [step for step in chosen if step not in offered]:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if text in chosen else Qt.Unchecked)
            self.future_list.addItem(item)

    def _save(self, key: str, value: str) -> None:
        if self._loading or self.project is None:
            return
        self.project.set_answer(key, value.strip())
        self._changed()

    def _changed(self) -> None:
        self._refresh_claims()
        # Free text outside the statements (what the company makes, next year's steps) is checked too.
        problems = [
            b.message for b in claims.wording_blockers(self.project)
            if not b.message.startswith(tuple(s.label + ":" for s in self.claim_states))
        ]
        text = "\n".join(problems)
        if self.wording_problems.text() != text:
            self.wording_problems.setText(text)
            self.wording_problems.setVisible(bool(problems))
        shown = (self.is_complete(), self.step_note())
        if shown != self._complete:  # the step list shows both
            self._complete = shown
            self.completeness_changed.emit()

    def set_confirmed(self, key: str) -> None:
        """The user ticked or unticked "True for our company" for one statement."""
        if self.claim_blocks[key].confirm.isChecked():
            try:
                claims.confirm_claim(self.project, key)
            except claims.NotConfirmable:
                pass  # the box is disabled while a statement cannot be confirmed; shown in its block
        else:
            claims.unconfirm_claim(self.project, key)
        self._changed()

    def confirm_step(self, step: int) -> None:
        """Confirm every ready statement of one OECD step; say which are not ready and why."""
        refused = claims.confirm_step(self.project, step)
        label = self.step_refusals[step]
        label.setText(
            "Not confirmed yet: " + "; ".join(f"{s.label} ({s.problems[0]})" for s in refused) if refused else ""
        )
        label.setVisible(bool(refused))
        self._changed()

    def _save_future_steps(self) -> None:
        if self._loading:
            return
        chosen = [
            self.future_list.item(row).text()
            for row in range(self.future_list.count())
            if self.future_list.item(row).checkState() == Qt.Checked
        ]
        self._save(FUTURE_STEPS_KEY, "\n".join(chosen))

    def add_own_step(self) -> None:
        text = " ".join(self.own_step.text().split())
        if not text:
            return
        existing = [self.future_list.item(row).text() for row in range(self.future_list.count())]
        if text in existing:
            self.future_list.item(existing.index(text)).setCheckState(Qt.Checked)
        else:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)  # itemChanged saves the list once the item is in it
            self.future_list.addItem(item)
            self._save_future_steps()
        self.own_step.clear()

    def restore_default(self, key: str) -> None:
        if self.project is None:
            return
        self.project.set_answer(key, diligence.default_answers()[key])
        self._loading = True
        try:
            self._show_answers(project_answers(self.project))
        finally:
            self._loading = False
        self._changed()

    def unconfirmed(self) -> list[claims.ClaimState]:
        return [s for s in getattr(self, "claim_states", []) if not s.confirmed]

    def _claims_printed(self) -> bool:
        return self.determination is not None and self.determination.outcome == Outcome.SD_WITH_CMR

    def is_complete(self) -> bool:
        # Done once the earlier steps have settled what is filed and, when a Conflict Minerals
        # Report prints these statements, every one of them is confirmed.
        settled = (Outcome.SD_WITH_CMR, Outcome.SD_ONLY, Outcome.NO_FILING)
        if self.determination is None or self.determination.outcome not in settled:
            return False
        return not (self._claims_printed() and self.unconfirmed())

    def step_note(self) -> str:
        if self.project is None:
            return ""
        open_claims = len(self.unconfirmed())
        if open_claims and self._claims_printed():
            return f"{open_claims} statement{'s' if open_claims != 1 else ''} to confirm"
        return {
            Outcome.SD_WITH_CMR: "Form SD with a CMR",
            Outcome.SD_ONLY: "Form SD only",
            Outcome.NO_FILING: "no Form SD needed",
        }.get(self.determination.outcome if self.determination else None, "")
