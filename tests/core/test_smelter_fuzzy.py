"""The native suggestion scorer gives the scores and order name_similarity gives, on misspelled names."""

from __future__ import annotations

import csv
import random

import pytest
from rapidfuzz import fuzz, process

from desktop.core.cmrt.model import METALS
from desktop.core.smelters import load_reference
from desktop.core.smelters.fuzzy import ChoiceScorer, _set_ratio_apart, scorer_for
from desktop.core.smelters.matching import SUGGESTION_CUTOFF, name_similarity
from desktop.core.smelters.names import name_key


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def misspelled(name: str, rng: random.Random) -> str:
    """One of the ways supplier files spell a smelter: typo, dropped or repeated word, extra words."""
    words = name.split()
    kind = rng.choice(["swap", "drop letter", "drop word", "repeat word", "extra", "subset", "as is"])
    if kind == "swap" and len(name) > 4:
        i = rng.randrange(1, len(name) - 2)
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    if kind == "drop letter" and len(name) > 4:
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1:]
    if kind == "drop word" and len(words) > 1:
        del words[rng.randrange(len(words))]
    elif kind == "repeat word":
        words.insert(0, words[-1])
    elif kind == "extra":
        words.append(rng.choice(["refinery", "smelting plant", "gold", "metals group", "xyz"]))
    elif kind == "subset" and len(words) > 2:
        words = words[:2]
    return " ".join(words)


def queries(reference, count: int) -> list[tuple[str, str]]:
    rng = random.Random(13)
    names = sorted((s.metal, s.name) for s in reference.smelters.values())
    found = []
    for metal, name in rng.sample(names, count):
        key = name_key(misspelled(name, rng)).replace("#", "")
        if key:
            found.append((metal, key))
    return found


def extract_with_python_scorer(reference, metal: str, key: str) -> list[tuple[str, float]]:
    choices = reference.keys_by_metal[metal]
    found = process.extract(key, choices, scorer=name_similarity, limit=8, score_cutoff=SUGGESTION_CUTOFF)
    return [(choice, score) for choice, score, _ in found]


def test_scores_and_order_equal_the_python_scorer(reference):
    assert_like_the_python_scorer(reference, queries(reference, 300))


def test_real_spellings_from_rmi_aliases_score_like_the_python_scorer(reference, smelter_lists_dir):
    """The names and key terms RMI's alias table records for each smelter, as other metals'
    suppliers might write them too."""
    with open(smelter_lists_dir / "smelter-aliases_cfsi.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    written = {name_key(row[column]) for row in rows for column in ("STANDARD SMELTER NAME", "KEY TERM 1",
                                                                    "KEY TERM 2", "KEY TERM 3")}
    spellings = sorted(key.replace("#", "") for key in written if key)
    assert len(spellings) > 300
    assert_like_the_python_scorer(reference, [(metal, key) for key in spellings for metal in METALS])


def assert_like_the_python_scorer(reference, queried: list[tuple[str, str]]) -> None:
    scorer = ChoiceScorer(reference.keys_by_metal)
    checked = 0
    for metal, key in queried:
        fast = scorer.best(metal, key, limit=8, cutoff=SUGGESTION_CUTOFF)
        slow = extract_with_python_scorer(reference, metal, key)
        # Equal up to float rounding; a score right on the cutoff may fall either side of it.
        slow_scores = dict(slow)
        fast_scores = dict(fast)
        for choice in set(slow_scores) ^ set(fast_scores):
            score = slow_scores.get(choice, fast_scores.get(choice))
            assert abs(score - SUGGESTION_CUTOFF) < 1e-6 or len(slow) == 8, (metal, key, fast, slow)
        for choice in set(slow_scores) & set(fast_scores):
            assert fast_scores[choice] == pytest.approx(slow_scores[choice], abs=1e-6), (metal, key, choice)
        # Best first; equal scores keep the reference's order (the Python scorer's order of
        # equal scores depends on float rounding only).
        scores = [score for _, score in fast]
        assert scores == sorted(scores, reverse=True)
        checked += bool(fast)
    assert checked > 200  # most have suggestions


def test_a_choice_repeating_a_word_scores_rapidfuzz_own_set_ratio_to_the_bit(reference):
    """Where a key repeating a word shares no word with the query, the scorer works its token set
    ratio out itself (fuzzy._set_ratio_apart): a rapidfuzz computing it otherwise must fail here
    rather than move a suggestion's score by a bit."""
    checked = 0
    for metal, key in queries(reference, 400):
        words = key.split()
        if len(set(words)) < len(words):
            continue  # the scorer asks rapidfuzz itself for these queries
        for choice in reference.keys_by_metal[metal]:
            choice_words = choice.split()
            if len(set(choice_words)) == len(choice_words) or set(words) & set(choice_words):
                continue
            mine = _set_ratio_apart(" ".join(sorted(words)), " ".join(sorted(set(choice_words))))
            assert mine == fuzz.token_set_ratio(key, choice), (key, choice)
            checked += 1
    assert checked > 1000


def test_a_repeated_word_and_a_subset_are_scored_like_rapidfuzz(reference):
    scorer = ChoiceScorer(reference.keys_by_metal)
    for metal, key in [("Gold", "metalor metalor"), ("Gold", "metalor"), ("Tin", "tin tin smelting"),
                       ("Tantalum", "taniobis")]:
        fast = dict(scorer.best(metal, key, limit=8, cutoff=SUGGESTION_CUTOFF))
        slow = dict(extract_with_python_scorer(reference, metal, key))
        assert fast.keys() == slow.keys() and fast, (metal, key)
        for choice, score in slow.items():
            assert fast[choice] == pytest.approx(score, abs=1e-6)


def test_nothing_to_score_gives_no_suggestions(reference):
    scorer = ChoiceScorer(reference.keys_by_metal)
    assert scorer.best("Cobalt", "anything", limit=8, cutoff=SUGGESTION_CUTOFF) == []
    assert scorer.best("Gold", "", limit=8, cutoff=SUGGESTION_CUTOFF) == []


def test_the_scorer_is_kept_with_its_reference_until_re_indexed(reference):
    first = scorer_for(reference)
    assert scorer_for(reference) is first
    other = load_reference()
    assert scorer_for(other) is not first
    other._index()  # a re-indexed reference gets a scorer over its new keys
    assert scorer_for(other).source is other.keys_by_metal


@pytest.mark.parametrize("metal", METALS)
def test_every_metal_has_choices_to_score(reference, metal):
    key = name_key(sorted(s.name for s in reference.smelters.values() if s.metal == metal)[0])
    assert scorer_for(reference).best(metal, key, limit=8, cutoff=SUGGESTION_CUTOFF)[0][1] == 100.0
