"""The main window: the start screen until a project is open, then the wizard."""

from __future__ import annotations

import sqlite3
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QStackedWidget, QWidget

from desktop import APP_NAME, PROJECT_SUFFIX, __version__
from desktop.core.paths import data_dir, default_projects_dir, resource_path
from desktop.core.project.errors import ProjectError, SaveFailed
from desktop.core.project.recent import forget_project, recent_projects, remember_project
from desktop.ui import dialogs
from desktop.ui.start_screen import StartScreen
from desktop.ui.style import apply_style
from desktop.ui.warm_up import import_while_idle

if TYPE_CHECKING:
    from desktop.core.project import Project
    from desktop.ui.wizard import WizardView


# The wizard's steps, in order: (module in desktop.ui.pages, class).
PAGES = (
    ("company_page", "CompanyPage"), ("products_page", "ProductsPage"), ("suppliers_page", "SuppliersPage"),
    ("smelters_page", "SmelterReviewPage"), ("diligence_page", "DiligencePage"), ("export_page", "ExportPage"),
)
# What opening a project imports, imported while the start screen waits (warm_up.py); the smelter
# matching first, as the largest part of what the store imports.
OPENING_MODULES = (
    "desktop.core.smelters", "desktop.core.project.store", "desktop.core.smelters.project_reference",
    "desktop.ui.wizard",
    *(f"desktop.ui.pages.{module}" for module, _ in PAGES),
)


def page_classes() -> list[type]:
    """The wizard's steps, in order, imported when the first project opens (or while the start
    screen waits): launching paints the start screen without them (0.3 s of imports, issue 13)."""
    return [getattr(import_module(f"desktop.ui.pages.{module}"), name) for module, name in PAGES]


