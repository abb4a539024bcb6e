"""A resident does the talent scan in plain forms: one question per page, answers kept,
every mistake explained in Dutch with the answer still ticked, and never a 500."""

from __future__ import annotations

import json

from events.conftest import a_meeting, organiser_account
from meedoen.residents.tables import Resident
from meedoen.talentscan.questions import COUNT
from meedoen.talentscan.tables import TalentScan
from residents.conftest import an_opportunity
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, post_form, sign_in
from talentscan.conftest import answer, answer_all


async def test_a_resident_answers_accepts_and_sees_kansen_that_fit(
    client, clean_database, signed_in_as, indexed
):
    account = await signed_in_as("resident", display_name="Ayla Test")
    await an_opportunity(title="Koken voor ouderen in het buurthuis", skills=["koken"])
    _, organiser = await organiser_account()
    await a_meeting(organiser, title="Workshop Koken met de buurt", kind="workshop")
    await a_meeting(organiser, title="Open dag metaalbedrijf", kind="open_dag")
    await indexed()

    start = await client.get("/mijn/talentscan")
    begun = await post_form(client, "/mijn/talentscan", {}, "/mijn/talentscan/begin")
    first = await client.get("/mijn/talentscan/vraag/1")
    await answer_all(client)
    result = await client.get("/mijn/talentscan/uitkomst")

    assert start.status_code == 200 and "Begin met de talentscan" in start.text
    assert begun.status_code == 303 and begun.headers["location"] == "/mijn/talentscan/vraag/1"
    assert f"Vraag 1 van {COUNT}" in first.text and "<legend" in first.text
    for page in (first, result):
        assert page.headers["content-type"].startswith("text/html")
    assert result.status_code == 200 and "Dit past bij jou" in result.text
    assert 'value="koken" checked' in result.text
    assert 'value="horeca" checked' in result.text

    token = csrf_token(result.text)
    saved = await client.post(
        "/mijn/talentscan/uitkomst",
        data={
            "_csrf_token": token,
            "skills": ["koken", "omgaan met ouderen"],  # the resident unticked the rest
            "interests": ["koken en eten", "ouderen"],
            "extra_skills": "forklift truck, Arabisch",
        },
    )
    fitting = await client.get("/mijn/talentscan/past-bij-jou")

    assert saved.status_code == 303, saved.text[:500]
    resident = await Resident.objects().get(Resident.account == account.id)
    assert resident.skills == ["koken", "omgaan met ouderen", "heftruck", "Arabisch"]
    assert resident.interests == ["koken en eten", "ouderen"]
    assert fitting.status_code == 200
    assert "Koken voor ouderen in het buurthuis" in fitting.text
    assert "Workshop Koken met de buurt" in fitting.text
    assert "Open dag metaalbedrijf" not in fitting.text


async def test_stopping_halfway_and_coming_back_goes_on_where_you_were(
    client, clean_database, signed_in_as
):
    await signed_in_as("resident")
    await answer(client, 1, ["koken"])
    await answer(client, 2, ["dieren"])

    start = await client.get("/mijn/talentscan")
    second = await client.get("/mijn/talentscan/vraag/2")
    too_early = await client.get("/mijn/talentscan/uitkomst")

    assert "Je hebt 2 van de 10 vragen beantwoord" in start.text
    assert 'href="/mijn/talentscan/vraag/3"' in start.text
    assert 'value="dieren" checked' in second.text
    assert too_early.status_code == 303
    assert too_early.headers["location"] == "/mijn/talentscan/vraag/3"


async def test_an_unknown_answer_is_explained_and_the_choice_is_kept(
    client, clean_database, signed_in_as
):
    await signed_in_as("resident")

    unknown = await answer(client, 1, ["koken", "hacken"])
    none = await answer(client, 3, [])
    two = await answer(client, 3, ["buiten", "winkel"])
    wrong_question = await answer(client, 4, ["luisteren"], question="handen")

    assert unknown.status_code == 400
    assert "Dit antwoord kennen we niet" in unknown.text
    assert 'value="koken" checked' in unknown.text
    assert 'href="#antwoord"' in unknown.text and 'aria-invalid="true"' in unknown.text
    assert none.status_code == 400 and "Weet ik niet" in none.text
    assert two.status_code == 400 and "maar één antwoord" in two.text
    assert 'value="buiten" checked' in two.text
    assert wrong_question.status_code == 400
    assert "hoort bij een andere vraag" in wrong_question.text
    assert 'value="luisteren" checked' in wrong_question.text
    assert await TalentScan.count() == 0


async def test_a_question_out_of_range_says_so_in_dutch(client, clean_database, signed_in_as):
    await signed_in_as("resident")
    page = await client.get("/mijn/talentscan/vraag/1")
    token = csrf_token(page.text)

    pages = [
        await client.get("/mijn/talentscan/vraag/0"),
        await client.get("/mijn/talentscan/vraag/11"),
        await client.post("/mijn/talentscan/vraag/99", data={"_csrf_token": token}),
        await client.get("/mijn/talentscan/vraag/-1"),
    ]
    nonsense = await client.get("/mijn/talentscan/vraag/twee")

    for response in pages:
        assert response.status_code == 404
        assert "De talentscan heeft 10 vragen" in response.text
    assert nonsense.status_code < 500


