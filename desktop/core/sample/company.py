"""The sample company a newcomer opens to see the whole flow in a minute.

Everything here is fictitious: the company, its SEC file number (001-99999) and EIN, its people,
its suppliers (e-mail domains under the reserved ".example" top-level domain, phone numbers in
the 555-01xx range kept for fiction). Only the smelters in the sample CMRTs are real.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.core.cmrt.model import GOLD, TANTALUM, TIN, TUNGSTEN
from desktop.core.paths import resource_path
from desktop.core.filing.registrant import Registrant
from desktop.core.sample.declarations import SAMPLE_FILES, SAMPLE_MARK
from desktop.core.filing.scoping import Answer, MadeBy, Product
from desktop.core.suppliers.roster import RequestState, Supplier

SAMPLE_NOTICE = (
    "This is a sample project. Northwind Instruments, Inc. and its suppliers are fictitious; "
    "the smelters are real RMI smelters. Do not file anything made from it."
)
REQUESTED_ON = date(2026, 1, 12)
REMINDED_ON = date(2026, 2, 23)


@dataclass
class SampleCompany:
    registrant: Registrant
    products: list[Product]
    suppliers: list[Supplier]
    cmrt_files: list[Path] = field(default_factory=list)  # the sample suppliers' CMRTs
    notice: str = SAMPLE_NOTICE
    # The fictional company's due diligence facts, so its proposed statements can be confirmed; the
    # statements themselves stay unconfirmed, as in any project, until the newcomer confirms them.
    diligence_facts: dict[str, str] = field(default_factory=dict)


def _registrant() -> Registrant:
    return Registrant(
        company_name="Northwind Instruments, Inc.",
        state_of_incorporation="Delaware",
        sec_file_number="001-99999",
        irs_ein="99-9999999",
        street="1200 Example Parkway",
        city="Beaverton",
        state="Oregon",
        zip_code="97005",
        website="www.northwind-instruments.example/conflict-minerals",
        contact_name="Dana Whitfield",
        contact_phone="(503) 555-0142",
        reporting_year=2025,
        signer_name="Morgan Ellis",
        signer_title="Chief Financial Officer",
    )


def _products() -> list[Product]:
    # One of each Rule 13p-1 outcome, so the scoping page shows every kind of answer.
    return [
        Product(
            name="Handheld gas detectors",
            description="Portable gas detectors: boards, tantalum capacitors, gold contacts",
            made_by=MadeBy.MANUFACTURE,
            metals={TANTALUM, TIN, GOLD},
            necessary=Answer.YES,
        ),
        Product(
            name="Benchtop oscilloscopes",
            description="Built for us by a contract manufacturer to our design",
            made_by=MadeBy.CONTRACT,
            metals={TIN, GOLD, TUNGSTEN},
            necessary=Answer.YES,
        ),
        Product(
            name="Resold test probes",
            description="Third-party probes sold under the maker's brand",
            made_by=MadeBy.NEITHER,
            metals={TIN, GOLD},
            necessary=Answer.YES,
        ),
        Product(
            name="Carrying cases",
            description="Moulded plastic cases with steel hinges",
            made_by=MadeBy.MANUFACTURE,
            metals=set(),
            necessary=Answer.NO,
        ),
    ]


# What each sample supplier sells to Northwind. Every request went out on the same day; the
# import sets each state from the file's verdict, as it would for a real project.
_PRODUCTS_SUPPLIED = {
    "Brightline_Components_CMRT_6.4.xlsx": "Printed circuit assemblies",
    "Keystone_Precision_Plating_CMRT_6.4.xlsx": "Plated contacts and pins",
    "Harbor_Cable_and_Wire_CMRT_6.4.xlsx": "Cable harnesses",
    "Summit_Alloy_Castings_CMRT_6.4.xlsx": "Tungsten alloy weights",
    "Old_Mill_Electronics_CMRT_6.4.xlsx": "Display modules",
    "Lakeshore_Solder_Supply_CMRT_6.4.xlsx": "Solder paste and wire",
    "Pinecrest_Capacitor_CMRT_6.4.xlsx": "Tantalum capacitors",
}


def _roster() -> list[Supplier]:
    suppliers = []
    for number, sample in enumerate(SAMPLE_FILES, start=1):
        suppliers.append(
            Supplier(
                name=sample.roster_name,
                contact_name=sample.contact,
                email=sample.email,
                phone=f"+1 555 01{number:02d}",
                products=_PRODUCTS_SUPPLIED[sample.file_name],
                request_state=RequestState.REQUESTED,
                requested_on=REQUESTED_ON,
                notes=SAMPLE_MARK,
            )
        )
    suppliers.append(
        Supplier(
            name=f"Cedar Ridge Fasteners, Inc. ({SAMPLE_MARK})",
            contact_name="Tom Alvarez",
            email="t.alvarez@cedar-ridge.example",
            phone="+1 555 0199",
            products="Screws, standoffs (stainless steel)",
            request_state=RequestState.REMINDER_SENT,
            requested_on=REQUESTED_ON,
            reminded_on=REMINDED_ON,
            notes=f"{SAMPLE_MARK}. No CMRT yet; a reminder went out.",
        )
    )
    return suppliers


def sample_cmrt_dir() -> Path:
    return resource_path("sample", "cmrt")


def sample_company() -> SampleCompany:
    """Registrant facts, product lines with their Rule 13p-1 answers, roster and CMRT files."""
    folder = sample_cmrt_dir()
    return SampleCompany(
        registrant=_registrant(),
        products=_products(),
        suppliers=_roster(),
        cmrt_files=[folder / sample.file_name for sample in SAMPLE_FILES],
        diligence_facts={
            "policy_year": "2021",
            "policy_url": "www.northwind-instruments.example/conflict-minerals/policy",
            "program_department": "finance department",
            "executive_sponsor": "Chief Financial Officer",
            "purchase_terms": "standard purchase order terms",
            "retention_years": "5",
        },
    )
