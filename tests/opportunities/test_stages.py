"""Stages as students look for them (Stagemarkt): level, learning route, duration,
stagevergoeding, study programme with crebo — entered by the organisation, shown on the
kans, findable with filters, and in the JobPosting for search engines."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from meedoen.opportunities.stages import parse_allowance
from meedoen.opportunities.tables import Opportunity
from organisations.test_dashboard import VALID
from support.auth import post_form

STAGE = {
    **VALID,
    "education_levels": ["mbo3", "mbo4"],
    "learning_routes": ["bbl"],
    "study_programme": "Eerste monteur tweewielers",
    "crebo": "25180",
    "duration_weeks": "40",
    "stage_allowance": "350",
}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("", None),
        ("geen", 0),
        ("Geen", 0),
        ("0", 0),
        ("300", 300),
        ("€ 300", 300),
        ("300,-", 300),
        ("300,00", 300),
        ("300 euro", 300),
    ],
)
def test_the_stagevergoeding_is_read_as_people_type_it(typed, stored):
    assert parse_allowance(typed) == (stored, True)


@pytest.mark.parametrize("typed", ["veel", "300 per week", "-5", "3,5 ton", "12345678"])
def test_a_stagevergoeding_that_is_no_amount_is_not_understood(typed):
    assert parse_allowance(typed)[1] is False


async def test_mistakes_in_the_stage_facts_come_back_in_dutch_with_the_input_kept(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")

    response = await post_form(
        client,
        "/organisatie/kansen/nieuw",
        {**STAGE, "crebo": "2518", "stage_allowance": "veel", "duration_weeks": "300"},
        action="/organisatie/kansen",
    )

    assert response.status_code == 400
    page = response.text
    assert "Een crebocode heeft precies 5 cijfers, zoals 25180." in page
    assert "Vul de stagevergoeding in als bedrag in euro per maand, zoals 300." in page
    assert "Vul in hoeveel weken de stage duurt: van 1 tot en met 104." in page
    assert 'value="2518"' in page and 'value="veel"' in page
    assert 'value="Eerste monteur tweewielers"' in page
    assert re.search(r'value="mbo3"[^>]*checked', page)
    assert re.search(r'value="bbl"[^>]*checked', page)
    assert not re.search(r'value="bol"[^>]*checked', page)
    assert await Opportunity.count() == 0


async def test_a_stage_shows_its_facts_and_tells_search_engines_what_schema_org_can_hold(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")

    saved = await post_form(
        client,
        "/organisatie/kansen/nieuw",
        {**STAGE, "action": "open"},
        action="/organisatie/kansen",
    )

    assert saved.status_code == 303
    posting = await Opportunity.objects().first()
    assert posting is not None
    assert posting.education_levels == ["mbo3", "mbo4"]
    assert posting.learning_routes == ["bbl"]
    assert (posting.duration_weeks, posting.stage_allowance, posting.crebo) == (40, 350, "25180")
    detail = (await client.get(f"/kansen/{posting.ref}")).text
    assert "Over de stage" in detail
    assert "mbo niveau 3, mbo niveau 4" in detail
    assert "BBL: werken en leren" in detail
    assert "Eerste monteur tweewielers (crebo 25180)" in detail
    assert "40 weken" in detail
    assert "350 euro per maand" in detail
    job = json.loads(_json_ld(detail))
    assert job["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "value": 350,
        "unitText": "MONTH",
    }
    assert [c["educationalLevel"] for c in job["educationRequirements"]] == ["mbo3", "mbo4"]
    edit = (await client.get(f"/organisatie/kansen/{posting.ref}")).text
    assert 'value="350"' in edit and 'value="25180"' in edit


async def test_no_stagevergoeding_reads_as_geen_and_english_visitors_read_english(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")
    await post_form(
        client,
        "/organisatie/kansen/nieuw",
        {**STAGE, "stage_allowance": "geen", "action": "open"},
        action="/organisatie/kansen",
    )
    posting = await Opportunity.objects().first()
    assert posting is not None and posting.stage_allowance == 0

    dutch = (await client.get(f"/kansen/{posting.ref}")).text
    client.cookies.set("taal", "en")
    english = (await client.get(f"/kansen/{posting.ref}")).text

    assert "Geen stagevergoeding" in dutch
    assert "About the placement" in english
    assert "No internship allowance" in english
    assert "mbo level 3" in english
    assert "BBL: working and learning" in english
    assert "Over de stage" not in english


async def test_other_kinds_of_kans_keep_no_stage_facts(client, clean_database, signed_in_as):
    await signed_in_as("organisation")

    await post_form(
        client,
        "/organisatie/kansen/nieuw",
        {**STAGE, "kind": "vrijwilligerswerk", "crebo": "12", "action": "open"},
        action="/organisatie/kansen",
    )

    posting = await Opportunity.objects().first()
    assert posting is not None
    assert posting.education_levels == [] and posting.crebo == ""
    assert posting.stage_allowance is None
    detail = (await client.get(f"/kansen/{posting.ref}")).text
    assert "Over de stage" not in detail


async def test_students_find_stages_by_level_route_allowance_and_recognised_company(
    client, postings, indexed
):
    recognised = await postings.organisation(
        leerbedrijf_id="10012345", leerbedrijf_confirmed_at=dt.datetime.now(dt.UTC)
    )
    unconfirmed = await postings.organisation(leerbedrijf_id="10054321")
    word = "stagezoekwoordx"
    bbl_paid = await postings.posting(
        recognised,
        kind="stage",
        title=f"Monteur {word}",
        education_levels=("mbo3",),
        learning_routes=("bbl",),
        stage_allowance=400,
    )
    bol_unpaid = await postings.posting(
        unconfirmed,
        kind="stage",
        title=f"Assistent {word}",
        education_levels=("mbo2", "mbo3"),
        learning_routes=("bol",),
        stage_allowance=0,
    )
    hbo = await postings.posting(
        unconfirmed,
        kind="stage",
        title=f"Onderzoeker {word}",
        education_levels=("hbo",),
    )
    await indexed()

    async def found(filters: str) -> set[str]:
        page = await client.get(f"/kansen?q={word}&{filters}")
        assert page.status_code == 200
        return set(re.findall(r'href="/kansen/(kans-[0-9a-f]+)"', page.text))

    assert await found("level=mbo3") == {bbl_paid, bol_unpaid}
    assert await found("level=hbo") == {hbo}
    assert await found("route=bbl") == {bbl_paid}
    assert await found("stagevergoeding=met") == {bbl_paid}
    assert await found("stagevergoeding=geen") == {bol_unpaid}
    assert await found("leerbedrijf=erkend") == {bbl_paid}
    assert await found("level=mbo3&route=bol") == {bol_unpaid}
    page = (await client.get(f"/kansen?q={word}")).text
    assert "Niveau van je opleiding" in page and "Erkend leerbedrijf" in page
    api = (await client.get(f"/api/v1/opportunities?q={word}&level=mbo2")).json()
    assert [item["ref"] for item in api["items"]] == [bol_unpaid]


def _json_ld(page: str) -> str:
    return re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
