"""What the engine reads from a posting's free text, as plain facts.

The engine asks every posting the same questions whoever the resident is: is it written
in English, does it need a driving licence, are there night shifts, is it heavy work,
which wishes ("magazijn", "BSO") does its title or text mention? The answers live here,
once: the engine asks them per pair, and ``posting_facts`` answers all of them for the
search index, so the shortlist can pre-rank thousands of postings without their texts
(``prerank.py``). Change a rule here and both follow; reindex to refresh stored facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from meedoen.matching import training, words
from meedoen.matching.profiles import OpportunityProfile
from meedoen.matching.vocabulary import mentions, vocabulary, word_starts
from meedoen.matching.weights import DEFAULT_WEIGHTS, Weights

_ENGLISH_WORDS = re.compile(r"\b(the|and|you|with|our|we are|your)\b", re.IGNORECASE)
_DUTCH_WORDS = re.compile(r"\b(de|het|een|je|en|met|wij|jij|voor)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def is_english(text: str) -> bool:
    """Rough check whether a posting is written in English."""
    return len(_ENGLISH_WORDS.findall(text)) > len(_DUTCH_WORDS.findall(text))


_LICENCE_ORDER = ("rijbewijs B", "rijbewijs BE", "rijbewijs C")
_LICENCE_NOT_NEEDED = re.compile(
    r"(geen|niet)[^.]{0,30}rijbewijs|rijbewijs[^.]{0,30}niet nodig", re.IGNORECASE
)
_LICENCE_OPTIONAL = re.compile(
    r"als je (een |je )?rijbewijs hebt|rijbewijs is (handig|een pluspunt|een pre)", re.IGNORECASE
)
_LICENCE_IN_TEXT = re.compile(
    r"rijbewijs\s*(BE|B|C)?[^.]{0,40}\b(nodig|vereist|verplicht)\b|je hebt[^.]{0,30}rijbewijs\s*(BE|B|C)?",
    re.IGNORECASE,
)


def required_licence(opportunity: OpportunityProfile) -> tuple[str | None, bool]:
    """The driving licence an opportunity needs, and whether it is only optional.

    From the skills (``rijbewijs B/BE/C``) or from the text ("Rijbewijs C is nodig").
    """
    text = opportunity.description
    listed = [s for s in _LICENCE_ORDER if s in opportunity.skills]
    optional = bool(_LICENCE_OPTIONAL.search(text))
    if listed:
        return listed[-1], optional
    if _LICENCE_NOT_NEEDED.search(text):
        return None, False
    found = _LICENCE_IN_TEXT.search(text)
    if not found:
        return ("rijbewijs B", True) if optional else (None, False)
    category = (found.group(1) or found.group(3) or "B").upper()
    return f"rijbewijs {category}", optional


_NIGHT = re.compile(r"nacht|night", re.IGNORECASE)
_EVENING_TITLE = re.compile(r"avond|weekend|zaterdag", re.IGNORECASE)
_EVENING_TEXT = re.compile(
    r"avonddienst|'s avonds|in de avond|weekenddienst|in het weekend|op zaterdag", re.IGNORECASE
)
_EVENING_ONLY = re.compile(
    r"avond|'s avonds|late dienst|late diensten|tot 2[0-3]|evening|18\.00 tot|17\.30 tot|"
    r"onregelmatig|wisselende diensten|ploegendienst|tweeploegen|drieploegen",
    re.IGNORECASE,
)
_WEEKEND = re.compile(
    r"weekend|zaterdag|zondag|saturday|sunday|za/zo|dinsdag tot en met zaterdag", re.IGNORECASE
)
_DAYTIME = re.compile(
    r"overdag|dagdienst|vroege dienst|schooltijd|ochtenden|ochtendploeg|day shift|"
    r"day and evening|dag- en avond|"
    r"van maandag tot en met vrijdag|ma-vr|9\.00-14\.30|werktijden in overleg",
    re.IGNORECASE,
)
# "Je kunt kiezen uit vroege diensten of avonddiensten": the evening is a choice.
_CHOICE = re.compile(
    r"kiezen|in overleg|keuze|choose|flexibele uren|wanneer het jou uitkomt|"
    r"dag- en avond|day and evening|vroege diensten of|ochtend- of|ochtend- en de middag",
    re.IGNORECASE,
)
_EARLY = re.compile(
    r"\b(?:vanaf|om|van|begint om|from)\s+([4-7])(?:[.:]\d\d)?\s*(?:uur|tot|'s|am|\b)|"
    r"vroeg in de ochtend|vroeg beginnen|ochtendmens",
    re.IGNORECASE,
)
_HEAVY = re.compile(
    r"tillen|sjouw|zwaar|fysiek|lichamelijk|stevig werk|staan en lopen|stand and walk",
    re.IGNORECASE,
)
_STANDING = re.compile(r"hele dag staan|je staat de hele dag|staan en lopen|stand and walk")
_SEATED = re.compile(r"zittend|kunt zitten|zitten of staan|aan een eigen tafel|eigen werktafel")
# "Werktijden overdag, niet in het weekend" is a promise, not a shift.
_NEGATED = re.compile(r"\b(niet|geen|nooit)\b[^.]{0,25}$", re.IGNORECASE)


def _has_shift(pattern: re.Pattern[str], text: str) -> bool:
    return any(not _NEGATED.search(text[: found.start()]) for found in pattern.finditer(text))


def night_work(opportunity: OpportunityProfile) -> bool:
    """Night shifts anywhere in the title or text."""
    return _has_shift(_NIGHT, opportunity.text)


def evening_work(opportunity: OpportunityProfile) -> bool:
    """Evening or weekend shifts (title or text), not when the text rules them out."""
    return _has_shift(_EVENING_TITLE, opportunity.title) or _has_shift(
        _EVENING_TEXT, opportunity.description
    )


def heavy_work(opportunity: OpportunityProfile) -> bool:
    """Lifting is the job: the skills ask for fitness or the text speaks of lifting."""
    if _SEATED.search(opportunity.description):
        return False
    return "fysiek fit" in opportunity.skills or bool(_HEAVY.search(opportunity.description))


def _body_keys(opportunity: OpportunityProfile) -> frozenset[str]:
    """Search keys of the text and the skills asked (a skill is what the work is)."""
    return words.text_keys(opportunity.description + "\n" + "\n".join(opportunity.skills))


def shift_facts(opportunity: OpportunityProfile) -> dict[str, bool]:
    """When the work happens, as far as the title and text say."""
    text, title = opportunity.description, opportunity.title
    evening = _has_shift(_EVENING_ONLY, opportunity.text)
    return {
        "late": evening,
        "weekend": _has_shift(_WEEKEND, opportunity.text),
        "daytime": bool(_DAYTIME.search(text)),
        "shift_choice": bool(_CHOICE.search(text)),
        "early": bool(_EARLY.search(text)) or "vroege ochtend" in title.lower(),
        "standing": bool(_STANDING.search(text)),
        "seated": bool(_SEATED.search(text)),
    }


_YOUTH_WORDS = ("jongeren", "tieners", "jeugd")
# Stages for school pupils (snuffelstage, maatschappelijke stage), not for adults.
_PUPIL_WORDS = ("snuffelstage", "maatschappelijke stage", "vmbo", "praktijkschool")
_ELDERLY_WORDS = ("ouderen", "oudere", "senioren", "dementie", "geheugen")


def for_pupils(opportunity: OpportunityProfile) -> bool:
    """A stage for school pupils."""
    return opportunity.kind == "stage" and _title_has(opportunity, _PUPIL_WORDS)


def for_young_people(opportunity: OpportunityProfile) -> bool:
    """Dagbesteding aimed at young people."""
    return opportunity.kind == "dagbesteding" and _title_has(opportunity, _YOUTH_WORDS)


def for_older_people(opportunity: OpportunityProfile) -> bool:
    """Dagbesteding aimed at older people."""
    return opportunity.kind == "dagbesteding" and _title_has(opportunity, _ELDERLY_WORDS)


# Dagbesteding for a specific condition: only suggest it when the summary mentions it.
TARGET_GROUPS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "dementie": ("dementie", "dementia", ("dementie", "geheugen", "vergeet")),
    "autisme": ("autisme", "autism", ("autisme", "autist")),
}


def target_groups(opportunity: OpportunityProfile) -> tuple[str, ...]:
    """Conditions (``TARGET_GROUPS`` keys) a dagbesteding's title is meant for."""
    if opportunity.kind != "dagbesteding":
        return ()
    return tuple(
        key
        for key, (_, _, words) in TARGET_GROUPS.items()
        if _title_has(opportunity, (key, *words))
    )


