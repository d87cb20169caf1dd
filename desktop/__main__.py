"""`python -m desktop` opens the window; `python -m desktop COMMAND ...` runs a command without Qt.

`python -m desktop --help` lists the commands (desktop/cli.py). The `cmdesk` script runs only the
commands and prints the help when none is given; `conflict-minerals-desk` is the window.
"""

from __future__ import annotations

import sys

HELP_FLAGS = ("-h", "--help")


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen app's CMRT reading workers start here
    args = list(sys.argv[1:] if argv is None else argv)
    from desktop.cli import COMMANDS  # no Qt on this path

    if args and (args[0] in COMMANDS or args[0] in HELP_FLAGS):
        from desktop.cli import main as cli_main

        return cli_main(args, prog="python -m desktop")
    from desktop.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
