"""The weighted factors of the score, each a value between 0 and 1 (see scoring.py).

Every factor has the same shape: it looks at the resident's side, the posting and its text
facts, returns its value (None: cannot be judged, so it leaves the average), may add a
penalty, and tells ``notes`` (when given) what it found.
"""

from __future__ import annotations

from collections.abc import Callable

from meedoen.matching import geography, training, words
from meedoen.matching.facts import PostingFacts
from meedoen.matching.geography import Place
from meedoen.matching.pair import Notes, Pair
from meedoen.matching.profiles import OpportunityProfile
from meedoen.matching.reasons import bilingual, join_list, kind_label, reason
from meedoen.matching.sides import ResidentSide
from meedoen.matching.vocabulary import mentions
from meedoen.matching.weights import (
    KIND_AFFINITY,
    KIND_FIRST_CHOICE,
    KIND_NO_PREFERENCE,
    KIND_OTHER_CHOICE,
    LADDER_FIT,
    LADDER_LEVEL_RUNG,
    PAID_LEERWERKPLEK_FOR_JOBSEEKER,
)

Factor = Callable[[Pair, float], float | None]


# --- skills --------------------------------------------------------------------------


def skills(pair: Pair, weight: float) -> float | None:
    """Weighted share of the posting's skills the resident brings, mixed with how much of
    what the resident is good at the posting uses."""
    side, opp, notes, penalties = pair.side, pair.opp, pair.notes, pair.penalties
    if not opp.skills or not side.resident.skills:
        return None
    found = side.by_skills.get(opp.skills)
    if found is None:
        found = side.by_skills[opp.skills] = _skill_value(side, opp.skills)
    value, mismatch = found
    if mismatch and side.resident.ladder_rung is not None and side.rung <= 2:
        mismatch = False  # at the first steps it is about people and structure, not a trade
    if mismatch and side.ambitions and training_fit(pair)[0] >= 0.5:
        mismatch = False  # a new trade: what they did before does not count against it
    if mismatch:
        # Someone with a trade, offered work that uses none of it: a fallback at best.
        penalties.append(side.weights.penalties.skills_mismatch)
    if notes is not None:
        _skill_notes(side, opp, notes, weight * value, mismatch)
    return value


def skills_weight(side: ResidentSide) -> float:
    """Someone learning a new trade is matched less on the skills of their old one."""
    weights = side.weights
    share = weights.skills.while_studying if side.studying else 1.0
    return weights.factors.skills * share


def _skill_value(side: ResidentSide, wanted: tuple[str, ...]) -> tuple[float, bool]:
    sw = side.weights.skills
    earned = possible = 0.0
    missing = False
    rows = []
    for skill in wanted:
        asked = side.wanted(skill)
        earned += asked.weight * asked.credit
        possible += asked.weight
        missing = missing or asked.grade == "missing"
        rows.append(asked.uses)
    coverage = earned / possible
    value = coverage
    if side.core:
        # Coverage alone favours easy jobs; a coach also looks for work that uses your
        # strongest skills (an experienced reachtruck driver, not an orderpicker starter):
        # for each own core skill, how well the posting uses it (best of its skills).
        used = sum(map(max, zip(*rows, strict=True)))
        usage = min(1.0, used / min(len(side.core), 3))
        value = (1 - sw.usage_share) * coverage + sw.usage_share * usage
    return value, missing and bool(side.core) and value < 0.3


def _skill_notes(
    side: ResidentSide, opp: OpportunityProfile, notes: Notes, strength: float, mismatch: bool
) -> None:
    graded: dict[str, list[str]] = {"exact": [], "related": [], "missing": []}
    for skill in opp.skills:
        grade = side.wanted(skill).grade
        if grade:
            graded[grade].append(skill)
    # Vocational skills first: "heftruck" says more than "samenwerken".
    exact = sorted(graded["exact"], key=side.vocab.is_soft)
    if exact:
        notes.good(strength, reason("skills_match", skills=", ".join(exact[:4])))
    if graded["related"]:
        related = ", ".join(graded["related"][:3])
        notes.good(strength * 0.6, reason("skills_related", skills=related))
    if mismatch:
        missing = ", ".join(graded["missing"][:3])
        notes.weak(2, reason("skills_missing", skills=missing))


# --- kind and ladder -----------------------------------------------------------------


def kind_value(preferred: tuple[str, ...], kind: str, paid: bool | None) -> float:
    """How well a posting's kind fits the kinds the resident asked for."""
    if not preferred:
        return KIND_NO_PREFERENCE
    if kind in preferred:
        return KIND_FIRST_CHOICE if preferred[0] == kind else KIND_OTHER_CHOICE
    value = max(KIND_AFFINITY.get((pref, kind), 0.0) for pref in preferred)
    if kind == "leerwerkplek" and paid and "betaald_werk" in preferred:
        value = max(value, PAID_LEERWERKPLEK_FOR_JOBSEEKER)
    return value