async def test_tampered_suggestions_are_refused_with_the_choice_kept(
    client, clean_database, signed_in_as
):
    await signed_in_as("resident")
    await answer_all(client)
    page = await client.get("/mijn/talentscan/uitkomst")

    refused = await client.post(
        "/mijn/talentscan/uitkomst",
        data={
            "_csrf_token": csrf_token(page.text),
            "skills": ["koken"],
            "interests": ["ouderen", "bankroven"],
            "extra_skills": "x" * 61,
        },
    )

    assert refused.status_code == 400
    assert "Deze interesse kennen we niet" in refused.text
    assert "hoogstens 60 tekens" in refused.text
    assert 'value="koken" checked' in refused.text and 'value="ouderen" checked' in refused.text
    assert "x" * 61 in refused.text
    resident = await Resident.objects().first()
    assert resident is not None and resident.skills == []


async def test_only_the_resident_sees_their_scan(client, clean_database, signed_in_as, app):
    await signed_in_as("resident")
    await answer(client, 1, ["koken"])
    coach = await make_account("coach")

    async with app_client(app) as other:
        await sign_in(other, coach.email, DEFAULT_PASSWORD)
        as_coach = await other.get("/mijn/talentscan/vraag/1")
    async with app_client(app) as anonymous:
        as_nobody = await anonymous.get("/mijn/talentscan")
    async with app_client(app) as other_resident:
        neighbour = await make_account("resident")
        await sign_in(other_resident, neighbour.email, DEFAULT_PASSWORD)
        theirs = await other_resident.get("/mijn/talentscan/vraag/1")

    assert as_coach.status_code in (302, 303, 403)
    assert as_nobody.status_code == 303 and "/inloggen" in as_nobody.headers["location"]
    assert theirs.status_code == 200 and "checked" not in theirs.text


async def test_the_answers_are_in_the_export_and_go_with_the_account(
    client, clean_database, signed_in_as
):
    await signed_in_as("resident")
    await answer_all(client)

    data = json.loads((await client.get("/mijn/gegevens/download")).content)
    overview = (await client.get("/mijn/gegevens/overzicht")).text
    page = await client.get("/mijn/gegevens")
    deleted = await client.post(
        "/mijn/gegevens/verwijderen", data={"_csrf_token": csrf_token(page.text), "confirm": "1"}
    )

    scan = data["talent_scan"]
    assert (
        scan["finished_at"] and "Wat doe je graag met je handen? Koken of bakken" in scan["answers"]
    )
    assert "Je talentscan" in overview and "Koken of bakken" in overview
    assert "Ander gegeven" not in overview
    assert deleted.status_code == 303
    assert await TalentScan.count() == 0


async def test_the_whole_scan_reads_in_english_when_chosen(client, clean_database, signed_in_as):
    await signed_in_as("resident")
    await client.get("/taal/en?next=/mijn/talentscan")

    start = await client.get("/mijn/talentscan")
    question = await client.get("/mijn/talentscan/vraag/1")
    refused = await answer(client, 3, [])
    await answer_all(client)
    result = await client.get("/mijn/talentscan/uitkomst")
    profile = await client.get("/mijn")

    assert "Start the talent scan" in start.text
    assert "Question 1 of 10" in question.text
    assert "What do you like to do with your hands?" in question.text
    assert "Cooking or baking" in question.text and "Next" in question.text
    assert "Not sure? Then choose ‘I don’t know’." in refused.text
    assert "This suits you" in result.text and "Put in my profile" in result.text
    assert "Do the talent scan" in profile.text
    for dutch in ("Vraag 1 van", "Wat doe je graag", "Dit past bij jou", "Volgende"):
        assert dutch not in question.text + result.text, dutch


async def test_hostile_suggestions_get_a_clear_answer_never_a_500(
    client, clean_database, signed_in_as
):
    await signed_in_as("resident")
    await answer_all(client)
    page = await client.get("/mijn/talentscan/uitkomst")
    token = csrf_token(page.text)
    hostile = [
        {"skills": "x" * 20_000},
        {"skills": [f"vaardigheid {n}" for n in range(40)]},
        {"extra_skills": ", ".join(f"<script>alert({n})</script>" for n in range(500))},
        {"interests": ["ouderen"] * 50 + ["' OR 1=1 --"]},
        {"skills": "123456782"},  # a BSN in a skill
    ]

    answers = [
        await client.post("/mijn/talentscan/uitkomst", data={"_csrf_token": token, **form})
        for form in hostile
    ]

    assert [a.status_code for a in answers] == [400] * len(hostile)
    assert "<script>alert" not in answers[2].text and "&lt;script&gt;" in answers[2].text
    resident = await Resident.objects().first()
    assert resident is not None and resident.skills == [] and resident.interests == []
