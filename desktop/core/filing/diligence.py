"""The due diligence questions, grouped under the OECD five steps, and the filing outcome.

Questions and their proposed sentences live in `resources/templates/diligence_questions.ini` so a
compliance reviewer can read and change them. Answers are a plain dict key -> text that the project
store saves; sentences may carry `$placeholders` that are filled when the report is written. Facts
(a year, a web address, an officer) have no default: they are empty until the user types them, and
an empty fact prints as a visible gap. Whether a sentence is confirmed lives in desktop.core.filing.claims.
"""

from __future__ import annotations

import configparser
import re
from dataclasses import dataclass
from functools import lru_cache
from string import Template

from desktop.core.paths import resource_path

QUESTIONS_FILE = ("templates", "diligence_questions.ini")
FUTURE_STEPS_FILE = ("templates", "future_steps.txt")


@dataclass(frozen=True)
class Question:
    key: str
    step: int  # OECD step 1-5
    kind: str  # "fact" (a value used inside sentences) or "sentence" (printed in the report)
    label: str
    help: str
    default: str  # empty for facts
    token: str = ""  # facts: the name shown for it inside a sentence, e.g. "policy year"


@lru_cache(maxsize=1)
def _load() -> tuple[dict[int, str], tuple[Question, ...]]:
    parser = configparser.ConfigParser(interpolation=None, comment_prefixes=("#",))
    parser.optionxform = str  # keep keys as written
    path = resource_path(*QUESTIONS_FILE)
    with open(path, encoding="utf-8") as handle:
        parser.read_file(handle)
    steps = {int(number): title for number, title in parser["steps"].items()}
    questions = []
    for key in parser.sections():
        if key == "steps":
            continue
        section = parser[key]
        kind = section.get("kind", "sentence")
        if kind not in ("fact", "sentence"):
            raise ValueError(f"{path}: question [{key}] has kind {kind!r}; use fact or sentence")
        step = section.getint("step")
        if step not in steps:
            raise ValueError(f"{path}: question [{key}] names OECD step {step}, which is not in [steps]")
        default = section.get("default", "").strip()
        if kind == "fact" and default:
            raise ValueError(f"{path}: fact [{key}] has a default; a fact about the company is typed by the user")
        if kind == "sentence" and not default:
            raise ValueError(f"{path}: sentence [{key}] has no proposed wording (default)")
        token = section.get("token", key.replace("_", " ")).strip()
        questions.append(Question(key, step, kind, section["label"], section.get("help", ""), default, token))
    return steps, tuple(questions)


def oecd_steps() -> dict[int, str]:
    """OECD step number -> its name, as printed in the report."""
    return dict(_load()[0])


def questions() -> list[Question]:
    return list(_load()[1])


def questions_by_step() -> dict[int, list[Question]]:
    grouped: dict[int, list[Question]] = {step: [] for step in oecd_steps()}
    for question in questions():
        grouped[question.step].append(question)
    return grouped


def default_answers() -> dict[str, str]:
    """A fresh project's answers: proposed sentences (placeholders in place), facts empty."""
    return {question.key: question.default for question in questions()}


def fact_keys() -> list[str]:
    return [q.key for q in questions() if q.kind == "fact"]


def sentence_questions() -> list[Question]:
    return [q for q in questions() if q.kind == "sentence"]


# Placeholders that come from the company step, with the name the page shows for them.
CONTEXT_TOKENS = {"company": "company name", "year": "reporting year", "website": "website", "report_url": "report web address"}
_PLACEHOLDER = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
_TOKEN = re.compile(r"\{\s*([^{}\n]+?)\s*\}")


def tokens() -> dict[str, str]:
    """Placeholder name -> the name shown between braces on the page."""
    return CONTEXT_TOKENS | {q.key: q.token for q in questions() if q.kind == "fact"}


def placeholders_in(text: str) -> list[str]:
    """The known $placeholders a sentence uses, in order, each once."""
    known = tokens()
    found = []
    for match in _PLACEHOLDER.finditer(text):
        name = match.group(1) or match.group(2)
        if name in known and name not in found:
            found.append(name)
    return found


