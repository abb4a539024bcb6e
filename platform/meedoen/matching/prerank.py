"""The engine's score without its words: fast enough to rank thousands of candidates.

``engine.score`` writes reasons in two languages for every pair (~0.15 ms), and reads the
posting's text; a shortlist of a few thousand candidates cannot wait for that. ``estimate``
does only the arithmetic — the same weights, factor values, penalties and their order —
on a profile without its text plus the posting's ``PostingFacts`` (stored in the search
index). With the same inputs it gives exactly the engine's score: tests/matching/
test_prerank.py checks that on corpus pairs, so a change to the engine that is not made
here too fails there.

The residents index holds no summaries; a resident from it is estimated as if they had
written none, and the service re-ranks the best of those with their summaries.
"""

from __future__ import annotations

from datetime import date

from meedoen.matching import geography
from meedoen.matching.engine import ladder_level
from meedoen.matching.facts import (
    PostingFacts,
    SummaryFacts,
    summary_facts,
    summary_mentions_group,
)
from meedoen.matching.geography import Place
from meedoen.matching.profiles import OpportunityProfile, ResidentProfile
from meedoen.matching.vocabulary import Vocabulary, mentions, vocabulary
from meedoen.matching.weights import (
    DEFAULT_LANGUAGE_LEVEL,
    DEFAULT_RUNG,
    DEFAULT_WEIGHTS,
    KIND_AFFINITY,
    KIND_FIRST_CHOICE,
    KIND_NO_PREFERENCE,
    KIND_OTHER_CHOICE,
    LADDER_FIT,
    LADDER_LEVEL_RUNG,
    LANGUAGE_LEVELS,
    PAID_LEERWERKPLEK_FOR_JOBSEEKER,
    Weights,
)


class ResidentSide:
    """Everything about one resident that does not depend on the posting."""

    def __init__(
        self, resident: ResidentProfile, today: date, weights: Weights = DEFAULT_WEIGHTS
    ) -> None:
        vocab = vocabulary()
        self.resident = resident
        self.weights = weights
        self.vocab = vocab
        self.age = resident.age_on(today)
        self.rung = min(max(resident.ladder_rung or DEFAULT_RUNG, 1), 6)
        self.said: SummaryFacts = summary_facts(resident.summary)
        skills = set(resident.skills)
        if resident.has_driving_licence:
            skills.add("rijbewijs B")
        for licence, implied in vocab.licence_implies.items():
            if licence in skills:
                skills |= implied
        self.skills = frozenset(skills)
        self.core = [s for s in resident.skills if not vocab.is_soft(s)]
        self.home: Place | None = geography.place_for(resident.wijk, resident.postcode)
        level = resident.language_level
        self.language = LANGUAGE_LEVELS.index(
            level if level in LANGUAGE_LEVELS else DEFAULT_LANGUAGE_LEVEL
        )
        self.low_dutch = self.language <= 1 if level else False
        self.by_wanted: dict[str, tuple[float, float, bool, tuple[float, ...]]] = {}
        self.by_place: dict[tuple[str | None, float], float | None] = {}
        # Per request: postings share skill lists and places, residents their pair values.
        self.by_skills: dict[tuple[str, ...], tuple[float, bool]] = {}

    def wanted(self, skill: str) -> tuple[float, float, bool, tuple[float, ...]]:
        """A posting's skill seen from this resident: its weight, the credit earned,
        whether it is a missing core skill, and what it uses of each core skill."""
        found = self.by_wanted.get(skill)
        if found is None:
            sw, vocab = self.weights.skills, self.vocab
            related = vocab.related
            credit = max(
                (1.0 if have == skill else related.get((have, skill), 0.0) for have in self.skills),
                default=0.0,
            )
            soft = vocab.is_soft(skill)
            lacking = credit < 1.0 and not soft and credit < sw.related_reason_threshold
            if soft:
                credit = max(credit, sw.unlisted_soft_credit)
            row = tuple(vocab.related_factor(core, skill) for core in self.core)
            found = (sw.soft if soft else sw.core, credit, lacking, row)
            self.by_wanted[skill] = found
        return found


