"""Mijn traject through the app: the resident's own path, hours the organisation
confirms, a proof that anyone can check, and who may see what."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader

from meedoen.audit.tables import AuditEvent
from meedoen.traject.tables import Agreement, HoursEntry, Proof
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, sign_in
from traject.conftest import a_placed_resident

PATH = "/mijn/traject"


async def _sign_in(client, account) -> None:  # type: ignore[no-untyped-def]
    response = await sign_in(client, account.email, DEFAULT_PASSWORD)
    assert response.status_code == 303


async def post(client, path: str, data: dict):  # type: ignore[no-untyped-def]
    return await client.post(path, data=data)


async def test_a_resident_sees_their_coach_and_progress_in_words_without_a_step_number(
    app, clean_database
):
    placed = await a_placed_resident()
    placed.resident.ladder_rung = 1
    await placed.resident.save()
    async with app_client(app) as client:
        await _sign_in(client, placed.resident_account)
        page = await client.get(PATH)
    assert page.status_code == 200
    assert "Coach Fatima" in page.text
    assert "Gastvrouw in het buurthuis" in page.text
    assert "Je bent hier begonnen." in page.text
    assert "geïsoleerd" not in page.text.lower()
    assert "Stap 1 van 6" not in page.text


async def test_agreements_the_resident_ticks_off_and_a_coach_adds(app, clean_database):
    placed = await a_placed_resident()
    async with app_client(app) as coach_client, app_client(app) as client:
        # The coach signs in through a password: make the coach a real account.
        await _sign_in(client, placed.resident_account)
        page = await client.get(PATH)
        added = await post(
            client,
            PATH + "/afspraken",
            {
                "_csrf_token": csrf_token(page.text),
                "text": "Ik ga naar de Doen-beurs",
                "due_on": "",
            },
        )
        assert added.status_code == 303
        empty = await post(
            client, PATH + "/afspraken", {"_csrf_token": csrf_token(page.text), "text": "  "}
        )
        assert empty.status_code == 400
        assert "Schrijf op wat jullie afspreken." in empty.text
        agreement = await Agreement.objects().first()
        ticked = await post(
            client,
            f"{PATH}/afspraken/{agreement.ref}/klaar",
            {"_csrf_token": csrf_token(page.text), "note": "Was leuk"},
        )
        assert ticked.status_code == 303
        again = await post(
            client,
            f"{PATH}/afspraken/{agreement.ref}/klaar",
            {"_csrf_token": csrf_token(page.text), "note": ""},
        )
        assert again.status_code == 404
        assert coach_client is not None
    stored = await Agreement.objects().first()
    assert stored.done_at is not None and stored.note == "Was leuk"


async def test_hours_recorded_confirmed_and_counted_per_placement_and_year(app, clean_database):
    placed = await a_placed_resident()
    week = dt.date.today() - dt.timedelta(days=7)
    async with app_client(app) as client, app_client(app) as organisation:
        await _sign_in(client, placed.resident_account)
        page = await client.get(PATH)
        token = csrf_token(page.text)
        bad = await post(
            client,
            PATH + "/uren",
            {
                "_csrf_token": token,
                "placement": placed.placement.ref,
                "week_of": week.isoformat(),
                "hours": "veel",
            },
        )
        assert bad.status_code == 400 and "bijvoorbeeld 6 of 3,5" in bad.text
        assert 'value="veel"' in bad.text
        recorded = await post(
            client,
            PATH + "/uren",
            {
                "_csrf_token": token,
                "placement": placed.placement.ref,
                "week_of": week.isoformat(),
                "hours": "6,5",
            },
        )
        assert recorded.status_code == 303
        entry = await HoursEntry.objects().first()
        assert entry.minutes == 390 and entry.status == "wacht"

        # Another organisation cannot confirm them; the placement's organisation can.
        async with app_client(app) as stranger:
            await _sign_in(stranger, placed.other_member)
            other_page = await stranger.get("/organisatie/uren")
            assert placed.resident.first_name not in other_page.text
            refused = await post(
                stranger,
                f"/organisatie/uren/{entry.ref}",
                {"_csrf_token": csrf_token(other_page.text)},
            )
            assert refused.status_code == 404
        assert (await HoursEntry.objects().first()).status == "wacht"

        await _sign_in(organisation, placed.member)
        hours_page = await organisation.get("/organisatie/uren")
        assert placed.resident.first_name in hours_page.text
        confirmed = await post(
            organisation,
            f"/organisatie/uren/{entry.ref}",
            {"_csrf_token": csrf_token(hours_page.text), "hours": "6"},
        )
        assert confirmed.status_code == 303
        mine = await client.get(PATH)
    stored = await HoursEntry.objects().first()
    assert stored.status == "bevestigd" and stored.confirmed_minutes == 360
    totals = mine.text[mine.text.index('id="uren-totaal"') :]
    assert str(week.year) in totals and ">6<" in totals.replace(" ", "")


async def test_a_proof_is_asked_issued_downloaded_and_checked_by_anyone(
    app, clean_database, settings
):
    placed = await a_placed_resident()
    async with (
        app_client(app) as client,
        app_client(app) as organisation,
        app_client(app) as anyone,
    ):
        await _sign_in(client, placed.resident_account)
        page = await client.get(PATH)
        asked = await post(
            client,
            f"{PATH}/plaatsingen/{placed.placement.ref}/bewijs",
            {"_csrf_token": csrf_token(page.text)},
        )
        assert asked.status_code == 303
        twice = await post(
            client,
            f"{PATH}/plaatsingen/{placed.placement.ref}/bewijs",
            {"_csrf_token": csrf_token(page.text)},
        )
        assert twice.status_code == 400 and "al een bewijs gevraagd" in twice.text
        proof = await Proof.objects().first()

        await _sign_in(organisation, placed.member)
        form_page = await organisation.get(f"/organisatie/bewijzen/{proof.ref}")
        assert form_page.status_code == 200 and "nauwkeurig" in form_page.text
        missing = await post(
            organisation,
            f"/organisatie/bewijzen/{proof.ref}",
            {"_csrf_token": csrf_token(form_page.text), "skills": ["samenwerken"], "sentence": ""},
        )
        assert missing.status_code == 400 and "Schrijf één zin" in missing.text
        issued = await post(
            organisation,
            f"/organisatie/bewijzen/{proof.ref}",
            {
                "_csrf_token": csrf_token(form_page.text),
                "skills": ["samenwerken", "klantvriendelijk"],
                "sentence": "Zoë ontving elke week de gasten met een glimlach.",
            },
        )
        assert issued.status_code == 303

        pdf = await client.get(f"{PATH}/bewijzen/{proof.ref}/pdf")
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(pdf.content))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "Bewijs van meedoen" in text and "glimlach" in text and "samenwerken" in text
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
        assert root["/Lang"] == "nl"
        link = re.search(r"https?://\S+/bewijs/\S+", text.replace("\n", ""))
        assert link, text
        path = "/bewijs/" + link.group(0).split("/bewijs/")[1]

        genuine = await anyone.get(path)
        assert "echt en ongewijzigd" in genuine.text
        assert "Zoë" not in genuine.text and "glimlach" not in genuine.text
        tampered = await anyone.get(path[:-3] + ("aaa" if not path.endswith("aaa") else "bbb"))
        assert "niet echt" in tampered.text

        withdrawn = await post(
            client, f"{PATH}/bewijzen/{proof.ref}/intrekken", {"_csrf_token": csrf_token(page.text)}
        )
        assert withdrawn.status_code == 303
        assert "ingetrokken" in (await anyone.get(path)).text

    viewed = await AuditEvent.objects().where(AuditEvent.action == "proof.viewed")
    assert len(viewed) == 1
