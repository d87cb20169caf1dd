"""`python -m desktop compare OLD.cmdesk NEW.cmdesk [--json]`: last year against this year, without Qt.

Prints suppliers added, dropped and newly responding, smelters added and dropped per metal, status
changes and the per-metal figures then and now (desktop.core.filing.compare). Exit status: 0 when printed,
2 when a project cannot be opened.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def add_compare(commands) -> None:
    parser = commands.add_parser(
        "compare",
        help="compare two filing years: suppliers, smelters, statuses, figures",
        description="Compare last year's project with this year's: suppliers added, dropped and newly "
                    "responding; smelters added and dropped per metal; status changes; per-metal figures.",
    )
    parser.add_argument("old", metavar="OLD.cmdesk", help="last year's project")
    parser.add_argument("new", metavar="NEW.cmdesk", help="this year's project")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.set_defaults(run=run_compare)


def run_compare(options) -> int:
    from desktop.core.filing.compare import compare_projects, comparison_lines
    from desktop.core.project import Project, ProjectError

    opened = []
    try:
        for path in (options.old, options.new):
            try:
                opened.append(Project.open(Path(path)))
            except (ProjectError, OSError) as error:
                print(f"{path}: {error}", file=sys.stderr)
                return 2
        result = compare_projects(*opened)
    finally:
        for project in opened:
            project.close()
    try:
        sys.stdout.reconfigure(errors="replace")
    except (AttributeError, ValueError):
        pass
    if options.json:
        print(json.dumps(result.to_dict() | {"paragraph": result.paragraph()}, indent=2, ensure_ascii=False))
    else:
        print("\n".join(comparison_lines(result)))
    return 0
