"""The stepper: a visible list of steps on the left, the current page on the right, Back/Next below."""

from __future__ import annotations

from contextlib import nullcontext

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.filing.evidence import compute_ahead, computed, figures_known
from desktop.core.foreground import enter_window_busy, leave_window_busy, window_busy
from desktop.core.project import Project
from desktop.core.sample.project import SAMPLE_SETTING
from desktop.ui.pages.base import WizardPage
from desktop.ui.widgets.elided_label import ElidedLabel


# While figures are worked out off the UI thread, a tick fills in or loads one step at a time; the
# first comes once the opened project's window has painted.
TICK_MS, FIRST_TICK_MS = 25, 250
PAINT_MS = 150  # after a click on a step, how long background figure work gives way to the window
# Steps not on screen whose data changed are loaded again (one per tick) once the data has not
# changed for this long: their list notes and ticks stay true, and typing is never slowed by it.
QUIET_MS = 1000


def _busy_until_painted() -> None:
    """Background work gives way from now until PAINT_MS after the window's current work is done:
    the 0 ms timer fires when the event loop next turns (on a busy machine, opening a project or
    filling in a step could outlast PAINT_MS counted from its start, and the worker would take a
    core while the window paints)."""
    enter_window_busy()
    QTimer.singleShot(0, lambda: QTimer.singleShot(PAINT_MS, leave_window_busy))


