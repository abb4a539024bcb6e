"""/kansen/{ref}: everything a resident needs to decide, and only what may be public."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest


def json_ld(page: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found, "no JSON-LD on the page"
    return json.loads(found.group(1))


async def test_an_open_posting_tells_what_where_when_and_how_to_join(client, postings):
    ref = await postings.posting(
        title="Fietsenmaker in de buurtwerkplaats",
        description="Je repareert fietsen van buren.",
        what_you_learn="Je leert banden plakken en remmen afstellen.",
        guidance="Jan werkt je in en is er elke dinsdag.",
        hours_per_week_min=6,
        hours_per_week_max=10,
        paid=False,
        allowance="een vrijwilligersvergoeding van € 5 per dagdeel",
        language_level="B1",
        wijk="Pathmos",
        postcode="7513 AB",
        start_date=dt.date(2027, 3, 1),
        contact_name="Jan Jansen",
        contact_email="jan@buurtwerkplaats.example",
    )

    page = await client.get(f"/kansen/{ref}")

    assert page.status_code == 200
    text = page.text
    for expected in [
        '<h1 class="utrecht-heading-1" id="kans-titel">Fietsenmaker in de buurtwerkplaats</h1>',
        "Je repareert fietsen van buren.",
        "Je leert banden plakken en remmen afstellen.",
        "6 tot 10 uur per week",
        "Je krijgt geen loon.",
        "een vrijwilligersvergoeding van € 5 per dagdeel",
        "Jan werkt je in en is er elke dinsdag.",
        "Je moet Nederlands kunnen op niveau B1: je begrijpt de meeste dingen",
        "Pathmos, 7513 AB Enschede",
        "Vanaf 1 maart 2027",
        "Jan Jansen",
        'href="mailto:jan@buurtwerkplaats.example"',
        'href="/organisaties/test-org-',
        f'href="/kansen/{ref}/reageren">Ik wil meedoen</a>',
    ]:
        assert expected in text, expected


async def test_similar_postings_are_suggested(client, corpus, indexed):
    await indexed()

    page = await client.get("/kansen/opp-0177")  # Magazijnmedewerker

    assert "Kansen die hierop lijken" in page.text
    similar = page.text.split("Kansen die hierop lijken", 1)[1]
    assert re.search(r'href="/kansen/opp-\d+"', similar)
    assert 'href="/kansen/opp-0177"' not in similar


async def test_a_closed_posting_says_so_and_offers_no_way_to_join(client, postings):
    ref = await postings.posting(status="gesloten")

    page = await client.get(f"/kansen/{ref}")

    assert page.status_code == 200
    assert "Deze kans is gesloten" in page.text
    assert "Ik wil meedoen" not in page.text and "/reageren" not in page.text
    assert "application/ld+json" not in page.text  # search engines should drop it


async def test_a_posting_past_its_end_date_is_closed_too(client, postings):
    ref = await postings.posting(
        start_date=dt.date(2024, 1, 1), end_date=dt.date.today() - dt.timedelta(days=1)
    )

    page = await client.get(f"/kansen/{ref}")

    assert "Deze kans is gesloten" in page.text


@pytest.mark.parametrize(
    ("organisation", "status"),
    [
        ({"verified": True}, "concept"),
        ({"verified": False}, "open"),
        ({"verified": True, "blocked": True}, "open"),
    ],
    ids=["concept", "unverified organisation", "blocked organisation"],
)
async def test_what_is_not_public_does_not_exist(client, postings, organisation, status):
    ref = await postings.posting(await postings.organisation(**organisation), status=status)

    page = await client.get(f"/kansen/{ref}")
    api = await client.get(f"/api/v1/opportunities/{ref}")

    assert page.status_code == 404 and "Deze kans bestaat niet" in page.text
    assert api.status_code == 404


async def test_an_unknown_ref_gets_a_friendly_404(client, database):
    for ref in ["opp-99999", "x" * 300, "%3Cscript%3E"]:
        page = await client.get(f"/kansen/{ref}")
        assert page.status_code == 404
        assert "Zoek een kans" in page.text


@pytest.mark.parametrize(
    ("kind", "hours", "employment_type"),
    [
        ("stage", 32, "INTERN"),
        ("vrijwilligerswerk", 4, "VOLUNTEER"),
        ("betaald_werk", 20, "PART_TIME"),
        ("betaald_werk", 38, "FULL_TIME"),
        ("leerwerkplek", 24, "TEMPORARY"),
        ("dagbesteding", 12, "OTHER"),
    ],
)
async def test_search_engines_get_a_job_posting(client, postings, kind, hours, employment_type):
    ref = await postings.posting(
        kind=kind,
        hours_per_week_min=hours // 2,
        hours_per_week_max=hours,
        postcode="7545 ck",
        start_date=dt.date.today() + dt.timedelta(days=10),
    )

    posting = json_ld((await client.get(f"/kansen/{ref}")).text)

    assert posting["@type"] == "JobPosting"
    assert posting["employmentType"] == employment_type
    assert posting["title"] == "Gastvrouw in het buurthuis"
    assert posting["datePosted"] == dt.date.today().isoformat()
    valid_through = dt.date.fromisoformat(posting["validThrough"])
    assert valid_through == dt.date.today() + dt.timedelta(days=100)  # start + 90 days
    assert posting["hiringOrganization"]["name"] == "Buurthuis De Test"
    assert posting["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "postalCode": "7545 CK",
        "addressLocality": "Enschede",
        "addressRegion": "Overijssel",
        "addressCountry": "NL",
    }


async def test_the_end_date_is_how_long_a_job_posting_is_valid(client, postings):
    ref = await postings.posting(end_date=dt.date(2030, 6, 30))

    posting = json_ld((await client.get(f"/kansen/{ref}")).text)

    assert posting["validThrough"] == "2030-06-30"


async def test_what_the_organisation_left_empty_is_left_out_not_filled_in(client, postings):
    ref = await postings.posting(
        title="Stille kans",
        description="Je helpt in de winkel.",
        what_you_learn="",
        guidance="",
        suitable_for=[],
    )

    page = (await client.get(f"/kansen/{ref}")).text

    assert "Wat leer je?" not in page and "Dat staat er nog niet bij" not in page
    assert "Begeleiding" not in page and "Vraag de contactpersoon" not in page
    assert "Welzijnsorganisatie in Stadsveld." not in page  # no "<type> in <wijk>." filler
    assert "Klik op ‘Ik wil meedoen’. De organisatie neemt dan contact met je op." in page


async def test_the_page_says_when_it_was_posted_until_when_to_respond_and_who_to_ask(
    client, postings
):
    ref = await postings.posting(
        title="Kans met een einddatum",
        end_date=dt.date.today() + dt.timedelta(days=30),
        contact_name="Fatima de Vries",
    )
    end = dt.date.today() + dt.timedelta(days=30)
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]

    page = (await client.get(f"/kansen/{ref}")).text

    assert f"Geplaatst op {dt.date.today().day} {months[dt.date.today().month - 1]}" in page
    assert "Reageren kan tot en met" in page
    assert f"{end.day} {months[end.month - 1]} {end.year}" in page
    assert "Contactpersoon" in page and "Fatima de Vries" in page
    # Text of readable width beside a column with the facts and the button.
    assert '<aside class="meedoen-kans__aside"' in page
    assert page.index('class="meedoen-kans__aside"') < page.index('id="wat-doe-je"')


async def test_a_resident_sees_how_far_it_is_from_their_own_wijk(client, postings, signed_in_as):
    from meedoen.residents.tables import Resident

    account = await signed_in_as("resident")
    await client.get("/mijn")  # makes the profile
    await Resident.update({Resident.wijk: "Stadsveld"}).where(Resident.account == account.id)
    near = await postings.posting(title="Dichtbij", wijk="Stadsveld")
    far = await postings.posting(title="Verder weg", wijk="Boekelo", postcode="7548 AA")

    here = (await client.get(f"/kansen/{near}")).text
    there = (await client.get(f"/kansen/{far}")).text

    assert "in je eigen wijk" in here
    minutes = re.search(r"(\d+) minuten fietsen vanaf Stadsveld", there)
    assert minutes and 10 <= int(minutes.group(1)) <= 40, "Boekelo is a fair bike ride away"


async def test_a_visitor_sees_no_distance(client, postings):
    ref = await postings.posting(title="Zonder afstand", wijk="Boekelo")

    page = (await client.get(f"/kansen/{ref}")).text

    assert "fietsen vanaf" not in page and "in je eigen wijk" not in page


async def test_in_english_a_dutch_text_is_marked_dutch_and_dates_are_british(client, postings):
    ref = await postings.posting(
        title="Gastvrouw in het buurthuis",
        description="Je zet koffie en maakt een praatje met de bezoekers van het buurthuis.",
        start_date=dt.date(2027, 3, 9),
        skills=["koken", "kassa"],
    )
    english_ref = await postings.posting(
        title="Warehouse associate",
        description="You will pick and pack orders with our team in the warehouse.",
    )
    client.cookies.set("taal", "en")

    page = (await client.get(f"/kansen/{ref}")).text
    english = (await client.get(f"/kansen/{english_ref}")).text

    assert '<h1 class="utrecht-heading-1" id="kans-titel" lang="nl">' in page
    assert '<section aria-labelledby="wat-doe-je" lang="nl">' in page
    assert ">in Dutch<" in page
    assert "From 9 March 2027" in page and "March 9" not in page
    assert "cooking" in page and "till work" in page  # the vocabulary in English
    assert '<h1 class="utrecht-heading-1" id="kans-titel">' in english
    assert '<section aria-labelledby="wat-doe-je">' in english
    assert ">in Dutch<" not in english.split('id="lijkt-erop"')[0]
    client.cookies.set("taal", "nl")
    dutch = (await client.get(f"/kansen/{english_ref}")).text
    assert 'id="kans-titel" lang="en"' in dutch and ">in het Engels<" in dutch
