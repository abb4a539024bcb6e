"""The matching engine: how well does an opportunity fit a resident?

``score()`` looks at one resident and one opportunity, like a job coach would:
skills (incl. related skills), interests, the kind of opportunity the resident wants,
the step on the participatieladder, hours, distance and wishes from the summary.
Hard-ish problems (language level, driving licence, night work for someone who does
not want it) multiply the score down and become concerns. Hard filters (closed, too
young) exclude the match. All numbers live in ``weights.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from meedoen.matching import facts, geography
from meedoen.matching.profiles import OpportunityProfile, ResidentProfile
from meedoen.matching.reasons import Reason, bilingual, join_list, kind_label, reason
from meedoen.matching.vocabulary import (
    Vocabulary,
    best_credit,
    mentions,
    vocabulary,
)
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

__all__ = ["Match", "Reason", "explain", "ladder_level", "score"]


@dataclass(frozen=True)
class Match:
    """The outcome of matching one resident with one opportunity."""

    resident_ref: str
    opportunity_ref: str
    score: float
    reasons: list[Reason] = field(default_factory=list)
    concerns: list[Reason] = field(default_factory=list)
    excluded: bool = False
    factors: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def ref(self) -> str:
        """The opportunity this match is about."""
        return self.opportunity_ref


@dataclass
class _Notes:
    """Reasons and concerns collected while scoring, with a strength for ordering."""

    reasons: list[tuple[float, Reason]] = field(default_factory=list)
    concerns: list[tuple[float, Reason]] = field(default_factory=list)
    penalty: float = 1.0

    def good(self, strength: float, item: Reason) -> None:
        self.reasons.append((strength, item))

    def weak(self, severity: float, item: Reason, penalty: float = 1.0) -> None:
        self.concerns.append((severity, item))
        self.penalty *= penalty


@dataclass(frozen=True)
class _Pair:
    """Everything a factor needs to look at."""

    resident: ResidentProfile
    opportunity: OpportunityProfile
    today: date
    weights: Weights
    vocab: Vocabulary

    @property
    def age(self) -> int | None:
        return self.resident.age_on(self.today)

    @property
    def rung(self) -> int:
        rung = self.resident.ladder_rung or DEFAULT_RUNG
        return min(max(rung, 1), 6)

    @property
    def said(self) -> facts.SummaryFacts:
        """Wishes and limits from the resident's summary."""
        return facts.summary_facts(self.resident.summary)

    @property
    def resident_skills(self) -> frozenset[str]:
        """Listed skills plus what a driving licence implies."""
        skills = set(self.resident.skills)
        if self.resident.has_driving_licence:
            skills.add("rijbewijs B")
        for licence, implied in self.vocab.licence_implies.items():
            if licence in skills:
                skills |= implied
        return frozenset(skills)


# A factor returns a value in 0..1, or None when it cannot be judged (missing data).
Factor = Callable[[_Pair, _Notes, float], float | None]


