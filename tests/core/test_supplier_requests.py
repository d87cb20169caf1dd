"""The CMRT request and the reminder, written for the sample roster and saved as drafts."""

from __future__ import annotations

import email
import email.policy
from datetime import date

from desktop.core.sample import sample_company
from desktop.core.suppliers import (
    RequestState,
    Sender,
    Supplier,
    reminder_subject,
    reminder_text,
    request_subject,
    request_text,
    write_eml,
)

SENDER = Sender(name="Dana Whitfield", company="Northwind Instruments, Inc.", email="dana@northwind.example")


def _waiting_supplier() -> Supplier:
    roster = sample_company().suppliers
    return next(s for s in roster if s.request_state is RequestState.REMINDER_SENT)


def test_request_names_the_year_the_deadline_and_the_products():
    supplier = _waiting_supplier()
    text = request_text(supplier, 2025, date(2026, 3, 31), SENDER)
    flat = " ".join(text.split())
    assert text.startswith(f"Dear {supplier.contact_name},\n")
    assert "your completed CMRT for calendar year 2025" in flat
    assert f"({supplier.products})" in flat and "by Mar 31, 2026" in flat
    assert "Northwind Instruments, Inc. reports each year to the U.S. SEC" in flat
    assert "www.responsiblemineralsinitiative.org" in flat
    assert text.rstrip().endswith("Dana Whitfield\nNorthwind Instruments, Inc.\ndana@northwind.example")
    assert max(len(line) for line in text.splitlines()) <= 76
    assert request_subject(2025, SENDER) == (
        "Conflict minerals declaration (CMRT) for 2025: request from Northwind Instruments, Inc."
    )


def test_reminder_says_when_the_request_went_out(tmp_path):
    supplier = _waiting_supplier()
    text = reminder_text(supplier, 2025, date(2026, 4, 15), SENDER)
    flat = " ".join(text.split())
    assert "We wrote to you on Jan 12, 2026 asking for your Conflict Minerals" in flat
    assert "We have not received it yet." in flat and "by Apr 15, 2026" in flat
    unknown = Supplier(name="No Date Ltd")
    plain = " ".join(reminder_text(unknown, 2025, date(2026, 4, 15)).split())
    assert plain.startswith("Dear Sir or Madam, We wrote to you asking for")
    assert "()" not in plain  # no empty product list
    path = write_eml(tmp_path / "reminder.eml", supplier.email, reminder_subject(2025, SENDER), text, SENDER)
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["Subject"].startswith("Reminder: Conflict minerals declaration (CMRT) for 2025")
    assert message["To"] == supplier.email and message["X-Unsent"] == "1"
