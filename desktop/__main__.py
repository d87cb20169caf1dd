"""`python -m desktop` starts the app; `python -m desktop check FILE...` checks CMRTs headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen app's CMRT reading workers start here
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "check":
        from desktop.cli import check_main  # no Qt on this path

        return check_main(args[1:])
    from desktop.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