def __getattr__(name: str):
    if name == "PAGE_CLASSES":  # the steps, as this module has always offered them
        return page_classes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.resize(1280, 800)
        self.setMinimumSize(960, 600)

        self.start_screen = StartScreen()
        self.start_screen.new_requested.connect(self.new_project)
        self.start_screen.open_requested.connect(self.open_project_dialog)
        self.start_screen.recent_chosen.connect(self.open_project)
        self.start_screen.sample_requested.connect(self.open_sample_project)
        self._wizard: WizardView | None = None
        self.screens = QStackedWidget()
        self.screens.addWidget(self.start_screen)
        self.setCentralWidget(self.screens)
        self.compare_dialog = None  # File > Compare with last year, while it is open
        self._build_menus()
        self._show_start()
        self.setAcceptDrops(True)  # supplier files dropped anywhere on the window are imported
        import_while_idle(OPENING_MODULES, lambda: self._wizard is not None, self)

    @property
    def wizard(self) -> WizardView:
        """The steps, built when first needed: the start screen paints without six pages."""
        if self._wizard is None:
            from desktop.ui.wizard import WizardView

            # Built inside the window: a widget moved in afterwards is styled again (wizard.py).
            self._wizard = WizardView(page_classes(), self.screens)
            self.screens.addWidget(self._wizard)
        return self._wizard

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._add_action(file_menu, "&New project…", self.new_project, QKeySequence.New)
        self._add_action(file_menu, "&Open project…", self.open_project_dialog, QKeySequence.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._add_action(file_menu, "Open &sample project", self.open_sample_project)
        file_menu.addSeparator()
        self.save_copy_action = self._add_action(file_menu, "Save a &copy as…", self.save_copy_as)
        self.close_action = self._add_action(file_menu, "&Close project", self.close_project, QKeySequence.Close)
        file_menu.addSeparator()
        self.next_year_action = self._add_action(file_menu, "Start &next year's filing…", self.start_next_year)
        self.compare_action = self._add_action(file_menu, "Compare with &last year…", self.compare_with_last_year)
        file_menu.addSeparator()
        self._add_action(file_menu, "&Quit", self.close, QKeySequence.Quit)
        reference_menu = self.menuBar().addMenu("&Smelter reference")
        self._add_action(reference_menu, "&Update from RMI files…", self.update_reference)
        self._add_action(reference_menu, "&About the reference data", self.show_reference_info)
        help_menu = self.menuBar().addMenu("&Help")
        self._add_action(help_menu, "&Words used here", self.show_glossary)
        self._add_action(help_menu, "&About", self.show_about)

    def _add_action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = recent_projects()
        if not paths:
            self.recent_menu.addAction("No recent projects").setEnabled(False)
        for path in paths:
            self.recent_menu.addAction(path.name, lambda p=path: self.open_project(p))

    # -- project lifecycle -----------------------------------------------------------------------

    def new_project(self) -> None:
        answer = dialogs.ask_new_project(self, default_projects_dir())
        if answer is None:
            return
        path, company, year = answer
        from desktop.core.project import Project
        from desktop.core.smelters.project_reference import ensure_snapshot

        try:
            project = Project.create(path, company_name=company, reporting_year=year)
            ensure_snapshot(project)  # a new project starts from the statuses in force today
        except (ProjectError, OSError) as error:
            dialogs.show_error(self, "Could not create the project", str(error))
            return
        self._show_project(project)

    def open_sample_project(self) -> bool:
        """A fresh copy of the sample project, rebuilt each time so the demo always starts clean."""
        from desktop.core.sample.project import create_sample_project

        self.close_project()
        path = data_dir() / "sample" / f"Northwind Instruments 2025 (sample){PROJECT_SUFFIX}"
        try:
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)
            create_sample_project(path).close()
        except Exception as error:  # a broken install (missing sample files) must not crash the app
            dialogs.show_error(self, "Could not open the sample project", str(error))
            return False
        return self.open_project(path)

    def open_project_dialog(self) -> None:
        path = dialogs.ask_open_project(self, default_projects_dir())
        if path is not None:
            self.open_project(path)

    def open_project(self, path: str | Path) -> bool:
        # Imported here, as the store and the smelter reference are: launching paints without them.
        from desktop.core.project import Project
        from desktop.core.smelters.project_reference import ensure_snapshot

        path = Path(path)
        try:
            project = Project.open(path)
        except ProjectError as error:
            dialogs.show_error(self, "Could not open the project", str(error))
            if not path.exists():
                forget_project(path)
                self.start_screen.refresh()
            return False
        except OSError as error:
            dialogs.show_error(self, "Could not open the project", f"{path}: {error.strerror or error}")
            return False
        try:
            notice = ensure_snapshot(project)
        except (ValueError, OSError) as error:  # an unreadable reference must not lose the project
            notice = f"The smelter statuses could not be stored in this project: {error}"
        self._show_project(project)
        if notice:
            dialogs.show_info(self, "Smelter statuses kept in this project", notice)
        return True

    def _show_project(self, project: Project) -> None:
        self.close_project()
        self.project = project
        remember_project(project.path)
        self.wizard.load(project)
        self.screens.setCurrentWidget(self.wizard)
        self._update_title()
        self.save_copy_action.setEnabled(True)
        self.close_action.setEnabled(True)
        self.next_year_action.setEnabled(True)
        self.compare_action.setEnabled(True)

    def close_project(self) -> None:
        if self.project is not None:
            self.wizard.unload()
            self.project.close()
            self.project = None
        self._show_start()

    def _show_start(self) -> None:
        self.start_screen.refresh()
        self.screens.setCurrentWidget(self.start_screen)
        self.save_copy_action.setEnabled(False)
        self.close_action.setEnabled(False)
        self.next_year_action.setEnabled(False)
        self.compare_action.setEnabled(False)
        self._update_title()

    def _update_title(self) -> None:
        if self.project is None:
            self.setWindowTitle(APP_NAME)
        else:
            self.setWindowTitle(f"{self.project.path.stem} — {APP_NAME}")

    def save_copy_as(self) -> None:
        if self.project is None:
            return
        target = dialogs.ask_save_project_as(self, self.project.path.with_name(self.project.path.stem + " copy.cmdesk"))
        if target is None:
            return
        try:
            self.project.save_copy_as(target)
        except ProjectError as error:  # names the target and the reason (a full disk, a read-only folder)
            dialogs.show_error(self, "Could not save a copy", str(error))

    # -- year to year ----------------------------------------------------------------------------

    def start_next_year(self) -> None:
        # Imported here: launching paints the start screen without the roll-up and export stack (issue 13).
        from desktop.core.filing.next_year import start_next_year as carry_into_next_year
        from desktop.core.filing.next_year import suggested_path

        if self.project is None:
            return
        target = dialogs.ask_next_year_project(self, suggested_path(self.project))
        if target is None:
            return
        try:
            new = carry_into_next_year(self.project, target)
        except (ProjectError, OSError, ValueError) as error:
            dialogs.show_error(self, "Could not start next year's filing", str(error))
            return
        self._show_project(new)
        dialogs.show_info(self, "Next year's filing started", NEXT_YEAR_NOTE)

    def compare_with_last_year(self) -> None:
        from desktop.core.filing.compare import compare_projects
        from desktop.core.project import Project
        from desktop.core.filing.next_year import CARRIED_FROM_KEY
        from desktop.ui.dialogs.compare import CompareDialog

        if self.project is None:
            return
        remembered = Path(self.project.setting(CARRIED_FROM_KEY, "") or ".")
        other_path = remembered if remembered.is_file() else dialogs.ask_open_project(self, default_projects_dir())
        if other_path is None:
            return
        if other_path.resolve() == self.project.path.resolve():
            dialogs.show_error(self, "Choose last year's project", "That is the project already open.")
            return
        try:
            other = Project.open(other_path)
        except (ProjectError, OSError) as error:
            dialogs.show_error(self, "Could not open last year's project", str(error))
            return
        try:
            result = compare_projects(other, self.project)
        finally:
            other.close()
        self.compare_dialog = CompareDialog(result, self)
        self.compare_dialog.resize(self.size() * 0.9)
        self.compare_dialog.open()

    # -- changes that could not be saved ---------------------------------------------------------

    def handle_exception(self, error: BaseException) -> bool:
        """Called by the app's exception hook: a change that failed to save is the user's business
        (not a log line): say what was not saved and offer to try again or to save a copy elsewhere."""
        if isinstance(error, SaveFailed):
            self.report_save_failure(error)
            return True
        if isinstance(error, sqlite3.DatabaseError) and self.project is not None:  # a damaged page, read
            state = "could not be read just now" if isinstance(error, sqlite3.OperationalError) else "is damaged"
            dialogs.show_error(self, "Part of the project could not be read",
                               f"{self.project.path} {state} ({error}). What the window shows may be incomplete. "
                               "Use File > Save a copy as… to keep a copy, and restore the project from a backup "
                               "if this happens again.")
            return True
        return False

    def report_save_failure(self, error: SaveFailed) -> None:
        for _attempt in range(20):  # each answer is the user's; the bound only guards against a loop
            choice = dialogs.ask_after_save_failure(self, str(error) + (
                "" if error.retry else " Make the change again once the problem is solved."))
            if choice == "retry" and error.retry is not None:
                try:
                    error.retry()
                except SaveFailed as again:
                    again.retry = again.retry or error.retry
                    error = again
                    continue
                return
            if choice == "copy":
                self.save_copy_as()
                continue  # the change itself is still not saved: ask again
            return

    def update_reference(self) -> None:
        from desktop.ui.dialogs.reference_update import ReferenceUpdateDialog

        applied = ReferenceUpdateDialog(self).exec() == ReferenceUpdateDialog.Accepted
        if applied and self.project is not None:
            self.wizard.load(self.project)  # statuses and matches may have changed

    def show_reference_info(self) -> None:
        from desktop.ui.dialogs.reference_update import reference_summary

        dialogs.show_info(self, "Smelter reference", reference_summary())

    def show_glossary(self) -> None:
        from desktop.ui.glossary import glossary_text

        dialogs.show_info(self, "Words used here", glossary_text())

    def show_about(self) -> None:
        dialogs.show_info(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nPrepares SEC Form SD, the Conflict Minerals Report and "
            "Annex A from your suppliers' CMRT files, offline.",
        )

    # -- drag and drop of supplier files ---------------------------------------------------------

    @staticmethod
    def _dropped_paths(event) -> list[Path]:
        return [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]

    def dragEnterEvent(self, event) -> None:
        if self.project is not None and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        paths = self._dropped_paths(event)
        if self.project is None or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        from desktop.ui.pages.suppliers_page import SuppliersPage

        self.wizard.go_to_page(SuppliersPage)
        self.wizard.page(SuppliersPage).start_import(paths)

    def changeEvent(self, event) -> None:
        # The system switched between light and dark: the style sheet's colours follow.
        if event.type() == QEvent.PaletteChange and QApplication.instance() is not None:
            apply_style(QApplication.instance())
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        # Everything is already saved; closing only checkpoints the project file.
        self.close_project()
        super().closeEvent(event)


NEXT_YEAR_NOTE = (
    "Carried over: the company facts (with the next reporting year), the products, the supplier roster, "
    "your smelter matching decisions and the due diligence wording. To do again: answer the product "
    "questions for the new year, ask each supplier (no one is marked as asked yet), import their new "
    "CMRTs, and confirm each due diligence sentence for this year's report. The smelter statuses are "
    "the newest the app has."
)


def create_main_window(project_path: str | Path | None = None) -> MainWindow:
    """The app's window, styled, with a project opened when a path is given."""
    app = QApplication.instance()
    if app is not None:
        app.setApplicationName(APP_NAME)
        apply_style(app)
        app.setWindowIcon(QIcon(str(resource_path("icons", "app-icon-256.png"))))
    window = MainWindow()
    if project_path:
        window.open_project(project_path)
    return window