def estimate(side: ResidentSide, opp: OpportunityProfile, found: PostingFacts) -> float | None:
    """The engine's score of this pair (None when the engine would exclude it)."""
    res, weights, said = side.resident, side.weights, side.said
    if not opp.is_open:
        return None
    if opp.min_age is not None and side.age is not None and side.age < opp.min_age:
        return None
    f = weights.factors
    penalty = 1.0
    skills, mismatch = _skills(side, opp)
    if mismatch:
        penalty *= weights.penalties.skills_mismatch
    ladder, far_jump = _ladder(side, opp)
    if far_jump:
        penalty *= weights.penalties.ladder_far_jump
    plan = (
        (f.skills, skills),
        (f.kind, _kind(res, opp)),
        (f.ladder, ladder),
        (
            f.distance * (weights.travel.near_home_boost if said.near_home else 1.0),
            _distance(side, opp),
        ),
        (f.interests, _interests(side, opp, found)),
        (f.wishes, _wishes(side, found)),
        (f.hours, _hours(res.hours_per_week, opp)),
        (f.suitability, _suitability(side, opp)),
    )
    # Summed in the engine's order, so the floats (and the rounding) are the engine's.
    total = weighted = 0.0
    for weight, value in plan:
        if value is not None:
            total += weight
            weighted += weight * value
    base = 100.0 * weighted / total if total else 0.0
    for factor in _penalties(side, opp, found):
        penalty *= factor
    return round(max(0.0, min(100.0, base * penalty)), 1)


def _skills(side: ResidentSide, opp: OpportunityProfile) -> tuple[float | None, bool]:
    """Skill value and whether the skills-mismatch penalty applies (engine._skills)."""
    if not opp.skills or not side.resident.skills:
        return None, False
    found = side.by_skills.get(opp.skills)
    if found is None:
        found = side.by_skills[opp.skills] = _skill_value(side, opp.skills)
    return found


def _skill_value(side: ResidentSide, wanted: tuple[str, ...]) -> tuple[float, bool]:
    sw = side.weights.skills
    earned = possible = 0.0
    missing = False
    rows = []
    for skill in wanted:
        weight, credit, lacking, row = side.wanted(skill)
        earned += weight * credit
        possible += weight
        missing = missing or lacking
        rows.append(row)
    coverage = earned / possible
    value = coverage
    if side.core:
        # For each of the resident's core skills, how well the posting uses it (best of
        # its skills); engine._blend_usage.
        used = sum(map(max, zip(*rows, strict=True)))
        usage = min(1.0, used / min(len(side.core), 3))
        value = (1 - sw.usage_share) * coverage + sw.usage_share * usage
    return value, missing and bool(side.core) and value < 0.3


def _kind(res: ResidentProfile, opp: OpportunityProfile) -> float:
    prefs, kind = res.preferred_kinds, opp.kind
    if not prefs:
        return KIND_NO_PREFERENCE
    if kind in prefs:
        return KIND_FIRST_CHOICE if prefs[0] == kind else KIND_OTHER_CHOICE
    value = max(KIND_AFFINITY.get((pref, kind), 0.0) for pref in prefs)
    if kind == "leerwerkplek" and opp.paid and "betaald_werk" in prefs:
        value = max(value, PAID_LEERWERKPLEK_FOR_JOBSEEKER)
    return value


def _ladder(side: ResidentSide, opp: OpportunityProfile) -> tuple[float, bool]:
    level = ladder_level(opp)
    value = LADDER_FIT[side.rung][level]
    if side.resident.ladder_rung is None:
        return value, False
    step = LADDER_LEVEL_RUNG[level] - side.rung
    if (value >= 0.95 and side.rung < 6 and step >= 1) or value >= 0.75:
        return value, False
    return value, step >= 4 and value <= 0.4


def _distance(side: ResidentSide, opp: OpportunityProfile) -> float | None:
    travel = side.weights.travel
    hours = opp.hours_per_week_max or side.resident.hours_per_week or 12
    if hours <= travel.short_hours:
        tolerance = travel.short_hours_tolerance
    elif hours >= travel.long_hours:
        tolerance = travel.long_hours_tolerance
    else:
        tolerance = 1.0
    # A known wijk decides the place; the postcode only counts without one (place_for).
    where = opp.wijk if opp.wijk in geography.WIJKEN else opp.postcode
    key = (where, tolerance)
    if key in side.by_place:
        return side.by_place[key]
    work = geography.place_for(opp.wijk, opp.postcode)
    value = None
    if side.home is not None and work is not None:
        value = _distance_value(side, work, tolerance)
    side.by_place[key] = value
    return value