def to_display(text: str) -> str:
    """A stored sentence as the page shows it: "$policy_year" becomes "{policy year}"."""
    known = tokens()

    def shown(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        return "{" + known[name] + "}" if name in known else match.group(0)

    return _PLACEHOLDER.sub(shown, text)


def from_display(text: str) -> str:
    """A sentence as typed on the page back to its stored form: "{policy year}" becomes "$policy_year"."""
    by_token = {" ".join(token.casefold().split()): name for name, token in tokens().items()}

    def stored(match: re.Match[str]) -> str:
        name = by_token.get(" ".join(match.group(1).casefold().split()))
        if not name:
            return match.group(0)
        following = match.string[match.end():match.end() + 1]
        return "${" + name + "}" if following.isalnum() or following == "_" else "$" + name

    return _TOKEN.sub(stored, text)


def common_future_steps() -> list[str]:
    with open(resource_path(*FUTURE_STEPS_FILE), encoding="utf-8") as handle:
        lines = (line.strip() for line in handle)
        return [line for line in lines if line and not line.startswith("#")]


def gap(key: str) -> str:
    """What an empty fact prints as: a visible gap naming it, never a guess."""
    return "[" + tokens().get(key, key.replace("_", " ")) + " not filled in]"


def resolved_answers(answers: dict[str, str], context: dict[str, str]) -> dict[str, str]:
    """Answers with placeholders filled: sentences from context + the facts as typed.

    Missing answers fall back to the proposals. An empty fact leaves a visible gap (`gap`). Unknown
    `$words` are left as written (a user may type "$5 million"), hence `safe_substitute`.
    """
    merged = default_answers() | {key: value for key, value in answers.items() if value is not None}
    kinds = {question.key: question.kind for question in questions()}
    facts = {
        key: text.strip() or gap(key)
        for key, text in merged.items()
        if kinds.get(key) == "fact"
    }
    values = {key: value for key, value in context.items() if value} | facts
    values = {key: values.get(key) or gap(key) for key in tokens()} | values
    return {
        key: (facts[key] if key in facts else Template(text).safe_substitute(values).strip())
        for key, text in merged.items()
    }


def decide_outcome(
    manufactures_products: bool,
    necessary_3tg: bool,
    may_be_from_covered_countries: bool,
    all_from_recycled_or_scrap: bool,
) -> tuple[str, list[str]]:
    """The filing outcome and the reasons, in plain words, from product scoping and supplier answers.

    Rule 13p-1: no 3TG necessary to a manufactured product -> no Form SD; RCOI gives no reason to
    believe the 3TG came from the Covered Countries (or it is all recycled or scrap) -> Form SD only;
    otherwise due diligence and a Conflict Minerals Report as Exhibit 1.01.
    """
    if not manufactures_products:
        return "no_filing", [
            "The company does not manufacture, or contract to manufacture, any products, so Rule 13p-1 does not apply."
        ]
    if not necessary_3tg:
        return "no_filing", [
            "No product contains tin, tantalum, tungsten or gold that is necessary to its functionality or production."
        ]
    reasons = ["Products manufactured by the company contain tin, tantalum, tungsten or gold necessary to their functionality or production, so a Form SD is required."]
    if all_from_recycled_or_scrap:
        reasons.append("The inquiry found that the 3TG came from recycled or scrap sources, so no Conflict Minerals Report is required.")
        return "sd_only", reasons
    if not may_be_from_covered_countries:
        reasons.append("The inquiry gave no reason to believe that the 3TG may have come from the Democratic Republic of the Congo or an adjoining country, so no Conflict Minerals Report is required.")
        return "sd_only", reasons
    reasons.append("Supplier answers show the 3TG may have come from the Democratic Republic of the Congo or an adjoining country, or its origin could not be determined, so due diligence was performed and a Conflict Minerals Report is filed as Exhibit 1.01.")
    return "sd_with_cmr", reasons
