"""Short explanations of the trade's abbreviations, shown as tooltips where the words appear."""

from __future__ import annotations

TERMS = {
    "CMRT": "Conflict Minerals Reporting Template: the Excel form, published by the Responsible "
    "Minerals Initiative (RMI), in which a supplier lists the smelters behind its products.",
    "RMI": "Responsible Minerals Initiative: the industry body that publishes the CMRT and audits smelters.",
    "RMAP": "Responsible Minerals Assurance Process: RMI's audit of smelters and refiners. "
    "Conformant means the smelter passed the audit; Active means it is being audited.",
    "CID": "RMI's smelter ID, CID followed by six digits (for example CID000123). "
    "It identifies a smelter or refiner in RMI's lists.",
    "RCOI": "Reasonable country of origin inquiry: asking your suppliers, in good faith, where the "
    "tin, tantalum, tungsten and gold in your products came from. The CMRT is how it is usually done.",
    "3TG": "Tin, tantalum, tungsten and gold, the metals SEC Rule 13p-1 covers.",
    "DRC": "The Democratic Republic of the Congo; with its nine neighbours, the 'covered countries'.",
}

# A CMRT's declaration scope (Declaration sheet, question "scope"), by the word in its label.
SCOPES = {
    "company": "Company-wide: the supplier's answers cover everything it makes.",
    "division": "One division of the supplier: the answers cover what that division makes.",
    "product": "Product scope: the answers cover only the products on the file's Product List.",
    "user": "User defined: the supplier describes its own scope on the Declaration sheet.",
}


def status_meaning(status: str) -> str:
    """RMI's definition of a smelter status, as printed under Annex A; "" for statuses it does not define."""
    from desktop.core.export.document import default_status_definitions  # only when first asked

    return default_status_definitions().get(status, "")


def glossary_text() -> str:
    """Every term, for Help > Words used here."""
    return "\n\n".join(f"{term}: {text}" for term, text in TERMS.items()) + (
        "\n\nScope of a CMRT: " + " ".join(f"{text}" for text in SCOPES.values())
    )


def explain(*terms: str) -> str:
    """Tooltip text for the named terms, one paragraph each."""
    return "\n\n".join(f"{term}: {TERMS[term]}" for term in terms)


def explain_scope(label: str) -> str:
    """'A. Company' -> what that scope means; empty when the label is not one the CMRT offers."""
    lowered = label.casefold()
    return next((text for word, text in SCOPES.items() if word in lowered), "")
