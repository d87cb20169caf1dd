"""Fast fuzzy scoring of one name key against every reference key of a metal.

The score is matching.name_similarity, the mean of rapidfuzz's token-set and token-sort ratios,
computed without calling a Python scorer per pair (3.7 million calls at 50,000 messy rows):

- token sort ratio is the plain ratio of the words sorted and joined, so the choice keys are
  sorted once and one native pass scores them all;
- token set ratio, for a choice sharing no word with the query, is the plain ratio of the two
  sorted *sets* of words (rapidfuzz compares the two differences, which are then the whole
  sets), which is the token sort ratio again when neither repeats a word;
- so only choices sharing a word with the query (or repeating one) need rapidfuzz's own token
  set ratio, a dozen of several hundred;
- a query that repeats a word ("gold by gold") differs from its set of words, so its token set
  ratio against a choice sharing no word is the plain ratio of the query's *set* of words: two
  native passes (set and sort) instead of a Python call per choice (4% of the names, 40% of the
  time before).
- a choice that repeats a word (14 keys, 9 of them gold) shares no word with most queries: its
  token set ratio is then rapidfuzz's own sum over the two sets of words, worked out here from
  their Indel distance, a quarter of the cost of token_set_ratio (a third of the pairs the
  Python loop scored; tests/core/test_smelter_fuzzy.py checks it is bit for bit rapidfuzz's).

Results per (metal, key) are cached on the reference: suppliers write the same smelter the same
way in many rows and files. tests/core/test_smelter_fuzzy.py checks the scores equal
name_similarity's on the shipped reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel


@dataclass
class _MetalChoices:
    keys: list[str]
    sorted_words: list[str]  # each key's words sorted and joined
    repeats_word: list[int]  # indexes of keys holding a word twice
    by_word: dict[str, list[int]] = field(default_factory=dict)  # word -> indexes of keys holding it
    word_sets: dict[int, str] = field(default_factory=dict)  # a repeating key's set of words, sorted and joined


class ChoiceScorer:
    """Scores for one reference's keys; build once per reference (see `scorer_for`)."""

    def __init__(self, keys_by_metal: dict[str, list[str]]):
        self.source = keys_by_metal
        self._metals: dict[str, _MetalChoices] = {}
        for metal, keys in keys_by_metal.items():
            repeats = [i for i, k in enumerate(keys) if len(set(k.split())) < len(k.split())]
            choices = _MetalChoices(list(keys), [_sorted_words(k) for k in keys], repeats)
            choices.word_sets = {i: " ".join(sorted(set(keys[i].split()))) for i in repeats}
            for index, key in enumerate(keys):
                for word in set(key.split()):
                    choices.by_word.setdefault(word, []).append(index)
            self._metals[metal] = choices
        self._cache: dict[tuple[str, str, float, int], list[tuple[str, float]]] = {}

    def best(self, metal: str, key: str, limit: int, cutoff: float) -> list[tuple[str, float]]:
        """Up to `limit` (choice key, score) with score >= cutoff, best first, ties in list order,
        as rapidfuzz.process.extract(key, choices, scorer=name_similarity) returns them."""
        cache_key = (metal, key, cutoff, limit)
        found = self._cache.get(cache_key)
        if found is None:
            found = self._cache[cache_key] = self._score(metal, key, limit, cutoff)
        return found

    def _score(self, metal: str, key: str, limit: int, cutoff: float) -> list[tuple[str, float]]:
        choices = self._metals.get(metal)
        words = key.split()
        if choices is None or not choices.keys or not words:
            return []
        query = _sorted_words(key)
        sharing: set[int] = set()  # choices sharing a word with the query
        for word in set(words):
            sharing.update(choices.by_word.get(word, ()))
        apart = [index for index in choices.repeats_word if index not in sharing]
        exact = sharing.union(apart)  # choices whose token set ratio is not their sort ratio
        keys, sorted_words = choices.keys, choices.sorted_words
        if len(set(words)) < len(words):
            scores = self._repeating_query(choices, query, " ".join(sorted(set(words))), exact, cutoff)
            sharing, apart = exact, []
        else:
            # Native, pruned by the cutoff: the many choices sharing no word score their sort ratio.
            found = process.extract(query, sorted_words, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
            scores = {index: score for _, score, index in found if index not in exact}
        set_ratio, ratio = fuzz.token_set_ratio, fuzz.ratio
        for index in sharing:
            score = (set_ratio(key, keys[index]) + ratio(query, sorted_words[index])) / 2
            if score >= cutoff:
                scores[index] = score
        for index in apart:
            score = (_set_ratio_apart(query, choices.word_sets[index]) + ratio(query, sorted_words[index])) / 2
            if score >= cutoff:
                scores[index] = score
        # Rounded so that a tie stays a tie whichever way its two ratios were computed.
        best = sorted((-round(score, 9), index) for index, score in scores.items())[:limit]
        return [(keys[index], -negated) for negated, index in best]

    @staticmethod
    def _repeating_query(choices: _MetalChoices, query: str, query_set: str, exact: set[int],
                         cutoff: float) -> dict[int, float]:
        """Scores of the choices sharing no word with a query that repeats one: the mean of the
        set ratio and the sort ratio. Each must reach 2 * cutoff - 100 for the mean to reach cutoff."""
        floor = max(0.0, 2 * cutoff - 100)
        set_ratios = {index: score for _, score, index in process.extract(
            query_set, choices.sorted_words, scorer=fuzz.ratio, score_cutoff=floor, limit=None)}
        scores = {}
        for _, sort_ratio, index in process.extract(query, choices.sorted_words, scorer=fuzz.ratio,
                                                    score_cutoff=floor, limit=None):
            if index in set_ratios and index not in exact:
                score = (set_ratios[index] + sort_ratio) / 2
                if score >= cutoff:
                    scores[index] = score
        return scores


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


def _set_ratio_apart(words: str, other_words: str) -> float:
    """fuzz.token_set_ratio of two texts sharing no word, given each one's set of words sorted and
    joined: rapidfuzz compares those two sets whole, 100 less the share of the two lengths its Indel
    distance is, in that order of operations (fuzz.ratio can differ in the last bit)."""
    return 100 - 100 * Indel.distance(words, other_words) / (len(words) + len(other_words))


def scorer_for(reference) -> ChoiceScorer:
    """The reference's scorer, built on first use and kept with it until its keys are re-indexed."""
    scorer = getattr(reference, "_choice_scorer", None)
    if scorer is None or scorer.source is not reference.keys_by_metal:
        scorer = ChoiceScorer(reference.keys_by_metal)
        reference._choice_scorer = scorer
    return scorer
