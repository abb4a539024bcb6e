"""The talent scan: answers per question, suggestions from them, and the accepted ones
into the profile (through the residents service).

One current scan per resident: starting again replaces it. Every write takes the
resident's row lock inside a write transaction, so twenty answers at once from two
tabs end as one scan holding each of them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from meedoen import labels
from meedoen.accounts.current_user import CurrentUser
from meedoen.db import is_unique_violation, write_transaction
from meedoen.i18n import N_, gettext
from meedoen.residents import service as residents
from meedoen.residents.service import Resident
from meedoen.talentscan.questions import COUNT, QUESTIONS, Question
from meedoen.talentscan.tables import TalentScan
from meedoen.vocabulary import INTERESTS, SKILLS

MAX_SUGGESTED_SKILLS = 10
MAX_SUGGESTED_INTERESTS = 6
MAX_PROFILE_SKILLS = 20  # as the profile form (residents.forms.MAX_SKILLS)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Scan:
    """A resident's scan as the pages need it."""

    answers: dict[str, list[str]]
    last_question: int
    started_at: dt.datetime
    updated_at: dt.datetime
    finished_at: dt.datetime | None
    accepted_at: dt.datetime | None
    accepted_skills: list[str] = field(default_factory=list)
    accepted_interests: list[str] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def next_question(self) -> int:
        """The first question without an answer (COUNT + 1 when all are answered)."""
        for number, question in enumerate(QUESTIONS, start=1):
            if question.code not in self.answers:
                return number
        return COUNT + 1


def loads_answers(raw: str | None) -> dict[str, list[str]]:
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): [str(v) for v in vs] for k, vs in data.items() if isinstance(vs, list)}


def _scan(row: Mapping[str, Any]) -> Scan:
    return Scan(
        answers=loads_answers(row["answers"]),
        last_question=row["last_question"],
        started_at=row["started_at"],
        updated_at=row["updated_at"],
        finished_at=row["finished_at"],
        accepted_at=row["accepted_at"],
        accepted_skills=list(row["accepted_skills"] or []),
        accepted_interests=list(row["accepted_interests"] or []),
    )


async def current_scan(resident_id: int) -> Scan | None:
    row = await TalentScan.select().where(TalentScan.resident == resident_id).first().run()
    return None if row is None else _scan(row)


async def _ensure_row(resident_id: int, now: dt.datetime) -> None:
    """Make the resident's scan row if there is none (the unique resident keeps it one)."""
    exists = await TalentScan.exists().where(TalentScan.resident == resident_id).run()
    if not exists:
        await TalentScan.insert(
            TalentScan(resident=resident_id, answers="{}", started_at=now, updated_at=now)
        ).run()


async def _write(resident_id: int, change: Any) -> Scan:
    """Run ``change(now)`` on the resident's scan row, the resident's row locked."""
    for attempt in range(2):
        try:
            async with write_transaction():
                await residents.lock_resident(resident_id)
                now = utcnow()
                await _ensure_row(resident_id, now)
                await change(now)
                row = await TalentScan.select().where(TalentScan.resident == resident_id).first()
                assert row is not None
                return _scan(row)
        except Exception as error:
            # Only a resident without a row lock (deleted meanwhile) can meet a twin insert.
            if attempt or not is_unique_violation(error):
                raise
    raise AssertionError("unreachable")


async def start_scan(resident_id: int) -> Scan:
    """A new, empty scan: the one before it (finished or not) is replaced."""

    async def reset(now: dt.datetime) -> None:
        await (
            TalentScan.update(
                {
                    TalentScan.answers: "{}",
                    TalentScan.last_question: 0,
                    TalentScan.started_at: now,
                    TalentScan.updated_at: now,
                    TalentScan.finished_at: None,
                    TalentScan.accepted_at: None,
                    TalentScan.accepted_skills: [],
                    TalentScan.accepted_interests: [],
                }
            )
            .where(TalentScan.resident == resident_id)
            .run()
        )

    return await _write(resident_id, reset)


async def save_answer(resident_id: int, number: int, codes: Sequence[str]) -> Scan:
    """Store the answer to question ``number`` (checked codes, see ``check_answer``); the
    scan is finished when every question has an answer."""
    question = QUESTIONS[number - 1]

    async def answer(now: dt.datetime) -> None:
        row = (
            await TalentScan.select(TalentScan.answers, TalentScan.finished_at)
            .where(TalentScan.resident == resident_id)
            .first()
        )
        assert row is not None
        answers = loads_answers(row["answers"])
        answers[question.code] = list(codes)
        done = all(q.code in answers for q in QUESTIONS)
        await (
            TalentScan.update(
                {
                    TalentScan.answers: json.dumps(answers, ensure_ascii=False, sort_keys=True),
                    TalentScan.last_question: number,
                    TalentScan.updated_at: now,
                    TalentScan.finished_at: (row["finished_at"] or now) if done else None,
                }
            )
            .where(TalentScan.resident == resident_id)
            .run()
        )

    return await _write(resident_id, answer)


