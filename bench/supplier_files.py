"""Shared by the project benches: many supplier files and projects built from the real CMRTs.

The real 6.x supplier workbooks in ../shared/cmrt/suppliers are copied with the company name in
their shared strings replaced by a varied, made-up supplier name, so each copy is a distinct file
(its own SHA-256) that reads exactly as the real one does. Built once into /tmp and reused.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
SUPPLIERS_DIR = REPO.parent / "shared" / "cmrt" / "suppliers"
CACHE = Path("/tmp/cmdesk-bench")
# The real 6.x supplier files and the company name each writes in Declaration!D8.
REAL_6X = {
    "central-glass_CMRT_6.4.xlsx": "Central Glass Co., Ltd.",
    "emd-merck_CMRT_6.4.xlsx": "EMD Electronics, a business of Merck KGaA, Darmstadt, Germany",
    "jx-advanced-metals_CMRT_6.4.xlsx": "JX Advanced Metals Corporation",
    "sk-specialty_CMRT_6.4.xlsx": "SK specialty Co., Ltd",
    "consolidation-tool-output_CMRT_6.22.xlsx": "ABC",
}
_PLACES = ["Shenzhen", "Suzhou", "Dongguan", "Ningbo", "Xiamen", "Taoyuan", "Hsinchu", "Penang", "Osaka",
           "Nagoya", "Busan", "Stuttgart", "Lyon", "Monterrey", "Guadalajara", "Ohio", "Bangalore", "Haiphong",
           "Johor", "Brno", "Cluj", "Querétaro", "Chennai", "Wuxi", "Kunshan"]
_TRADES = ["Precision", "Electronic Components", "Connector", "Metal Stamping", "Cable & Wire", "Plastics",
           "Circuit", "Magnetics", "Fasteners", "Die Casting", "Power Supply", "Sensor", "Optics", "Battery",
           "Switch", "Enclosures", "Springs", "PCB Assembly", "Display", "Thermal"]
_FORMS = ["Co., Ltd.", "Co., Ltd", "Inc.", "GmbH", "S.A. de C.V.", "Corporation", "Pte. Ltd.", "Sdn. Bhd.",
          "LLC", "Ltd.", "s.r.o.", "K.K.", "Industrial Co.,Ltd", "(Holdings) Limited"]


def company_names(count: int, seed: int = 500) -> list[str]:
    rng = random.Random(seed)
    names: dict[str, None] = {}
    while len(names) < count:
        name = f"{rng.choice(_PLACES)} {rng.choice(_TRADES)} {rng.choice(_FORMS)}"
        if name in names:
            name = f"{rng.choice(_PLACES)} {rng.choice(_PLACES)} {rng.choice(_TRADES)} {rng.choice(_FORMS)}"
        names.setdefault(name, None)
    return list(names)


def varied_copy(source: Path, old_name: str, new_name: str, target: Path) -> None:
    old = re.compile(rb"(<t(?: [^>]*)?>)" + re.escape(escape(old_name).encode()) + rb"(</t>)")
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data, replaced = old.subn(rb"\g<1>" + escape(new_name).encode() + rb"\g<2>", data, count=1)
                if not replaced:
                    raise RuntimeError(f"{source.name}: company name not found in the shared strings")
            copy.writestr(info, data)


def supplier_workbooks(count: int) -> list[tuple[Path, str]]:
    """`count` distinct supplier files (path, company name), built once into the cache folder."""
    folder = CACHE / "supplier-files"
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(REAL_6X)
    files = []
    for number, name in enumerate(company_names(count)):
        source = sources[number % len(sources)]
        target = folder / f"{number:04d} {re.sub(r'[^A-Za-z0-9]+', '-', name).strip('-')}_CMRT.xlsx"
        if not target.exists():
            partial = target.with_suffix(".part")
            varied_copy(SUPPLIERS_DIR / source, REAL_6X[source], name, partial)
            partial.rename(target)
        files.append((target, name))
    return files
