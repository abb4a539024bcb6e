"""The talent scan's rules: answers become suggestions from the platform's own vocabulary,
deterministically; accepting adds them to the profile; starting again replaces the scan."""

from __future__ import annotations

import pytest

from coaching.conftest import as_user
from meedoen.residents.service import own_resident, resident_by_id
from meedoen.talentscan import service
from meedoen.talentscan.questions import COUNT, QUESTIONS
from meedoen.talentscan.tables import TalentScan
from meedoen.vocabulary import INTERESTS, SKILLS
from support.auth import make_account
from talentscan.conftest import COOK


def test_every_answer_points_only_to_skills_and_interests_the_platform_knows():
    assert 8 <= COUNT <= 12
    for question in QUESTIONS:
        codes = [a.code for a in question.answers]
        assert len(codes) == len(set(codes)), question.code
        for answer in question.answers:
            assert set(answer.skills) <= set(SKILLS), (question.code, answer.code)
            assert set(answer.interests) <= set(INTERESTS), (question.code, answer.code)


def test_the_answers_of_a_cook_suggest_cooking_and_care_the_same_way_every_time():
    first = service.suggestions(COOK)
    again = service.suggestions(dict(reversed(list(COOK.items()))))

    assert first == again
    assert {"koken", "omgaan met ouderen", "bediening"} <= set(first.skills)
    assert {"koken en eten", "ouderen", "horeca"} <= set(first.interests)
    # What several answers point to comes first: "ouderen" from two questions.
    assert first.interests[0] == "ouderen"
    assert "heftruck" not in first.skills and "techniek" not in first.interests
    assert len(first.skills) <= service.MAX_SUGGESTED_SKILLS


def test_no_answers_or_only_dont_know_suggest_nothing():
    assert service.suggestions({}) == service.Suggestion([], [])
    assert service.suggestions({"plek": ["weet_niet"], "samen": ["weet_niet"]}).skills == []


def test_unknown_and_double_answers_are_refused_with_a_reason():
    where = QUESTIONS[2]  # one answer only
    several = QUESTIONS[0]

    with pytest.raises(service.AnswerRefused) as unknown:
        service.check_answer(several, ["koken", "hacken"])
    with pytest.raises(service.AnswerRefused) as none:
        service.check_answer(where, [])
    with pytest.raises(service.AnswerRefused) as two:
        service.check_answer(where, ["buiten", "winkel"])

    assert unknown.value.message == service.UNKNOWN_ANSWER
    assert none.value.message == service.CHOOSE_ONE
    assert two.value.message == service.ONLY_ONE
    assert service.check_answer(several, ["tuin", "koken", "koken"]) == ["koken", "tuin"]
    assert service.check_answer(several, []) == []


async def _resident():  # type: ignore[no-untyped-def]
    account = await make_account("resident", display_name="Ayla Test")
    user = as_user(account)
    return user, await own_resident(user)


async def test_answering_every_question_finishes_the_scan(clean_database):
    _, resident = await _resident()
    for number, question in enumerate(QUESTIONS, start=1):
        scan = await service.save_answer(resident.id, number, COOK[question.code])
        assert scan.finished == (number == COUNT)

    assert scan.answers == COOK
    assert scan.finished_at is not None and scan.started_at <= scan.finished_at
    assert await TalentScan.count() == 1


async def test_accepting_adds_to_the_profile_and_keeps_what_was_there(clean_database):
    user, resident = await _resident()
    await resident.update_self({"skills": ["kassa"], "interests": ["sport"]})

    await service.accept(user, resident, ["koken", "kassa", "bediening"], ["horeca"])

    stored = await resident_by_id(resident.id)
    assert stored is not None
    assert stored.skills == ["kassa", "koken", "bediening"]
    assert stored.interests == ["sport", "horeca"]
    scan = await service.current_scan(resident.id)
    assert scan is not None and scan.accepted_skills == ["koken", "kassa", "bediening"]


async def test_accepting_more_than_twenty_skills_is_refused_and_changes_nothing(clean_database):
    user, resident = await _resident()
    await resident.update_self({"skills": list(SKILLS[:19])})

    with pytest.raises(service.residents.TooManySkills):
        await service.accept(user, resident, ["koken", "bakken"], [])

    stored = await resident_by_id(resident.id)
    assert stored is not None and stored.skills == list(SKILLS[:19])


async def test_starting_again_replaces_the_scan(clean_database):
    _, resident = await _resident()
    for number, question in enumerate(QUESTIONS, start=1):
        await service.save_answer(resident.id, number, COOK[question.code])

    again = await service.start_scan(resident.id)

    assert again.answers == {} and not again.finished and again.next_question() == 1
    assert await TalentScan.count() == 1
