"""Everything about one resident that the score needs, worked out once per resident.

The scoring function (``scoring.py``) looks at one resident and one posting. Ranking asks it
about thousands of postings for the same resident, so what depends on the resident alone —
their age and rung, what their summary says, their skills with what a licence implies,
their home — is worked out here once, and what a posting asks of them (a skill, a place)
is remembered per request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from meedoen.matching import geography, training, words
from meedoen.matching.geography import Place
from meedoen.matching.profiles import ResidentProfile
from meedoen.matching.said import SummaryFacts, summary_facts
from meedoen.matching.vocabulary import Vocabulary, vocabulary
from meedoen.matching.weights import DEFAULT_WEIGHTS, Weights, language_step, scored_rung


@dataclass(frozen=True, slots=True)
class WantedSkill:
    """A posting's skill seen from one resident."""

    weight: float
    """What it weighs in the coverage: vocational skills fully, work attitude less."""
    credit: float
    """Credit the resident earns for it (0-1; an unlisted soft skill earns a little)."""
    grade: str
    """"exact", "related" (partial credit worth naming), "missing" (a core skill they
    lack) or "" (a soft skill they do not list: not worth a word)."""
    uses: tuple[float, ...]
    """How well it uses each of the resident's own core skills."""


class ResidentSide:
    """One resident as the score sees them, with per-request memory of postings' asks."""

    def __init__(
        self, resident: ResidentProfile, today: date, weights: Weights = DEFAULT_WEIGHTS
    ) -> None:
        vocab = vocabulary()
        self.resident = resident
        self.weights = weights
        self.vocab: Vocabulary = vocab
        self.age = resident.age_on(today)
        self.rung = scored_rung(resident.ladder_rung)
        self.said: SummaryFacts = summary_facts(resident.summary)
        self.ambitions = training.ambitions(resident.summary)
        """Programmes the resident follows, has, or wants to learn."""
        self.own_words = words.wanted_words(resident.summary)
        """Their own words worth looking for in a posting."""
        self.studying = any(a.stage == "study" for a in self.ambitions)
        self.experienced = self.said.experienced or any(
            a.stage == "qualified" for a in self.ambitions
        )
        """Worked for years, or has the trade: places to learn or to start are a step back."""
        skills = set(resident.skills)
        if resident.has_driving_licence:
            skills.add("rijbewijs B")
        for licence, implied in vocab.licence_implies.items():
            if licence in skills:
                skills |= implied
        self.skills = frozenset(skills)
        """Listed skills plus what a driving licence implies."""
        self.core = [s for s in resident.skills if not vocab.is_soft(s)]
        self.home: Place | None = geography.place_for(resident.wijk, resident.postcode)
        level = resident.language_level
        self.language = language_step(level)
        self.low_dutch = self.language <= 1 if level else False
        self.plan_weights: tuple[float, ...] | None = None
        self.by_wanted: dict[str, WantedSkill] = {}
        self.by_place: dict[tuple[str | None, float], float | None] = {}
        self.by_skills: dict[tuple[str, ...], tuple[float, bool]] = {}

    def wanted(self, skill: str) -> WantedSkill:
        """A posting's skill seen from this resident (remembered)."""
        found = self.by_wanted.get(skill)
        if found is None:
            found = self.by_wanted[skill] = self._wanted(skill)
        return found

    def _wanted(self, skill: str) -> WantedSkill:
        sw, vocab = self.weights.skills, self.vocab
        related = vocab.related
        credit = max(
            (1.0 if have == skill else related.get((have, skill), 0.0) for have in self.skills),
            default=0.0,
        )
        soft = vocab.is_soft(skill)
        if credit >= 1.0:
            grade = "exact"
        elif soft:
            grade = ""
        elif credit >= sw.related_reason_threshold:
            grade = "related"
        else:
            grade = "missing"
        if soft:
            credit = max(credit, sw.unlisted_soft_credit)
        uses = tuple(vocab.related_factor(core, skill) for core in self.core)
        return WantedSkill(sw.soft if soft else sw.core, credit, grade, uses)


@lru_cache(maxsize=1024)
def resident_side(
    resident: ResidentProfile, today: date, weights: Weights = DEFAULT_WEIGHTS
) -> ResidentSide:
    """The side of ``resident`` (kept for the next posting scored for them)."""
    return ResidentSide(resident, today, weights)
