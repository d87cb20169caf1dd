"""One colour per filing status, shared by the table, the chips and the chart so they agree."""

from desktop.core.smelters import ACTIVE, CONFORMANT, NOT_ENROLLED, UNKNOWN

UNRESOLVED = "Unresolved"  # not a filing status: rows that matched no known smelter yet

STATUS_COLOURS = {
    CONFORMANT: "#2e7d4f",
    ACTIVE: "#4f8fc0",
    NOT_ENROLLED: "#d08a2c",
    UNKNOWN: "#8a8f96",
    UNRESOLVED: "#b3261e",
}
