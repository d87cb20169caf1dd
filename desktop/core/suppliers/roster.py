"""The supplier roster: who is in scope, how far each inquiry has gone, and the response rate.

Suppliers arrive typed, pasted from Excel, or imported from a CSV/XLSX list the purchasing team
already keeps; column names vary, so headers are matched loosely (see `roster_columns`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from enum import Enum

from desktop.core.percent import percent_half_up
from desktop.core.suppliers.roster_columns import RosterError, rows_to_records

__all__ = [
    "RequestState",
    "ResponseRate",
    "RosterError",
    "Supplier",
    "parse_pasted_roster",
    "read_roster",
    "response_rate",
]


class RequestState(str, Enum):
    """How far the CMRT request to one supplier has gone. Values are stored in the project."""

    NOT_REQUESTED = "not yet requested"
    REQUESTED = "requested"
    REMINDER_SENT = "reminder sent"
    RESPONSE_RECEIVED = "response received"
    NEEDS_FOLLOW_UP = "needs follow-up"
    COMPLETE = "complete"
    NO_RESPONSE = "no response"

    @property
    def label(self) -> str:
        """The state in plain English, capitalised for a table cell."""
        return self.value[0].upper() + self.value[1:]


# A supplier "responded" once any CMRT came back, even one we sent back for corrections:
# that is how filers count it ("received CMRTs from 93% of the Surveyed Suppliers").
RESPONDED_STATES = frozenset(
    {RequestState.RESPONSE_RECEIVED, RequestState.NEEDS_FOLLOW_UP, RequestState.COMPLETE}
)


# Recording one of these states for a supplier records that it was asked.
ASKING_STATES = frozenset({RequestState.REQUESTED, RequestState.REMINDER_SENT, RequestState.NO_RESPONSE})


def format_day(day: date) -> str:
    """US style, as in the filings: "May 26, 2022"."""
    return f"{day:%b} {day.day}, {day.year}"


@dataclass
class Supplier:
    """One supplier in scope. Plain fields so the project store can save it as one row."""

    id: int | None = None
    name: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    products: str = ""  # products or parts supplied, free text
    request_state: RequestState = RequestState.NOT_REQUESTED
    requested_on: date | None = None
    reminded_on: date | None = None
    notes: str = ""
    # The user recorded that this supplier was asked for a CMRT: only these count as surveyed.
    # A file arriving from a company is not proof that it was asked.
    asked: bool = False

    def __post_init__(self) -> None:
        if self.request_state in ASKING_STATES:
            self.asked = True  # a recorded request is a recorded ask

    @property
    def followed_up(self) -> bool:
        """A reminder or follow-up to this supplier is on record (a date, or the "reminder sent" state)."""
        return self.reminded_on is not None or self.request_state is RequestState.REMINDER_SENT

    def state_text(self) -> str:
        """The request state with its date, e.g. "Requested on Feb 3, 2025"."""
        if self.request_state is RequestState.REQUESTED and self.requested_on:
            return f"Requested on {format_day(self.requested_on)}"
        if self.request_state is RequestState.REMINDER_SENT and self.reminded_on:
            return f"Reminder sent on {format_day(self.reminded_on)}"
        return self.request_state.label

    def as_row(self) -> dict:
        """Field name to a plain value (str, int, ISO date or None) for storage."""
        row = asdict(self)
        row["request_state"] = self.request_state.value
        row["asked"] = int(self.asked)
        for key in ("requested_on", "reminded_on"):
            row[key] = row[key].isoformat() if row[key] else None
        return row

    @classmethod
    def from_row(cls, row: dict) -> Supplier:
        """The inverse of `as_row`; unknown keys are ignored so old projects still open."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in row.items() if k in known}
        state = values.get("request_state") or RequestState.NOT_REQUESTED
        values["request_state"] = RequestState(state)
        for key in ("requested_on", "reminded_on"):
            raw = values.get(key)
            values[key] = date.fromisoformat(raw) if isinstance(raw, str) and raw else raw or None
        for key in ("name", "contact_name", "email", "phone", "products", "notes"):
            values[key] = values.get(key) or ""
        values["asked"] = bool(values.get("asked"))
        return cls(**values)


@dataclass(frozen=True)
class ResponseRate:
    """Suppliers surveyed and how many answered, as a Conflict Minerals Report states it."""

    surveyed: int
    responded: int
    percent: int  # whole percent, rounded half up; 0 when nobody was surveyed

    def sentence(self) -> str:
        """E.g. "We surveyed 8 suppliers and received responses from 6 (75%)."."""
        if not self.surveyed:
            return "No suppliers have been surveyed yet."
        noun = "supplier" if self.surveyed == 1 else "suppliers"
        return (
            f"We surveyed {self.surveyed} {noun} and received responses from "
            f"{self.responded} ({self.percent}%)."
        )


def response_rate(suppliers: list[Supplier], answered_ids: set[int] | frozenset[int] = frozenset()) -> ResponseRate:
    """Surveyed = roster suppliers marked as asked; responded = those of them with a usable current CMRT.

    `answered_ids` are the ids of suppliers whose current file is a readable CMRT (the project knows
    them: `desktop.core.filing.evidence.answered_supplier_ids`). A request state alone never makes a response.
    """
    surveyed = [s for s in suppliers if s.asked]
    responded = sum(1 for s in surveyed if s.id in answered_ids)
    percent = percent_half_up(responded, len(surveyed)) or 0
    return ResponseRate(surveyed=len(surveyed), responded=responded, percent=percent)


def _suppliers(records: list[dict]) -> list[Supplier]:
    return [Supplier(**record) for record in records]


def read_roster(path) -> list[Supplier]:
    """Suppliers from a CSV or XLSX list (first sheet), headers matched loosely.

    Raises RosterError naming the file (and the row) when the list cannot be used.
    """
    from desktop.core.suppliers.roster_files import read_table

    rows, first_row = read_table(path)
    return _suppliers(rows_to_records(rows, source=str(path), first_row_number=first_row))


def parse_pasted_roster(text: str) -> list[Supplier]:
    """Suppliers from tab-separated text copied out of Excel.

    With a header line the columns are matched by name; without one they are taken in the
    order Name, Contact, Email, Phone, Products.
    """
    import csv
    import io

    # csv understands Excel's quoting of cells that contain tabs or line breaks.
    rows = list(csv.reader(io.StringIO(text.strip("\r\n")), delimiter="\t"))
    return _suppliers(
        rows_to_records(rows, source="the pasted text", first_row_number=1, header_optional=True)
    )
