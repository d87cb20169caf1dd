"""The due diligence step: the OECD five-step answers, the inquiry's figures and the outcome, before export."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core import diligence
from desktop.core.filing import project_conclusion, project_rollup
from desktop.core.project import Project
from desktop.core.report_builder import (
    COMPANY_BACKGROUND_KEY,
    FUTURE_STEPS_KEY,
    IPSA_AUDITOR_KEY,
    IPSA_KEY,
    REPORT_URL_KEY,
    answer_context,
    future_steps,
    project_answers,
    rcoi_facts,
)
from desktop.core.scoping import Outcome
from desktop.ui.pages.base import WizardPage
from desktop.ui.widgets.determination_box import DeterminationBox

OUTCOME_NOTES = {
    Outcome.SD_WITH_CMR: "Your answers below are printed in the Conflict Minerals Report (Exhibit 1.01).",
    Outcome.SD_ONLY: "No Conflict Minerals Report is needed, so these answers are kept for your records "
    "and printed only if the outcome changes.",
}
SENTENCE_LINES = 2  # the smallest sentence box; it grows with the text


class AnswerEdit(QTextEdit):
    """A plain-text answer box that grows with its text, so a long sentence is read whole."""

    def __init__(self, min_lines: int):
        super().__init__()
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.min_height = self.fontMetrics().lineSpacing() * min_lines + 12
        self.setFixedHeight(self.min_height)
        self.textChanged.connect(self._fit)

    def _fit(self) -> None:
        self.document().setTextWidth(self.viewport().width())
        needed = int(self.document().size().height()) + 2 * self.frameWidth() + 4
        self.setFixedHeight(max(self.min_height, needed))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()


def _help(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fieldHelp")
    label.setWordWrap(True)
    return label


class DiligencePage(WizardPage):
    title = "Due diligence"
    subtitle = (
        "How your company checks where its tin, tantalum, tungsten and gold come from, under the OECD's "
        "five steps. Keep the proposed sentences or write your own: they are printed in the report as "
        "shown here. Everything is saved as you type."
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.editors: dict[str, QLineEdit | AnswerEdit] = {}
        self._loading = False
        self._sentences_filled = True
        self.determination = None  # set by load(): the outcome shown at the top

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 12, 0)
        column.addWidget(self._build_outcome_box())
        column.addWidget(self._build_rcoi_box())
        column.addWidget(self._build_company_box())
        for step, step_questions in diligence.questions_by_step().items():
            column.addWidget(self._build_step_box(step, step_questions))
        column.addWidget(self._build_future_steps_box())
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self.scroll = scroll
        self.body.addWidget(scroll)

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
        layout.addWidget(_help("One short paragraph for the report's introduction: your business and where you make it."))
        return group

    def _build_step_box(self, step: int, step_questions: list[diligence.Question]) -> QWidget:
        group = QGroupBox(f"Step {step}: {diligence.oecd_steps()[step]}")
        layout = QVBoxLayout(group)
        layout.setSpacing(4)
        for question in step_questions:
            layout.addWidget(self._question_block(question.key, question.label, question.help, question.kind))
        if step == 4:
            layout.addWidget(self._build_ipsa_block())
        if step == 5:
            layout.addWidget(
                self._question_block(
                    REPORT_URL_KEY,
                    "Web address where the report is published",
                    "Leave empty to use the website from the company step; Form SD must give this address.",
                    "fact",
                )
            )
        return group

    def _question_block(self, key: str, label: str, help_text: str, kind: str) -> QWidget:
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(2)
        title = QLabel(label)
        title.setStyleSheet("font-weight: 600;")
        layout.addWidget(title)
        if kind == "fact":
            editor = QLineEdit()
            editor.setMaximumWidth(520)
            editor.textChanged.connect(lambda text, k=key: self._save(k, text))
            editor.setObjectName(f"answer_{key}")
            self.editors[key] = editor
            layout.addWidget(editor)
        else:
            row = QHBoxLayout()
            row.addWidget(self._text_editor(key, SENTENCE_LINES), 1)
            reset = QPushButton("Proposed wording")
            reset.setToolTip("Put back the sentence the app proposes for this question.")
            reset.clicked.connect(lambda _=False, k=key: self.restore_default(k))
            row.addWidget(reset, 0, Qt.AlignTop)
            layout.addLayout(row)
        layout.addWidget(_help(help_text))
        return block

    def _text_editor(self, key: str, lines: int) -> AnswerEdit:
        editor = AnswerEdit(lines)
        editor.setObjectName(f"answer_{key}")
        editor.textChanged.connect(lambda k=key, e=editor: self._save(k, e.toPlainText()))
        self.editors[key] = editor
        return editor

    def _build_ipsa_block(self) -> QWidget:
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(2)
        self.ipsa_box = QCheckBox("An independent private sector audit (IPSA) of this report was obtained")
        self.ipsa_box.toggled.connect(self._ipsa_changed)
        self.ipsa_auditor = QLineEdit()
        self.ipsa_auditor.setPlaceholderText("Name of the audit firm")
        self.ipsa_auditor.setMaximumWidth(520)
        self.ipsa_auditor.textChanged.connect(lambda text: self._save(IPSA_AUDITOR_KEY, text))
        layout.addWidget(self.ipsa_box)
        layout.addWidget(self.ipsa_auditor)
        layout.addWidget(
            _help("Rarely done. Only with an audit may the report call products \"DRC conflict free\".")
        )
        return block

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
            self.ipsa_box.setChecked(answers.get(IPSA_KEY, "") == "yes")
            self.ipsa_auditor.setText(answers.get(IPSA_AUDITOR_KEY, ""))
            self.ipsa_auditor.setEnabled(self.ipsa_box.isChecked())
            self._fill_future_steps(future_steps(answers))
        finally:
            self._loading = False
        self._show_inquiry()
        self._sentences_filled = self._all_sentences_filled()

    def _show_answers(self, answers: dict[str, str], only_templates: bool = False, skip: str = "") -> None:
        """Answers as the report prints them: proposed sentences with the company's facts filled in.

        Only what the user types is saved, so an untouched proposal keeps following the facts
        (a new reporting year, another executive sponsor) until the user rewrites it.
        """
        question_keys = {q.key for q in diligence.questions()}
        shown = diligence.resolved_answers(
            {k: v for k, v in answers.items() if k in question_keys}, answer_context(self.project)
        )
        for key, editor in self.editors.items():
            if key == skip or (only_templates and "$" not in answers.get(key, "")):
                continue
            text = shown.get(key, answers.get(key, ""))
            if isinstance(editor, AnswerEdit):
                if editor.toPlainText() != text:
                    editor.setPlainText(text)
            elif editor.text() != text:
                editor.setText(text)

    def _show_inquiry(self) -> None:
        rolled = project_rollup(self.project)
        conclusion = project_conclusion(self.project, rolled)
        determination = conclusion.determination
        self.outcome_box.show_conclusion(self.project, conclusion, OUTCOME_NOTES.get(determination.outcome, ""))
        self.determination = determination

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
        if key in diligence.default_answers() or key == REPORT_URL_KEY:
            # Proposed sentences that use this fact show the new value at once.
            self._loading = True
            try:
                self._show_answers(project_answers(self.project), only_templates=True, skip=key)
            finally:
                self._loading = False
        filled = self._all_sentences_filled()
        if filled != self._sentences_filled:
            self._sentences_filled = filled
            self.completeness_changed.emit()

    def _ipsa_changed(self, checked: bool) -> None:
        self.ipsa_auditor.setEnabled(checked)
        self._save(IPSA_KEY, "yes" if checked else "")

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

    def _all_sentences_filled(self) -> bool:
        if self.project is None:
            return False
        answers = project_answers(self.project)
        return all(answers.get(q.key, "").strip() for q in diligence.questions())

    def is_complete(self) -> bool:
        # The proposed sentences fill every answer, so the step is done only once the earlier steps
        # have settled what is filed.
        settled = (Outcome.SD_WITH_CMR, Outcome.SD_ONLY, Outcome.NO_FILING)
        return self._all_sentences_filled() and self.determination is not None and self.determination.outcome in settled

    def step_note(self) -> str:
        if self.project is None:
            return ""
        if not self._all_sentences_filled():
            return "some answers are empty"
        return {
            Outcome.SD_WITH_CMR: "Form SD with a CMR",
            Outcome.SD_ONLY: "Form SD only",
            Outcome.NO_FILING: "no Form SD needed",
        }.get(self.determination.outcome if self.determination else None, "")
