"""All matching weights in one place.

The score of a match is built in two steps:

1. A weighted average of factor scores, each between 0 and 1 (skills, interests, ...).
   The weights below say how many of the 100 points a factor can earn.
2. Multiplicative penalties for hard-ish problems (language gap, missing driving
   licence, ...). A penalty of 0.5 halves the score. Hard filters (too young, closed)
   are not weights: they exclude the match.

Change numbers here, run ``pytest tests/matching`` and look at the nDCG it prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

KINDS: Final = ("dagbesteding", "vrijwilligerswerk", "stage", "leerwerkplek", "betaald_werk")


@dataclass(frozen=True)
class FactorWeights:
    """Points (out of 100) each factor can earn."""

    # What you can do is the heart of a match: a coach starts from skills.
    skills: float = 28.0
    # Preferred kinds are an explicit wish of the resident; a coach respects it.
    kind: float = 16.0
    # One step up the participatieladder is the policy aim of the platform.
    ladder: float = 13.0
    # Distance decides whether someone keeps showing up, esp. for a few hours a week.
    distance: float = 12.0
    # Interests tell where someone will be motivated, but are vaguer than skills.
    interests: float = 10.0
    # The resident's own words found in the posting's title and text (words.py).
    words: float = 14.0
    # The programme someone follows or the trade they want to learn (training.py); only
    # counts for those who name one.
    training: float = 22.0
    # Hours that do not fit are a practical blocker, but often negotiable.
    hours: float = 8.0
    # "suitable_for" labels (55plus, weinig_nederlands, met_begeleiding) that fit.
    suitability: float = 6.0

    def total(self) -> float:
        """Sum of the factor weights everyone gets (training comes on top)."""
        return (
            self.skills
            + self.kind
            + self.ladder
            + self.distance
            + self.interests
            + self.words
            + self.hours
            + self.suitability
        )


@dataclass(frozen=True)
class SkillWeights:
    """How opportunity skills count towards skill coverage."""

    # Vocational skills (heftruck, koken) carry the match.
    core: float = 1.0
    # Work attitude (samenwerken, geduldig) is asked everywhere and rarely decisive.
    soft: float = 0.35
    # Residents list only 2-4 skills; an unlisted soft skill is not a missing one.
    unlisted_soft_credit: float = 0.4
    # Someone learning a new trade is matched less on what they did before.
    while_studying: float = 0.5
    # Share of the skill score for "uses the resident's own core skills" (vs coverage).
    usage_share: float = 0.3
    # Reasons only name skills that earn at least this much credit.
    related_reason_threshold: float = 0.5


@dataclass(frozen=True)
class Penalties:
    """Multipliers applied to the weighted score (1.0 = no penalty)."""

    # One CEFR level short is often bridgeable with a taalmaatje: a concern.
    language_one_level: float = 0.85
    # Two or more levels short makes the work unsafe or impossible for now.
    language_two_levels: float = 0.3
    # A posting written in English for someone who lists no English.
    english_posting: float = 0.6
    # Driving is the job itself; without the licence it cannot be done.
    licence_missing: float = 0.35
    # Licence status unknown: ask, do not exclude.
    licence_unknown: float = 0.8
    # The text calls the licence handy, not required.
    licence_optional: float = 0.9
    # The resident has vocational skills, but none that this opportunity asks for.
    skills_mismatch: float = 0.85
    # Shift that the resident explicitly does not want (nights, evenings).
    unwanted_shift: float = 0.55
    # Physically heavy work for someone who says they cannot lift.
    heavy_work: float = 0.4
    # Some loading and unloading (drivers): a concern, milder.
    some_lifting: float = 0.85
    # Dagbesteding aimed at another age group (jongeren / ouderen).
    other_age_group: float = 0.4
    # Work at a time the resident said they cannot work (night, evening, weekend, early):
    # a limit, so close to ruling it out.
    limit_time: float = 0.35
    # More hours than the resident said they can do at most (the floor of cap / hours).
    limit_hours: float = 0.5
    # Standing all day for someone who cannot.
    limit_standing: float = 0.5
    # No guidance where the resident said they need it.
    no_guidance: float = 0.75
    # Dagbesteding for a condition (dementie, autisme) the resident does not mention.
    other_target_group: float = 0.5
    # Jumping three or more rungs is rarely a success; on top of the low ladder score.
    ladder_far_jump: float = 0.6
    # Nothing of what the resident can, likes or said they want is in the posting (every
    # judged one of skills, interests, own words and training below LITTLE_IN_COMMON).
    little_in_common: float = 0.8
    # A stage, leerwerkplek or place for beginners with guidance for someone who worked
    # for years or has the trade, at rung 5-6 and not retraining: a step back.
    beginners_place: float = 0.8


@dataclass(frozen=True)
class Travel:
    """Travel assumptions for distance scoring (see geography.py)."""

    cycling_kmh: float = 15.0
    driving_kmh: float = 35.0
    # Roads are not straight lines; 1.35 is typical for Dutch town-edge cycling.
    detour_factor: float = 1.35
    # Parking and walking to the door.
    driving_overhead_min: float = 4.0
    # Up to this many minutes distance does not matter at all.
    free_minutes: float = 8.0
    # At this many minutes the distance score has dropped to its floor.
    far_minutes: float = 40.0
    floor: float = 0.05
    # People travel further for a full-time job than for two hours of volunteering.
    short_hours: int = 6
    short_hours_tolerance: float = 0.75
    long_hours: int = 24
    long_hours_tolerance: float = 1.25
    # A "close to home" wish in the summary makes distance count this much more.
    near_home_boost: float = 1.6
    # Walking instead of cycling (no bike): this many times slower.
    walking_factor: float = 3.0
    # Show a "hard to reach without a car" concern from this many cycling minutes.
    hard_to_reach_minutes: float = 22.0


# Ladder fit: rows are the resident's rung (1-6), columns the ladder level of the
# opportunity (see engine.ladder_level). One step up is the aim, so the best cell in
# every row is the next rung; the same rung is fine; far jumps and steps down are weak.
#   dagbesteding        -> rung 3 (deelname georganiseerde activiteiten)
#   vw_laagdrempelig    -> rung 3-4 (volunteering without experience, few hours)
#   vrijwilligerswerk   -> rung 4 (onbetaald werk); stage likewise
#   leerwerkplek / betaald_begeleid -> rung 5 (betaald werk met ondersteuning)
#   betaald_werk        -> rung 6
LADDER_LEVELS: Final = (
    "dagbesteding",
    "vw_laagdrempelig",
    "vrijwilligerswerk",
    "stage",
    "leerwerkplek",
    "betaald_begeleid",
    "betaald_werk",
)
LADDER_LEVEL_RUNG: Final = MappingProxyType(
    {
        "dagbesteding": 3,
        "vw_laagdrempelig": 3,
        "vrijwilligerswerk": 4,
        "stage": 4,
        "leerwerkplek": 5,
        "betaald_begeleid": 5,
        "betaald_werk": 6,
    }
)
_LADDER_ROWS: Final = {
    #   dag   vw_l  vw    stage lwp   bw_b  bw
    1: (1.00, 0.70, 0.40, 0.10, 0.10, 0.05, 0.00),
    2: (1.00, 0.90, 0.65, 0.20, 0.30, 0.15, 0.00),
    3: (0.75, 1.00, 0.90, 0.55, 0.85, 0.55, 0.20),
    4: (0.25, 0.75, 0.80, 0.85, 1.00, 0.90, 0.60),
    5: (0.05, 0.45, 0.50, 0.65, 0.85, 0.90, 1.00),
    6: (0.00, 0.45, 0.55, 0.70, 0.60, 0.70, 1.00),
}
LADDER_FIT: Final = MappingProxyType(
    {
        rung: MappingProxyType(dict(zip(LADDER_LEVELS, row, strict=True)))
        for rung, row in _LADDER_ROWS.items()
    }
)
# Residents who did not fill in a rung are treated like rung 4: the middle of the
# ladder, where volunteering, stages, leerwerkplekken and jobs are all plausible.
DEFAULT_RUNG: Final = 4


def scored_rung(rung: int | None) -> int:
    """The rung the score uses for someone (unknown: the middle one; 1-6)."""
    return min(max(rung or DEFAULT_RUNG, 1), 6)


# How well an opportunity kind fits when it is NOT among the preferred kinds.
# A paid leerwerkplek is close to a job; a stage is for people in education.
KIND_AFFINITY: Final = MappingProxyType(
    {
        ("betaald_werk", "leerwerkplek"): 0.45,
        ("leerwerkplek", "betaald_werk"): 0.45,
        ("leerwerkplek", "stage"): 0.4,
        ("stage", "leerwerkplek"): 0.4,
        ("dagbesteding", "vrijwilligerswerk"): 0.35,
        ("vrijwilligerswerk", "dagbesteding"): 0.35,
        ("leerwerkplek", "dagbesteding"): 0.2,
        ("dagbesteding", "leerwerkplek"): 0.3,
        ("betaald_werk", "vrijwilligerswerk"): 0.15,
        ("vrijwilligerswerk", "betaald_werk"): 0.15,
    }
)
# A leerwerkplek with pay is nearly a job for someone who wants paid work.
PAID_LEERWERKPLEK_FOR_JOBSEEKER: Final = 0.7
# Score for the first preferred kind; later ones get a little less.
KIND_FIRST_CHOICE: Final = 1.0
KIND_OTHER_CHOICE: Final = 0.9
# No preference given: neutral, the ladder decides.
KIND_NO_PREFERENCE: Final = 0.6

# CEFR levels in order.
LANGUAGE_LEVELS: Final = ("A1", "A2", "B1", "B2", "C1")
# Unknown own level: assume B1, the level most Dutch-language postings are written in.
DEFAULT_LANGUAGE_LEVEL: Final = "B1"


def language_step(level: str | None) -> int:
    """Where someone's own Dutch sits in LANGUAGE_LEVELS (unknown: B1)."""
    return LANGUAGE_LEVELS.index(level if level in LANGUAGE_LEVELS else DEFAULT_LANGUAGE_LEVEL)


# Below this on every judged one of skills, interests, own words and training, a posting
# has little in common with the resident (Penalties.little_in_common).
LITTLE_IN_COMMON: Final = 0.4

# Factor values used when the resident did not fill something in: neutral, so that
# an empty profile is ranked by what we do know (ladder, distance, openness).
NEUTRAL: Final = 0.5


@dataclass(frozen=True)
class Weights:
    """Everything tunable about matching, in one object."""

    factors: FactorWeights = field(default_factory=FactorWeights)
    skills: SkillWeights = field(default_factory=SkillWeights)
    penalties: Penalties = field(default_factory=Penalties)
    travel: Travel = field(default_factory=Travel)


DEFAULT_WEIGHTS: Final = Weights()
