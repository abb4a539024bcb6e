"""Behaviour of the matching engine, written as specifications."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import islice

import pytest

from meedoen.matching import (
    OpportunityProfile,
    Reason,
    ResidentProfile,
    explain,
    score,
    shortlist_filter,
    shortlist_terms,
    top_candidates_for_opportunity,
    top_matches_for_resident,
)
from meedoen.matching.corpus import load_opportunities, load_residents
from meedoen.matching.facts import facts_of
from meedoen.matching.geography import WIJKEN, cycling_minutes, place_for
from meedoen.matching.rank import DEFAULT_SHORTLIST_FLOOR
from meedoen.matching.reasons import TEMPLATES
from meedoen.matching.scoring import score_pair
from meedoen.matching.sides import resident_side
from meedoen.matching.vocabulary import vocabulary

TODAY = date(2026, 11, 24)
Corpus = tuple[list[ResidentProfile], list[OpportunityProfile]]


def resident(**fields: object) -> ResidentProfile:
    base = ResidentProfile(
        ref="res-test",
        wijk="Stadsveld",
        birth_year=1990,
        skills=("orderpicken", "heftruck"),
        interests=("logistiek",),
        preferred_kinds=("betaald_werk",),
        hours_per_week=32,
        language_level="B1",
        ladder_rung=5,
        has_driving_licence=True,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def opportunity(**fields: object) -> OpportunityProfile:
    base = OpportunityProfile(
        ref="opp-test",
        kind="betaald_werk",
        title="Magazijnmedewerker",
        description="Je pakt orders in het magazijn.",
        skills=("orderpicken", "heftruck", "samenwerken"),
        sector="logistiek",
        wijk="Havengebied Twentekanaal",
        hours_per_week_min=24,
        hours_per_week_max=36,
        paid=True,
        language_level="A2",
        min_age=18,
        status="open",
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def codes(reasons: list[Reason]) -> set[str]:
    return {r.code for r in reasons}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_residents(), load_opportunities()


class TestHardFilters:
    def test_too_young_is_excluded_with_a_concern(self) -> None:
        match = score(resident(birth_year=2011), opportunity(min_age=18), TODAY)
        assert match.excluded
        assert match.score == 0
        assert "too_young" in codes(match.concerns)
        assert "vanaf 18" in match.concerns[0].nl

    def test_old_enough_this_year_is_not_excluded(self) -> None:
        match = score(resident(birth_year=2008), opportunity(min_age=18), TODAY)
        assert not match.excluded

    def test_closed_opportunities_are_never_matched(self) -> None:
        closed = opportunity(ref="opp-closed", status="gesloten")
        match = score(resident(), closed, TODAY)
        assert match.excluded and "closed" in codes(match.concerns)
        ranked = top_matches_for_resident(resident(), [closed, opportunity()], 10, TODAY)
        assert [m.ref for m in ranked] == ["opp-test"]


class TestConcerns:
    def test_missing_driving_licence_is_a_concern_and_costs_points(self) -> None:
        driving = opportunity(skills=("rijbewijs B", "laden en lossen"), title="Chauffeur")
        with_licence = score(resident(has_driving_licence=True), driving, TODAY)
        without = score(resident(has_driving_licence=False), driving, TODAY)
        assert "licence_required" in codes(without.concerns)
        assert "Rijbewijs B nodig" in [c.nl for c in without.concerns]
        assert without.score < with_licence.score

    def test_licence_demanded_only_in_the_text_counts_too(self) -> None:
        driving = opportunity(skills=("laden en lossen",), description="Rijbewijs C is nodig.")
        match = score(resident(skills=("laden en lossen",)), driving, TODAY)
        assert "licence_required" in codes(match.concerns)

    def test_licence_not_needed_in_the_text_is_no_concern(self) -> None:
        cycling = opportunity(
            description="Je bezorgt op een e-bike. Een rijbewijs heb je niet nodig."
        )
        match = score(resident(has_driving_licence=False), cycling, TODAY)
        assert not {"licence_required", "licence_unknown"} & codes(match.concerns)

    def test_language_gap_names_both_levels(self) -> None:
        match = score(resident(language_level="A2"), opportunity(language_level="B1"), TODAY)
        gap = next(c for c in match.concerns if c.code == "language_gap")
        assert gap.nl == "Vraagt taalniveau B1 (jij: A2)"
        assert "B1" in gap.en and "A2" in gap.en

    def test_two_levels_short_costs_much_more_than_one(self) -> None:
        one = score(resident(language_level="A2"), opportunity(language_level="B1"), TODAY)
        two = score(resident(language_level="A2"), opportunity(language_level="B2"), TODAY)
        same = score(resident(language_level="A2"), opportunity(language_level="A2"), TODAY)
        assert same.score > one.score > two.score
        assert two.score < same.score * 0.5

    def test_villages_without_a_car_are_far_from_business_parks(self) -> None:
        villager = resident(wijk="Boekelo", has_driving_licence=False)
        match = score(villager, opportunity(wijk="Havengebied Twentekanaal"), TODAY)
        assert "hard_to_reach" in codes(match.concerns)
        nearby = score(villager, opportunity(wijk="Boekelo"), TODAY)
        assert nearby.score > match.score


class TestLadder:
    """One step up the participatieladder is the aim."""

    def _score(self, rung: int, kind: str, **opp: object) -> float:
        person = resident(ladder_rung=rung, preferred_kinds=(), skills=(), interests=())
        return score(
            person, opportunity(kind=kind, paid=kind != "vrijwilligerswerk", **opp), TODAY
        ).score

    def test_next_rung_beats_same_rung_and_far_above(self) -> None:
        next_rung = self._score(3, "vrijwilligerswerk")
        same_rung = self._score(3, "dagbesteding")
        far_above = self._score(3, "betaald_werk")
        assert next_rung > same_rung
        assert next_rung > far_above

    def test_rung_two_to_paid_work_scores_badly(self) -> None:
        match = score(
            resident(ladder_rung=2, preferred_kinds=()),
            opportunity(kind="betaald_werk"),
            TODAY,
        )
        assert "ladder_big_jump" in codes(match.concerns)
        assert self._score(2, "betaald_werk") < self._score(2, "dagbesteding") - 15

    def test_going_down_is_weak(self) -> None:
        assert self._score(6, "dagbesteding") < self._score(6, "betaald_werk") - 15

    def test_next_step_is_named_as_a_reason(self) -> None:
        match = score(resident(ladder_rung=4), opportunity(kind="leerwerkplek"), TODAY)
        assert "Volgende stap op de participatieladder" in [r.nl for r in match.reasons]


class TestReasons:
    def test_reasons_name_the_overlapping_skills(self) -> None:
        match = score(resident(), opportunity(), TODAY)
        skills = next(r for r in match.reasons if r.code == "skills_match")
        assert skills.nl.startswith("Past bij je vaardigheden: ")
        assert "orderpicken" in skills.nl and "heftruck" in skills.nl
        assert skills.en.startswith("Matches your skills: ")

    def test_related_skills_earn_partial_credit(self) -> None:
        reach = opportunity(skills=("reachtruck",))
        related = score(resident(skills=("heftruck",)), reach, TODAY)
        unrelated = score(resident(skills=("koken",)), reach, TODAY)
        assert related.score > unrelated.score
        assert "skills_related" in codes(related.reasons)
        assert vocabulary().related_factor("heftruck", "reachtruck") > 0.5

    def test_cycling_time_is_a_reason(self) -> None:
        match = score(resident(wijk="Stadsveld"), opportunity(wijk="'t Zwering"), TODAY)
        bike = next(r for r in match.reasons if r.code == "nearby_bike")
        assert bike.nl.endswith("minuten fietsen") and bike.en.endswith("minutes by bike")

    def test_every_reason_code_has_dutch_and_english_text(self, corpus: Corpus) -> None:
        for nl, en in TEMPLATES.values():
            assert nl.strip() and en.strip() and nl != en
        residents, opportunities = corpus
        seen: set[str] = set()
        for person in residents[:40]:
            for opp in opportunities:
                match = score(person, opp, TODAY)
                for item in match.reasons + match.concerns:
                    assert item.code in TEMPLATES
                    assert item.nl and item.en and "{" not in item.nl + item.en
                    seen.add(item.code)
        assert len(seen) >= 20

    def test_explain_gives_dutch_texts_for_the_cli(self) -> None:
        result = explain(score(resident(), opportunity(), TODAY))
        assert result["ref"] == "opp-test"
        assert isinstance(result["score"], float)
        assert any(text.startswith("Past bij je vaardigheden") for text in result["reasons"])
        assert isinstance(result["concerns"], list)


class TestRanking:
    def test_an_empty_profile_still_gets_results(self, corpus: Corpus) -> None:
        _, opportunities = corpus
        top = top_matches_for_resident(ResidentProfile(ref="res-empty"), opportunities, 10, TODAY)
        assert len(top) == 10
        assert all(0 < m.score <= 100 for m in top)

    def test_ordering_is_deterministic_with_ties_broken_by_ref(self) -> None:
        twins = [opportunity(ref=f"opp-{n}") for n in ("0003", "0001", "0002")]
        ranked = top_matches_for_resident(resident(), twins, 10, TODAY)
        assert [m.ref for m in ranked] == ["opp-0001", "opp-0002", "opp-0003"]
        people = [resident(ref=f"res-{n}") for n in ("b", "a")]
        candidates = top_candidates_for_opportunity(opportunity(), people, 10, TODAY)
        assert [m.resident_ref for m in candidates] == ["res-a", "res-b"]

    def test_scores_stay_between_0_and_100(self, corpus: Corpus) -> None:
        residents, opportunities = corpus
        for person in residents[::10]:
            for opp in opportunities:
                assert 0 <= score(person, opp, TODAY).score <= 100

    def test_shortlist_filter_never_drops_a_top_match(self, corpus: Corpus) -> None:
        # What the filter removes scores below the floor, and every resident has ten
        # opportunities at or above it: so no top ten ever loses a match to the filter.
        # (Scoring only the removed pairs, and the kept ones until ten reach the floor,
        # is the same proof as ranking everything, in a fraction of the time.)
        residents, opportunities = corpus
        for person in residents:
            allowed = shortlist_filter(person, TODAY)
            kept = [o for o in opportunities if allowed.allows(o)]
            for opp in opportunities:
                if not allowed.allows(opp):
                    assert score(person, opp, TODAY).score < DEFAULT_SHORTLIST_FLOOR, opp.ref
            reaching = (o for o in kept if score(person, o, TODAY).score >= DEFAULT_SHORTLIST_FLOOR)
            assert len(list(islice(reaching, 10))) == 10, person.ref

    def test_shortlist_filter_keeps_a_kind_at_every_floor_one_of_its_postings_reaches(
        self, corpus: Corpus
    ) -> None:
        # The bound of a kind is the score's own arithmetic: a stage in someone's programme
        # or a place for young people at a low step must not be cut at a high floor.
        residents, opportunities = corpus
        facts = [(opp, facts_of(opp)) for opp in opportunities]
        for person in residents:
            side = resident_side(person, TODAY)
            best: dict[str, float] = {}
            for opp, found in facts:
                value = score_pair(side, opp, found)
                if value is not None:
                    best[opp.kind] = max(best.get(opp.kind, 0.0), value)
            for kind, value in best.items():
                assert kind in shortlist_filter(person, TODAY, floor=value).kinds, (
                    person.ref,
                    kind,
                )

    def test_shortlist_filter_speaks_meilisearch(self) -> None:
        person = resident(ladder_rung=2, language_level="A1", preferred_kinds=("dagbesteding",))
        expressions = shortlist_filter(person, TODAY).to_meilisearch()
        assert expressions[0] == 'status = "open"'
        assert any(e.startswith("kind IN") for e in expressions)
        assert "(min_age IS NULL OR min_age <= 36)" in expressions
        assert any("B2" not in e and e.startswith("(language_level") for e in expressions)

    def test_a_high_floor_keeps_only_kinds_that_can_reach_it(self) -> None:
        person = resident(ladder_rung=2, preferred_kinds=("dagbesteding",))
        assert shortlist_filter(person, TODAY, floor=99.9).kinds == ("dagbesteding",)

    def test_shortlist_terms_include_related_skills(self) -> None:
        terms = shortlist_terms(resident(skills=("heftruck",), interests=("logistiek",)))
        assert "heftruck" in terms and "reachtruck" in terms and "logistiek" in terms


class TestGeography:
    def test_all_corpus_wijken_have_a_place(self, corpus: Corpus) -> None:
        residents, opportunities = corpus
        for wijk in {r.wijk for r in residents} | {o.wijk for o in opportunities}:
            assert wijk in WIJKEN

    def test_a_postcode_alone_is_enough(self) -> None:
        place = place_for(None, "7548 BN")
        assert place is not None
        assert place_for("Usselo", "7545 AB") == WIJKEN["Usselo"]

    def test_cycling_minutes_are_plausible(self) -> None:
        within_town = cycling_minutes(WIJKEN["Stadsveld"], WIJKEN["Pathmos"])
        village_to_harbour = cycling_minutes(WIJKEN["Boekelo"], WIJKEN["Havengebied Twentekanaal"])
        assert 3 < within_town < 15
        assert village_to_harbour > 20