def kind(pair: Pair, weight: float) -> float:
    """Is this the kind of posting the resident asked for?"""
    side, opp, notes = pair.side, pair.opp, pair.notes
    prefs = side.resident.preferred_kinds
    value = kind_value(prefs, opp.kind, opp.paid)
    if side.studying:
        # A stage in the programme someone follows is the kind they need, whatever they ticked.
        value = max(value, KIND_FOR_TRAINING * training_fit(pair)[0])
    if notes is None or not prefs:
        return value
    if opp.kind in prefs:
        labels = {"kind": kind_label(opp.kind, "nl")}, {"kind": kind_label(opp.kind, "en")}
        notes.good(weight * value * 0.5, bilingual("kind_preferred", *labels))
        return value
    if opp.kind == "leerwerkplek" and opp.paid and "betaald_werk" in prefs:
        notes.good(weight * value * 0.5, reason("paid_leerwerkplek"))
    if value < 0.5:
        nl, en = (join_list([kind_label(p, lang) for p in prefs], lang) for lang in ("nl", "en"))
        notes.weak(3, bilingual("kind_not_preferred", {"kinds": nl}, {"kinds": en}))
    return value


# The kind value of a place that fits someone's programme perfectly.
KIND_FOR_TRAINING = 0.9


def ladder_level(opportunity: OpportunityProfile) -> str:
    """Where a posting sits on the participatieladder (see weights.LADDER_LEVELS)."""
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


def ladder(pair: Pair, weight: float) -> float:
    """One step up the participatieladder is the aim."""
    side, opp, notes, penalties = pair.side, pair.opp, pair.notes, pair.penalties
    level = ladder_level(opp)
    value = LADDER_FIT[side.rung][level]
    if side.resident.ladder_rung is None:
        return value
    step = LADDER_LEVEL_RUNG[level] - side.rung
    if value >= 0.95 and side.rung < 6 and step >= 1:
        if notes is not None:
            notes.good(weight * value, reason("ladder_next_step"))
    elif value >= 0.75:
        if notes is not None:
            notes.good(weight * value * 0.5, reason("ladder_fits"))
    elif step >= 2 and value <= BAD_LADDER_FIT:
        far = is_far_jump(step, value)
        if far:
            penalties.append(side.weights.penalties.ladder_far_jump)
        if notes is not None:
            notes.weak(4 if far else 2, reason("ladder_big_jump"))
    elif step <= -1 and value <= 0.3 and notes is not None:
        notes.weak(2, reason("ladder_step_down"))
    return value


# A step up this badly fitting is a concern; four rungs or more also cost points.
BAD_LADDER_FIT = 0.4
FAR_JUMP = 4


def is_far_jump(step: int, fit: float) -> bool:
    """Four or more rungs up to a place that fits badly: the far-jump penalty applies."""
    return step >= FAR_JUMP and fit <= BAD_LADDER_FIT


# --- distance ------------------------------------------------------------------------


def distance_weight(side: ResidentSide) -> float:
    """A "close to home" wish in the summary makes distance count more."""
    weights = side.weights
    # At the lowest steps, travel itself is a threshold: close to home matters as much.
    low = side.resident.ladder_rung is not None and side.rung <= 2
    boost = weights.travel.near_home_boost if side.said.near_home or low else 1.0
    return weights.factors.distance * boost


def distance(pair: Pair, weight: float) -> float | None:
    """Travel time, by bike or (with a licence) by car, scaled by the hours."""
    side, opp, notes = pair.side, pair.opp, pair.notes
    tolerance = _travel_tolerance(side, opp)
    if notes is None:
        # A known wijk decides the place; the postcode only counts without one (place_for).
        where = opp.wijk if opp.wijk in geography.WIJKEN else opp.postcode
        key = (where, tolerance)
        if key not in side.by_place:
            work = geography.place_for(opp.wijk, opp.postcode)
            found = _trip(side, work)
            side.by_place[key] = None if found is None else _distance_value(side, found, tolerance)
        return side.by_place[key]
    work = geography.place_for(opp.wijk, opp.postcode)
    trip = _trip(side, work)
    if trip is None or work is None:
        return None
    value = _distance_value(side, trip, tolerance)
    _distance_notes(side, notes, weight * value, work, trip)
    return value


