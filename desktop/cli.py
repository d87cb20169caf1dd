"""`python -m desktop check FILE...`: check supplier CMRTs from a terminal, without Qt.

Prints, per file, the revision, company, scope, smelters per metal and the findings; `--json`
prints the same for machines. Exit status: 0 when every file could be used, 1 when any file was
unreadable or unusable, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date, datetime
from enum import Enum

from desktop.core.cmrt import load_many
from desktop.core.cmrt.model import METALS, Declaration, UnreadableFile, Verdict


def check_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop check",
                                     description="Read and check supplier CMRT workbooks.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="CMRT workbooks (.xlsx, .xlsm, .xls)")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument("--workers", type=int, default=2, help="processes to use (default 2)")
    try:
        options = parser.parse_args(argv)
    except SystemExit as stop:  # argparse exits on --help and on errors; report instead of exiting
        return int(stop.code or 0)
    _tolerate_narrow_console()
    results = load_many(options.files, workers=options.workers)
    if options.json:
        print(json.dumps([_as_json(result) for result in results], indent=2, ensure_ascii=False,
                         default=_json_default))
    else:
        for result in results:
            print(_as_text(result))
    unusable = any(isinstance(result, UnreadableFile) or result.verdict == Verdict.UNUSABLE for result in results)
    return 1 if unusable else 0


def _tolerate_narrow_console() -> None:
    """A Windows console on a legacy code page cannot print Chinese smelter names; replace, don't crash."""
    try:
        sys.stdout.reconfigure(errors="replace")
    except (AttributeError, ValueError):
        pass


def _as_text(result: Declaration | UnreadableFile) -> str:
    if isinstance(result, UnreadableFile):
        return f"{result.path}\n  UNREADABLE: {result.problem} {result.advice}".rstrip() + "\n"
    company = result.company
    counts = result.smelter_counts()
    lines = [
        result.path,
        f"  {result.family} {result.revision}   verdict: {result.verdict.value}",
        f"  company: {company.name or '(no name)'}",
        f"  scope:   {company.scope_label or '(none)'}",
        "  smelters: " + ", ".join(f"{metal} {counts[metal]}" for metal in METALS)
        + f" (rows: {len(result.smelters)})",
    ]
    if result.findings:
        lines.append(f"  findings ({len(result.findings)}):")
        lines += [f"    [{finding.severity.value}] {finding.rule_id}: {finding.message}" for finding in result.findings]
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
    sys.exit(check_main(sys.argv[1:]))
