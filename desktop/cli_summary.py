"""`python -m desktop summary PROJECT.cmdesk [--json]`: what a project will file, without Qt.

Prints the registrant, the determination with its reasons and evidence, what still blocks the
final filing, suppliers surveyed and responded, and the smelter figures per metal: the facts
support staff and auditors ask for first. Exit status: 0 when printed, 2 when the project cannot
be opened.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def add_summary(commands) -> None:
    parser = commands.add_parser(
        "summary",
        help="print what a project will file: determination, blockers, suppliers, smelter figures",
        description="Print a project's registrant, determination (with its reasons), what still blocks "
                    "the final filing, suppliers surveyed and responded, and smelter counts per metal.",
    )
    parser.add_argument("project", metavar="PROJECT.cmdesk", help="a project file")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.set_defaults(run=run_summary)


def project_summary(project) -> dict:
    """The summary as plain data (what --json prints)."""
    from desktop.core.filing.evidence import (
        followed_up_suppliers, project_conclusion, project_response_rate, project_rollup,
    )
    from desktop.core.filing.filing_calendar import filing_deadline
    from desktop.core.filing.readiness import blockers
    from desktop.core.filing.report_builder import metal_summaries
    from desktop.core.smelters.to_resolve import still_to_resolve

    registrant = project.registrant()
    rolled = project_rollup(project)
    conclusion = project_conclusion(project, rolled)
    evidence = conclusion.evidence
    rate = project_response_rate(project)
    found = blockers(project)
    year = registrant.reporting_year
    return {
        "project": str(project.path),
        "registrant": {
            "name": registrant.company_name,
            "commission_file_number": registrant.sec_file_number,
            "reporting_year": year,
            "filing_deadline": filing_deadline(year).isoformat() if year else None,
        },
        "determination": {
            "outcome": conclusion.determination.outcome.value,
            "headline": conclusion.determination.headline,
            "scoping": conclusion.product_reasons,
            "inquiry_result": evidence.result.value,
            "reasons_to_believe": evidence.reasons,
            "grounds": evidence.grounds(),
            "user_conclusion": conclusion.choices.conclusion_reason if conclusion.user_conclusion else "",
            "staff_statement_2017": conclusion.staff_statement,
            "voluntary_cmr": conclusion.voluntary_cmr,
        },
        "ready": not found,
        "blockers": [{"key": b.key, "message": b.message, "step": b.step} for b in found],
        "suppliers": {
            "surveyed": rate.surveyed,
            "responded": rate.responded,
            "percent": rate.percent,
            "not_responded": evidence.not_responded,
            "followed_up": len(followed_up_suppliers(project)),
        },
        "metals": [
            {
                "metal": m.metal,
                "smelters": m.known,
                "conformant": m.conformant,
                "active": m.active,
                "conformant_or_active": m.conformant_or_active,
                "percent_conformant_or_active": m.percent_conformant_or_active,
            }
            for m in metal_summaries(rolled)
        ],
        "smelters_to_resolve": len(still_to_resolve(rolled.unresolved)),
        "status_as_of": rolled.status_as_of() if rolled.smelters else None,
    }


def summary_text(summary: dict) -> str:
    reg, det, sup = summary["registrant"], summary["determination"], summary["suppliers"]
    lines = [
        summary["project"],
        f"  registrant: {reg['name'] or '(no name yet)'}  file number: {reg['commission_file_number'] or '-'}",
        f"  reporting year: {reg['reporting_year'] or '-'}  due: {reg['filing_deadline'] or '-'}",
        f"  determination: {det['headline']}",
    ]
    lines += [f"    - {reason}" for reason in det["scoping"]]
    if det["reasons_to_believe"]:
        lines.append("    reasons to believe the 3TG may come from the Covered Countries:")
        lines += [f"      - {reason}" for reason in det["reasons_to_believe"]]
    lines += [f"    - {ground}" for ground in det["grounds"]]
    if det["user_conclusion"]:
        lines.append(f"    the user's own conclusion: {det['user_conclusion']}")
    lines.append(
        f"  suppliers: {sup['surveyed']} surveyed (marked as asked), {sup['responded']} responded "
        f"({sup['percent']}%), {sup['followed_up']} sent a reminder or follow-up (on record)"
    )
    for metal in summary["metals"]:
        lines.append(
            f"  {metal['metal']}: {metal['smelters']} smelters, {metal['conformant_or_active']} Conformant or "
            f"Active ({metal['percent_conformant_or_active']}%)"
        )
    if summary["status_as_of"]:
        lines.append(f"  smelter statuses as of {summary['status_as_of']}")
    if summary["ready"]:
        lines.append("  ready: yes, nothing blocks the final filing")
    else:
        lines.append(f"  ready: no, {len(summary['blockers'])} item(s) to settle:")
        lines += [f"    - [{b['step']}] {b['message']}" for b in summary["blockers"]]
    return "\n".join(lines) + "\n"


def run_summary(options) -> int:
    from desktop.core.project import Project, ProjectError

    try:
        project = Project.open(Path(options.project))
    except (ProjectError, OSError) as error:
        print(f"{options.project}: {error}", file=sys.stderr)
        return 2
    try:
        summary = project_summary(project)
    finally:
        project.close()
    try:
        sys.stdout.reconfigure(errors="replace")  # a legacy Windows console cannot print every name
    except (AttributeError, ValueError):
        pass
    if options.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        print(summary_text(summary), end="")
    return 0
