"""The command line, without Qt: `python -m desktop COMMAND ...` or `cmdesk COMMAND ...`.

`check` reads and checks supplier CMRTs (files, or folders searched as the app's import does) and
prints, per file, the revision, company, scope, smelters per metal and the findings; `--json`
prints the same for machines. Exit status: 0 when every file could be used, 1 when any file was
unreadable or unusable (or a folder held no workbook), 2 for a usage error.

`summary` prints what a project will file (desktop/cli_summary.py); `compare` sets two filing
years side by side (desktop/cli_compare.py).

Each command is one entry of COMMANDS: a function that adds its sub-parser and sets `run`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from enum import Enum
from pathlib import Path

from desktop.cli_compare import add_compare
from desktop.cli_summary import add_summary
from desktop.core.cmrt.model import METALS, Declaration, UnreadableFile, Verdict

WINDOW_USAGE = (
    "Without a command, `python -m desktop [PROJECT.cmdesk]` opens the window (also installed as "
    "conflict-minerals-desk); `--smoke-test` checks a new installation offscreen."
)


def _add_check(commands) -> None:
    parser = commands.add_parser(
        "check",
        help="read and check supplier CMRT workbooks (files or folders)",
        description="Read and check supplier CMRT workbooks. A folder is searched, with its "
                    "subfolders, for .xlsx, .xlsm and .xls files, as the app's import does.",
    )
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER",
                        help="CMRT workbooks (.xlsx, .xlsm, .xls), or folders holding them")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument("--workers", type=int, default=2, help="processes to use (default 2)")
    parser.set_defaults(run=_run_check)


# name -> adds the command's sub-parser; the help lists them in this order.
COMMANDS: dict[str, Callable] = {
    "check": _add_check,
    "summary": add_summary,
    "compare": add_compare,
}


def build_parser(prog: str = "python -m desktop") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="The conflict-minerals filing desk on the command line. " + WINDOW_USAGE,
        epilog=f"Run `{prog} COMMAND --help` for a command's options.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for add in COMMANDS.values():
        add(commands)
    return parser


def main(argv: list[str] | None = None, prog: str = "cmdesk") -> int:
    """The `cmdesk` entry point: a command, or the help when none is given (never the window)."""
    args = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(prog)
    if not args:
        parser.print_help()
        return 0
    try:
        options = parser.parse_args(args)
    except SystemExit as stop:  # argparse exits on --help and on errors; report instead of exiting
        return int(stop.code or 0)
    if options.command is None:  # options only, no command
        parser.print_help()
        return 2
    return options.run(options)


def check_main(argv: list[str]) -> int:
    """`check` with its own arguments (the command line minus the word "check")."""
    return main(["check", *argv], prog="python -m desktop")


def expand_check_paths(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The files to check (folders expanded as the app's import expands them), and a problem line
    for each folder that holds no workbook."""
    from desktop.core.suppliers.inquiry import WORKBOOK_SUFFIXES, expand_paths

    files: list[Path] = []
    empty: list[str] = []
    for given in map(Path, paths):
        found = expand_paths([given])
        if given.is_dir() and not found:
            suffixes = ", ".join(sorted(WORKBOOK_SUFFIXES))
            empty.append(f"{given}\n  NO WORKBOOKS: this folder (and its subfolders) holds no {suffixes} file.\n")
        files += found
    unique = list(dict.fromkeys(files))  # a file named twice, or inside two given folders, once
    return unique, empty


def _run_check(options: argparse.Namespace) -> int:
    from desktop.core.cmrt import load_many

    _tolerate_narrow_console()
    files, empty = expand_check_paths(options.paths)
    results = load_many(files, workers=options.workers)
    if options.json:
        print(json.dumps([_as_json(result) for result in results], indent=2, ensure_ascii=False,
                         default=_json_default))
        for line in empty:
            print(line, file=sys.stderr, end="")
    else:
        for result in results:
            print(_as_text(result))
        for line in empty:
            print(line)
        if len(results) > 1:
            print(_totals(results))
    unusable = any(isinstance(result, UnreadableFile) or result.verdict == Verdict.UNUSABLE for result in results)
    return 1 if unusable or empty else 0


def _totals(results: list[Declaration | UnreadableFile]) -> str:
    verdicts = [Verdict.UNUSABLE if isinstance(r, UnreadableFile) else r.verdict for r in results]
    words = {Verdict.COMPLETE: "complete", Verdict.NEEDS_FOLLOW_UP: "need follow-up", Verdict.UNUSABLE: "unusable"}
    counts = ", ".join(f"{verdicts.count(v)} {words[v]}" for v in Verdict if verdicts.count(v))
    return f"{len(results)} files checked: {counts}."


def _tolerate_narrow_console() -> None:
    """A Windows console on a legacy code page cannot print Chinese smelter names; replace, don't crash."""
    try:
        sys.stdout.reconfigure(errors="replace")
    except (AttributeError, ValueError):
        pass


# Control characters (escape sequences, line breaks inside a name) and the bidirectional overrides
# that reorder what a terminal shows: a supplier's file must not be able to rewrite the report.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """Text from a file, printable as one line: unsafe characters shown as \\x1b-style escapes."""
    return _UNSAFE.sub(lambda match: f"\\x{ord(match.group()):02x}" if ord(match.group()) < 256
                       else f"\\u{ord(match.group()):04x}", str(text))


def _as_text(result: Declaration | UnreadableFile) -> str:
    if isinstance(result, UnreadableFile):
        return f"{safe(result.path)}\n  UNREADABLE: {safe(result.problem)} {safe(result.advice)}".rstrip() + "\n"
    company = result.company
    counts = result.smelter_counts()
    lines = [
        safe(result.path),
        f"  {safe(result.family)} {safe(result.revision)}   verdict: {result.verdict.value}",
        f"  company: {safe(company.name) or '(no name)'}",
        f"  scope:   {safe(company.scope_label) or '(none)'}",
        "  smelters: " + ", ".join(f"{metal} {counts[metal]}" for metal in METALS)
        + f" (rows: {len(result.smelters)})",
    ]
    if result.findings:
        lines.append(f"  findings ({len(result.findings)}):")
        # The check's code goes last, in words: "[error] B2:" in front read like a cell reference.
        lines += [
            f"    {finding.severity.value.capitalize()}: {safe(finding.message)} (check {finding.rule_id})"
            for finding in result.findings
        ]
    else:
        lines.append("  findings: none")
    return "\n".join(lines) + "\n"


def _as_json(result: Declaration | UnreadableFile) -> dict:
    if isinstance(result, UnreadableFile):
        return {"path": result.path, "readable": False, "problem": result.problem, "advice": result.advice,
                "verdict": Verdict.UNUSABLE.value}
    data = asdict(result)
    data["readable"] = True
    data["smelter_counts"] = result.smelter_counts()
    for answers in data["metal_answers"].values():
        for answer in answers:
            answer.pop("raw", None)
    for answer in data["company_answers"]:
        answer.pop("raw", None)
    return data


def _json_default(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