def score(
    resident: ResidentProfile,
    opportunity: OpportunityProfile,
    today: date,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Match:
    """Score how well ``opportunity`` fits ``resident`` on ``today`` (0-100).

    Closed opportunities and residents below the minimum age are excluded
    (``excluded=True``, score 0) with a concern explaining why.
    """
    pair = _Pair(resident, opportunity, today, weights, vocabulary())
    notes = _Notes()
    if _excluded(pair, notes):
        return _finish(pair, notes, 0.0, {}, excluded=True)
    values = _factor_values(pair, notes)
    total_weight = sum(w for w, v in values.values() if v is not None)
    weighted = sum(w * v for w, v in values.values() if v is not None)
    base = 100.0 * weighted / total_weight if total_weight else 0.0
    for check in _CHECKS:
        check(pair, notes)
    factors = {name: v for name, (_, v) in values.items() if v is not None}
    return _finish(pair, notes, base * notes.penalty, factors)


def _finish(
    pair: _Pair, notes: _Notes, value: float, factors: dict[str, float], excluded: bool = False
) -> Match:
    def ordered(items: list[tuple[float, Reason]]) -> list[Reason]:
        # Strongest first; stable on insertion order for equal strength.
        return [r for _, r in sorted(items, key=lambda item: -item[0])]

    return Match(
        resident_ref=pair.resident.ref,
        opportunity_ref=pair.opportunity.ref,
        score=round(max(0.0, min(100.0, value)), 1),
        reasons=ordered(notes.reasons),
        concerns=ordered(notes.concerns),
        excluded=excluded,
        factors=factors,
    )


def _factor_values(pair: _Pair, notes: _Notes) -> dict[str, tuple[float, float | None]]:
    f = pair.weights.factors
    distance_weight = f.distance * (
        pair.weights.travel.near_home_boost if _wants_near_home(pair) else 1.0
    )
    plan: list[tuple[str, float, Factor]] = [
        ("skills", f.skills, _skills),
        ("kind", f.kind, _kind),
        ("ladder", f.ladder, _ladder),
        ("distance", distance_weight, _distance),
        ("interests", f.interests, _interests),
        ("wishes", f.wishes, _wishes),
        ("hours", f.hours, _hours),
        ("suitability", f.suitability, _suitability),
    ]
    return {name: (weight, factor(pair, notes, weight)) for name, weight, factor in plan}


# --- hard filters --------------------------------------------------------------------


def _excluded(pair: _Pair, notes: _Notes) -> bool:
    opp = pair.opportunity
    if not opp.is_open:
        notes.weak(10, reason("closed"))
        return True
    if opp.min_age is None:
        return False
    if pair.age is None:
        # We cannot check; a concern lets the coach ask. Not a reason to hide it.
        if opp.min_age >= 18:
            notes.weak(1, reason("age_unknown", min_age=opp.min_age))
        return False
    if pair.age < opp.min_age:
        notes.weak(10, reason("too_young", min_age=opp.min_age))
        return True
    return False


# --- weighted factors ----------------------------------------------------------------


def _skills(pair: _Pair, notes: _Notes, weight: float) -> float | None:
    """Weighted share of the opportunity's skills the resident brings."""
    opp_skills = pair.opportunity.skills
    if not opp_skills or not pair.resident.skills:
        return None
    sw = pair.weights.skills
    have = pair.resident_skills
    exact: list[str] = []
    related: list[str] = []
    missing: list[str] = []
    earned = possible = 0.0
    for skill in opp_skills:
        soft = pair.vocab.is_soft(skill)
        skill_weight = sw.soft if soft else sw.core
        credit, _ = best_credit(have, skill)
        if credit >= 1.0:
            exact.append(skill)
        elif credit >= sw.related_reason_threshold and not soft:
            related.append(skill)
        elif not soft:
            missing.append(skill)
        if soft:
            credit = max(credit, sw.unlisted_soft_credit)
        earned += skill_weight * credit
        possible += skill_weight
    value = _blend_usage(pair, earned / possible)
    _skill_notes(pair, notes, weight * value, exact, related, missing, value)
    return value


def _blend_usage(pair: _Pair, coverage: float) -> float:
    """Mix in how much of what the resident is good at the opportunity uses.

    Coverage alone favours easy jobs; a coach also looks for work that uses your
    strongest skills (an experienced reachtruck driver, not an orderpicker starter).
    """
    core = [s for s in pair.resident.skills if not pair.vocab.is_soft(s)]
    if not core:
        return coverage
    used = sum(
        max((pair.vocab.related_factor(skill, want) for want in pair.opportunity.skills), default=0)
        for skill in core
    )
    usage = min(1.0, used / min(len(core), 3))
    share = pair.weights.skills.usage_share
    return (1 - share) * coverage + share * usage


def _skill_notes(
    pair: _Pair,
    notes: _Notes,
    strength: float,
    exact: list[str],
    related: list[str],
    missing: list[str],
    value: float,
) -> None:
    # Vocational skills first: "heftruck" says more than "samenwerken".
    exact.sort(key=pair.vocab.is_soft)
    if exact:
        notes.good(strength, reason("skills_match", skills=", ".join(exact[:4])))
    if related:
        notes.good(strength * 0.6, reason("skills_related", skills=", ".join(related[:3])))
    has_core = any(not pair.vocab.is_soft(s) for s in pair.resident.skills)
    if missing and has_core and value < 0.3:
        # Someone with a trade, offered work that uses none of it: a coach would
        # only suggest it as a fallback.
        penalty = pair.weights.penalties.skills_mismatch
        notes.weak(2, reason("skills_missing", skills=", ".join(missing[:3])), penalty)


def _interests(pair: _Pair, notes: _Notes, weight: float) -> float | None:
    """Does the opportunity sit in a field the resident is interested in?"""
    if not pair.resident.interests:
        return None
    hits: list[tuple[float, str]] = []
    for interest in pair.resident.interests:
        fit = _interest_fit(pair, interest)
        if fit >= 0.6:
            hits.append((fit, interest))
    if not hits:
        return 0.0
    hits.sort(key=lambda hit: -hit[0])
    value = min(1.0, hits[0][0] + 0.15 * (len(hits) - 1))
    names = [name for _, name in hits[:3]]
    notes.good(weight * value, reason("interests_match", interests=", ".join(names)))
    return value


def _interest_fit(pair: _Pair, interest: str) -> float:
    opp = pair.opportunity
    fit = pair.vocab.interests.get(interest)
    if fit is None:
        # Unknown interest term: fall back to the word itself in the title.
        return 0.6 if mentions(opp.title, interest) else 0.0
    if opp.sector in fit.sectors:
        return 1.0
    if fit.skills & set(opp.skills):
        return 0.8
    if any(mentions(opp.title, word) for word in fit.words):
        return 0.7
    return 0.0


def _kind(pair: _Pair, notes: _Notes, weight: float) -> float | None:
    """Is this the kind of opportunity the resident asked for?"""
    prefs = pair.resident.preferred_kinds
    kind = pair.opportunity.kind
    if not prefs:
        return KIND_NO_PREFERENCE
    if kind in prefs:
        value = KIND_FIRST_CHOICE if prefs[0] == kind else KIND_OTHER_CHOICE
        notes.good(
            weight * value * 0.5,
            bilingual(
                "kind_preferred", {"kind": kind_label(kind, "nl")}, {"kind": kind_label(kind, "en")}
            ),
        )
        return value
    value = max(KIND_AFFINITY.get((pref, kind), 0.0) for pref in prefs)
    if kind == "leerwerkplek" and pair.opportunity.paid and "betaald_werk" in prefs:
        value = max(value, PAID_LEERWERKPLEK_FOR_JOBSEEKER)
        notes.good(weight * value * 0.5, reason("paid_leerwerkplek"))
    if value < 0.5:
        labels = {
            lang: join_list([kind_label(p, lang) for p in prefs], lang) for lang in ("nl", "en")
        }
        notes.weak(
            3, bilingual("kind_not_preferred", {"kinds": labels["nl"]}, {"kinds": labels["en"]})
        )
    return value


def ladder_level(opportunity: OpportunityProfile) -> str:
    """Where an opportunity sits on the participatieladder (see weights.LADDER_LEVELS)."""
    kind, labels = opportunity.kind, set(opportunity.suitable_for)
    if kind == "vrijwilligerswerk":
        low_hours = (opportunity.hours_per_week_min or 0) <= 4
        easy = "zonder_ervaring" in labels or "met_begeleiding" in labels
        return "vw_laagdrempelig" if easy and low_hours else "vrijwilligerswerk"
    if kind == "betaald_werk":
        return "betaald_begeleid" if "met_begeleiding" in labels else "betaald_werk"
    if kind in LADDER_LEVEL_RUNG:
        return kind
    return "vrijwilligerswerk"


def _ladder(pair: _Pair, notes: _Notes, weight: float) -> float:
    """One step up the participatieladder is the aim."""
    level = ladder_level(pair.opportunity)
    value = LADDER_FIT[pair.rung][level]
    if pair.resident.ladder_rung is None:
        return value
    step = LADDER_LEVEL_RUNG[level] - pair.rung
    if value >= 0.95 and pair.rung < 6 and step >= 1:
        notes.good(weight * value, reason("ladder_next_step"))
    elif value >= 0.75:
        notes.good(weight * value * 0.5, reason("ladder_fits"))
    elif step >= 2 and value <= 0.4:
        far = step >= 4
        penalty = pair.weights.penalties.ladder_far_jump if far else 1.0
        notes.weak(4 if far else 2, reason("ladder_big_jump"), penalty)
    elif step <= -1 and value <= 0.3:
        notes.weak(2, reason("ladder_step_down"))
    return value


def _hours(pair: _Pair, notes: _Notes, weight: float) -> float | None:
    """Do the resident's hours fall within the opportunity's min-max?"""
    wanted = pair.resident.hours_per_week
    opp = pair.opportunity
    if wanted is None or (opp.hours_per_week_min is None and opp.hours_per_week_max is None):
        return None
    low = opp.hours_per_week_min or 0
    high = opp.hours_per_week_max if opp.hours_per_week_max is not None else low
    span = f"{low}-{high}" if high != low else str(low)
    if low <= wanted <= high:
        notes.good(weight * 0.6, reason("hours_fit", hours=span))
        return 1.0
    if wanted < low:
        # Too few hours is a blocker: the employer needs the hours.
        value = max(0.0, 1.0 - 1.6 * (low - wanted) / low)
    else:
        # More hours than offered: it still works, just not all the hours wanted.
        value = max(0.0, 1.0 - 1.2 * (wanted - high) / wanted)
    if value < 0.5:
        notes.weak(3 * (1 - value), reason("hours_mismatch", hours=span, own=wanted))
    return value


def _distance(pair: _Pair, notes: _Notes, weight: float) -> float | None:
    """Travel time, by bike or (with a licence) by car, scaled by the hours."""
    home = geography.place_for(pair.resident.wijk, pair.resident.postcode)
    work = geography.place_for(pair.opportunity.wijk, pair.opportunity.postcode)
    if home is None or work is None:
        return None
    travel = pair.weights.travel
    bike = geography.cycling_minutes(home, work, travel)
    minutes, by_car = bike, False
    if pair.resident.has_driving_licence and bike > 15:
        car = geography.driving_minutes(home, work, travel)
        if car < bike:
            minutes, by_car = car, True
    effective = minutes / _travel_tolerance(pair)
    value = _distance_value(effective, pair)
    _distance_notes(pair, notes, weight * value, home, work, bike, minutes, by_car)
    return value


def _travel_tolerance(pair: _Pair) -> float:
    travel = pair.weights.travel
    hours = pair.opportunity.hours_per_week_max or pair.resident.hours_per_week or 12
    if hours <= travel.short_hours:
        return travel.short_hours_tolerance
    if hours >= travel.long_hours:
        return travel.long_hours_tolerance
    return 1.0


def _distance_value(effective_minutes: float, pair: _Pair) -> float:
    travel = pair.weights.travel
    if effective_minutes <= travel.free_minutes:
        return 1.0
    if effective_minutes >= travel.far_minutes:
        return travel.floor
    share = (effective_minutes - travel.free_minutes) / (travel.far_minutes - travel.free_minutes)
    return 1.0 - share * (1.0 - travel.floor)


def _distance_notes(
    pair: _Pair,
    notes: _Notes,
    strength: float,
    home: geography.Place,
    work: geography.Place,
    bike: float,
    minutes: float,
    by_car: bool,
) -> None:
    travel = pair.weights.travel
    if home.name == work.name:
        notes.good(strength, reason("same_wijk", wijk=work.name))
    elif bike <= 15:
        notes.good(strength * 0.8, reason("nearby_bike", minutes=round(bike)))
    elif by_car and minutes <= 15:
        notes.good(strength * 0.6, reason("nearby_car", minutes=round(minutes)))
    elif not by_car and bike > 25:
        notes.weak(2, reason("far_away", minutes=round(bike)))
    remote = home.is_rural or work.is_rural or work.is_business_park
    if not pair.resident.has_driving_licence and remote and bike >= travel.hard_to_reach_minutes:
        notes.weak(2.5, reason("hard_to_reach"))


def _wishes(pair: _Pair, notes: _Notes, weight: float) -> float | None:
    """Words from the summary ("magazijn", "BSO", "zwembad") found in the posting."""
    if not pair.resident.summary:
        return None
    terms = pair.said.wishes
    wants_evenings = pair.said.evenings
    if not terms and not wants_evenings:
        return None
    opp = pair.opportunity
    in_title, in_text = facts.wishes_found(opp, terms)
    value = 1.0 if in_title else 0.5 if in_text else 0.0
    if in_title or in_text:
        notes.good(weight * value, reason("wish_match", terms=", ".join((in_title + in_text)[:3])))
    if wants_evenings and facts.evening_work(opp):
        value = 1.0
        notes.good(weight, reason("shift_fits"))
    return value


def _suitability(pair: _Pair, notes: _Notes, weight: float) -> float:
    """``suitable_for`` labels that fit this resident."""
    labels = set(pair.opportunity.suitable_for)
    age, res = pair.age, pair.resident
    low_dutch = _language_index(res.language_level) <= 1 if res.language_level else False
    points = 0.0
    checks = [
        ("55plus" in labels and age is not None and age >= 55, "welcome_55plus"),
        ("jongeren" in labels and age is not None and age <= 27, "suits_young"),
        (bool(labels & {"weinig_nederlands", "statushouders"}) and low_dutch, "little_dutch_ok"),
        (
            "met_begeleiding" in labels and res.ladder_rung is not None and res.ladder_rung <= 5,
            "support",
        ),
        ("zonder_ervaring" in labels and pair.rung <= 4, "no_experience_needed"),
    ]
    for applies, code in checks:
        if applies:
            points += 1.0
            notes.good(weight * 0.4, reason(code))
    return min(1.0, points / 2)


# --- penalties (checks) --------------------------------------------------------------


def _language_index(level: str | None) -> int:
    level = level if level in LANGUAGE_LEVELS else DEFAULT_LANGUAGE_LEVEL
    return LANGUAGE_LEVELS.index(level)


def _check_language(pair: _Pair, notes: _Notes) -> None:
    required = pair.opportunity.language_level
    if required not in LANGUAGE_LEVELS:
        return
    own = pair.resident.language_level
    gap = _language_index(required) - _language_index(own)
    if gap <= 0:
        return
    penalties = pair.weights.penalties
    penalty = penalties.language_one_level if gap == 1 else penalties.language_two_levels
    if own in LANGUAGE_LEVELS:
        item = reason("language_gap", required=required, own=own)
    else:
        item = reason("language_required", required=required)
    notes.weak(5 + gap, item, penalty)


def _check_english_posting(pair: _Pair, notes: _Notes) -> None:
    if not facts.is_english(pair.opportunity.description):
        return
    if "Engelse taal" in pair.resident.skills:
        return
    notes.weak(3, reason("english_posting"), pair.weights.penalties.english_posting)


def _check_licence(pair: _Pair, notes: _Notes) -> None:
    licence, optional = facts.required_licence(pair.opportunity)
    if licence is None or licence in pair.resident_skills:
        return
    penalties = pair.weights.penalties
    label = licence.replace("rijbewijs", "Rijbewijs")
    category = licence.split()[-1]
    if optional:
        notes.weak(1, reason("licence_optional"), penalties.licence_optional)
    elif pair.resident.has_driving_licence is None and category == "B":
        item = bilingual("licence_unknown", {"licence": label}, {"licence": category})
        notes.weak(3, item, penalties.licence_unknown)
    else:
        notes.weak(6, _licence_reason(label, category), penalties.licence_missing)


def _licence_reason(label: str, category: str) -> Reason:
    return bilingual("licence_required", {"licence": label}, {"licence": category})


def _check_shifts(pair: _Pair, notes: _Notes) -> None:
    opp, said, penalty = pair.opportunity, pair.said, pair.weights.penalties.unwanted_shift
    if not (said.daytime or said.avoid_night):
        return
    if facts.night_work(opp):
        notes.weak(4, reason("night_work"), penalty)
    elif said.daytime and facts.evening_work(opp):
        notes.weak(4, reason("evening_work"), penalty)


def _check_heavy_work(pair: _Pair, notes: _Notes) -> None:
    if not pair.said.cannot_lift:
        return
    opp, penalties = pair.opportunity, pair.weights.penalties
    if facts.heavy_work(opp):
        notes.weak(4, reason("heavy_work"), penalties.heavy_work)
    elif "laden en lossen" in opp.skills:
        # Loading is part of the job but not all of it (a driver mostly drives).
        notes.weak(2, reason("heavy_work"), penalties.some_lifting)


def _check_age_group(pair: _Pair, notes: _Notes) -> None:
    """Dagbesteding for young people is not for a 70-year-old, and vice versa."""
    opp, age = pair.opportunity, pair.age
    if age is None:
        return
    penalty = pair.weights.penalties.other_age_group
    if age > 21 and facts.for_pupils(opp):
        notes.weak(5, _age_group_reason("scholieren"), penalty)
    if opp.kind != "dagbesteding":
        return
    if age > 27 and facts.for_young_people(opp):
        notes.weak(5, _age_group_reason("jongeren"), penalty)
    elif age < 50 and facts.for_older_people(opp):
        notes.weak(5, _age_group_reason("ouderen"), penalty)


def _check_target_group(pair: _Pair, notes: _Notes) -> None:
    for group in facts.target_groups(pair.opportunity):
        if not facts.summary_mentions_group(pair.resident.summary, group):
            nl, en, _ = facts.TARGET_GROUPS[group]
            item = bilingual("target_group", {"group": nl}, {"group": en})
            notes.weak(5, item, pair.weights.penalties.other_target_group)
            return


def _age_group_reason(group: str) -> Reason:
    english = {"jongeren": "young people", "ouderen": "older people", "scholieren": "pupils"}[group]
    return bilingual("other_age_group", {"group": group}, {"group": english})


def _wants_near_home(pair: _Pair) -> bool:
    return pair.said.near_home


_CHECKS: tuple[Callable[[_Pair, _Notes], None], ...] = (
    _check_language,
    _check_english_posting,
    _check_licence,
    _check_shifts,
    _check_heavy_work,
    _check_age_group,
    _check_target_group,
)


def explain(match: Match, lang: str = "nl") -> dict[str, Any]:
    """A JSON-ready summary of a match for the CLI and API (Dutch texts by default)."""
    return {
        "ref": match.opportunity_ref,
        "resident_ref": match.resident_ref,
        "score": match.score,
        "reasons": [r.text(lang) for r in match.reasons],
        "concerns": [c.text(lang) for c in match.concerns],
        "excluded": match.excluded,
    }
