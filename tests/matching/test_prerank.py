"""The pre-rank is the engine's score without its words, and without the posting's text.

The shortlist ranks thousands of candidates by ``prerank.estimate`` and lets the engine
score only the best few dozen; that is only safe while both give the same number. These
tests compare them on corpus pairs, with the posting's description removed, so the
estimate can only know the text through the facts stored in the search index.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from meedoen.matching import OpportunityProfile, ResidentProfile, score
from meedoen.matching.corpus import load_opportunities, load_residents
from meedoen.matching.documents import indexed_opportunity
from meedoen.matching.facts import PostingFacts, posting_facts
from meedoen.matching.prerank import ResidentSide, estimate

TODAY = date(2026, 11, 24)
Postings = list[tuple[OpportunityProfile, OpportunityProfile, PostingFacts]]


@pytest.fixture(scope="module")
def postings() -> Postings:
    """Each posting, the same posting without its text, and its facts as the index has them."""
    found = []
    for opportunity in load_opportunities():
        stored = indexed_opportunity({**opportunity.__dict__, "id": opportunity.ref}, {})
        facts = PostingFacts.from_document(stored["matching"])
        assert facts is not None
        found.append((opportunity, replace(opportunity, description=""), facts))
    return found


def engine_score(resident: ResidentProfile, opportunity: OpportunityProfile) -> float | None:
    match = score(resident, opportunity, TODAY)
    return None if match.excluded else match.score


def test_the_estimate_is_the_engines_score_for_every_pair_of_every_third_resident(
    postings: Postings,
) -> None:
    differences = []
    for resident in load_residents()[::3]:
        side = ResidentSide(resident, TODAY)
        for full, textless, facts in postings:
            expected, estimated = engine_score(resident, full), estimate(side, textless, facts)
            if expected != estimated:
                differences.append((resident.ref, full.ref, expected, estimated))
    assert differences == []


def test_a_resident_from_the_index_is_estimated_as_if_they_wrote_no_summary(
    postings: Postings,
) -> None:
    for resident in load_residents()[1::15]:
        silent = replace(resident, summary="")
        side = ResidentSide(silent, TODAY)
        for full, textless, facts in postings[::4]:
            assert estimate(side, textless, facts) == engine_score(silent, full)


def test_facts_survive_the_index_and_an_old_document_has_none() -> None:
    posting = next(o for o in load_opportunities() if "rijbewijs" in o.description.lower())
    facts = posting_facts(posting)

    assert facts.licence is not None
    assert PostingFacts.from_document(facts.as_document()) == facts
    assert PostingFacts.from_document(None) is None


def test_an_opportunity_document_carries_what_the_shortlist_needs() -> None:
    posting = load_opportunities()[0]
    document = indexed_opportunity({**posting.__dict__, "id": posting.ref}, {"id": "org-1"})

    assert document["_geo"] == {"lat": pytest.approx(52.218), "lng": pytest.approx(6.832)}
    assert document["ladder_level"] == "stage"
    assert document["skill_weight"] == 3.0
    assert "english" not in document["matching"]  # only what is true is stored
