"""Turn `ReportData` plus the wording templates into the blocks both the PDF and the HTML render.

Templates: `form_sd.txt` (the Form SD), `cmr.txt` (Exhibit 1.01), `annex_intro.txt` (Annex A's
heading and notes), `metal_result.txt` (one line per metal). Every document is checked for
forbidden wording (desktop.core.filing.wording) before any file is written.
"""

from __future__ import annotations

from datetime import date

from desktop.core.filing import diligence
from desktop.core.cmrt.model import METALS
from desktop.core.export.markup import Block, Run, load_template, parse_template
from desktop.core.export.report_data import ReportData, percent, sorted_annex, summarise_annex
from desktop.core.paths import resource_path
from desktop.core.filing.wording import check_wording

STATUS_DEFINITIONS_FILE = "status_definitions.txt"


def long_date(value: date | None) -> str:
    return f"{value:%B} {value.day}, {value.year}" if value else ""


def joined(items: list[str]) -> str:
    """"a", "a and b", "a, b and c" — the way the filings list countries and revisions."""
    items = [item for item in items if item]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def default_status_definitions() -> dict[str, str]:
    """Status -> definition from `resources/templates/status_definitions.txt` (RMI wording)."""
    text = resource_path("templates", STATUS_DEFINITIONS_FILE).read_text(encoding="utf-8")
    definitions = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith(";;"):
            status, _, meaning = line.partition(":")
            definitions[status.strip()] = meaning.strip()
    return definitions


def status_definitions(data: ReportData) -> dict[str, str]:
    """The definitions printed under Annex A: one per status used, the user's wording first."""
    known = default_status_definitions() | data.status_definitions
    used = []
    for row in data.annex_rows:
        if row.status not in used:
            used.append(row.status)
    ordered = [status for status in known if status in used] + [s for s in used if s not in known]
    return {status: known.get(status, "Status as reported in the RMI facility lists.") for status in ordered}


def report_context(data: ReportData) -> dict[str, str]:
    """Every $placeholder a template may use."""
    reg, rcoi = data.registrant, data.rcoi
    summaries = data.metal_summaries or summarise_annex(data.annex_rows)
    known = sum(s.known for s in summaries)
    good = sum(s.conformant_or_active for s in summaries)
    return {
        "company": reg.name,
        "company_upper": reg.name.upper(),
        "year": str(data.year),
        "state": reg.state_of_incorporation,
        "file_number": reg.file_number,
        "ein": reg.ein,
        "address": reg.address,
        "zip_code": reg.zip_code,
        "website": reg.website,
        "contact_name": reg.contact_name,
        "contact_title": reg.contact_title,
        "contact_phone": reg.contact_phone,
        "report_url": data.report_url,
        "signer_name": data.signer.name,
        "signer_title": data.signer.title,
        "sign_date": long_date(data.signer.signed_on),
        "company_background": data.company_background,
        "product_names": joined([p.name for p in data.products]),
        "suppliers_surveyed": str(rcoi.suppliers_surveyed),
        "suppliers_responded": str(rcoi.suppliers_responded),
        "response_rate": str(rcoi.response_rate),
        "suppliers_followed_up": str(rcoi.suppliers_followed_up),
        "surveyed_noun": "supplier" if rcoi.suppliers_surveyed == 1 else "suppliers",
        "responded_noun": "supplier" if rcoi.suppliers_responded == 1 else "suppliers",
        "cmrt_revisions": joined(rcoi.cmrt_revisions) or "current",
        "cmrt_revisions_phrase": ("revisions " if len(rcoi.cmrt_revisions) > 1 else "revision ")
        + joined(rcoi.cmrt_revisions),
        "company_level_share": str(rcoi.company_level_share),
        "product_level_share": str(100 - rcoi.company_level_share),
        "status_as_of": long_date(data.status_as_of),
        "total_smelters": str(known),
        "total_conformant_or_active": str(good),
        "total_percent": str(percent(good, known)),
        "metals_reported": joined([s.metal.lower() for s in summaries]),
        "countries": joined(data.countries_of_origin),
        "origin_source_phrase": f", derived from {data.origin_source}" if data.origin_source else "",
        "cmrts_received": str(data.cmrts_received),
        "cmrts_metals_phrase": cmrts_metals_phrase(data),
        "smelter_country_count": str(data.smelter_country_count),
        "recycled_smelter_count": str(data.recycled_smelter_count),
        "left_out_total": str(sum(count for _why, count in data.left_out_of_annex)),
        "country_count": str(len(data.countries_of_origin)),
        "ipsa_auditor": data.ipsa_auditor,
        "ipsa_report_name": data.ipsa_report_name,
        "ipsa_report_sha256": data.ipsa_report_sha256,
        "conclusion_reason": data.conclusion_reason.strip(),
        "staff_statement": data.staff_statement,
    }


def acquisition_sentence(acquisition, document: str = "report") -> str:
    """Juniper 2016's disclosure of acquisitions left out, with the rule and the dates."""
    products = joined(acquisition.products)
    subject = (
        "The products evaluated in this Form SD" if document == "form"
        else "The Covered Products and the other information in this Report"
    )
    return (
        f"{subject} do not include {products}, the "
        f"products of {acquisition.business}, which we acquired on {long_date(acquisition.acquired_on)}. "
        f"{acquisition.business} was not previously obligated to report under Rule 13p-1, and, as permitted by "
        f"Instruction 3 to Item 1.01 of Form SD, its products are excluded until the calendar year "
        f"{acquisition.first_year}, the first calendar year beginning no sooner than eight months after the acquisition."
    )


