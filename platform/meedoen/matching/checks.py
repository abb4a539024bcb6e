"""The checks of the score: hard-ish problems that multiply it down (see scoring.py).

Each check looks at the resident's side, the posting and its text facts, adds its penalty
(a factor below 1) and tells ``notes`` (when given) the concern. They run in this order;
the order of the multiplications is part of the score.
"""

from __future__ import annotations

from collections.abc import Callable

from meedoen.matching.facts import TARGET_GROUPS, summary_mentions_group
from meedoen.matching.pair import Pair
from meedoen.matching.reasons import Reason, bilingual, reason
from meedoen.matching.weights import LANGUAGE_LEVELS

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
    p = side.weights.penalties
    penalties.append(p.language_one_level if gap == 1 else p.language_two_levels)
    if notes is None:
        return
    own = side.resident.language_level
    if own in LANGUAGE_LEVELS:
        item = reason("language_gap", required=required, own=own)
    else:
        item = reason("language_required", required=required)
    notes.weak(5 + gap, item)


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
    """Night or evening work for someone who said they do not want it."""
    side, facts, notes, penalties = pair.side, pair.facts, pair.notes, pair.penalties
    said = side.said
    if not (said.daytime or said.avoid_night):
        return
    if facts.night:
        code = "night_work"
    elif said.daytime and facts.evening:
        code = "evening_work"
    else:
        return
    penalties.append(side.weights.penalties.unwanted_shift)
    if notes is not None:
        notes.weak(4, reason(code))


def heavy_work(pair: Pair) -> None:
    """Lifting for someone who said they cannot lift."""
    side, opp, facts, notes, penalties = pair.side, pair.opp, pair.facts, pair.notes, pair.penalties
    if not side.said.cannot_lift:
        return
    p = side.weights.penalties
    if facts.heavy:
        penalties.append(p.heavy_work)
        severity = 4
    elif "laden en lossen" in opp.skills:
        # Loading is part of the job but not all of it (a driver mostly drives).
        penalties.append(p.some_lifting)
        severity = 2
    else:
        return
    if notes is not None:
        notes.weak(severity, reason("heavy_work"))


def age_group(pair: Pair) -> None:
    """A stage for pupils is not for an adult; dagbesteding for young people is not for a
    70-year-old, and vice versa."""
    side, facts, notes, penalties = pair.side, pair.facts, pair.notes, pair.penalties
    age = side.age
    if age is None:
        return
    penalty = side.weights.penalties.other_age_group
    if age > 21 and facts.pupils:
        penalties.append(penalty)
        if notes is not None:
            notes.weak(5, _age_group_reason("scholieren"))
    too_old = age > 27 and facts.young
    if too_old or (age < 50 and facts.older):
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


CHECKS: tuple[Check, ...] = (
    language,
    english_posting,
    licence,
    shifts,
    heavy_work,
    age_group,
    target_group,
)
