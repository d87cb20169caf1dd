"""One definition of "the supplier" behind a declaration, shared by the roll-up and its summary."""

from __future__ import annotations

from typing import Mapping

from desktop.core.cmrt.model import Declaration


def supplier_name(declaration: Declaration, supplier_names: Mapping[str, str] | None) -> str:
    names = supplier_names or {}
    return (
        names.get(declaration.path)
        or names.get(declaration.file_name)
        or declaration.company.name.strip()
        or declaration.file_name
    )