def cmrts_metals_phrase(data: ReportData) -> str:
    """"3 (43%) reported using tantalum, 3 (43%) tin and 6 (86%) tungsten", in CMRT metal order."""
    parts = [
        f"{count} ({percent(count, data.cmrts_received)}%)" + (" reported using " if not index else " ") + metal.lower()
        for index, (metal, count) in enumerate((m, data.cmrts_by_metal[m]) for m in METALS if data.cmrts_by_metal.get(m))
    ]
    return joined(parts)


def report_flags(data: ReportData) -> set[str]:
    flags = {data.outcome}
    candidates = {
        "cmr": data.files_cmr,
        "ipsa": data.ipsa,
        "ipsa_report_attached": data.ipsa_report_pdf is not None,
        "countries_known": bool(data.countries_of_origin),
        "origin_categories": bool(data.origin_categories),
        "future_steps": bool(data.future_steps),
        "products": bool(data.products),
        "acquisitions": bool(data.acquisitions_left_out),
        "cmrts_by_metal": bool(data.cmrts_received and any(data.cmrts_by_metal.values())),
        "smelter_countries": data.smelter_country_count > 0,
        "recycled_smelters": data.recycled_smelter_count > 0,
        "left_out": bool(data.left_out_of_annex),
        "origin_recycled": data.origin_recycled,
        "origin_unknown": data.origin_unknown,
        "covered_country_smelters": bool(data.covered_country_smelters),
        "company_background": bool(data.company_background.strip()),
        "contact_title": bool(data.registrant.contact_title.strip()),
        "annex": bool(data.annex_rows),
        "company_level": data.rcoi.company_level_responses > 0,
        "mostly_company_level": data.rcoi.mostly_company_level,
        "followed_up": data.rcoi.suppliers_followed_up > 0,
        "cmrt_revisions": bool(data.rcoi.cmrt_revisions),
        "user_conclusion": bool(data.conclusion_reason.strip()),
        "staff_2017": bool(data.staff_statement) and not data.files_cmr,
        "voluntary_cmr": data.voluntary_cmr and data.files_cmr,
        "draft": data.draft,
    }
    return flags | {flag for flag, on in candidates.items() if on}


def _expand(block: Block, data: ReportData, context: dict[str, str]) -> list[Block]:
    """Directives that produce text become ordinary blocks; layout directives pass through."""
    name = block.name
    if name == "outcome_reasons":
        return [Block("bullet", [Run(reason)]) for reason in data.outcome_reasons]
    if name == "products":
        return [
            Block("bullet", [Run(p.name, bold=True)] + ([Run(": " + p.description)] if p.description else []))
            for p in data.products
        ]
    if name == "acquisitions":
        return [Block("para", [Run(acquisition_sentence(a, block.arg))]) for a in data.acquisitions_left_out]
    if name == "origin_categories":
        return [Block("bullet", [Run(label + ": ", bold=True), Run(joined(names) + ".")]) for label, names in data.origin_categories]
    if name == "covered_country_smelters":
        return [
            Block("bullet", [Run(row.name, bold=True), Run(f" ({row.metal.lower()}), {row.country}, {row.smelter_id}, {row.status}")])
            for row in data.covered_country_smelters
        ]
    if name == "left_out":
        return [Block("bullet", [Run(f"{count} {why}.")]) for why, count in data.left_out_of_annex]
    if name == "future_steps":
        return [Block("bullet", [Run(step)]) for step in data.future_steps]
    if name == "diligence":
        answers = diligence.resolved_answers(data.diligence_answers, context)
        step = int(block.arg)
        return [
            Block("indent", [Run(q.label + ". ", italic=True), Run(answers[q.key])])
            for q in diligence.questions_by_step()[step]
            if q.kind == "sentence" and answers.get(q.key)
        ]
    if name == "metal_results":
        text = load_template("metal_result.txt")
        blocks = []
        for summary in data.metal_summaries or summarise_annex(data.annex_rows):
            figures = context | {
                "metal": summary.metal,
                "metal_lower": summary.metal.lower(),
                "known": str(summary.known),
                "conformant": str(summary.conformant),
                "active": str(summary.active),
                "conformant_or_active": str(summary.conformant_or_active),
                "other": str(summary.other),
                "percent": str(summary.percent_conformant_or_active),
                # "1 were neither" read wrong in a filing: the verbs and nouns agree with the counts.
                "smelters_and_refiners": "smelter or refiner" if summary.known == 1 else "smelters and refiners",
                "were_conformant_or_active": "was" if summary.conformant_or_active == 1 else "were",
                "were_other": "was" if summary.other == 1 else "were",
            }
            blocks += parse_template(text, figures, report_flags(data), "metal_result.txt")
        return blocks
    if name == "status_definitions":
        return [
            Block("para", [Run(f"{status}: ", bold=True), Run(meaning)])
            for status, meaning in status_definitions(data).items()
        ]
    return [block]


def build_document(template: str, data: ReportData) -> list[Block]:
    """Blocks of one document (form_sd.txt, cmr.txt or annex_intro.txt), wording-checked."""
    context = report_context(data)
    blocks = []
    for block in parse_template(load_template(template), context, report_flags(data), template):
        blocks += _expand(block, data, context) if block.kind == "directive" else [block]
    check_wording("\n".join(block.plain() for block in blocks), data.ipsa)
    return blocks


def annex_rows(data: ReportData):
    return sorted_annex(data.annex_rows)
