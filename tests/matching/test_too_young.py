"""Matching and "Voor jou" never suggest a kans a resident is too young for: not from the
search index, not from the database when the index is away, and not on the page.

The corpus's youngest residents are made younger still by matching on earlier days, so
13-, 14- and 15-year-olds meet postings from 14, 15, 16 and 18."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from meedoen.matching.corpus import load_opportunities, load_residents
from meedoen.matching.service import matches_for_resident
from meedoen.search.gateway import NO_SEARCH

DAYS = (date(2022, 6, 1), date(2023, 6, 1), date(2024, 6, 1), date(2026, 11, 24))


def young_residents() -> list[Any]:
    return [r for r in load_residents() if r.birth_year is not None and r.birth_year >= 2007]


@pytest.mark.parametrize("from_index", [True, False], ids=["index", "database"])
async def test_no_match_asks_an_age_the_resident_has_not_reached(
    runtime: Any, drained: Any, from_index: bool
) -> None:
    minimum = {o.ref: o.min_age for o in load_opportunities()}
    seen_ages: set[int] = set()
    held_back = 0
    for resident in young_residents():
        for day in DAYS:
            age = resident.age_on(day)
            assert age is not None
            matches = await matches_for_resident(
                runtime.search_gateway() if from_index else NO_SEARCH, resident.ref, 20, day
            )
            too_old_for = [m.ref for m in matches if (minimum[m.ref] or 0) > age]
            assert too_old_for == [], f"{resident.ref} ({age}) got {too_old_for}"
            seen_ages.add(age)
            held_back += sum(1 for m in minimum.values() if m is not None and m > age)
    # The test meets the ages and postings it is about: 13 to 15, and postings they may not do.
    assert {13, 14, 15} <= seen_ages
    assert held_back > 0


async def test_voor_jou_shows_a_15_year_old_no_posting_from_16_but_one_from_13(
    client, clean_database, signed_in_as, indexed
) -> None:
    from meedoen.opportunities.tables import Opportunity
    from meedoen.residents.tables import Resident
    from organisations.conftest import posting_of
    from support.auth import make_account

    organisation = await make_account("organisation")
    from_16 = await posting_of(
        organisation,
        kind="vrijwilligerswerk",
        title="Voetbaltrainer jeugd vanaf zestien",
        description="Je traint de jeugd op zaterdag.",
        sector="sport en recreatie",
        wijk="Stadsveld",
        skills=("sport en bewegen",),
        min_age=16,
    )
    from_13 = await posting_of(
        organisation,
        kind="vrijwilligerswerk",
        title="Voetbaltrainer jeugd vanaf dertien",
        description="Je helpt bij de training van de jongste jeugd.",
        sector="sport en recreatie",
        wijk="Stadsveld",
        skills=("sport en bewegen",),
        min_age=13,
    )
    await indexed()
    await signed_in_as("resident")
    assert (await client.get("/mijn")).status_code == 200
    await Resident.update(
        {
            Resident.birth_year: date.today().year - 15,
            Resident.skills: ["sport en bewegen"],
            Resident.interests: ["sport"],
            Resident.wijk: "Stadsveld",
        },
        force=True,
    )

    page = await client.get("/mijn")

    assert page.status_code == 200
    assert from_13 in page.text
    assert from_16 not in page.text
    assert await Opportunity.count() == 2
