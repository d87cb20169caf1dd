"""EDGAR HTML: self-contained documents within a conservative allowed set of tags and attributes."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from desktop.core.export.edgar_html import write_edgar_html
from desktop.core.export.records import file_sha256
from tests.core.export_helpers import sample, squash

# EDGAR Filer Manual vol. II ch. 5 (HTML 3.2 subset plus inline styles); kept independent of the writer.
ALLOWED_TAGS = {
    "html", "head", "title", "body", "div", "p", "b", "i", "u", "br", "hr", "table", "tr", "th", "td",
    "ul", "ol", "li", "font", "center", "sup", "sub", "span",
}
ALLOWED_ATTRIBUTES = {"style"}
FORBIDDEN_IN_STYLE = ("url(", "expression(", "@import", "javascript:", "behavior:")


class EdgarChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES:
                self.problems.append(f"attribute {name} on <{tag}>")
            lowered = (value or "").lower()
            if any(bad in lowered for bad in FORBIDDEN_IN_STYLE) or "http" in lowered:
                self.problems.append(f"external reference in {name}={value!r}")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def handle_decl(self, decl):
        self.problems.append(f"declaration {decl}")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction {data}")


def check(path: Path) -> EdgarChecker:
    raw = path.read_bytes()
    assert raw.isascii(), f"{path.name} has non-ASCII bytes"
    checker = EdgarChecker()
    checker.feed(raw.decode("ascii"))
    checker.close()
    assert not checker.problems, checker.problems
    return checker


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    data = sample(rows=400)
    data.annex_rows[0].name = "<script>alert(1)</script> & Co"
    data.annex_rows[1].name = "KGHM Polska Miedź Spółka Akcyjna"
    folder = tmp_path_factory.mktemp("edgar")
    return data, write_edgar_html(data, folder)


def test_files_and_records(exported):
    _data, records = exported
    assert [Path(r.path).name for r in records] == ["form_sd.htm", "ex1-01.htm"]
    assert [r.kind for r in records] == ["edgar_form_sd", "edgar_ex101"]
    for record in records:
        assert record.sha256 == file_sha256(record.path)
        assert len(Path(record.path).name) <= 32 and " " not in Path(record.path).name


def test_only_allowed_tags_and_attributes(exported):
    _data, records = exported
    for record in records:
        checker = check(Path(record.path))
        assert {"table", "p"} <= checker.tags


def test_form_sd_text(exported):
    data, records = exported
    text = squash(" ".join(check(Path(records[0].path)).text))
    reg = data.registrant
    for fact in (reg.name.upper(), reg.file_number, reg.ein, reg.state_of_incorporation, reg.zip_code, reg.contact_phone):
        assert fact in text
    assert "\u2612 Rule 13p-1 under the Securities Exchange Act (17 CFR 240.13p-1)" in text
    assert "Item 1.01 Conflict Minerals Disclosure and Report" in text
    assert "Item 3.01 Exhibits" in text
    assert f"By: /s/ {data.signer.name}" in text


def test_exhibit_has_every_annex_row_and_figures(exported):
    data, records = exported
    text = squash(" ".join(check(Path(records[1].path)).text))
    for row in data.annex_rows:
        assert squash(f"{row.metal} {row.name} {row.country} {row.smelter_id} {row.status}") in text
    for s in data.metal_summaries:
        assert f"{s.metal} {s.known} {s.conformant} {s.active} {s.conformant_or_active} {s.percent_conformant_or_active}%" in text
    assert "<script>alert(1)</script> & Co" in text  # printed as text, never as markup
    raw = Path(records[1].path).read_text(encoding="ascii")
    assert "<script" not in raw and "Miedź" not in raw and "Mied&#378;" in raw


def test_the_checker_rejects_what_edgar_rejects(tmp_path):
    for bad in (
        '<html><body><script>x()</script></body></html>',
        '<html><body><img style="" src="https://example.com/a.png"/></body></html>',
        '<html><body><p style="background:url(https://example.com/x.png)">x</p></body></html>',
        '<html><head><link style="" href="a.css"/></head></html>',
        '<html><body><form><input/></form></body></html>',
        '<html><body><p onclick="x()">x</p></body></html>',
    ):
        path = tmp_path / "bad.htm"
        path.write_text(bad, encoding="ascii")
        with pytest.raises(AssertionError):
            check(path)


def test_form_sd_only_writes_one_document(tmp_path):
    data = dataclasses.replace(sample(rows=20), outcome="sd_only",
                               outcome_reasons=["No reason to believe any 3TG came from the Covered Countries."])
    records = write_edgar_html(data, tmp_path)
    assert [Path(r.path).name for r in records] == ["form_sd.htm"]
    text = squash(" ".join(check(Path(records[0].path)).text))
    assert "No reason to believe any 3TG came from the Covered Countries." in text
    assert not re.search(r"Exhibit 1\.01", text)
