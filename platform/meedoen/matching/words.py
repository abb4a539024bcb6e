"""Text relevance of a resident's own words to a posting's title and text.

What someone writes ("Ik naai graag en wil andere vrouwen ontmoeten", "I'd like to garden
with other people") is matched against what a posting says, the way a search engine ranks
text, with the search configuration's own Dutch knowledge (``search/``):

* words are lower-cased without accents, lightly stemmed (plural and verb endings) and
  compared on their first six letters, so "kinderen" finds "kinderopvang";
* compounds are split with ``search/compounds.json`` ("zorgboerderij" -> zorg, boerderij);
* synonym groups of ``search/synonyms_nl.txt`` join Dutch and English ("garden" = "tuin",
  "waitress" = "bediening"), so English speakers are understood;
* every word counts by how rare it is among postings (inverse document frequency over the
  district's postings, ``seeds/corpus``): "basisschool" says more than "mensen";
* a word in the title counts fully, in the text a little more than half;
* what someone does *not* want ("niet 's nachts", "no evenings") is a limit, not a wish, so
  negated clauses are left out (``said.py`` reads them as limits).

The relevance is the weighted share of the resident's words that the posting speaks to.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from meedoen.matching.said import negated, phrases, plain
from meedoen.search.documents import split_compound as split
from meedoen.search.index_definitions import stop_words, synonym_groups

KEY_LETTERS = 6
MIN_LETTERS = 3
TITLE_MATCH = 1.0
TEXT_MATCH = 0.6
_TOKEN = re.compile(r"[a-z0-9]+")
_CLAUSE = re.compile(r"[.!?;,:\n]+|\b(?:maar|but|want|because|omdat)\b")


def stem(word: str) -> str:
    """A light Dutch stem: plural and verb endings off, a doubled last letter single."""
    if len(word) > 5 and word.endswith("en"):
        word = word[:-2]
    elif len(word) > 4 and word.endswith(("s", "e")):
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2]:
        word = word[:-1]
    return word


@cache
def _concepts() -> tuple[dict[str, frozenset[str]], tuple[tuple[str, str], ...]]:
    """Synonym groups as concepts: single words -> concept ids, and multi-word phrases."""
    single: dict[str, set[str]] = {}
    multi: list[tuple[str, str]] = []
    for group in synonym_groups():
        concept = "~" + plain(group[0])
        for term in group:
            term = plain(term)
            if " " in term:
                multi.append((term, concept))
            else:
                single.setdefault(term, set()).add(concept)
    return {k: frozenset(v) for k, v in single.items()}, tuple(multi)


@cache
def _ignored() -> frozenset[str]:
    return frozenset(map(plain, stop_words())) | phrases()["speech_words"]


@lru_cache(maxsize=65536)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a Dutch compound (search/compounds.json), () when it is none."""
    return tuple(plain(part) for part in split(word))


def _key(word: str) -> str:
    return stem(word)[:KEY_LETTERS]


@lru_cache(maxsize=65536)
def word_keys(word: str) -> frozenset[str]:
    """Every key one word of a posting can be found by (stem prefixes, parts, concepts)."""
    single, _ = _concepts()
    keys: set[str] = set(single.get(word, ()))
    for form in (word, *split_compound(word)):
        root = stem(form)
        if len(root) < MIN_LETTERS:
            continue
        keys.add(root[:KEY_LETTERS])
        keys.update(root[:n] for n in range(4, min(len(root), KEY_LETTERS)))
        keys.update(single.get(form, ()))
    return frozenset(keys)


def text_keys(text: str) -> frozenset[str]:
    """The keys of a title or description."""
    lowered = plain(text)
    keys: set[str] = set()
    for token in _TOKEN.findall(lowered):
        if len(token) >= MIN_LETTERS and token not in _ignored():
            keys |= word_keys(token)
    _, multi = _concepts()
    keys.update(concept for phrase, concept in multi if phrase in lowered)
    return frozenset(keys)


@dataclass(frozen=True, slots=True)
class Wanted:
    """One word of the resident's, with the keys that find it and what it weighs."""

    word: str
    keys: frozenset[str]
    weight: float


@lru_cache(maxsize=4096)
def wanted_words(summary: str) -> tuple[Wanted, ...]:
    """The resident's own words worth looking for, limits and negations left out."""
    if not summary:
        return ()
    single, multi = _concepts()
    found: dict[str, Wanted] = {}
    ignored = _ignored()
    for clause in _CLAUSE.split(plain(summary)):
        if not clause or negated(clause):
            continue
        for token in _TOKEN.findall(clause):
            if len(token) < MIN_LETTERS or token in ignored or token.isdigit() or token in found:
                continue
            keys = {_key(token), *single.get(token, ()), *(_key(p) for p in split_compound(token))}
            found[token] = Wanted(token, frozenset(keys), rarity(_key(token)))
        for phrase, concept in multi:
            if phrase in clause and phrase not in found:
                found[phrase] = Wanted(phrase, frozenset({concept}), rarity(concept))
    return tuple(found.values())


def relevance(
    wanted: Iterable[Wanted], title: frozenset[str], text: frozenset[str]
) -> tuple[float, list[str]]:
    """The weighted share of the resident's words the posting speaks to (0-1), and the
    words it found (title first)."""
    total = got = 0.0
    in_title: list[str] = []
    in_text: list[str] = []
    for item in wanted:
        total += item.weight
        if not item.keys.isdisjoint(title):
            got += item.weight * TITLE_MATCH
            in_title.append(item.word)
        elif not item.keys.isdisjoint(text):
            got += item.weight * TEXT_MATCH
            in_text.append(item.word)
    return (got / total if total else 0.0), in_title + in_text


@cache
def _document_frequencies() -> tuple[int, Counter[str]]:
    """How many postings of the district's corpus each key occurs in."""
    from meedoen.matching.corpus import load_opportunities

    counts: Counter[str] = Counter()
    try:
        postings = load_opportunities()
    except FileNotFoundError:  # no corpus shipped: every word weighs the same
        return 1, counts
    for posting in postings:
        counts.update(text_keys(posting.text))
    return len(postings), counts


def rarity(key: str) -> float:
    """Inverse document frequency of a key (rare keys weigh more)."""
    total, counts = _document_frequencies()
    return math.log(1 + total / (1 + counts.get(key, 0)))
