"""Turn raw CMRT cell values into clean English text, answers, metals and dates.

Suppliers' files carry trailing tabs, non-breaking spaces, `0` left behind by pasted formulas,
the number 1 for "100%" and dates typed as text. Everything the reader keeps goes through here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from desktop.core.cmrt.model import METALS

# Excel's day zero for serial dates (the 1900 leap-year bug makes it 30 Dec 1899, not 31).
_EXCEL_EPOCH = date(1899, 12, 30)
_SPACES = re.compile(r"[\s\u00a0\u3000]+")


def clean_text(value: object) -> str:
    """A cell value as trimmed text: numbers without a trailing ".0", dates as ISO."""
    if value == "" or value is None or value is False:  # most cells: a fast exit
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).replace("\u00a0", " ").replace("\u3000", " ")
    return text.strip(" \t\r\n")


def clean_field(value: object) -> str:
    """Free-text field: like clean_text, but a bare 0 counts as blank.

    Pasting values over the template's formulas turns empty formula results into 0
    (seen in the Honeywell and PKG 6.4 files), which is never a real street or name.
    """
    if value == 0 and not isinstance(value, bool):
        return ""
    text = clean_text(value)
    return "" if text == "0" else text


def _fold(text: str) -> str:
    """A comparison key: lower case, single spaces, IPC-1755 spelled one way, brackets as parentheses."""
    text = _SPACES.sub(" ", text).strip().lower()
    text = text.replace("ipc-1755", "ipc1755").replace("ipc 1755", "ipc1755")
    return text.replace("[", "(").replace("]", ")")


def normalise_answer(value: object, allowed: tuple[str, ...] = ()) -> str:
    """An answer as the template's own English option when it matches one, else the text as written.

    CMRT 6.01-6.22 store the Q6 option 100% as the number 1 (formatted 0%); 6.31 and later
    store the text "100%". 2.x lists written as "Yes, No" leave a leading space on " No".
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value == 1:
            value = "100%"
        elif value == 0:
            return ""
        elif 0 < value < 1:
            value = f"{value:.0%}"
    text = clean_field(value)
    if not text:
        return ""
    key = _fold(text)
    for option in allowed:
        if _fold(option) == key:
            return option.strip()
    return _SPACES.sub(" ", text)


def answer_is_allowed(answer: str, allowed: tuple[str, ...]) -> bool:
    key = _fold(answer)
    return any(_fold(option) == key for option in allowed)


def metal_name(value: object) -> str:
    """One of METALS for "Tin", "tin ", "Gold (Au)"; otherwise the text as written."""
    text = clean_field(value)
    head = text.split("(")[0].strip().lower()
    for metal in METALS:
        if head == metal.lower():
            return metal
    return text


_DATE_FORMATS = (
    "%d-%b-%Y", "%d-%B-%Y", "%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y",
    "%b %d, %Y", "%B %d, %Y", "%d-%b-%y", "%Y%m%d", "%Y年%m月%d日",
)


def parse_date(value: object) -> date | None:
    """The effective date as a real date: Excel dates, serial numbers and dates typed as text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's valid serial range (to 31-Dec-9999)
            return _EXCEL_EPOCH + timedelta(days=int(value))
        return None
    text = clean_field(value)
    if not text:
        return None
    text = _SPACES.sub(" ", text)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    # Slash dates are ambiguous (US vs the rest); take month/day only when day/month is impossible.
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if match:
        first, second, year = (int(part) for part in match.groups())
        for day, month in ((first, second), (second, first)):
            try:
                return date(year, month, day)
            except ValueError:
                continue
    return None


def looks_like_smelter_id(text: str) -> bool:
    """CID000123 (3.x and later) or the 2.x form 1JPN058 (metal digit, ISO3 country, number)."""
    return bool(re.fullmatch(r"CID\d{6}|[1-4][A-Z]{3}\d{3}", text.strip().upper()))


def is_copyright_line(text: str) -> bool:
    return text.startswith("©") or text.startswith("(c)") or "All rights reserved" in text
