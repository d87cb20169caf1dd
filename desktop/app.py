"""Start the Qt application (the GUI entry point)."""

from __future__ import annotations

import argparse
import sys


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="conflict-minerals-desk")
    parser.add_argument("project", nargs="?", help="a project file (.cmdesk) to open")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start offscreen, open the sample project, render every page, write the reports, exit",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    # CMRT batches are read in worker processes; a frozen app must let them start as workers.
    import multiprocessing

    multiprocessing.freeze_support()
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.smoke_test:
        from desktop.smoke import run_smoke_test

        return run_smoke_test()

    from PySide6.QtWidgets import QApplication

    from desktop.ui.file_open_events import ProjectFileOpener
    from desktop.ui.main_window import create_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = create_main_window(project_path=args.project)
    previous_hook = sys.excepthook

    def show_save_failures(kind, error, trace):  # an exception in a slot reaches here, not the user
        if not window.handle_exception(error):
            previous_hook(kind, error, trace)

    sys.excepthook = show_save_failures
    app.installEventFilter(ProjectFileOpener(window))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
