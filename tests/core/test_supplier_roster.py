"""The supplier roster: importing lists with loose headings, request states, response rate."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from desktop.core.suppliers import (
    RequestState,
    RosterError,
    Supplier,
    parse_pasted_roster,
    read_roster,
    response_rate,
)


def test_csv_with_vendor_headings_semicolons_and_windows_encoding(tmp_path):
    # A European Excel export: ";" separated, cp1252, headings in the purchasing team's words.
    path = tmp_path / "vendors.csv"
    path.write_bytes(
        "Vendor Name;Contact person;E-mail;Telephone;Parts supplied\r\n"
        "Müller Präzision GmbH;Jürgen Weiß;jw@mueller.example;+49 711 555;Connectors\r\n"
        ";;;;\r\n"
        "Acme Co., Ltd.;Jane Li;jane@acme.example; ;PCB assemblies, cables\r\n".encode("cp1252")
    )
    suppliers = read_roster(path)
    assert [s.name for s in suppliers] == ["Müller Präzision GmbH", "Acme Co., Ltd."]
    first = suppliers[0]
    assert (first.contact_name, first.email, first.phone) == (
        "Jürgen Weiß",
        "jw@mueller.example",
        "+49 711 555",
    )
    assert suppliers[1].products == "PCB assemblies, cables"
    assert all(s.request_state is RequestState.NOT_REQUESTED and s.id is None for s in suppliers)


def test_xlsx_with_title_rows_above_the_header_and_numeric_phone(tmp_path):
    path = tmp_path / "roster.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Supplier list 2024"])
    sheet.append([])
    sheet.append(["Company", "Email", "Phone", "Products / Parts supplied", "Notes"])
    sheet.append(["JX Advanced Metals Corporation", "cm@jx.example", 81312345678, "Tantalum powder", None])
    sheet.append(["Central Glass Co., Ltd.", None, None, "WF6 gas", "new in 2024"])
    book.save(path)
    suppliers = read_roster(path)
    assert [s.name for s in suppliers] == ["JX Advanced Metals Corporation", "Central Glass Co., Ltd."]
    assert suppliers[0].phone == "81312345678"  # not "81312345678.0"
    assert suppliers[0].products == "Tantalum powder"
    assert suppliers[1].notes == "new in 2024"


def test_errors_name_the_file_and_every_bad_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "Supplier,Email\nGood Co,good@example.com\n,orphan@example.com\nTypo Inc,typo,example.com\n",
        encoding="utf-8",
    )
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    message = str(caught.value)
    assert "bad.csv" in message
    assert "row 3 has no supplier name" in message
    assert "row 4 (Typo Inc)" in message


def test_xlsx_row_numbers_in_messages_are_excel_row_numbers(tmp_path):
    path = tmp_path / "offset.xlsx"
    book = openpyxl.Workbook()
    book.active["B3"], book.active["C3"] = "Supplier", "Email"
    book.active["B4"], book.active["C4"] = "Acme", "not-an-address"
    book.save(path)
    with pytest.raises(RosterError, match=r"offset.xlsx: row 4 \(Acme\): the email address"):
        read_roster(path)


def test_missing_name_column_and_unsupported_files_are_explained(tmp_path):
    path = tmp_path / "parts.csv"
    path.write_text("Part,Price\nA-1,3.50\n", encoding="utf-8")
    with pytest.raises(RosterError, match="parts.csv: no column for the supplier name"):
        read_roster(path)
    with pytest.raises(RosterError, match="does not exist"):
        read_roster(tmp_path / "missing.xlsx")
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(RosterError, match="fake.xlsx: this is not a readable Excel workbook"):
        read_roster(fake)


def test_a_real_cmrt_workbook_is_not_taken_for_a_roster(cmrt_dir):
    # A user may pick the wrong file in the dialog; the message must say what is missing.
    with pytest.raises(RosterError, match="no column for the supplier name"):
        read_roster(cmrt_dir / "suppliers" / "central-glass_CMRT_6.4.xlsx")


def test_the_shared_sources_list_reads_as_a_tab_separated_roster_with_clear_row_errors(cmrt_dir):
    # SOURCES.tsv has a "company" column, blank for the blank templates: every such row is named.
    text = (cmrt_dir / "SOURCES.tsv").read_text(encoding="utf-8")
    with pytest.raises(RosterError) as caught:
        parse_pasted_roster(text)
    assert "the pasted text: row 2 has no supplier name" in str(caught.value)
    companies = [line for line in text.splitlines()[1:] if line.split("\t")[5].strip()]
    suppliers = parse_pasted_roster("\n".join([text.splitlines()[0], *companies]))
    names = [s.name for s in suppliers]
    assert "JX Advanced Metals Corporation" in names
    assert "Central Glass Co., Ltd." in names
    assert len(names) == len(companies)


def test_pasted_excel_cells_without_a_header_use_the_documented_order():
    text = (
        "Acme Co., Ltd.\tJane Li\tjane@acme.example\t555-0100\tCables\n"
        '"Beta Metals\tInc."\tBob\tbob@beta.example\t\t"Solder\nwire"\n'
        "Gamma LLC\n"
    )
    suppliers = parse_pasted_roster(text)
    assert [s.name for s in suppliers] == ["Acme Co., Ltd.", "Beta Metals\tInc.", "Gamma LLC"]
    assert suppliers[0].phone == "555-0100"
    assert suppliers[1].products == "Solder\nwire"  # Excel quotes cells with line breaks
    assert suppliers[2].email == ""


def test_request_state_labels_and_dated_text():
    assert [s.label for s in RequestState] == [
        "Not yet requested",
        "Requested",
        "Reminder sent",
        "Response received",
        "Needs follow-up",
        "Complete",
        "No response",
    ]
    supplier = Supplier(name="Acme", request_state=RequestState.REQUESTED, requested_on=date(2025, 2, 3))
    assert supplier.state_text() == "Requested on Feb 3, 2025"
    supplier.request_state, supplier.reminded_on = RequestState.REMINDER_SENT, date(2025, 3, 14)
    assert supplier.state_text() == "Reminder sent on Mar 14, 2025"


def test_supplier_round_trips_through_a_storage_row():
    supplier = Supplier(
        id=7,
        name="Acme",
        email="a@acme.example",
        request_state=RequestState.REMINDER_SENT,
        requested_on=date(2025, 2, 3),
        reminded_on=date(2025, 3, 1),
    )
    row = supplier.as_row()
    assert row["request_state"] == "reminder sent" and row["requested_on"] == "2025-02-03"
    assert Supplier.from_row({**row, "column_from_a_newer_version": 1}) == supplier


def _roster(*states: RequestState) -> list[Supplier]:
    return [Supplier(id=i + 1, name=f"S{i}", request_state=state) for i, state in enumerate(states)]


def test_response_rate_counts_as_reports_state_it():
    # Juniper 2016: "received CMRTs from 93% of the Surveyed Suppliers". Surveyed = marked as asked;
    # responded = asked and holding a usable CMRT (a file sent back for fixes still counts).
    suppliers = _roster(
        RequestState.NOT_REQUESTED,
        RequestState.REQUESTED,
        RequestState.REMINDER_SENT,
        RequestState.NO_RESPONSE,
        RequestState.RESPONSE_RECEIVED,
        RequestState.NEEDS_FOLLOW_UP,
        RequestState.COMPLETE,
        RequestState.COMPLETE,
        RequestState.COMPLETE,
    )
    for supplier in suppliers[4:]:
        supplier.asked = True  # these were asked and answered
    suppliers[8].asked = False  # a file arrived from a company nobody recorded asking: not surveyed
    answered = {s.id for s in suppliers[4:]} | {suppliers[0].id}
    rate = response_rate(suppliers, answered)
    assert (rate.surveyed, rate.responded, rate.percent) == (7, 4, 57)
    assert response_rate(suppliers).responded == 0  # a request state alone is never a response
    suppliers[8].asked = True
    rate = response_rate(suppliers, answered)
    assert (rate.surveyed, rate.responded, rate.percent) == (8, 5, 63)  # 62.5% rounds up
    assert rate.sentence() == "We surveyed 8 suppliers and received responses from 5 (63%)."


def test_response_rate_with_nobody_surveyed():
    rate = response_rate(_roster(RequestState.NOT_REQUESTED))
    assert (rate.surveyed, rate.responded, rate.percent) == (0, 0, 0)
    assert rate.sentence() == "No suppliers have been surveyed yet."
    assert response_rate([]).surveyed == 0
