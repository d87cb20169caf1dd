"""Declarations stored as JSON come back as they were read, whichever version stored them."""

from __future__ import annotations

import json
import sys

import pytest

from desktop.core.cmrt.checking import load_declaration
from desktop.core.cmrt.model import MetalAnswer, SmelterRow
from desktop.core.project.declaration_json import declaration_to_json, declarations_from_json
from desktop.core.sample import sample_cmrt_dir


@pytest.fixture(scope="module")
def read_files():
    files = sorted(sample_cmrt_dir().glob("*.xlsx"))
    assert len(files) >= 5
    return [load_declaration(path, path.read_bytes()) for path in files]


def test_every_sample_file_decodes_to_what_was_read(read_files):
    stored = [declaration_to_json(d) for d in read_files]
    decoded = declarations_from_json(stored)
    assert [declaration_to_json(d) for d in decoded] == stored
    assert [d.smelters for d in decoded] == [d.smelters for d in read_files]
    assert [d.metal_answers for d in decoded] == [d.metal_answers for d in read_files]
    assert sum(len(d.smelters) for d in decoded) > 30


def test_a_file_that_could_not_be_read_has_no_declaration(read_files):
    assert declarations_from_json(["", declaration_to_json(read_files[0])])[0] is None


def test_rows_stored_by_another_version_keep_their_values_and_take_defaults(read_files):
    """Older projects stored rows without today's last fields, and a later version may order them
    otherwise: each row still comes back field by field."""
    declaration = read_files[0]
    data = json.loads(declaration_to_json(declaration))
    first, second = data["smelters"][:2]
    del first["looked_up_id"], first["duplicate_of"]  # as stored before those fields existed
    data["smelters"][1] = dict(reversed(list(second.items())))
    decoded = declarations_from_json([json.dumps(data)])[0]
    original = declaration.smelters
    assert decoded.smelters[0] == SmelterRow(**{**vars(original[0]), "looked_up_id": "", "duplicate_of": None})
    assert decoded.smelters[1] == original[1] and decoded.smelters[1].name == original[1].name != ""
    assert decoded.smelters[2:] == original[2:]


def test_answers_stored_by_another_version_keep_their_values_and_meanings(read_files):
    declaration = read_files[0]
    data = json.loads(declaration_to_json(declaration))
    first, second = data["metal_answers"]["Tin"][:2]
    del first["cell"]  # as stored before that field existed
    data["metal_answers"]["Tin"][1] = dict(reversed(list(second.items())))
    decoded = declarations_from_json([json.dumps(data)])[0].metal_answers["Tin"]
    original = declaration.metal_answers["Tin"]
    assert decoded[0] == MetalAnswer(**{**vars(original[0]), "cell": ""})
    assert decoded[1] == original[1] and decoded[1].meaning is not None
    assert decoded[2:] == original[2:]


@pytest.mark.parametrize("odd", [
    {"raw": 10**20},  # a whole number Excel stored past 64 bits: orjson alone would read a float
    {"raw": -(10**25)},
    {"raw": float("nan")},  # json.dumps writes NaN, which orjson refuses
    {"raw": 1e300},
    {"comment": "Tin \ud800 smelter"},  # a lone surrogate from a damaged cell
])
def test_values_orjson_reads_otherwise_come_back_as_json_reads_them(read_files, odd):
    declaration = read_files[0]
    data = json.loads(declaration_to_json(declaration))
    data["metal_answers"]["Tin"][0].update(odd)
    data["company_answers"][0].update(odd)
    text = json.dumps(data, ensure_ascii=False)
    decoded = declarations_from_json([text])[0]
    for answer in (decoded.metal_answers["Tin"][0], decoded.company_answers[0]):
        for key, value in odd.items():
            got = getattr(answer, key)
            assert type(got) is type(value)
            assert got == value or value != value and got != got  # NaN is not equal to itself
    assert decoded.smelters == declaration.smelters


def test_a_huge_number_as_the_effective_date_cell_comes_back_whole(read_files):
    data = json.loads(declaration_to_json(read_files[0]))
    data["company"]["effective_date_raw"] = 123456789012345678901234567890
    decoded = declarations_from_json([json.dumps(data)])[0]
    assert decoded.company.effective_date_raw == 123456789012345678901234567890


def test_decoding_leaves_no_second_copy_inside_the_stored_text(read_files):
    """A project's stored texts stay in memory while it opens: parsing one must not leave a UTF-8
    copy of it cached inside (CPython counts that copy in the text's size)."""
    data = json.loads(declaration_to_json(read_files[0]))
    data["smelters"][0]["name"] = "云南锡业股份有限公司"  # a supplier writing in Chinese
    text = json.dumps(data, ensure_ascii=False)
    size = sys.getsizeof(text)
    assert declarations_from_json([text])[0].smelters[0].name == "云南锡业股份有限公司"
    assert sys.getsizeof(text) == size
