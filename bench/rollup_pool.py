"""The old roll-up bench's rows: 100 rows per declaration drawn from a small pool of dirty variants.

Kept as the baseline bench/rollup.py prints beside the realistic rows (the pool lets the match
cache resolve most rows for free, which is why it is no longer the measure).
"""

from __future__ import annotations

import random

from desktop.core.cmrt.model import CompanyInfo, Declaration, SmelterRow

ROWS_EACH = 100


def dirty_variants(reference, rng: random.Random) -> list[dict]:
    """A pool of dirty rows; real suppliers repeat the same dirt, so rows are drawn from it."""
    smelters = [s for s in reference.smelters.values() if s.in_lookup]
    aliases = [a for a in reference.aliases if (a.metal, a.cid) in reference.smelters]
    legacy = [(old, new) for old, new in reference.legacy_ids.items()]
    pool = []
    for alias in aliases:  # clean 6.x rows: CID plus look-up name
        s = reference.smelters[(alias.metal, alias.cid)]
        pool.append(dict(metal=alias.metal, lookup_name=alias.name, name=alias.name, country=s.country, smelter_id=s.cid))
    for old, new in legacy:  # CMRT 2.x rows
        s = reference.by_cid[new][0]
        pool.append(dict(metal=s.metal, lookup_name=s.name, name=s.name.upper(), country="UNITED STATES" if "AMERICA" in s.country else s.country, smelter_id=old))
    for s in smelters:  # no ID; legal suffix dropped, case changed, country written loosely
        bare = s.name.replace(", Ltd.", "").replace(" Co.", " Co").replace("S.A.", "SA")
        pool.append(dict(metal=s.metal, lookup_name="Smelter not listed", name=bare.lower(), country=s.country.title(), smelter_id=""))
        pool.append(dict(metal=s.metal, lookup_name="", name=bare.upper() + " LIMITED", country=s.country, smelter_id=""))
        accented = s.name.replace("e", "é", 1)
        pool.append(dict(metal=s.metal, lookup_name="", name=accented.encode("utf-8").decode("cp1252", "replace"), country=s.country, smelter_id=""))
        typo = list(s.name)
        if len(typo) > 6:
            i = rng.randrange(2, len(typo) - 2)
            typo[i], typo[i + 1] = typo[i + 1], typo[i]
        pool.append(dict(metal=s.metal, lookup_name="", name="".join(typo), country=s.country, smelter_id=""))
    other = {"Gold": "Tin", "Tin": "Tungsten", "Tungsten": "Tantalum", "Tantalum": "Gold"}
    for s in smelters[::10]:  # an ID for another metal
        pool.append(dict(metal=other[s.metal], lookup_name=s.name, name=s.name, country=s.country, smelter_id=s.cid))
    pool += [dict(metal="Tin", lookup_name="Smelter not yet identified", name="", country="", smelter_id="")] * 20
    pool += [dict(metal="Gold", lookup_name="", name=f"Precious Trading Co {i}", country="CHINA", smelter_id="") for i in range(20)]
    return pool


def pool_declarations(reference, declarations_wanted: int = 500) -> list[Declaration]:
    rng = random.Random(20231)
    pool = dirty_variants(reference, rng)
    declarations = []
    for number in range(declarations_wanted):
        rows = []
        for index in range(ROWS_EACH):
            if rows and rng.random() < 0.05:  # a repeated row, as in JX Advanced Metals' file
                template = rows[rng.randrange(len(rows))]
                rows.append(SmelterRow(row=index + 5, **{k: getattr(template, k) for k in ("metal", "lookup_name", "name", "country", "smelter_id")}))
                continue
            rows.append(SmelterRow(row=index + 5, **rng.choice(pool)))
        company = CompanyInfo(name=f"Supplier {number:03d}", scope=rng.choice("AAAB"))
        declarations.append(Declaration(path=f"supplier-{number:03d}.xlsx", file_name=f"supplier-{number:03d}.xlsx", company=company, smelters=rows))
    return declarations
