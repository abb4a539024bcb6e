"""Training and professions: the programme someone follows or the work they want to learn,
and the stages, leerwerkplekken and jobs that fit it (data in ``programmes.json``).

"Ik doe de opleiding onderwijsassistent" asks for a stage onderwijsassistent; "Ik ben
verzorgende IG" for a job as one; "Ik wil kok worden" for a place to learn the trade. A
posting is for a programme when its title names it (or, less strongly, its text). Related
programmes (helpende and verzorgende IG) share a family and fit a little.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from meedoen.matching.said import phrases, plain, sentences

_DATA_FILE = Path(__file__).with_name("programmes.json")
LEARNING_KINDS = frozenset({"stage", "leerwerkplek"})
# "Ik wil graag pedagogisch medewerker worden", "I want to become a nurse".
_BECOME = re.compile(r"\bwil\b.{0,60}\bworden\b|\bbecome\b|\blearn to\b")


@dataclass(frozen=True, slots=True)
class Programme:
    name: str
    en: str
    family: str
    words: tuple[str, ...]


@cache
def programmes() -> dict[str, Programme]:
    raw = json.loads(_DATA_FILE.read_text(encoding="utf-8"))["programmes"]
    return {
        name: Programme(name, fit["en"], fit["family"], tuple(map(plain, fit["words"])))
        for name, fit in raw.items()
    }


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, words)) + ")")


def named_in(text: str) -> tuple[str, ...]:
    """Programmes whose words start a word of ``text``."""
    lowered = plain(text)
    return tuple(p.name for p in programmes().values() if _pattern(p.words).search(lowered))


@dataclass(frozen=True, slots=True)
class Ambition:
    """A programme a resident named, and how: "study" (following it or wanting to
    become it), "qualified" (has it, worked as it) or "named" (neither said)."""

    programme: str
    stage: str


@lru_cache(maxsize=4096)
def ambitions(summary: str) -> tuple[Ambition, ...]:
    """The programmes a summary names, each with how the resident relates to it."""
    data = phrases()
    found: dict[str, Ambition] = {}
    for sentence in sentences(summary):
        named = named_in(sentence)
        if not named:
            continue
        if any(cue in sentence for cue in data["study_cues"]) or _BECOME.search(sentence):
            stage = "study"
        elif any(cue in sentence for cue in data["qualified_cues"]):
            stage = "qualified"
        elif any(cue in sentence for cue in data["weak_study_cues"]):
            stage = "study"
        else:
            stage = "named"
        for name in named:
            if name not in found or found[name].stage == "named":
                found[name] = Ambition(name, stage)
    # A trade named in passing ("ik heb in een keuken gewerkt") is for the words to find;
    # an ambition is what someone studies, wants to become, or is qualified in.
    return tuple(a for a in found.values() if a.stage != "named")


# How well a posting fits an ambition: (stage, where the posting names it, learning place?)
FIT = {
    ("study", "title", True): 1.0,
    ("study", "text", True): 0.8,
    ("study", "title", False): 0.5,
    ("study", "family", True): 0.5,
    ("study", "text", False): 0.3,
    ("study", "family", False): 0.3,
    ("qualified", "title", False): 1.0,
    ("qualified", "text", False): 0.6,
    ("qualified", "family", False): 0.5,
    ("qualified", "title", True): 0.3,
    ("qualified", "text", True): 0.2,
    ("qualified", "family", True): 0.2,
    ("named", "title", True): 0.8,
    ("named", "title", False): 0.8,
    ("named", "text", True): 0.5,
    ("named", "text", False): 0.5,
    ("named", "family", True): 0.3,
    ("named", "family", False): 0.3,
}


def fit(
    wanted: tuple[Ambition, ...], kind: str, in_title: tuple[str, ...], in_text: tuple[str, ...]
) -> tuple[float, str | None]:
    """The best fit (0-1) of a posting for the resident's ambitions, and the programme."""
    learning = kind in LEARNING_KINDS
    table = programmes()
    families = {table[name].family for name in (*in_title, *in_text) if name in table}
    best, which = 0.0, None
    for ambition in wanted:
        if ambition.programme in in_title:
            where = "title"
        elif ambition.programme in in_text:
            where = "text"
        elif table[ambition.programme].family in families:
            where = "family"
        else:
            continue
        value = FIT[(ambition.stage, where, learning)]
        if value > best:
            best, which = value, ambition.programme
    return best, which