def summary_mentions_group(summary: str, group: str) -> bool:
    """Does the resident's summary name the condition a dagbesteding is for?"""
    return any(mentions(summary, word) for word in TARGET_GROUPS[group][2])


def title_interests(opportunity: OpportunityProfile) -> tuple[str, ...]:
    """Vocabulary interests with a word in the title ("buiten" for "Buitenwerk")."""
    interests = vocabulary().interests.items()
    return tuple(name for name, fit in interests if _title_has(opportunity, fit.words))


def wishes_found(
    opportunity: OpportunityProfile, terms: Iterable[str]
) -> tuple[list[str], list[str]]:
    """Wish terms (vocabulary.json) the title mentions, and those only the text mentions."""
    wish_words = vocabulary().wish_terms
    title, text = opportunity.title.lower(), opportunity.description.lower()
    in_title: list[str] = []
    in_text: list[str] = []
    for term in terms:
        pattern = word_starts(wish_words[term])
        if pattern.search(title):
            in_title.append(term)
        elif pattern.search(text):
            in_text.append(term)
    return in_title, in_text


def skill_weight(skills: Iterable[str], weights: Weights = DEFAULT_WEIGHTS) -> float:
    """What a posting's skills weigh in the engine's coverage: vocational skills count
    fully, work attitude (samenwerken) a third."""
    vocab, sw = vocabulary(), weights.skills
    return round(sum(sw.soft if vocab.is_soft(s) else sw.core for s in skills), 2)


