"""Your data (AVG): see everything held about you, and delete your account for good."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

from meilisearch_python_sdk.errors import MeilisearchApiError
from piccolo.conf.apps import Finder

from meedoen.matching.residents_index import RESIDENTS
from meedoen.placements.tables import CaseloadLink, CoachNote, LadderRecord, Placement
from meedoen.residents import cv
from meedoen.residents.tables import Resident
from meedoen.responses.service import add_message
from meedoen.responses.tables import Response, ResponseMessage
from residents.conftest import a_pdf, an_opportunity, post_profile
from residents.test_alerts import save_search
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, post_form, sign_in

NAME = "Zwaantje"
SUMMARY = "Ik help mijn buurvrouw Geertruida elke dinsdag met haar boodschappen."
MESSAGE = "Ik wil graag meehelpen met koken, groet van Zwaantje."
PHONE = "06 98765432"
CV_MARKER = "CV-VAN-ZWAANTJE-7731"


async def a_resident_with_a_history(client, signed_in_as):  # type: ignore[no-untyped-def]
    """A resident with a profile, CV, response, saved search, coach, placement and ladder."""
    account = await signed_in_as("resident", display_name=f"{NAME} Vrijbuiter")
    await post_profile(
        client,
        {
            "wijk": "Pathmos",
            "birth_year": "1988",
            "skills": "koken",
            "summary": SUMMARY,
            "visibility": "findable",
            "preferred_kinds": ["vrijwilligerswerk"],
        },
        files={"cv": ("cv.pdf", a_pdf(CV_MARKER), "application/pdf")},
    )
    resident = await Resident.objects().get(Resident.account == account.id)
    opportunity = await an_opportunity()
    await post_form(
        client,
        f"/kansen/{opportunity.ref}/reageren",
        {"message": MESSAGE, "shared": ["first_name", "email", "phone", "cv"], "phone": PHONE},
    )
    response = await Response.objects().get(Response.resident == resident.id)
    await add_message(response.id, account.id, "resident", f"Groetjes, {NAME}")
    await save_search(client, "q=koken")
    coach = await make_account("coach")
    now = dt.datetime.now(dt.UTC)
    await CaseloadLink(
        resident=resident.id, coach=coach.id, consent_recorded_at=now, started_at=now
    ).save()
    await CoachNote(
        resident=resident.id, coach=coach.id, text=f"{NAME} is gemotiveerd.", created_at=now
    ).save()
    await LadderRecord(
        resident=resident.id,
        rung=3,
        recorded_on=now.date(),
        motivation=f"{NAME} doet mee.",
        wijk="Pathmos",
        birth_year=1988,
        created_at=now,
    ).save()
    await Placement(
        ref="plc-test-0001",
        resident=resident.id,
        kind="vrijwilligerswerk",
        status="gestart",
        description=f"{NAME} kookt in het buurthuis",
        wijk="Pathmos",
        birth_year=1988,
        created_at=now,
        updated_at=now,
    ).save()
    return account, resident


async def test_the_export_holds_everything_as_json_and_as_a_page(
    client, clean_database, signed_in_as
):
    account, _ = await a_resident_with_a_history(client, signed_in_as)

    download = await client.get("/mijn/gegevens/download")
    page = await client.get("/mijn/gegevens/overzicht")

    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    data = json.loads(download.content)
    assert data["account"]["email"] == account.email
    assert data["profile"]["summary"] == SUMMARY and data["profile"]["has_cv"] is True
    assert data["responses"][0]["message"] == MESSAGE
    assert data["responses"][0]["contact_phone"] == PHONE
    assert data["responses"][0]["messages"][0]["text"] == f"Groetjes, {NAME}"
    assert data["saved_searches"][0]["query"] == "q=koken"
    assert data["coaching"]["notes"][0]["text"] == f"{NAME} is gemotiveerd."
    assert data["placements"][0]["description"] == f"{NAME} kookt in het buurthuis"
    assert data["participation_ladder"][0]["rung"] == 3
    for text in (account.email, SUMMARY, MESSAGE, PHONE, "‘koken’"):
        assert text in page.text, text


async def test_the_overview_names_every_field_in_words(client, clean_database, signed_in_as):
    """The page reads as sentences (the JSON download keeps its machine keys)."""
    await a_resident_with_a_history(client, signed_in_as)

    page = (await client.get("/mijn/gegevens/overzicht")).text

    for words in (
        "Je naam",
        "Je e-mailadres",
        "Wie je profiel mag zien",
        "Gemaakt op",
        "Wat je zocht",
        "Je bewaarde zoekopdrachten",
        "Hoe vaak je e-mail krijgt",
    ):
        assert words in page, words
    for raw in (
        "display_name",
        "created_at",
        "visibility",
        "q=koken",
        "+00:00",
        "None",
        "True",
        "False",
        "saved_searches",
        "weekly",
        "Ander gegeven",
    ):
        assert raw not in page, raw
    assert re.search(
        r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|"
        r"oktober|november|december) \d{4}, \d{2}:\d{2}",
        page,
    )
    english = await client.get("/taal/en?next=/mijn/gegevens/overzicht", follow_redirects=True)
    assert "Who may see your profile" in english.text
    assert "Wie je profiel mag zien" not in english.text


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in _texts(item)]
    if isinstance(value, dict):
        return [t for item in value.values() for t in _texts(item)]
    return []


async def _rows_mentioning(needles: list[str]) -> list[str]:
    """Every row of every table in the app registry whose text mentions a needle."""
    found = []
    for table in Finder().get_table_classes():
        for row in await table.select().run():
            for text in _texts(row):
                for needle in needles:
                    if needle.lower() in text.lower():
                        found.append(f"{table._meta.tablename}: {needle!r} in {text[:80]!r}")
    return found


async def in_index(index, ref: str) -> bool:  # type: ignore[no-untyped-def]
    try:
        await index.get_document(ref)
    except MeilisearchApiError as error:
        assert error.code == "document_not_found"
        return False
    return True


async def _counts_per_wijk() -> tuple[Counter, Counter]:
    placements = Counter(r["wijk"] for r in await Placement.select(Placement.wijk))
    ladder = Counter((r["wijk"], r["birth_year"], r["rung"]) for r in await LadderRecord.select())
    return placements, ladder


async def test_deleting_the_account_leaves_no_trace_but_the_anonymous_counts(
    client, clean_database, signed_in_as, runtime, indexed, settings, mailbox
):
    account, resident = await a_resident_with_a_history(client, signed_in_as)
    await indexed()
    residents_index = runtime.search.writer.index(runtime.search.index_name(RESIDENTS))
    assert await in_index(residents_index, resident.ref)
    cv_file = cv.cv_path(settings.data_dir, resident.cv_file)
    assert cv_file is not None
    needles = [NAME, account.email, SUMMARY, MESSAGE, PHONE, CV_MARKER, resident.cv_file]
    assert await _rows_mentioning(needles), "the test would prove nothing"
    counts_before = await _counts_per_wijk()
    responses_before = await Response.count()

    page = await client.get("/mijn/gegevens")
    refused = await client.post(
        "/mijn/gegevens/verwijderen", data={"_csrf_token": csrf_token(page.text)}
    )
    still_there = await Resident.count()
    deleted = await client.post(
        "/mijn/gegevens/verwijderen", data={"_csrf_token": csrf_token(page.text), "confirm": "1"}
    )
    await indexed()

    assert "/privacy" in page.text
    assert refused.status_code == 400 and still_there == 1
    assert deleted.status_code == 303
    assert await _rows_mentioning(needles) == []
    assert not cv_file.exists()
    for stored in cv.cv_dir(settings.data_dir).iterdir():
        assert CV_MARKER.encode() not in stored.read_bytes()
    assert not await in_index(residents_index, resident.ref)
    master = runtime.search.maintenance_client()
    hits = await master.index(runtime.search.index_name(RESIDENTS)).search("", limit=1000)
    await master.aclose()
    assert resident.ref not in {hit["ref"] for hit in hits.hits}
    # The anonymous counts stay exactly as they were.
    assert await _counts_per_wijk() == counts_before
    assert await Response.count() == responses_before
    kept = await Response.objects().first()
    assert kept.resident is None and kept.message == "" and kept.contact_email == ""
    assert await ResponseMessage.count() == 0
    assert await CaseloadLink.count() == 0 and await CoachNote.count() == 0
    assert (await Placement.objects().first()).resident is None
    # And nobody can sign in with the account any more.
    again = await sign_in(client, account.email, DEFAULT_PASSWORD)
    assert again.status_code != 303
