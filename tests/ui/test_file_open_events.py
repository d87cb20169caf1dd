"""Double-clicking a project on macOS reaches the app as a FileOpen event."""

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from desktop.core.project import Project
from desktop.ui.file_open_events import ProjectFileOpener
from desktop.ui.main_window import create_main_window


def test_a_file_open_event_opens_the_project(qtbot, tmp_path):
    path = tmp_path / "Opened 2025.cmdesk"
    Project.create(path, company_name="Opened Co").close()
    window = create_main_window()
    qtbot.addWidget(window)
    opener = ProjectFileOpener(window)
    app = QApplication.instance()
    app.installEventFilter(opener)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(path)))
    finally:
        app.removeEventFilter(opener)
    assert window.project is not None and window.project.path == path
    window.close()


def test_other_files_are_left_alone(qtbot, tmp_path):
    window = create_main_window()
    qtbot.addWidget(window)
    opener = ProjectFileOpener(window)
    assert not opener.eventFilter(QApplication.instance(), QFileOpenEvent(str(tmp_path / "notes.txt")))
    assert window.project is None
    window.close()
