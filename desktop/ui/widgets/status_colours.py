"""One colour per filing status, shared by the table, the chips and the chart so they agree."""

from desktop.core.smelters import ACTIVE, CONFORMANT, CROSS_RECOGNIZED, NOT_ENROLLED, REMOVED, UNKNOWN

UNRESOLVED = "Unresolved"  # not a filing status: rows that matched no known smelter yet

STATUS_COLOURS = {
    CONFORMANT: "#2e7d4f",
    CROSS_RECOGNIZED: "#6aa84f",  # a lighter green: counted with Conformant, on another scheme
    ACTIVE: "#4f8fc0",
    NOT_ENROLLED: "#d08a2c",
    REMOVED: "#8e5a9a",
    UNKNOWN: "#8a8f96",
    UNRESOLVED: "#b3261e",
}

