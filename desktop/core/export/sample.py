"""A sample project's report data, for tests, the bench and a first look at the exports.

Built from REAL smelter names, IDs and countries: read from an RMI facility list workbook (the
shared `smelter-lists/rmi-facility-lists_2023-01.xlsx`, never shipped with the app), or taken from
the smelter reference the app ships (so tests on a fresh clone need nothing outside the
repository). The company is fictional. Not used by the application's own code paths.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import openpyxl

from desktop.core.filing import diligence
from desktop.core.cmrt.model import METALS
from desktop.core.export.report_data import (
    AnnexRow,
    Product,
    RcoiFacts,
    Registrant,
    ReportData,
    Signer,
    sorted_annex,
    summarise_annex,
)

FACILITY_LIST_NAME = "rmi-facility-lists_2023-01.xlsx"


def default_facility_list() -> Path:
    shared = os.environ.get("CMDESK_SHARED_DIR") or Path(__file__).resolve().parents[3].parent / "shared"
    return Path(shared, "smelter-lists", FACILITY_LIST_NAME)


def read_facility_list(path: str | os.PathLike) -> list[AnnexRow]:
    """3TG smelters of an RMI facility list workbook, with the status its Conformant/Active sheets give."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        conformant = {row[2] for row in book["Conformant"].iter_rows(min_row=2, values_only=True) if row[2]}
        active = {row[2] for row in book["Active List"].iter_rows(min_row=2, values_only=True) if row[2]}
        rows = []
        seen = set()
        # Suppliers report smelters under the names of the CMRT look-up (column "SMELTER REFERENCE"),
        # several per smelter ID; like Inogen's Annex A we list each reported name once.
        for metal, name, _standard, country, smelter_id, *_ in book["ALl Smelter List"].iter_rows(
            min_row=2, values_only=True
        ):
            if metal not in METALS or not name or (metal, str(name).strip()) in seen:
                continue
            if not re.fullmatch(r"CID\d{6}", str(smelter_id or "")):
                continue  # the list carries a few malformed IDs (CID0027634); a filing would not print them
            seen.add((metal, str(name).strip()))
            status = "Conformant" if smelter_id in conformant else "Active" if smelter_id in active else "Not Enrolled"
            rows.append(AnnexRow(metal, str(name).strip(), str(country or "").strip(), str(smelter_id or ""), status))
    finally:
        book.close()
    return sorted_annex(rows)


def read_shipped_reference() -> list[AnnexRow]:
    """Every smelter of the reference shipped with the app, with its RMI ID, country and status."""
    from desktop.core.smelters.reference import load_reference, shipped_reference_path

    reference = load_reference(shipped_reference_path())
    return sorted_annex([
        AnnexRow(smelter.metal, smelter.name, smelter.country, smelter.cid, smelter.status)
        for smelter in reference.smelters.values()
        if smelter.metal in METALS
    ])


def _spread(rows: list[AnnexRow], count: int) -> list[AnnexRow]:
    """`count` rows spread evenly over the list, so every metal keeps its share."""
    if count >= len(rows):
        return list(rows)
    step = len(rows) / count
    return [rows[int(index * step)] for index in range(count)]


def sample_report_data(n_annex_rows: int = 400, facility_list: str | os.PathLike | None = None,
                       annex_source: list[AnnexRow] | None = None) -> ReportData:
    """`annex_source` gives the smelters to pick from; without it, the facility list is read."""
    if annex_source is None:
        annex_source = read_facility_list(facility_list or default_facility_list())
    rows = _spread(annex_source, n_annex_rows)
    answers = diligence.default_answers() | {
        "policy_year": "2019",
        "policy_url": "https://investors.harborpoint.example/governance",
        "program_department": "finance department",
        "executive_sponsor": "Chief Financial Officer",
    }
    return ReportData(
        registrant=Registrant(
            name="Harbor Point Instruments, Inc.",
            state_of_incorporation="Delaware",
            file_number="001-39876",
            ein="84-2345678",
            address="1200 Marina Way, Suite 300, Goleta, California",
            zip_code="93117",
            website="https://www.harborpoint.example",
            contact_name="Dana Whitfield",
            contact_title="Chief Financial Officer",
            contact_phone="(805) 555-0142",
        ),
        year=2022,
        signer=Signer("Dana Whitfield", "Chief Financial Officer", date(2023, 5, 26)),
        outcome="sd_with_cmr",
        outcome_reasons=diligence.decide_outcome(True, True, True, False)[1],
        report_url="https://investors.harborpoint.example/conflict-minerals",
        company_background=(
            "Harbor Point Instruments, Inc. designs and manufactures portable gas detection and "
            "environmental monitoring instruments for industrial and municipal customers. We assemble "
            "our products at our facility in Goleta, California, and use a contract manufacturer in "
            "Mexico for printed circuit board assemblies."
        ),
        products=[
            Product("Portable gas detectors", "single-gas and multi-gas handheld detectors"),
            Product("Fixed monitoring stations", "wall-mounted monitors with network interfaces"),
            Product("Calibration docks", "bench-top calibration and charging stations"),
        ],
        rcoi=RcoiFacts(
            suppliers_surveyed=86,
            suppliers_responded=71,
            cmrt_revisions=["6.22", "6.31"],
            company_level_responses=58,
            product_level_responses=13,
        ),
        diligence_answers=answers,
        metal_summaries=summarise_annex(rows),
        countries_of_origin=[],
        annex_rows=rows,
        status_as_of=date(2023, 5, 19),
        ipsa=False,
        future_steps=diligence.common_future_steps()[:4],
    )
