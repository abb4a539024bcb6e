"""The checks of the score: hard-ish problems that multiply it down (see scoring.py).

Each check looks at the resident's side, the posting and its text facts, adds its penalty
(a factor below 1) and tells ``notes`` (when given) the concern. They run in this order;
the order of the multiplications is part of the score.
"""

from __future__ import annotations

from collections.abc import Callable

from meedoen.matching.factors import needs_a_place_for_them
from meedoen.matching.facts import TARGET_GROUPS, summary_mentions_group
from meedoen.matching.pair import Pair
from meedoen.matching.reasons import Reason, bilingual, reason
from meedoen.matching.weights import LANGUAGE_LEVELS, Penalties

Check = Callable[[Pair], None]


def language(pair: Pair) -> None:
    """The posting asks for more Dutch than the resident has (unknown: B1 assumed)."""
    side, opp, notes, penalties = pair.side, pair.opp, pair.notes, pair.penalties
    required = opp.language_level
    if required not in LANGUAGE_LEVELS:
        return
    gap = LANGUAGE_LEVELS.index(required) - side.language
    if gap <= 0:
        return
    penalties.append(language_penalty(gap, side.weights.penalties))
    if notes is None:
        return
    own = side.resident.language_level
    if own in LANGUAGE_LEVELS:
        item = reason("language_gap", required=required, own=own)
    else:
        item = reason("language_required", required=required)
    notes.weak(5 + gap, item)


def language_penalty(gap: int, penalties: Penalties) -> float:
    """The factor for a posting that asks ``gap`` levels more Dutch than someone has
    (the shortlist's safe filters use it too)."""
    if gap <= 0:
        return 1.0
    return penalties.language_one_level if gap == 1 else penalties.language_two_levels


def english_posting(pair: Pair) -> None:
    """A posting written in English, for someone who lists no English."""
    side, facts, notes, penalties = pair.side, pair.facts, pair.notes, pair.penalties
    if not facts.english or "Engelse taal" in side.resident.skills:
        return
    penalties.append(side.weights.penalties.english_posting)
    if notes is not None:
        notes.weak(3, reason("english_posting"))


def licence(pair: Pair) -> None:
    """Driving is part of the job and the resident has no (known) licence for it."""
    side, facts, notes, penalties = pair.side, pair.facts, pair.notes, pair.penalties
    needed = facts.licence
    if needed is None or needed in side.skills:
        return
    p = side.weights.penalties
    label = needed.replace("rijbewijs", "Rijbewijs")
    category = needed.split()[-1]
    item: Reason
    if facts.licence_optional:
        penalties.append(p.licence_optional)
        severity, item = 1, reason("licence_optional")
    elif side.resident.has_driving_licence is None and category == "B":
        penalties.append(p.licence_unknown)
        severity = 3
        item = bilingual("licence_unknown", {"licence": label}, {"licence": category})
    else:
        penalties.append(p.licence_missing)
        severity = 6
        item = bilingual("licence_required", {"licence": label}, {"licence": category})
    if notes is not None:
        notes.weak(severity, item)


def shifts(pair: Pair) -> None:
    """Work at a time the resident said they cannot work: a limit, named in the concern."""
    side, facts, notes = pair.side, pair.facts, pair.notes
    said = side.said
    day_only = said.daytime or said.school_hours
    evening = facts.late or facts.evening
    clashes = (
        ("night", facts.night and (said.avoid_night or day_only)),
        (
            "evening",
            evening
            and not (facts.shift_choice and facts.daytime)
            and (said.avoid_evening or day_only),
        ),
        ("weekend", facts.weekend and not facts.shift_choice and said.avoid_weekend),
        ("early", facts.early and said.school_hours),
    )
    for limit, clash in clashes:
        if clash:
            pair.penalties.append(side.weights.penalties.limit_time)
            if notes is not None:
                notes.weak(8, reason("limit_" + limit))
            return
    if notes is not None and (day_only or said.avoid_night) and facts.daytime:
        notes.good(side.weights.factors.hours, reason("limit_respected_time"))


def hours_cap(pair: Pair) -> None:
    """More hours than someone said they can work at most."""
    cap, low = pair.side.said.max_hours, pair.opp.hours_per_week_min
    if cap is None or low is None or low <= cap:
        return
    # More over the limit costs more: 16 hours for someone who can do 12 is a talk with
    # the employer, 38 is not.
    pair.penalties.append(max(pair.side.weights.penalties.limit_hours, cap / low))
    if pair.notes is not None:
        pair.notes.weak(8, reason("limit_hours", hours=low, own=cap))


