"""Matching reads people as a coach does: what they study, what they cannot do, who a place
is made for, and what they want to do with whom, close to home (issue 21's four patterns).

Each specification is a realistic resident, written for it, matched against the corpus.
"""

from __future__ import annotations

from datetime import date

import pytest

from meedoen.matching import OpportunityProfile, ResidentProfile, score, top_matches_for_resident
from meedoen.matching.corpus import load_opportunities
from meedoen.matching.said import summary_facts
from meedoen.matching.training import ambitions

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def postings() -> list[OpportunityProfile]:
    return [o for o in load_opportunities() if o.is_open]


def by_ref(postings: list[OpportunityProfile], ref: str) -> OpportunityProfile:
    return next(o for o in postings if o.ref == ref)


def top(person: ResidentProfile, postings: list[OpportunityProfile], n: int = 10) -> list[str]:
    return [m.ref for m in top_matches_for_resident(person, postings, n, TODAY)]


def test_a_student_gets_the_stage_of_her_programme_first_and_is_told_why(
    postings: list[OpportunityProfile],
) -> None:
    yasmina = ResidentProfile(
        ref="t-yasmina",
        wijk="Boswinkel",
        birth_year=2006,
        ladder_rung=4,
        language_level="B1",
        hours_per_week=28,
        preferred_kinds=("stage",),
        skills=("omgaan met kinderen", "geduldig"),
        interests=("kinderen", "onderwijs"),
        summary="Ik zit in het tweede jaar van de opleiding onderwijsassistent en zoek een "
        "stage op een basisschool in de buurt.",
    )
    assert [a.programme for a in ambitions(yasmina.summary)] == ["onderwijsassistent"]
    ranked = top(yasmina, postings, 3)
    assert ranked[0] == "opp-0261"  # Stage onderwijsassistent basisschool, 't Zwering
    assert {"opp-0211", "opp-0386", "opp-0388"} & set(top(yasmina, postings, 5))
    reasons = score(yasmina, by_ref(postings, "opp-0261"), TODAY).reasons
    assert "Past bij je opleiding of vak: onderwijsassistent" in [r.nl for r in reasons]
    assert "Fits your training or trade: teaching assistant" in [r.en for r in reasons]


def test_a_career_switcher_is_matched_on_the_trade_she_wants_not_the_one_she_had(
    postings: list[OpportunityProfile],
) -> None:
    ineke = ResidentProfile(
        ref="t-ineke",
        wijk="Stadsveld",
        birth_year=1980,
        ladder_rung=5,
        language_level="C1",
        hours_per_week=30,
        preferred_kinds=("leerwerkplek",),
        skills=("administratie", "Microsoft Office"),
        interests=("zorg",),
        summary="Ik werk al jaren op kantoor maar ik wil verzorgende IG worden. Ik zoek een "
        "leerbaan, ook als zij-instromer.",
    )
    assert top(ineke, postings, 1) == ["opp-0222"]  # Leerbaan Verzorgende IG (bbl)


@pytest.mark.parametrize(
    ("summary", "limit"),
    [
        (
            "Ik heb jaren in magazijnen gewerkt. Geen nachtdiensten meer, ik heb kleine kinderen.",
            "night",
        ),
        ("I worked in warehouses for years. I can't work nights or evenings.", "night"),
        ("Ik kan alleen overdag werken, want ik zorg voor mijn moeder.", "night"),
    ],
)
def test_someone_who_said_no_nights_gets_no_night_work_and_hears_why(
    postings: list[OpportunityProfile], summary: str, limit: str
) -> None:
    picker = ResidentProfile(
        ref="t-picker",
        wijk="Pathmos",
        birth_year=1990,
        ladder_rung=6,
        language_level="A2",
        hours_per_week=36,
        preferred_kinds=("betaald_werk",),
        skills=("orderpicken", "reachtruck", "Engelse taal"),
        interests=("logistiek",),
        summary=summary,
    )
    assert limit in summary_facts(summary).limits
    assert "opp-0253" not in top(picker, postings)  # Warehouse medewerker (nachtdienst)
    night = score(picker, by_ref(postings, "opp-0253"), TODAY)
    assert night.concerns[0].code == "limit_night"
    assert "geen nachten" in night.concerns[0].nl and "nights" in night.concerns[0].en


