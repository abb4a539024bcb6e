"""What a resident says in their own words: limits, wishes, training, and the words themselves.

A coach reads a summary such as "Ik doe de opleiding onderwijsassistent. Geen avonden of
weekenden, want ik zorg voor mijn zoon." and hears a programme, two limits and a reason. This
module does the same from the phrases in ``said.json`` (Dutch and English), so a coach can
add the words people really use without touching code:

* limits (night, evening, weekend, only during the day or school hours, lifting, standing,
  few or at most N hours, no bike or car, needs guidance, wants it quiet);
* wishes (evenings, weekends, close to home);
* the programme someone follows or the profession they want (``training.py``);
* the words that are left once limits are taken out: what they want to do and with whom,
  matched against the posting's text (``words.py``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

_DATA_FILE = Path(__file__).with_name("said.json")
_SENTENCE = re.compile(r"[.!?;\n]+")
_WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*")
# Topics of a limit said as "geen avonden, nachten of weekenden": a negation up to this
# many words before the topic word rules it out.
NEGATION_REACH = 6
_TOPICS = {
    "night": ("nacht", "night"),
    "evening": ("avond", "evening"),
    "weekend": ("weekend", "zaterdag", "zondag", "saturday", "sunday"),
}


def plain(text: str) -> str:
    """Lower case, without accents, one kind of apostrophe."""
    lowered = text.lower().replace("’", "'")
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def phrases() -> dict[str, Any]:
    """said.json, with every phrase in plain form."""
    raw: dict[str, Any] = json.loads(_DATA_FILE.read_text(encoding="utf-8"))
    raw["limits"] = {k: tuple(map(plain, v)) for k, v in raw["limits"].items()}
    raw["wants"] = {k: tuple(map(plain, v)) for k, v in raw["wants"].items()}
    for key in ("negations", "speech_words"):
        raw[key] = frozenset(map(plain, raw[key]))
    for key in ("study_cues", "weak_study_cues", "qualified_cues", "experience_cues"):
        raw[key] = tuple(map(plain, raw[key]))
    return raw


@dataclass(frozen=True, slots=True)
class SummaryFacts:
    """What the engine reads from a resident's own words (never stored in an index)."""

    wishes: tuple[str, ...] = ()
    """Wish terms of the vocabulary (kept for the shortlist's wish queries)."""
    near_home: bool = False
    evenings: bool = False
    """Wants evening work."""
    weekend: bool = False
    """Wants weekend work."""
    daytime: bool = False
    """Only during the day: no evenings, no nights."""
    avoid_night: bool = False
    avoid_evening: bool = False
    avoid_weekend: bool = False
    school_hours: bool = False
    """Only while the children are at school: daytime on weekdays, not too early."""
    cannot_lift: bool = False
    cannot_stand: bool = False
    max_hours: int | None = None
    walk_only: bool = False
    no_car: bool = False
    needs_guidance: bool = False
    quiet: bool = False
    in_school: bool = False
    """At school or studying (not someone who left school)."""
    experienced: bool = False
    """Says they worked for years ("30 jaar in een fietsenwinkel", "years as a cook")."""

    @property
    def limits(self) -> tuple[str, ...]:
        """The limits stated, as codes (for reasons and tests)."""
        named = (
            ("night", self.avoid_night or self.daytime or self.school_hours),
            ("evening", self.avoid_evening or self.daytime or self.school_hours),
            ("weekend", self.avoid_weekend or self.school_hours),
            ("lifting", self.cannot_lift),
            ("standing", self.cannot_stand),
            ("hours", self.max_hours is not None),
            ("travel", self.walk_only),
        )
        return tuple(code for code, said in named if said)


def sentences(summary: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(plain(summary)) if s.strip()]


def words(sentence: str) -> list[str]:
    return _WORD.findall(sentence)


def _says(sentence: str, options: tuple[str, ...]) -> bool:
    return any(phrase in sentence for phrase in options)


def negated(sentence: str) -> bool:
    """Does the sentence say "not" (niet, geen, can't, ...)?"""
    return any(word in phrases()["negations"] for word in words(sentence))


def _negated_topic(sentence: str, topic: tuple[str, ...]) -> bool:
    found = words(sentence)
    negations = phrases()["negations"]
    for i, word in enumerate(found):
        if word.startswith(topic):
            before = found[max(0, i - NEGATION_REACH) : i]
            if any(w in negations for w in before):
                return True
    return False


@lru_cache(maxsize=4096)
def summary_facts(summary: str) -> SummaryFacts:
    """Limits and wishes a summary states ("geen nachtdiensten", "alleen overdag", ...)."""
    from meedoen.matching.vocabulary import wish_terms_in

    data = phrases()
    limits, wants = data["limits"], data["wants"]
    found: dict[str, bool] = {}
    for sentence in sentences(summary):
        for code, options in limits.items():
            found[code] = found.get(code, False) or _says(sentence, options)
        for code, topic in _TOPICS.items():
            if _negated_topic(sentence, topic):
                found[code] = True
        if not negated(sentence):
            for code, options in wants.items():
                found["want_" + code] = found.get("want_" + code, False) or _says(sentence, options)
            if any(cue in sentence for cue in data["experience_cues"]):
                found["experienced"] = True
        if "tillen" in sentence and negated(sentence):
            found["lifting"] = True
    return SummaryFacts(
        wishes=wish_terms_in(summary),
        near_home=found.get("want_near_home", False),
        evenings=found.get("want_evenings", False),
        weekend=found.get("want_weekend", False) and not found.get("weekend", False),
        daytime=found.get("daytime", False),
        avoid_night=found.get("night", False),
        avoid_evening=found.get("evening", False),
        avoid_weekend=found.get("weekend", False),
        school_hours=found.get("school_hours", False),
        cannot_lift=found.get("lifting", False),
        cannot_stand=found.get("standing", False),
        max_hours=_max_hours(summary, found.get("few_hours", False)),
        walk_only=found.get("walk_only", False),
        no_car=found.get("no_car", False) or found.get("walk_only", False),
        needs_guidance=found.get("guidance", False),
        quiet=found.get("quiet", False),
        in_school=found.get("in_school", False) and not found.get("left_school", False),
        experienced=found.get("experienced", False),
    )


# "A few hours" leaves room for one short shift a week.
FEW_HOURS = 4


def _max_hours(summary: str, few: bool) -> int | None:
    text = plain(summary)
    data = phrases()
    numbers: dict[str, int] = data["numbers"]
    for pattern in data["max_hours"]:
        regex = re.escape(plain(pattern)).replace(r"\{n\}", r"(\d+|[a-z]+)")
        for match in re.finditer(regex, text):
            token = match.group(1)
            value = int(token) if token.isdigit() else numbers.get(token)
            if value:
                return value
    return FEW_HOURS if few else None
