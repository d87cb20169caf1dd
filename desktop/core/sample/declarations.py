"""What each sample supplier CMRT says: fictitious companies, real RMI smelters.

Each file shows one situation a finance user meets in a real season (a clean company-level
declaration, a product list, a typo'd smelter, a "Smelter not listed" row, an older answer style
with a gap, covered-country sourcing, a mistyped date). Smelters are named by their real RMI ID;
the builder copies the name, country and address from the template's own Smelter Look-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.core.cmrt.model import GOLD, METALS, TANTALUM, TIN, TUNGSTEN

SAMPLE_MARK = "SAMPLE DATA"
SCOPE_COMPANY = "A. Company"
SCOPE_PRODUCT = "B. Product (or List of Products)"
IPC_1755 = "Yes, in conformance with IPC1755 (e.g., CMRT)"


@dataclass
class SampleSmelter:
    """One Smelter List row. `cid` is looked up in the template unless the row is special."""

    metal: str
    cid: str = ""
    lookup_name: str = ""  # column C when not taken from the look-up (typo, "Smelter not listed")
    name: str = ""  # column D, only for "Smelter not listed"
    country: str = ""  # column E when the look-up does not give it
    typed_cid: bool = True  # True: CID typed in column A; False: metal + look-up name picked
    recycled: str = ""
    comment: str = ""


@dataclass
class SampleFile:
    file_name: str
    # How the sample roster spells this supplier: legal forms differ from the file (still an exact
    # match after normalising); Harbour and Pinecrest differ more, so the user confirms those.
    roster_name: str
    company: str
    scope: str
    contact: str
    email: str
    effective: date
    metal_answers: dict[str, list[str]]  # metal -> answers to questions 1-8 ("" = blank)
    smelters: list[SampleSmelter]
    scope_description: str = ""
    company_answers: tuple[str, ...] = ("Yes", "Yes", "Yes", "Yes", IPC_1755, "Yes", "Yes", "No")
    comments: dict[str, str] = field(default_factory=dict)  # Declaration cell -> comment text
    products: list[tuple[str, str, str]] = field(default_factory=list)  # number, name, comment
    raw_cells: dict[str, object] = field(default_factory=dict)  # Declaration cell -> exact value
    shows: str = ""  # what this file demonstrates, for the sample's read-me and tests


def answers(used, covered="No", cahra="No", recycled="No", response="100%", all_known="Yes"):
    """Questions 1-8 for every metal: the used metals answered, the others "No" and blank."""
    table = {}
    for metal in METALS:
        if metal in used:
            table[metal] = ["Yes", "Yes", covered, cahra, recycled, response, all_known, "Yes"]
        else:
            table[metal] = ["No"] + [""] * 7
    return table


def _with(table: dict[str, list[str]], metal: str, question: int, value: str) -> dict:
    table[metal][question - 1] = value
    return table


SAMPLE_FILES = [
    SampleFile(
        file_name="Brightline_Components_CMRT_6.4.xlsx",
        roster_name=f"Brightline Components Limited ({SAMPLE_MARK})",
        company=f"Brightline Components Ltd. ({SAMPLE_MARK})",
        scope=SCOPE_COMPANY,
        contact="Ruth Okafor",
        email="ruth.okafor@brightline-components.example",
        effective=date(2026, 2, 16),
        metal_answers=answers(METALS),
        smelters=[
            SampleSmelter(TANTALUM, "CID002557"),
            SampleSmelter(TANTALUM, "CID002545"),
            SampleSmelter(TANTALUM, "CID001277"),
            SampleSmelter(TIN, "CID001105"),
            SampleSmelter(TIN, "CID001182"),
            SampleSmelter(TIN, "CID001898"),
            SampleSmelter(TIN, "CID002180"),
            SampleSmelter(TIN, "CID000292", recycled="No"),
            SampleSmelter(GOLD, "CID000082"),
            SampleSmelter(GOLD, "CID001153"),
            SampleSmelter(GOLD, "CID001352"),
            SampleSmelter(GOLD, "CID001875"),
            SampleSmelter(GOLD, "CID001980"),
            SampleSmelter(TUNGSTEN, "CID000004"),
            SampleSmelter(TUNGSTEN, "CID000568"),
            SampleSmelter(TUNGSTEN, "CID002044"),
            SampleSmelter(TUNGSTEN, "CID002543"),
        ],
        shows="A complete company-level declaration: every answer given, every smelter with an ID.",
    ),
    SampleFile(
        file_name="Keystone_Precision_Plating_CMRT_6.4.xlsx",
        roster_name=f"Keystone Precision Plating, Inc. ({SAMPLE_MARK})",
        company=f"Keystone Precision Plating, Inc. ({SAMPLE_MARK})",
        scope=SCOPE_PRODUCT,
        scope_description="Gold-plated contacts and connector pins sold to Northwind Instruments",
        contact="Marco Bellini",
        email="m.bellini@keystone-plating.example",
        effective=date(2026, 3, 3),
        metal_answers=answers((GOLD, TIN)),
        products=[
            ("KP-2210", "Gold-plated spring contact, 2.2 mm", ""),
            ("KP-2215", "Gold-plated spring contact, 2.5 mm", ""),
            ("KP-4400", "Tin-plated connector pin", "Matte tin over nickel"),
            ("KP-4410", "Connector pin, selective gold", ""),
        ],
        smelters=[
            SampleSmelter(GOLD, "CID000920", typed_cid=False),
            SampleSmelter(GOLD, "CID000711", typed_cid=False),
            SampleSmelter(GOLD, "CID002003", typed_cid=False),
            SampleSmelter(GOLD, "CID003461", typed_cid=False),
            SampleSmelter(TIN, "CID001482", typed_cid=False),
            SampleSmelter(TIN, "CID000438", typed_cid=False),
        ],
        shows="A product-level declaration with a Product List; smelters picked by name, not ID.",
    ),
    SampleFile(
        file_name="Harbor_Cable_and_Wire_CMRT_6.4.xlsx",
        roster_name=f"Harbour Cable & Wire ({SAMPLE_MARK})",
        company=f"Harbor Cable and Wire Company ({SAMPLE_MARK})",
        scope=SCOPE_COMPANY,
        contact="Lena Sorensen",
        email="lsorensen@harbor-cable.example",
        effective=date(2026, 2, 27),
        metal_answers=answers((TIN, GOLD)),
        smelters=[
            SampleSmelter(TIN, "CID001477"),
            SampleSmelter(TIN, "CID001231"),
            SampleSmelter(TIN, "CID002500"),
            # Pasted from an old list: a misspelt look-up name and no smelter ID.
            SampleSmelter(GOLD, lookup_name="Asahi Pretec Crop.", country="JAPAN", typed_cid=False),
            SampleSmelter(GOLD, "CID000113"),
            SampleSmelter(GOLD, "CID001193"),
            SampleSmelter(GOLD, "CID000197"),
        ],
        shows="A typo'd smelter name with no smelter ID (Gold, 'Asahi Pretec Crop.').",
    ),
    SampleFile(
        file_name="Summit_Alloy_Castings_CMRT_6.4.xlsx",
        roster_name=f"Summit Alloy Castings LLC ({SAMPLE_MARK})",
        company=f"Summit Alloy Castings, L.L.C. ({SAMPLE_MARK})",
        scope=SCOPE_COMPANY,
        contact="Owen Price",
        email="owen.price@summit-alloy.example",
        effective=date(2026, 3, 10),
        metal_answers=answers((TUNGSTEN, TIN), response="Greater than 90%", all_known="No"),
        smelters=[
            SampleSmelter(TUNGSTEN, "CID000105"),
            SampleSmelter(TUNGSTEN, "CID002320"),
            SampleSmelter(TUNGSTEN, "CID002313"),
            SampleSmelter(
                TUNGSTEN,
                lookup_name="Smelter not listed",
                # A real RMI smelter (Global Tungsten & Powders, CID000568) under another spelling.
                name="Global Tungsten and Powders Corp",
                country="UNITED STATES OF AMERICA",
                typed_cid=False,
                comment="Named by a sub-supplier; we could not find it in the drop-down list.",
            ),
            SampleSmelter(TUNGSTEN, "CID003427"),
            SampleSmelter(TIN, "CID000468"),
            SampleSmelter(TIN, "CID001182"),
            SampleSmelter(TIN, "CID002756"),
        ],
        shows="A 'Smelter not listed' row with a name and country but no ID.",
    ),
    SampleFile(
        file_name="Old_Mill_Electronics_CMRT_6.4.xlsx",
        roster_name=f"Old Mill Electronics GmbH ({SAMPLE_MARK})",
        company=f"Old Mill Electronics GmbH ({SAMPLE_MARK})",
        scope=SCOPE_COMPANY,
        contact="Jürgen Falk",
        email="j.falk@oldmill-electronics.example",
        effective=date(2026, 1, 30),
        # Question 3 left blank for tin although question 1 says Yes.
        metal_answers=_with(answers((TIN, TANTALUM, GOLD)), TIN, 3, ""),
        # Filled the way 6.01-6.22 stored it: 100% as the number 1 in Q6, and the translation
        # sheet's wording for company question E.
        raw_cells={"D56": 1, "D57": 1, "D58": 1},
        company_answers=(
            "Yes", "No", "Yes", "Yes", "Yes, in conformance with IPC-1755 [e.g., CMRT]",
            "Yes", "No", "No",
        ),  # fmt: skip
        smelters=[
            SampleSmelter(TANTALUM, "CID002544"),
            SampleSmelter(TANTALUM, "CID002539"),
            SampleSmelter(TIN, "CID002180"),
            SampleSmelter(TIN, "CID000228"),
            SampleSmelter(GOLD, "CID000401"),
            SampleSmelter(GOLD, "CID000957"),
            SampleSmelter(GOLD, "CID003615", recycled="Yes"),
            SampleSmelter(TANTALUM, "CID000291"),
        ],
        shows="An older answer style (100% stored as the number 1) and a blank answer after a Yes.",
    ),
    SampleFile(
        file_name="Lakeshore_Solder_Supply_CMRT_6.4.xlsx",
        roster_name=f"Lakeshore Solder Supply Corp. ({SAMPLE_MARK})",
        company=f"Lakeshore Solder Supply Corporation ({SAMPLE_MARK})",
        scope=SCOPE_COMPANY,
        contact="Priya Natarajan",
        email="priya.n@lakeshore-solder.example",
        effective=date(2026, 2, 5),
        metal_answers=_with(
            _with(answers((TIN, GOLD, TANTALUM)), TIN, 3, "Yes"), TANTALUM, 3, "Yes"
        ),
        comments={
            "G39": "Luna Smelter (Rwanda) and Woodcross (Uganda) are in our tin supply chain.",
            "G38": "PowerX Ltd. (Rwanda) supplies part of our tantalum.",
        },
        smelters=[
            SampleSmelter(TIN, "CID003387", comment="RMAP conformant smelter in Rwanda"),
            SampleSmelter(TIN, "CID004724"),
            SampleSmelter(TIN, "CID001105"),
            SampleSmelter(TIN, "CID000555"),
            SampleSmelter(TANTALUM, "CID004054"),
            SampleSmelter(TANTALUM, "CID002558"),
            SampleSmelter(GOLD, "CID003185"),
            SampleSmelter(GOLD, "CID002509"),
        ],
        shows="Declares tin and tantalum from the covered countries (Rwanda, Uganda).",
    ),
    SampleFile(
        file_name="Pinecrest_Capacitor_CMRT_6.4.xlsx",
        roster_name=f"Pinecrest Capacitors Co., Ltd. ({SAMPLE_MARK})",
        company=f"Pinecrest Capacitor Company Limited ({SAMPLE_MARK})",
        scope=SCOPE_COMPANY,
        contact="Hana Mori",
        email="h.mori@pinecrest-capacitor.example",
        # "2026" typed as "2062": an effective date in the future.
        effective=date(2062, 3, 16),
        metal_answers=answers((TANTALUM, TIN)),
        smelters=[
            SampleSmelter(TANTALUM, "CID002549"),
            SampleSmelter(TANTALUM, "CID002550"),
            SampleSmelter(TANTALUM, "CID002512"),
            SampleSmelter(TIN, "CID002773"),
            SampleSmelter(TIN, "CID001191"),
            SampleSmelter(TIN, "CID002015"),
        ],
        shows="An effective date in the future (2062 typed for 2026).",
    ),
]