def _trip(side: ResidentSide, work: Place | None) -> tuple[float, float, bool] | None:
    """(cycling minutes, minutes by the fastest way, whether that is by car)."""
    if side.home is None or work is None:
        return None
    travel = side.weights.travel
    bike = geography.cycling_minutes(side.home, work, travel)
    if side.said.walk_only:
        walk = bike * travel.walking_factor
        return walk, walk, False
    if side.resident.has_driving_licence and not side.said.no_car and bike > 15:
        car = geography.driving_minutes(side.home, work, travel)
        if car < bike:
            return bike, car, True
    return bike, bike, False


def _travel_tolerance(side: ResidentSide, opp: OpportunityProfile) -> float:
    """People travel further for a full-time job than for two hours of volunteering."""
    travel = side.weights.travel
    hours = opp.hours_per_week_max or side.resident.hours_per_week or 12
    if hours <= travel.short_hours:
        return travel.short_hours_tolerance
    if hours >= travel.long_hours:
        return travel.long_hours_tolerance
    return 1.0


def _distance_value(side: ResidentSide, trip: tuple[float, float, bool], tolerance: float) -> float:
    travel = side.weights.travel
    effective = trip[1] / tolerance
    if effective <= travel.free_minutes:
        return 1.0
    if effective >= travel.far_minutes:
        return travel.floor
    share = (effective - travel.free_minutes) / (travel.far_minutes - travel.free_minutes)
    return 1.0 - share * (1.0 - travel.floor)


def _distance_notes(
    side: ResidentSide,
    notes: Notes,
    strength: float,
    work: Place,
    trip: tuple[float, float, bool],
) -> None:
    assert side.home is not None
    travel = side.weights.travel
    bike, minutes, by_car = trip
    if side.home.name == work.name:
        notes.good(strength, reason("same_wijk", wijk=work.name))
    elif bike <= 15:
        notes.good(strength * 0.8, reason("nearby_bike", minutes=round(bike)))
    elif by_car and minutes <= 15:
        notes.good(strength * 0.6, reason("nearby_car", minutes=round(minutes)))
    elif not by_car and bike > 25:
        notes.weak(2, reason("far_away", minutes=round(bike)))
    remote = side.home.is_rural or work.is_rural or work.is_business_park
    no_car = not side.resident.has_driving_licence or side.said.no_car
    if no_car and remote and bike >= travel.hard_to_reach_minutes:
        notes.weak(2.5, reason("hard_to_reach"))


# --- interests and wishes ------------------------------------------------------------


def interests(pair: Pair, weight: float) -> float | None:
    """Does the posting sit in a field the resident is interested in?"""
    side, opp, facts, notes = pair.side, pair.opp, pair.facts, pair.notes
    if not side.resident.interests:
        return None
    hits = [
        (fit, interest)
        for interest in side.resident.interests
        if (fit := _interest_fit(side, interest, opp, facts)) >= 0.6
    ]
    if not hits:
        return 0.0
    hits.sort(key=lambda hit: -hit[0])
    value = min(1.0, hits[0][0] + 0.15 * (len(hits) - 1))
    if notes is not None:
        names = ", ".join(name for _, name in hits[:3])
        notes.good(weight * value, reason("interests_match", interests=names))
    return value


def _interest_fit(
    side: ResidentSide, interest: str, opp: OpportunityProfile, facts: PostingFacts
) -> float:
    fit = side.vocab.interests.get(interest)
    if fit is None:
        # Unknown interest term: fall back to the word itself in the title.
        return 0.6 if mentions(opp.title, interest) else 0.0
    if opp.sector in fit.sectors:
        return 1.0
    if not fit.skills.isdisjoint(opp.skills):
        return 0.8
    return 0.7 if interest in facts.title_interests else 0.0


def own_words(pair: Pair, weight: float) -> float | None:
    """The resident's own words (what they want to do, and with whom) in the posting."""
    side, facts, notes = pair.side, pair.facts, pair.notes
    said = side.said
    if not side.own_words and not (said.evenings or said.weekend):
        return None
    share, found = words.relevance(side.own_words, facts.title_keys, facts.text_keys)
    value = min(1.0, share / WORDS_SATURATION)
    if notes is not None and found and value >= 0.2:
        notes.good(weight * value, reason("wish_match", terms=", ".join(found[:3])))
    if (said.evenings and (facts.late or facts.evening)) or (said.weekend and facts.weekend):
        value = 1.0
        if notes is not None:
            notes.good(weight, reason("shift_fits"))
    return value


# The share of someone's weighted words a posting must speak to for the full value: a
# summary also says where someone comes from and why, which no posting repeats.
WORDS_SATURATION = 0.35


def training_fit(pair: Pair) -> tuple[float, str | None]:
    """How well the posting fits the programme the resident named (remembered per pair)."""
    if pair.training is None:
        facts = pair.facts
        pair.training = training.fit(
            pair.side.ambitions, pair.opp.kind, facts.programmes_in_title, facts.programmes_in_text
        )
    return pair.training