def standing(pair: Pair) -> None:
    """Standing all day for someone who cannot; seated work is a reason."""
    side, facts, notes = pair.side, pair.facts, pair.notes
    if not side.said.cannot_stand and not side.said.cannot_lift:
        return
    if facts.seated and notes is not None:
        notes.good(side.weights.factors.hours, reason("limit_respected_body"))
    if side.said.cannot_stand and facts.standing:
        pair.penalties.append(side.weights.penalties.limit_standing)
        if notes is not None:
            notes.weak(6, reason("limit_standing"))


def guidance(pair: Pair) -> None:
    """No guidance for someone who said they need it, or who is young or new to Dutch at a
    low step: a coach would not send them somewhere on their own."""
    side, opp, notes = pair.side, pair.opp, pair.notes
    said = side.said.needs_guidance
    young_low = needs_a_place_for_them(side) and side.age is not None and side.age <= 21
    if not said and not young_low:
        return
    if "met_begeleiding" in opp.suitable_for:
        if notes is not None and said:
            notes.good(side.weights.factors.hours, reason("limit_respected_guidance"))
        return
    pair.penalties.append(side.weights.penalties.no_guidance)
    if notes is not None:
        notes.weak(5, reason("limit_guidance" if said else "no_guidance"))


def heavy_work(pair: Pair) -> None:
    """Lifting for someone who said they cannot lift."""
    side, opp, facts, notes, penalties = pair.side, pair.opp, pair.facts, pair.notes, pair.penalties
    if not side.said.cannot_lift:
        return
    p = side.weights.penalties
    if facts.heavy:
        penalties.append(p.heavy_work)
        severity = 6
    elif "laden en lossen" in opp.skills:
        # Loading is part of the job but not all of it (a driver mostly drives).
        penalties.append(p.some_lifting)
        severity = 2
    else:
        return
    if notes is not None:
        notes.weak(severity, reason("limit_lifting"))


def age_group(pair: Pair) -> None:
    """A stage for pupils is not for an adult; dagbesteding for young people is not for a
    70-year-old, and vice versa. (The place for a rule on what someone is too young for.)"""
    side, opp, facts, notes, penalties = pair.side, pair.opp, pair.facts, pair.notes, pair.penalties
    age = side.age
    if age is None:
        return
    penalty = side.weights.penalties.other_age_group
    if age > 21 and facts.pupils:
        penalties.append(penalty)
        if notes is not None:
            notes.weak(5, _age_group_reason("scholieren"))
    if side.said.in_school and opp.kind == "dagbesteding":
        # Dagbesteding is care for people who need it, not a place for a pupil's stage.
        penalties.append(penalty)
        if notes is not None:
            notes.weak(5, reason("not_for_pupils"))
        return
    too_old = age > 27 and facts.young
    labels = opp.suitable_for
    for_the_old = opp.kind == "dagbesteding" and "55plus" in labels and "jongeren" not in labels
    if age <= 25 and for_the_old:
        penalties.append(penalty)
        if notes is not None:
            notes.weak(5, _age_group_reason("ouderen"))
    elif too_old or (age < 50 and facts.older):
        penalties.append(penalty)
        if notes is not None:
            notes.weak(5, _age_group_reason("jongeren" if too_old else "ouderen"))


def _age_group_reason(group: str) -> Reason:
    english = {"jongeren": "young people", "ouderen": "older people", "scholieren": "pupils"}[group]
    return bilingual("other_age_group", {"group": group}, {"group": english})


def target_group(pair: Pair) -> None:
    """Dagbesteding for a condition (dementie, autisme) the resident does not mention."""
    side, facts, notes, penalties = pair.side, pair.facts, pair.notes, pair.penalties
    for group in facts.target_groups:
        if not summary_mentions_group(side.resident.summary, group):
            penalties.append(side.weights.penalties.other_target_group)
            if notes is not None:
                nl, en, _ = TARGET_GROUPS[group]
                notes.weak(5, bilingual("target_group", {"group": nl}, {"group": en}))
            return


def beginners_place(pair: Pair) -> None:
    """A place to learn or to start (stage, leerwerkplek, or for people without experience
    and with guidance) for someone who worked for years or has the trade, at rung 5-6 and
    not retraining: a step back a coach would ask about."""
    side, opp = pair.side, pair.opp
    if not side.experienced or side.studying or side.resident.ladder_rung is None:
        return
    if side.rung < 5:
        return
    labels = set(opp.suitable_for)
    if opp.kind not in LEARNING_KINDS and not labels >= BEGINNERS:
        return
    pair.penalties.append(side.weights.penalties.beginners_place)
    if pair.notes is not None:
        pair.notes.weak(2.5, reason("beginners_place"))


LEARNING_KINDS = frozenset({"stage", "leerwerkplek"})
BEGINNERS = frozenset({"zonder_ervaring", "met_begeleiding"})


CHECKS: tuple[Check, ...] = (
    language,
    english_posting,
    licence,
    shifts,
    hours_cap,
    heavy_work,
    standing,
    guidance,
    age_group,
    target_group,
    beginners_place,
)