def _title_has(opportunity: OpportunityProfile, words: Iterable[str]) -> bool:
    wanted = tuple(words)
    return bool(wanted) and word_starts(wanted).search(opportunity.title.lower()) is not None


@dataclass(frozen=True, slots=True)
class PostingFacts:
    """Every answer ``facts.py`` gives about one posting (see ``posting_facts``)."""

    english: bool = False
    licence: str | None = None
    licence_optional: bool = False
    night: bool = False
    evening: bool = False
    heavy: bool = False
    pupils: bool = False
    young: bool = False
    older: bool = False
    target_groups: tuple[str, ...] = ()
    title_interests: tuple[str, ...] = ()
    wishes_in_title: tuple[str, ...] = ()
    wishes_in_text: tuple[str, ...] = ()
    late: bool = False
    """Evening or late shifts (tot 21.00, avonddienst, ploegendienst)."""
    weekend: bool = False
    daytime: bool = False
    """The text promises daytime or office hours."""
    shift_choice: bool = False
    """Hours are a choice ("je kunt kiezen", "in overleg")."""
    early: bool = False
    """Starts before 8 in the morning."""
    standing: bool = False
    seated: bool = False
    programmes_in_title: tuple[str, ...] = ()
    programmes_in_text: tuple[str, ...] = ()
    title_keys: frozenset[str] = frozenset()
    """Search keys of the title's words (words.py), for the resident's own words."""
    text_keys: frozenset[str] = frozenset()

    def as_document(self) -> dict[str, Any]:
        """JSON-ready, for the ``matching`` field of an opportunity document (only what is
        true or named: most postings need a few bytes)."""
        # The fields themselves, not ``asdict``: its deep copy of every tuple took a sixth
        # of the time it takes to build an opportunity's search document.
        values = ((name, getattr(self, name)) for name in self.__dataclass_fields__)
        return {
            k: sorted(v) if isinstance(v, frozenset) else list(v) if isinstance(v, tuple) else v
            for k, v in values
            if v
        }

    @classmethod
    def from_document(cls, raw: Any) -> PostingFacts | None:
        """Back from a search hit; None when the document predates the facts."""
        if not isinstance(raw, dict):
            return None
        if not raw:
            return _NO_FACTS
        known: dict[str, Any] = {
            k: (frozenset(v) if k in _KEY_SETS else tuple(v)) if isinstance(v, list) else v
            for k, v in raw.items()
            if k in cls.__dataclass_fields__
        }
        return cls(**known)


_KEY_SETS = frozenset({"title_keys", "text_keys"})


_NO_FACTS = PostingFacts()


def posting_facts(opportunity: OpportunityProfile) -> PostingFacts:
    """All text facts of a posting, worked out once (for the search index)."""
    licence, optional = required_licence(opportunity)
    title_keys = words.text_keys(opportunity.title)
    in_title, in_text = wishes_found(opportunity, vocabulary().wish_terms)
    return PostingFacts(
        english=is_english(opportunity.description),
        licence=licence,
        licence_optional=optional,
        night=night_work(opportunity),
        evening=evening_work(opportunity),
        heavy=heavy_work(opportunity),
        pupils=for_pupils(opportunity),
        young=for_young_people(opportunity),
        older=for_older_people(opportunity),
        target_groups=target_groups(opportunity),
        title_interests=title_interests(opportunity),
        wishes_in_title=tuple(in_title),
        wishes_in_text=tuple(in_text),
        programmes_in_title=training.named_in(opportunity.title),
        programmes_in_text=training.named_in(opportunity.description),
        title_keys=title_keys,
        text_keys=_body_keys(opportunity) - title_keys,
        **shift_facts(opportunity),
    )


@lru_cache(maxsize=8192)
def facts_of(opportunity: OpportunityProfile) -> PostingFacts:
    """The text facts of a posting scored for many residents (remembered)."""
    return posting_facts(opportunity)


# What residents say lives in said.py; these names stay importable from here.
from meedoen.matching.said import SummaryFacts, summary_facts  # noqa: E402

__all__ = ["PostingFacts", "SummaryFacts", "facts_of", "posting_facts", "summary_facts"]
