"""Build the shipped smelter reference from the real RMI files in ../shared.

    python -m desktop.core.smelters.build_reference [SHARED_DIR]

Newest CMRT template's Smelter Look-up + RMI facility lists (January 2023) + the 2.x-to-3.x ID
table + CFSI's alias list -> resources/smelters/smelter-reference.json.gz. Older 6.x look-ups add
the aliases and IDs suppliers on those revisions still send.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from desktop.core.paths import resource_path
from desktop.core.smelters.assemble import assemble_reference
from desktop.core.smelters.reference import REFERENCE_FILE, SmelterReference, save_reference
from desktop.core.smelters.sources import (
    file_record,
    read_legacy_ids,
    read_lookup,
    read_named_ids,
    read_status_lists,
)

DEFAULT_SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def _revision_number(path: Path) -> tuple[int, ...]:
    match = re.search(r"CMRT_(\d+)\.(\d+)", path.name)
    return (int(match.group(1)), int(match.group(2).ljust(2, "0"))) if match else (0,)


def build_from_shared(shared: Path = DEFAULT_SHARED) -> SmelterReference:
    templates = sorted(
        (p for p in (shared / "cmrt" / "templates").glob("RMI_CMRT_*.xlsx")), key=_revision_number
    )
    if not templates:
        raise SystemExit(f"no CMRT templates under {shared / 'cmrt' / 'templates'}")
    newest = read_lookup(templates[-1])
    # Newest first, so a smelter dropped from the look-up keeps its most recent details.
    older = [read_lookup(p) for p in reversed(templates[:-1])]
    lists_dir = shared / "smelter-lists"
    statuses = read_status_lists([lists_dir / "rmi-facility-lists_2023-01.xlsx"])
    legacy = read_legacy_ids(lists_dir / "cmrt-v2-to-v3-smelter-ids.csv")
    legacy.update(read_legacy_ids(lists_dir / "smelter-aliases_cfsi.csv"))
    named = [
        (*row, "CMRT 2.x to 3.x smelter ID table")
        for row in read_named_ids(lists_dir / "cmrt-v2-to-v3-smelter-ids.csv", name_column=1)
    ] + [
        (*row, "CFSI smelter alias list")
        for row in read_named_ids(lists_dir / "smelter-aliases_cfsi.csv", name_column=2)
    ]
    tables = [
        file_record(lists_dir / "cmrt-v2-to-v3-smelter-ids.csv", "CMRT 2.x to 3.x smelter ID table"),
        file_record(lists_dir / "smelter-aliases_cfsi.csv", "CFSI smelter alias list"),
    ]
    return assemble_reference(newest, statuses, legacy, named, older, tables)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    shared = Path(argv[0]) if argv else DEFAULT_SHARED
    reference = build_from_shared(shared)
    target = save_reference(reference, resource_path("smelters", REFERENCE_FILE))
    in_lookup = sum(1 for s in reference.smelters.values() if s.in_lookup)
    print(
        f"{target}: {len(reference.smelters)} smelters ({in_lookup} in {reference.lookup_source}), "
        f"{len(reference.aliases)} names, {len(reference.legacy_ids)} legacy IDs, "
        f"statuses as of {reference.status_as_of}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