def test_lifting_hours_and_weekends_are_limits_named_in_the_concerns(
    postings: list[OpportunityProfile],
) -> None:
    els = ResidentProfile(
        ref="t-els",
        wijk="'t Zwering",
        birth_year=1966,
        ladder_rung=5,
        language_level="C1",
        hours_per_week=12,
        preferred_kinds=("betaald_werk",),
        skills=("schoonmaken", "verkoop", "kassa"),
        interests=("winkel en verkoop",),
        summary="Door mijn rug kan ik niet zwaar tillen. Ik kan maximaal twaalf uur werken "
        "en niet in het weekend.",
    )
    said = summary_facts(els.summary)
    assert said.cannot_lift and said.avoid_weekend and said.max_hours == 12
    concerns = {
        ref: {c.code for c in score(els, by_ref(postings, ref), TODAY).concerns}
        for ref in ("opp-0184", "opp-0257", "opp-0166")
    }
    assert "limit_lifting" in concerns["opp-0184"]  # magazijn: fysiek fit
    assert "limit_weekend" in concerns["opp-0257"]  # kassa: avonden en zaterdagen
    assert "limit_hours" in concerns["opp-0166"]  # inpak: 24-38 uur
    assert not {"opp-0184", "opp-0166"} & set(top(els, postings))


def test_a_young_school_leaver_at_a_low_step_gets_places_made_for_young_people_with_guidance(
    postings: list[OpportunityProfile],
) -> None:
    jordy = ResidentProfile(
        ref="t-jordy",
        wijk="Boswinkel",
        birth_year=2008,
        ladder_rung=2,
        language_level="B1",
        hours_per_week=12,
        interests=("sport", "gamen"),
        summary="Ik ben gestopt met school en zit de hele dag thuis.",
    )
    first = [by_ref(postings, ref) for ref in top(jordy, postings, 3)]
    assert all("met_begeleiding" in o.suitable_for for o in first)
    assert sum("jongeren" in o.suitable_for for o in first) >= 2
    for ref in top(jordy, postings):
        posting = by_ref(postings, ref)
        meant_for_older = (
            "55plus" in posting.suitable_for and "jongeren" not in posting.suitable_for
        )
        assert not (posting.kind == "dagbesteding" and meant_for_older), ref


def test_little_dutch_at_a_low_step_gets_that_activity_close_to_home_with_others(
    postings: list[OpportunityProfile],
) -> None:
    hawa = ResidentProfile(
        ref="t-hawa",
        wijk="Pathmos",
        birth_year=1970,
        ladder_rung=2,
        language_level="A1",
        hours_per_week=6,
        preferred_kinds=("dagbesteding", "vrijwilligerswerk"),
        skills=("koken",),
        interests=("koken en eten",),
        summary="Ik kook graag. Ik wil samen koken met andere vrouwen uit mijn buurt.",
    )
    ranked = top(hawa, postings)
    # Samen koken in Pathmos and the wereldkeuken in Pathmos come first, before the kitchen
    # of a care farm in Twekkelo; a general meeting place elsewhere is not in the top ten.
    assert ranked[:2] == ["opp-0113", "opp-0046"]
    assert ranked.index("opp-0069") > 1
    assert "opp-0157" not in ranked


def test_someone_with_years_in_the_trade_is_not_sent_back_to_a_place_for_beginners(
    postings: list[OpportunityProfile],
) -> None:
    henk = ResidentProfile(
        ref="t-henk",
        wijk="Pathmos",
        birth_year=1968,
        ladder_rung=5,
        language_level="C1",
        hours_per_week=24,
        preferred_kinds=("betaald_werk",),
        skills=("magazijnbeheer", "heftruck", "voorraadbeheer"),
        interests=("logistiek",),
        summary="Ik heb twintig jaar als magazijnchef gewerkt bij een groothandel die nu "
        "dicht is. Ik zoek weer werk in de logistiek.",
    )
    starter = ResidentProfile(
        **{**henk.__dict__, "ref": "t-starter", "summary": "Ik zoek werk in de logistiek."}
    )
    assert summary_facts(henk.summary).experienced
    assert not summary_facts(starter.summary).experienced
    guided = by_ref(postings, "opp-0165")  # Werkervaringsplek magazijn (met jobcoach)
    for_henk, for_starter = score(henk, guided, TODAY), score(starter, guided, TODAY)
    assert "beginners_place" in [c.code for c in for_henk.concerns]
    assert "beginners_place" not in [c.code for c in for_starter.concerns]
    assert for_henk.score < for_starter.score
    assert "opp-0165" not in top(henk, postings)
    # A posting with nothing of what he can or wants to do says so.
    childcare = score(henk, by_ref(postings, "opp-0152"), TODAY)  # Invalkracht kinderopvang
    assert "Weinig van wat je kunt of wilt doen zit in deze kans" in [
        c.nl for c in childcare.concerns
    ]