class AnswerRefused(ValueError):
    """An answer the question does not have; ``message`` is a Dutch msgid."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


UNKNOWN_ANSWER = N_("Dit antwoord kennen we niet. Kies een antwoord uit de lijst.")
CHOOSE_ONE = N_("Kies één antwoord. Weet je het niet? Kies dan ‘Weet ik niet’.")
ONLY_ONE = N_("Kies maar één antwoord bij deze vraag.")


def check_answer(question: Question, codes: Sequence[str]) -> list[str]:
    """The answer codes, each once, in the question's order; AnswerRefused for an
    unknown code, or for a one-answer question without exactly one."""
    chosen = list(dict.fromkeys(codes))
    if any(question.answer(code) is None for code in chosen):
        raise AnswerRefused(UNKNOWN_ANSWER)
    if not question.several and not chosen:
        raise AnswerRefused(CHOOSE_ONE)
    if not question.several and len(chosen) > 1:
        raise AnswerRefused(ONLY_ONE)
    order = [a.code for a in question.answers]
    return sorted(chosen, key=order.index)


WRONG_QUESTION = N_(
    "Dit antwoord hoort bij een andere vraag. Misschien had je de scan twee keer open. "
    "Kijk of je antwoord goed staat en klik nog een keer op ‘Volgende’."
)


def checked_answer(question: Question, answered: str, codes: Sequence[str]) -> list[str]:
    """``check_answer``, for a form that says which question it ``answered``."""
    if answered != question.code:
        raise AnswerRefused(WRONG_QUESTION)
    return check_answer(question, codes)


MAX_TERM_LENGTH = 60


def chosen_skills(ticked: Sequence[str], typed: str) -> list[str]:
    """The skills kept (ticked) and added (typed, separated by commas): typed skills may be
    the resident's own words; English words from the vocabulary become its Dutch terms."""
    words = [" ".join(t.split()) for t in typed.replace(";", ",").split(",")]
    return list(dict.fromkeys([*ticked, *labels.codes_of("skill", [w for w in words if w])]))


def skill_problems(skills: Sequence[str]) -> dict[str, str]:
    """A skill longer than a term may be, told by the field where skills are typed."""
    too_long = [term for term in skills if len(term) > MAX_TERM_LENGTH]
    if not too_long:
        return {}
    return {
        "extra_skills": gettext(
            "Een vaardigheid mag hoogstens 60 tekens hebben. Maak ‘%(term)s’ korter.",
            term=too_long[0][:20] + "…",
        )
    }


@dataclass(frozen=True)
class Suggestion:
    skills: list[str]
    interests: list[str]


def _ranked(counts: Counter[str], vocabulary: tuple[str, ...], limit: int) -> list[str]:
    """Most often pointed to first; ties in the vocabulary's order (deterministic)."""
    known = [term for term in counts if term in vocabulary]
    known.sort(key=lambda term: (-counts[term], vocabulary.index(term)))
    return known[:limit]


def suggestions(answers: Mapping[str, Iterable[str]]) -> Suggestion:
    """The skills and interests the answers point to, strongest first."""
    skills: Counter[str] = Counter()
    interests: Counter[str] = Counter()
    for question in QUESTIONS:
        for code in answers.get(question.code, ()):
            answer = question.answer(code)
            if answer is not None:
                skills.update(answer.skills)
                interests.update(answer.interests)
    return Suggestion(
        _ranked(skills, SKILLS, MAX_SUGGESTED_SKILLS),
        _ranked(interests, INTERESTS, MAX_SUGGESTED_INTERESTS),
    )


async def accept(
    user: CurrentUser, resident: Resident, skills: Sequence[str], interests: Sequence[str]
) -> Resident:
    """Put the chosen skills and interests in the profile and remember what was accepted.

    Raises residents.TooManySkills when the profile would hold more than 20 skills.
    """
    updated = await residents.add_to_profile(
        user, resident, skills, interests, max_skills=MAX_PROFILE_SKILLS
    )

    async def remember(now: dt.datetime) -> None:
        await (
            TalentScan.update(
                {
                    TalentScan.accepted_at: now,
                    TalentScan.accepted_skills: list(skills),
                    TalentScan.accepted_interests: list(interests),
                    TalentScan.updated_at: now,
                }
            )
            .where(TalentScan.resident == resident.id)
            .run()
        )

    await _write(resident.id, remember)
    return updated