def training_weight(side: ResidentSide) -> float:
    """Full for someone learning a trade; less for someone who has it (skills and their
    own words already say much of it)."""
    weights = side.weights
    return weights.factors.training * (1.0 if side.studying else QUALIFIED_SHARE)


QUALIFIED_SHARE = 0.4


def learning(pair: Pair, weight: float) -> float | None:
    """The programme someone follows, or the trade they want to learn or already have."""
    if not pair.side.ambitions:
        return None
    value, programme = training_fit(pair)
    if pair.notes is not None and programme is not None and value >= 0.5:
        labels = {"programme": programme}, {"programme": training.programmes()[programme].en}
        pair.notes.good(weight * value, bilingual("training_fits", *labels))
    return value


# --- hours and who the posting is for ------------------------------------------------


def hours(pair: Pair, weight: float) -> float | None:
    """Do the resident's hours fall within the posting's min-max?"""
    side, opp, notes = pair.side, pair.opp, pair.notes
    wanted = side.resident.hours_per_week
    if wanted is None or (opp.hours_per_week_min is None and opp.hours_per_week_max is None):
        return None
    low = opp.hours_per_week_min or 0
    high = opp.hours_per_week_max if opp.hours_per_week_max is not None else low
    if low <= wanted <= high:
        if notes is not None:
            span = f"{low}-{high}" if high != low else str(low)
            notes.good(weight * 0.6, reason("hours_fit", hours=span))
        return 1.0
    if wanted < low:
        # Too few hours is a blocker: the employer needs the hours.
        value = max(0.0, 1.0 - 1.6 * (low - wanted) / low)
    else:
        # More hours than offered: it still works, just not all the hours wanted.
        value = max(0.0, 1.0 - 1.2 * (wanted - high) / wanted)
    if notes is not None and value < 0.5:
        span = f"{low}-{high}" if high != low else str(low)
        notes.weak(3 * (1 - value), reason("hours_mismatch", hours=span, own=wanted))
    return value


def suitability_weight(side: ResidentSide) -> float:
    """Who a place is made for matters most to a young school-leaver at a low step: a
    place for young people with guidance. For a newcomer at a low step the *value* changes
    (a place for little Dutch, ``suitability``) but not the weight: weighing that label
    2.5 times let it outrank what someone said they want to do and where (measured on
    both halves of the judged people)."""
    young = _needs(side) and side.age is not None and side.age <= YOUNG_AGE
    return side.weights.factors.suitability * (NEEDS_BOOST if young else 1.0)


def needs_a_place_for_them(side: ResidentSide) -> bool:
    """Young or new to Dutch, at a low step: who a place is made for decides."""
    return _needs(side)


def _needs(side: ResidentSide) -> bool:
    """At a low step and young, or at a low step with little Dutch."""
    low = side.resident.ladder_rung is not None and side.rung <= 3
    return low and ((side.age is not None and side.age <= YOUNG_AGE) or side.low_dutch)


YOUNG_AGE = 25
NEEDS_BOOST = 2.5


def suitability(pair: Pair, weight: float) -> float:
    """``suitable_for`` labels that fit this resident.

    For someone at a low step who is young or new to Dutch, what counts is whether the
    place is made for them: for young people *and* with guidance; for little Dutch.
    """
    side, opp, notes = pair.side, pair.opp, pair.notes
    labels, age, res = opp.suitable_for, side.age, side.resident
    if _needs(side):
        young = age is not None and age <= YOUNG_AGE
        group_code = "suits_young" if young else "little_dutch_ok"
        group = (
            "jongeren" in labels
            if young
            else bool({"weinig_nederlands", "statushouders"}.intersection(labels))
        )
        guided = "met_begeleiding" in labels
        if notes is not None:
            for applies, code in ((group, group_code), (guided, "support")):
                if applies:
                    notes.good(weight * 0.5, reason(code))
        if young:
            return 0.5 * group + 0.5 * guided
        # Little Dutch: a place where that is fine is what counts; guidance helps.
        return 1.0 if group else 0.5 * guided
    applying = (
        ("55plus" in labels and age is not None and age >= 55, "welcome_55plus"),
        ("jongeren" in labels and age is not None and age <= 27, "suits_young"),
        (
            ("weinig_nederlands" in labels or "statushouders" in labels) and side.low_dutch,
            "little_dutch_ok",
        ),
        (
            "met_begeleiding" in labels and res.ladder_rung is not None and res.ladder_rung <= 5,
            "support",
        ),
        ("zonder_ervaring" in labels and side.rung <= 4, "no_experience_needed"),
    )
    points = 0
    for applies, code in applying:
        if applies:
            points += 1
            if notes is not None:
                notes.good(weight * 0.4, reason(code))
    return min(1.0, float(points) / 2)
