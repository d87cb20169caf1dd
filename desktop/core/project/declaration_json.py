"""A Declaration as JSON and back, so a project opens without re-reading every workbook."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date, datetime
from enum import Enum
from typing import Iterable

import orjson

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
from desktop.core.collector import collector_paused
from desktop.core.foreground import give_way


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return str(value)  # odd raw cell values (times, decimals) are kept as text


def declaration_to_json(declaration: Declaration) -> str:
    return json.dumps(asdict(declaration), default=_plain, ensure_ascii=False)


def declarations_from_json(texts: Iterable[str]) -> list[Declaration | None]:
    """Many stored declarations at once, as opening a project does ("" gives None)."""
    with collector_paused():  # a large project decodes hundreds of thousands of rows
        return [_decoded(text) for text in texts]


def _decoded(text: str) -> Declaration | None:
    give_way()  # opening in the background: the window's own work goes first (foreground.py)
    return declaration_from_json(text) if text else None


def declaration_from_json(text: str) -> Declaration:
    data = _parsed(text)
    company = dict(data.get("company") or {})
    if company.get("effective_date"):
        company["effective_date"] = date.fromisoformat(company["effective_date"][:10])
    metal_answers = {
        metal: [_metal_answer(item) for item in items] for metal, items in (data.get("metal_answers") or {}).items()
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
        smelters=[_smelter_row(item) for item in data.get("smelters", [])],
        findings=[
            Finding(**{**item, "severity": Severity(item["severity"])}) for item in data.get("findings", [])
        ],
        verdict=Verdict(data.get("verdict", Verdict.COMPLETE.value)),
    )


_LARGEST_EXACT = 2**63  # orjson reads integers up to 64 bits exactly


def _parsed(text: str) -> dict:
    """The stored text as json.loads reads it, parsed by orjson: twice as fast, the larger part of
    opening a large project (issue 13). orjson refuses what json.dumps may write (NaN, a lone
    surrogate) and reads an integer beyond 64 bits as a float: json parses those again.
    Given bytes: given the text itself, orjson would keep a UTF-8 copy inside it for as long as
    the text lives (the size of every stored declaration again, while a project opens)."""
    try:
        data = orjson.loads(text.encode())
    except (UnicodeEncodeError, orjson.JSONDecodeError):  # a lone surrogate does not encode
        return json.loads(text)
    return json.loads(text) if _may_hold_a_huge_integer(data) else data


def _may_hold_a_huge_integer(data: dict) -> bool:
    """A number beyond 64 bits can only be a cell value as read ("raw"); the rest are text and
    row or question numbers."""
    raws = [(data.get("company") or {}).get("effective_date_raw")]
    raws += [item.get("raw") for items in (data.get("metal_answers") or {}).values() for item in items]
    raws += [item.get("raw") for item in data.get("company_answers") or ()]
    return any(type(value) is float and not -_LARGEST_EXACT < value < _LARGEST_EXACT for value in raws)


_SMELTER_FIELDS = tuple(f.name for f in fields(SmelterRow))
_ANSWER_FIELDS = tuple(f.name for f in fields(MetalAnswer))
_MEANING_AT = _ANSWER_FIELDS.index("meaning")
_MEANINGS = {meaning.value: meaning for meaning in Meaning}


def _metal_answer(item: dict) -> MetalAnswer:
    # As _smelter_row: an answer stored with today's fields in their order is built from its values.
    meaning = item.get("meaning")
    meaning = (_MEANINGS.get(meaning) or Meaning(meaning)) if meaning else None
    if tuple(item) == _ANSWER_FIELDS:
        values = list(item.values())
        values[_MEANING_AT] = meaning
        return MetalAnswer(*values)
    return MetalAnswer(**{**item, "meaning": meaning})


def _smelter_row(item: dict) -> SmelterRow:
    # Half the cost of SmelterRow(**item) on a large project's rows: a row stored with today's
    # fields in their order (as declaration_to_json writes it) is built from its values in turn.
    if tuple(item) == _SMELTER_FIELDS:
        return SmelterRow(*item.values())
    return SmelterRow(**item)  # stored by another version: by name, defaults for what is missing