def _distance_value(side: ResidentSide, work: Place, tolerance: float) -> float:
    assert side.home is not None
    travel = side.weights.travel
    minutes = geography.cycling_minutes(side.home, work, travel)
    if side.resident.has_driving_licence and minutes > 15:
        minutes = min(minutes, geography.driving_minutes(side.home, work, travel))
    effective = minutes / tolerance
    if effective <= travel.free_minutes:
        return 1.0
    if effective >= travel.far_minutes:
        return travel.floor
    share = (effective - travel.free_minutes) / (travel.far_minutes - travel.free_minutes)
    return 1.0 - share * (1.0 - travel.floor)


def _interests(side: ResidentSide, opp: OpportunityProfile, found: PostingFacts) -> float | None:
    interests = side.resident.interests
    if not interests:
        return None
    fits = [
        fit for fit in (_interest_fit(side.vocab, i, opp, found) for i in interests) if fit >= 0.6
    ]
    if not fits:
        return 0.0
    return min(1.0, max(fits) + 0.15 * (len(fits) - 1))


def _interest_fit(
    vocab: Vocabulary, interest: str, opp: OpportunityProfile, found: PostingFacts
) -> float:
    fit = vocab.interests.get(interest)
    if fit is None:
        return 0.6 if mentions(opp.title, interest) else 0.0
    if opp.sector in fit.sectors:
        return 1.0
    if not fit.skills.isdisjoint(opp.skills):
        return 0.8
    return 0.7 if interest in found.title_interests else 0.0


def _wishes(side: ResidentSide, found: PostingFacts) -> float | None:
    said = side.said
    if not side.resident.summary or not (said.wishes or said.evenings):
        return None
    value = 0.0
    if any(term in found.wishes_in_title for term in said.wishes):
        value = 1.0
    elif any(term in found.wishes_in_text for term in said.wishes):
        value = 0.5
    return 1.0 if said.evenings and found.evening else value


def _hours(wanted: int | None, opp: OpportunityProfile) -> float | None:
    if wanted is None or (opp.hours_per_week_min is None and opp.hours_per_week_max is None):
        return None
    low = opp.hours_per_week_min or 0
    high = opp.hours_per_week_max if opp.hours_per_week_max is not None else low
    if low <= wanted <= high:
        return 1.0
    if wanted < low:
        return max(0.0, 1.0 - 1.6 * (low - wanted) / low)
    return max(0.0, 1.0 - 1.2 * (wanted - high) / wanted)


def _suitability(side: ResidentSide, opp: OpportunityProfile) -> float:
    labels, age, res = opp.suitable_for, side.age, side.resident
    points = (
        ("55plus" in labels and age is not None and age >= 55)
        + ("jongeren" in labels and age is not None and age <= 27)
        + (("weinig_nederlands" in labels or "statushouders" in labels) and side.low_dutch)
        + ("met_begeleiding" in labels and res.ladder_rung is not None and res.ladder_rung <= 5)
        + ("zonder_ervaring" in labels and side.rung <= 4)
    )
    return min(1.0, float(points) / 2)


def _penalties(side: ResidentSide, opp: OpportunityProfile, found: PostingFacts) -> list[float]:
    """The engine's checks, in the engine's order (see engine._CHECKS)."""
    p, res, said = side.weights.penalties, side.resident, side.said
    found_penalties: list[float] = []
    required = opp.language_level
    if required in LANGUAGE_LEVELS:
        gap = LANGUAGE_LEVELS.index(required) - side.language
        if gap > 0:
            found_penalties.append(p.language_one_level if gap == 1 else p.language_two_levels)
    if found.english and "Engelse taal" not in res.skills:
        found_penalties.append(p.english_posting)
    licence = found.licence
    if licence is not None and licence not in side.skills:
        if found.licence_optional:
            found_penalties.append(p.licence_optional)
        elif res.has_driving_licence is None and licence.split()[-1] == "B":
            found_penalties.append(p.licence_unknown)
        else:
            found_penalties.append(p.licence_missing)
    if (said.daytime or said.avoid_night) and (found.night or (said.daytime and found.evening)):
        found_penalties.append(p.unwanted_shift)
    if said.cannot_lift:
        if found.heavy:
            found_penalties.append(p.heavy_work)
        elif "laden en lossen" in opp.skills:
            found_penalties.append(p.some_lifting)
    age = side.age
    if age is not None:
        if age > 21 and found.pupils:
            found_penalties.append(p.other_age_group)
        if (age > 27 and found.young) or (age < 50 and found.older):
            found_penalties.append(p.other_age_group)
    for group in found.target_groups:
        if not summary_mentions_group(res.summary, group):
            found_penalties.append(p.other_target_group)
            break
    return found_penalties
