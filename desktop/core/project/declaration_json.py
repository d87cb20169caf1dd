"""A Declaration as JSON and back, so a project opens without re-reading every workbook."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from enum import Enum

from desktop.core.cmrt.model import (
    CompanyAnswer,
    CompanyInfo,
    Declaration,
    Finding,
    Meaning,
    MetalAnswer,
    ProductRow,
    Severity,
    SmelterRow,
    Verdict,
)


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return str(value)  # odd raw cell values (times, decimals) are kept as text


def declaration_to_json(declaration: Declaration) -> str:
    return json.dumps(asdict(declaration), default=_plain, ensure_ascii=False)


def declaration_from_json(text: str) -> Declaration:
    data = json.loads(text)
    company = dict(data.get("company") or {})
    if company.get("effective_date"):
        company["effective_date"] = date.fromisoformat(company["effective_date"][:10])
    metal_answers = {
        metal: [
            MetalAnswer(**{**item, "meaning": Meaning(item["meaning"]) if item.get("meaning") else None})
            for item in items
        ]
        for metal, items in (data.get("metal_answers") or {}).items()
    }
    return Declaration(
        path=data["path"],
        file_name=data["file_name"],
        sha256=data.get("sha256", ""),
        family=data.get("family", "CMRT"),
        revision=data.get("revision", ""),
        language=data.get("language", ""),
        company=CompanyInfo(**company),
        metal_answers=metal_answers,
        company_answers=[CompanyAnswer(**item) for item in data.get("company_answers", [])],
        products=[ProductRow(**item) for item in data.get("products", [])],
        smelters=[SmelterRow(**item) for item in data.get("smelters", [])],
        findings=[
            Finding(**{**item, "severity": Severity(item["severity"])}) for item in data.get("findings", [])
        ],
        verdict=Verdict(data.get("verdict", Verdict.COMPLETE.value)),
    )
