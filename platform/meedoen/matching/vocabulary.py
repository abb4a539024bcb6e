"""Matching vocabulary: related skills, interests and wish words.

The data lives in ``vocabulary.json`` next to this module so that a job coach can
read and change it without touching code. Related skills are symmetric groups with a
partial-credit factor: having ``heftruck`` gives 0.8 credit for ``reachtruck`` and
vice versa. A skill in several groups gets the best factor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

_DATA_FILE = Path(__file__).with_name("vocabulary.json")


@dataclass(frozen=True)
class InterestFit:
    """What an interest points at: sectors, skills and title/description words."""

    sectors: frozenset[str]
    skills: frozenset[str]
    words: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """Parsed vocabulary.json."""

    soft_skills: frozenset[str]
    licence_implies: Mapping[str, frozenset[str]]
    related: Mapping[tuple[str, str], float]
    interests: Mapping[str, InterestFit]
    wish_terms: Mapping[str, tuple[str, ...]]
    near_home_phrases: tuple[str, ...]
    avoid_night_phrases: tuple[str, ...]
    daytime_phrases: tuple[str, ...]
    evening_phrases: tuple[str, ...]
    light_work_phrases: tuple[str, ...]

    def is_soft(self, skill: str) -> bool:
        """True for work-attitude skills (samenwerken, geduldig, ...)."""
        return skill in self.soft_skills

    def related_factor(self, have: str, want: str) -> float:
        """Partial credit for having ``have`` when ``want`` is asked (0 if unrelated)."""
        if have == want:
            return 1.0
        return self.related.get((have, want), 0.0)


def _related_pairs(groups: Iterable[Mapping[str, object]]) -> dict[tuple[str, str], float]:
    pairs: dict[tuple[str, str], float] = {}
    for group in groups:
        factor = float(group["factor"])  # type: ignore[arg-type]
        skills = list(group["skills"])  # type: ignore[call-overload]
        for a in skills:
            for b in skills:
                if a != b:
                    pairs[(a, b)] = max(pairs.get((a, b), 0.0), factor)
    return pairs


def _interest(raw: Mapping[str, list[str]]) -> InterestFit:
    return InterestFit(
        sectors=frozenset(raw.get("sectors", [])),
        skills=frozenset(raw.get("skills", [])),
        words=tuple(raw.get("words", [])),
    )


@cache
def vocabulary() -> Vocabulary:
    """Load and cache the vocabulary from vocabulary.json."""
    raw = json.loads(_DATA_FILE.read_text(encoding="utf-8"))
    return Vocabulary(
        soft_skills=frozenset(raw["soft_skills"]),
        licence_implies={k: frozenset(v) for k, v in raw["licence_skills"].items()},
        related=_related_pairs(raw["related_skill_groups"]),
        interests={name: _interest(fit) for name, fit in raw["interests"].items()},
        wish_terms={term: tuple(words) for term, words in raw["wish_terms"].items()},
        near_home_phrases=tuple(raw["near_home_phrases"]),
        avoid_night_phrases=tuple(raw["avoid_night_phrases"]),
        daytime_phrases=tuple(raw["daytime_phrases"]),
        evening_phrases=tuple(raw["evening_phrases"]),
        light_work_phrases=tuple(raw["light_work_phrases"]),
    )


def best_credit(have: Iterable[str], want: str) -> tuple[float, str | None]:
    """Best credit any of the resident's skills gives for skill ``want``.

    Returns the credit (0-1) and the resident skill that earned it.
    """
    vocab = vocabulary()
    best, source = 0.0, None
    for skill in have:
        credit = vocab.related_factor(skill, want)
        if credit > best:
            best, source = credit, skill
    return best, source


@lru_cache(maxsize=4096)
def _word_start(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-zà-ÿ])" + re.escape(word.lower()))


@lru_cache(maxsize=4096)
def word_starts(words: tuple[str, ...]) -> re.Pattern[str]:
    """One precompiled pattern for "a word of the text starts with one of ``words``";
    search it in lower-cased text (``mentions`` for many words at once). Never empty."""
    if not words:
        raise ValueError("word_starts needs at least one word")
    alternatives = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![a-zà-ÿ])(?:" + alternatives + ")")


def mentions(text: str, word: str) -> bool:
    """True if a word in ``text`` starts with ``word`` (case-insensitive).

    "magazijn" matches "Magazijnmedewerker" and "magazijnen"; "stal" matches
    "Stalmedewerker" but not "installatie". Compounds whose head comes last
    ("zorgboerderij") need their own entry in the vocabulary.
    """
    return _word_start(word).search(text.lower()) is not None


@lru_cache(maxsize=4096)
def wish_terms_in(summary: str) -> tuple[str, ...]:
    """The wish terms (vocabulary.json) a resident's summary mentions."""
    return tuple(term for term in vocabulary().wish_terms if mentions(summary, term))
