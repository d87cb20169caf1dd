"""Turn the rows of a supplier list (file or pasted text) into supplier fields.

Purchasing teams keep these lists with their own headings ("Vendor Name", "E-mail",
"Parts supplied"...), so a heading is matched after lower-casing and dropping punctuation.
"""

from __future__ import annotations

import re

# Field -> headings accepted for it, already normalised by `_heading_key`.
FIELD_HEADINGS = {
    "name": (
        "supplier", "supplier name", "company", "company name", "vendor", "vendor name",
        "name", "manufacturer", "manufacturer name", "supplier company", "legal name",
    ),
    "contact_name": ("contact", "contact name", "contact person", "supplier contact", "attention"),
    "email": ("email", "e mail", "email address", "e mail address", "contact email", "mail"),
    "phone": ("phone", "telephone", "phone number", "tel", "contact phone", "telephone number"),
    "products": (
        "products", "product", "parts", "part", "products supplied", "parts supplied",
        "products or parts supplied", "products parts supplied", "products parts",
        "part numbers", "items", "items supplied", "commodity", "components",
    ),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}
# Column order assumed for pasted text without a header line.
PASTE_ORDER = ("name", "contact_name", "email", "phone", "products")
# How far down a sheet a title block may push the header row.
HEADER_SEARCH_ROWS = 10
MAX_PROBLEMS_SHOWN = 5


class RosterError(ValueError):
    """A supplier list that cannot be imported; the message names the file and the rows."""


def _heading_key(text: str) -> str:
    words = re.sub(r"[^0-9a-z]+", " ", str(text).lower()).split()
    return " ".join(words)


def _field_for(heading: str) -> str | None:
    key = _heading_key(heading)
    for field, headings in FIELD_HEADINGS.items():
        if key in headings:
            return field
    return None


def cell_text(value) -> str:
    """A cell as clean text: 5551234.0 -> "5551234", None -> "", inner line breaks kept."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\u00a0", " ").strip()


def _find_header(rows: list[list[str]]) -> tuple[int, dict[int, str]] | None:
    """(row index, column -> field) of the first row that names a supplier-name column."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[int, str] = {}
        for col, heading in enumerate(row):
            field = _field_for(heading)
            if field and field not in columns.values():
                columns[col] = field
        if "name" in columns.values():
            return index, columns
    return None


def rows_to_records(
    rows: list[list], source: str, first_row_number: int = 1, header_optional: bool = False
) -> list[dict]:
    """Supplier field dicts, one per non-blank row. Raises RosterError naming source and rows.

    `first_row_number` is the spreadsheet row (or line) number of rows[0], for messages.
    """
    rows = [[cell_text(v) for v in row] for row in rows]
    if not any(any(row) for row in rows):
        raise RosterError(f"{source}: the supplier list is empty.")
    header = _find_header(rows)
    if header is None:
        if not header_optional:
            expected = ", ".join(h.title() for h in FIELD_HEADINGS["name"][:6])
            raise RosterError(
                f"{source}: no column for the supplier name was found in the first "
                f"{HEADER_SEARCH_ROWS} rows. Give it a heading such as {expected}."
            )
        start, columns = 0, dict(enumerate(PASTE_ORDER))
    else:
        start, columns = header[0] + 1, header[1]

    records, problems = [], []
    for index in range(start, len(rows)):
        row = rows[index]
        record = {field: (row[col] if col < len(row) else "") for col, field in columns.items()}
        if not any(record.values()):
            continue  # blank lines between blocks are common in hand-kept lists
        where = f"row {first_row_number + index}"
        if not record.get("name"):
            problems.append(f"{where} has no supplier name")
            continue
        email = record.get("email", "")
        # Lists often hold two addresses in one cell ("a@x.com; b@x.com"); each must be valid.
        addresses = [a for a in re.split(r"[;,\s]+", email) if a]
        if any(not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", a) for a in addresses):
            problems.append(f"{where} ({record['name']}): the email address '{email}' is not valid")
            continue
        records.append(record)
    if problems:
        shown = "; ".join(problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - MAX_PROBLEMS_SHOWN
        tail = f"; and {more} more" if more > 0 else ""
        raise RosterError(f"{source}: {shown}{tail}. Correct the list and import it again.")
    if not records:
        raise RosterError(f"{source}: the list has a header but no suppliers under it.")
    return records
