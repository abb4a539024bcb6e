"""The coach gets a digest of changes (issue 17): when a resident adds an agreement or
ticks one off (with a note), their coach hears of it, by default in the daily mail, and
without anything the resident wrote in the subject."""

from __future__ import annotations

import asyncio
import datetime as dt

from meedoen import i18n
from meedoen.notifications import digest
from meedoen.notifications.kinds import KINDS
from meedoen.notifications.tables import Notification
from meedoen.traject import service
from organisations.conftest import a_resident
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, sign_in
from traject.conftest import a_placed_resident

PATH = "/mijn/traject"


async def coach_notifications(account_id: int) -> list[dict]:
    return await Notification.select(
        Notification.kind, Notification.delivery, Notification.link
    ).where(Notification.account == account_id)


async def test_a_tick_reaches_the_coach_in_the_daily_digest(app, clean_database, mailbox, settings):
    placed = await a_placed_resident("Zoë")
    agreement = await service.add_agreement(
        placed.resident,
        "Ik bel de bibliotheek",
        "bewoner",
        None,
        author_id=placed.resident_account.id,
    )  # without settings, as a coach's own addition: nobody is told
    async with app_client(app) as client:
        assert (
            await sign_in(client, placed.resident_account.email, DEFAULT_PASSWORD)
        ).status_code == 303
        page = await client.get(PATH)
        ticked = await client.post(
            f"{PATH}/afspraken/{agreement.ref}/klaar",
            data={"_csrf_token": csrf_token(page.text), "note": "Gebeld, ik mag dinsdag komen"},
        )
    assert ticked.status_code == 303

    (made,) = await coach_notifications(placed.coach.account_id)
    assert made["kind"] == "agreement_changed" and made["delivery"] == "daily"
    assert made["link"] == f"/coach/bewoners/{placed.resident.ref}/traject#afspraken"
    await mailbox.deliver()
    assert mailbox.received(placed.coach.email) == []  # it waits for the daily mail

    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1, hours=1)
    assert await digest.send_due_digests(settings, tomorrow) == 1
    mail = await mailbox.wait_for(placed.coach.email)
    assert "Zoë heeft iets veranderd aan de afspraken" in mail.text
    assert "Zoë" not in mail.subject and "Gebeld" not in mail.subject
    assert "Gebeld" not in mail.text  # the note stays on the platform


async def test_a_resident_without_a_coach_tells_nobody(clean_database, settings):
    account, resident = await a_resident("Fenna")
    agreement = await service.add_agreement(
        resident,
        "Ik ga naar de Doen-beurs",
        "bewoner",
        None,
        author_id=account.id,
        settings=settings,
    )
    assert await service.tick_off(resident, agreement.ref, "Was leuk", settings)
    assert await Notification.count() == 0


async def test_twenty_ticks_at_once_are_one_change(clean_database, settings):
    placed = await a_placed_resident()
    agreement = await service.add_agreement(
        placed.resident, "Ik maak een cv", "bewoner", None, author_id=placed.resident_account.id
    )
    done = await asyncio.gather(
        *(service.tick_off(placed.resident, agreement.ref, "Klaar", settings) for _ in range(20)),
        return_exceptions=True,
    )
    assert [d for d in done if d is True] == [True]
    assert await Notification.count().where(Notification.kind == "agreement_changed") == 1


async def test_a_new_agreement_is_heard_too(clean_database, settings):
    placed = await a_placed_resident()
    await service.add_agreement(
        placed.resident,
        "Ik vraag naar een stage",
        "bewoner",
        None,
        author_id=placed.resident_account.id,
        settings=settings,
    )
    assert [n["kind"] for n in await coach_notifications(placed.coach.account_id)] == [
        "agreement_changed"
    ]


async def test_coaches_choose_how_they_hear_of_it(app, clean_database):
    coach = await make_account("coach", display_name="Coach Sanne")
    async with app_client(app) as client:
        assert (await sign_in(client, coach.email, DEFAULT_PASSWORD)).status_code == 303
        page = await client.get("/meldingen/instellingen")
    assert page.status_code == 200
    assert "Een bewoner verandert iets aan de afspraken" in page.text
    with i18n.language("en"):
        assert i18n.gettext(KINDS["agreement_changed"].setting).startswith("A resident changes")
