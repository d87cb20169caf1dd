"""Suppliers in scope: the roster, matching a CMRT to its sender, and follow-up messages."""

from desktop.core.suppliers.followup import (
    Sender,
    follow_up_recipient,
    follow_up_subject,
    follow_up_text,
    write_eml,
)
from desktop.core.suppliers.name_match import normalise_company_name, suggest_suppliers
from desktop.core.suppliers.requests import (
    reminder_subject,
    reminder_text,
    request_subject,
    request_text,
)
from desktop.core.suppliers.smelter_questions import smelter_questions
from desktop.core.suppliers.supplier_wording import for_supplier
from desktop.core.suppliers.roster import (
    RequestState,
    ResponseRate,
    RosterError,
    Supplier,
    parse_pasted_roster,
    read_roster,
    response_rate,
)

__all__ = [
    "RequestState",
    "ResponseRate",
    "RosterError",
    "Sender",
    "Supplier",
    "follow_up_recipient",
    "for_supplier",
    "follow_up_subject",
    "follow_up_text",
    "normalise_company_name",
    "parse_pasted_roster",
    "read_roster",
    "reminder_subject",
    "reminder_text",
    "request_subject",
    "request_text",
    "response_rate",
    "smelter_questions",
    "suggest_suppliers",
    "write_eml",
]