class WizardView(QWidget):
    def __init__(self, page_classes: list[type[WizardPage]], parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self._loading = False
        # Per page, the project's data version it last loaded: showing a page again when nothing
        # changed keeps what it shows (a 500-supplier page took seconds to build again).
        self._loaded_at: dict[int, int] = {}
        # On opening, the steps that show the roll-up are loaded once its figures are worked out
        # off the UI thread (a 500-supplier project took seconds to paint when all loaded first).
        self._figures = None
        self._figures_timer = QTimer(self)
        self._figures_timer.setInterval(TICK_MS)
        self._figures_timer.timeout.connect(self._load_when_figures_known)
        self._quiet_timer = QTimer(self)  # restarted by each change of the data: then the steps behind
        self._quiet_timer.setSingleShot(True)
        self._quiet_timer.setInterval(QUIET_MS)
        self._quiet_timer.timeout.connect(lambda: self._figures_timer.start(TICK_MS))
        self._quiet_since = -1  # the data version the quiet timer was started for

        self.step_list = QListWidget()
        self.step_list.setObjectName("stepList")
        self.step_list.setFixedWidth(230)
        self.step_list.setFocusPolicy(Qt.NoFocus)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()

        self.save_status = ElidedLabel()  # a long project path is shortened in its middle, not cut off
        self.save_status.setObjectName("saveStatus")
        self.back_button = QPushButton("Back")
        self.back_button.clicked.connect(lambda: self.step_list.setCurrentRow(self.current_index() - 1))
        self.next_button = QPushButton("Next")
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self.go_next)

        footer = QHBoxLayout()
        footer.addWidget(self.save_status, 1)
        footer.addWidget(self.back_button)
        footer.addWidget(self.next_button)

        self.sample_banner = QLabel()
        self.sample_banner.setObjectName("sampleBanner")
        self.sample_banner.setWordWrap(True)
        self.sample_banner.hide()

        right = QVBoxLayout()
        right.setContentsMargins(24, 16, 24, 16)
        right.addWidget(self.sample_banner)
        right.addWidget(self.stack, 1)
        right.addLayout(footer)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.step_list)
        layout.addLayout(right, 1)

        # The pages are built last, each inside the stack from its start: under the application's
        # style sheet, every widget moved into another parent is styled again with all it holds,
        # so pages built apart and then moved in were styled two or three times (0.1-0.2 s of
        # opening the first project, issue 13). The window passes itself as `parent` for the same reason.
        self.pages: list[WizardPage] = []
        for cls in page_classes:
            page = cls(self.stack)
            self.pages.append(page)
            self.stack.addWidget(page)
            self.step_list.addItem(QListWidgetItem())
            page.completeness_changed.connect(self._refresh_steps)
            if hasattr(page, "go_to_step"):
                page.go_to_step.connect(self.go_to_step)
        self.step_list.currentRowChanged.connect(self._go_to)

    def unload(self) -> None:
        """Forget the closed project, so no page reads from a closed file."""
        self.project = None
        self._loaded_at.clear()
        self._figures_timer.stop()
        self._quiet_timer.stop()
        self._figures = None
        for page in self.pages:
            page.project = None
            page.clear_messages()  # nothing said about one project may show in the next

    def load(self, project: Project) -> None:
        self.unload()
        self.project = project
        self.save_status.setText(f"Saved automatically in {project.path}")
        notice = project.setting(SAMPLE_SETTING, "")
        self.sample_banner.setText(notice)
        self.sample_banner.setVisible(bool(notice))
        # While the figures are worked out, the UI thread gets Python's lock back within 0.5 ms
        # rather than 5 (each call from Qt into Python waited for it: filling in the files list
        # of 500 suppliers took 2 s instead of 0.5 s while the roll-up ran).
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.0005))
        _busy_until_painted()  # the window paints first; the figures worker waits meanwhile
        self._figures = compute_ahead(project)
        project.check_originals_ahead()  # the Export step's first readiness check finds them hashed
        start = min(max(int(project.setting("current_step", "0") or 0), 0), len(self.pages) - 1)
        self._loading = True  # pages signal changes while loading; refresh the steps once at the end
        try:
            for index, page in enumerate(self.pages):
                if index == start or not page.needs_figures:
                    self._load_page(index)
        finally:
            self._loading = False
        self._loading = True  # the step shown first is filled in by a tick, once the window has painted
        try:
            self.step_list.setCurrentRow(start)
        finally:
            self._loading = False
        self._refresh_steps()
        self._figures_timer.start(FIRST_TICK_MS)  # the window paints first

    def steps_loaded(self) -> bool:
        """Every step has loaded and shows its figures (none waits for them any more)."""
        return (self.project is not None and len(self._loaded_at) == len(self.pages)
                and not any(page.showing_placeholders() for page in self.pages))

    def _load_when_figures_known(self) -> None:
        """While figures are worked out off the UI thread: load the steps not shown yet, and fill
        in those showing placeholders as their figures arrive, the step shown first; one step per
        tick, so the window answers clicks between them."""
        if self.project is None:
            return
        self._figures_timer.stop()  # restarted below while work remains; a failure does not repeat
        if not self.steps_loaded() and self._figures.done() and not figures_known(self.project):
            self._figures = compute_ahead(self.project)  # the data changed meanwhile
        current = self.current_index()
        by_nearness = sorted(range(len(self.pages)), key=lambda index: (abs(index - current), index))
        changed = False
        for index in by_nearness:
            page = self.pages[index]
            if index not in self._loaded_at or not page.showing_placeholders():
                continue
            if index != current and not self._figures.done():
                continue  # a step not shown is filled in once the worker is done: no longer pause alongside it
            with window_busy() if index == current else nullcontext():  # the step on screen first
                arrived = page.figures_arrived()
            if arrived:
                changed = True
                break
        else:  # nothing filled in this tick: load the nearest step not loaded yet, or behind the data
            waiting = [index for index in by_nearness if index not in self._loaded_at]
            catching_up = not waiting
            if catching_up and not self._quiet_timer.isActive():
                waiting = [index for index in by_nearness if index in self._loadable_behind()]
            if waiting:
                self._loading = True
                try:
                    self._load_page(waiting[0], start_figures=not catching_up)
                finally:
                    self._loading = False
                changed = True
        if not self.steps_loaded() or (self._loadable_behind() and not self._quiet_timer.isActive()):
            self._figures_timer.start(TICK_MS)
        if changed:
            self._refresh_steps()

    def _behind_the_data(self) -> list[int]:
        """Steps loaded from older data than the project's now, other than the one on screen (shown
        again, a step loads afresh; the one on screen made the change and keeps what the user sees)."""
        version = self.project.data_version() if self.project is not None else None
        return [index for index, loaded in self._loaded_at.items()
                if loaded != version and index != self.current_index()]

    def _loadable_behind(self) -> list[int]:
        """Steps behind the data whose figure is known: they are loaded again without setting the
        figures worker going (after each decision it worked out the supplier questions of 500
        files, 0.6 s of a core); the others are loaded when shown, or once their figure is known."""
        known = self.project is not None and figures_known(self.project)
        return [index for index in self._behind_the_data()
                if known or not self.pages[index].needs_figures
                or computed(self.project, self.pages[index].figures_shown)]

    def go_next(self) -> None:
        if self.pages[self.current_index()].before_next():
            self.step_list.setCurrentRow(self.current_index() + 1)

    def current_index(self) -> int:
        return self.stack.currentIndex()

    def page(self, page_class: type[WizardPage]) -> WizardPage:
        return next(p for p in self.pages if isinstance(p, page_class))

    def go_to_page(self, page_class: type[WizardPage]) -> None:
        self.step_list.setCurrentRow(self.pages.index(self.page(page_class)))

    # Readiness step names (desktop.core.filing.readiness STEP_*) and the page that fixes each.
    STEP_PAGES = {
        "company": "CompanyPage", "products": "ProductsPage", "suppliers": "SuppliersPage",
        "smelters": "SmelterReviewPage", "diligence": "DiligencePage", "export": "ExportPage",
    }  # fmt: skip

    def go_to_step(self, step: str) -> None:
        name = self.STEP_PAGES.get(step)
        for index, page in enumerate(self.pages):
            if type(page).__name__ == name:
                self.step_list.setCurrentRow(index)
                return

    def _go_to(self, index: int) -> None:
        if index < 0 or index >= len(self.pages):
            return
        # The figures worked out in the background wait while the step fills in, and a moment
        # more while it is laid out and painted (Qt calls into Python for every cell it paints).
        _busy_until_painted()
        self._show_step(index)

    def _show_step(self, index: int) -> None:
        page = self.pages[index]
        if (self.project is not None and self.stack.currentWidget() is not page
                and self._loaded_at.get(index) != self.project.data_version()):
            self._load_page(index)  # other steps have changed the data this one shows
        elif page.showing_placeholders() and not self._loading:
            page.figures_arrived()  # what has arrived since the last tick shows at once
        self.stack.setCurrentIndex(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)
        if self.project is not None:
            self.project.set_setting("current_step", str(index))
        self._refresh_steps()  # what was done on the page left may have finished other steps too

    def _load_page(self, index: int, start_figures: bool = True) -> None:
        """`start_figures`: False when a step not on screen catches up with the data, the figure it
        shows known already: the rest (the supplier questions of every file, 0.6 s of a core at
        500 suppliers) is worked out when a step that shows it is shown."""
        page = self.pages[index]
        if start_figures and page.needs_figures and not figures_known(self.project):
            # The data changed since: work the figures out again off the UI thread (the step
            # shows placeholders meanwhile, and is filled in when they arrive).
            self._figures = compute_ahead(self.project)
            self._figures_timer.start(TICK_MS)
        page.load(self.project)
        self._loaded_at[index] = self.project.data_version()

    def _refresh_steps(self) -> None:
        if self.project is None:
            return
        if not self._figures_timer.isActive() and any(self.pages[i].showing_placeholders() for i in self._loaded_at):
            self._figures_timer.start(TICK_MS)  # a step shows placeholders: fill it in when figures arrive
        if self._loading:
            return
        version = self.project.data_version()
        if version != self._quiet_since and self._behind_the_data():
            self._quiet_since = version
            self._quiet_timer.start()  # once the user pauses, the steps behind are loaded again
        for index, page in enumerate(self.pages):
            if index not in self._loaded_at:  # its figures are still being worked out
                self.step_list.item(index).setText(f"{index + 1}   {page.title}")
                continue
            mark = "✓" if page.is_complete() else f"{index + 1}"
            note = page.step_note()
            text = f"{mark}   {page.title}"
            if note:
                # The list is 230 px wide: a long note ("389 smelters, 7,594 to resolve") takes a line per part.
                parts = note.split(", ") if len(note) > 26 else [note]
                text += "".join(f"\n      {part}" for part in parts)
            self.step_list.item(index).setText(text)
