"""`python -m desktop` opens the window; `python -m desktop COMMAND ...` runs a command without Qt.

`python -m desktop --help` lists the commands (desktop/cli.py). The `cmdesk` script runs only the
commands and prints the help when none is given; `conflict-minerals-desk` is the window.
"""

from __future__ import annotations

import sys
from pathlib import Path

HELP_FLAGS = ("-h", "--help")
PROJECT_SUFFIX = ".cmdesk"


def _is_command_line(args: list[str], commands) -> bool:
    """A command, a request for help, or a word that is neither an option nor a project file (a
    mistyped command: the command line says so rather than the window failing to open it)."""
    if not args:
        return False
    first = args[0]
    if first in commands or first in HELP_FLAGS:
        return True
    return not first.startswith("-") and not first.lower().endswith(PROJECT_SUFFIX) and not Path(first).exists()


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen app's CMRT reading workers start here
    args = list(sys.argv[1:] if argv is None else argv)
    from desktop.cli import COMMANDS  # no Qt on this path

    if _is_command_line(args, COMMANDS):
        from desktop.cli import main as cli_main

        return cli_main(args, prog="python -m desktop")
    from desktop.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
