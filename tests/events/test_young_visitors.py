"""A resident under 16 signs up for a meeting: the organiser sees nothing until a parent or
guardian said yes by e-mail (the same link and page as for a response); the yes makes the
sign-up once, however many times it is pressed at once. From 16 no parent is asked."""

from __future__ import annotations

import asyncio
import datetime as dt

from events.conftest import a_meeting, organiser_account, slot
from meedoen.residents.tables import Resident
from support.app import app_client
from support.auth import csrf_token, post_form

GUARDIAN = "ouder.van.noor@example.nl"


async def a_young_resident(client, signed_in_as, age: int = 15):  # type: ignore[no-untyped-def]
    account = await signed_in_as("resident", display_name="Noor")
    assert (await client.get("/mijn")).status_code == 200  # the resident's own row
    await Resident.update({Resident.birth_year: dt.date.today().year - age}).where(
        Resident.account == account.id
    )
    return account


async def test_a_15_year_olds_sign_up_waits_for_a_parents_yes(
    client, app, clean_database, signed_in_as, mailbox
):
    from meedoen.events.signups import visitors_of
    from meedoen.events.tables import SignUp

    _, organisation = await organiser_account()
    visit = await a_meeting(organisation, kind="bedrijfsbezoek", title="Kijken in de werkplaats")
    account = await a_young_resident(client, signed_in_as)
    page = f"/activiteiten/{visit.ref}"
    action = f"{page}/aanmelden"

    form = await client.get(page)
    assert "E-mailadres van je ouder of verzorger" in form.text
    without = await post_form(client, page, {"wie": "ik", "met_coach": "1"}, action)
    own_address = await post_form(
        client, page, {"wie": "ik", "guardian_email": account.email}, action
    )
    sent = await post_form(client, page, {"wie": "ik", "guardian_email": GUARDIAN}, action)

    assert without.status_code == 400
    assert "Vul het e-mailadres van je ouder of verzorger in." in without.text
    assert own_address.status_code == 400 and "niet je eigen adres" in own_address.text
    assert sent.status_code == 303
    assert await SignUp.count().where(SignUp.meeting == visit.meeting["id"]) == 0
    assert await visitors_of(visit.meeting["id"]) == []  # the organiser sees nothing
    waiting = (await client.get("/mijn/gegevens/download")).json()["waiting_for_a_parent"]
    assert [(w["meeting"], w["guardian_email"]) for w in waiting] == [
        ("Kijken in de werkplaats", GUARDIAN)
    ]
    again = await post_form(client, page, {"wie": "ik", "guardian_email": GUARDIAN}, action)
    assert again.status_code == 303  # already waiting: no second mail
    mail = await mailbox.wait_for(GUARDIAN, "Toestemming gevraagd voor een aanmelding")
    assert "Kijken in de werkplaats" in mail.text
    link = mail.link("/toestemming/")

    async with app_client(app) as parent:
        consent_page = await parent.get(link)
        assert consent_page.status_code == 200
        assert "Kijken in de werkplaats" in consent_page.text
        assert await SignUp.count().where(SignUp.meeting == visit.meeting["id"]) == 0
        token = csrf_token(consent_page.text)
        presses = await asyncio.gather(
            *(parent.post(link, data={"_csrf_token": token}) for _ in range(20))
        )
        after = await parent.get(link)

    assert all(p.status_code == 200 for p in presses)
    assert sum("is nu aangemeld" in p.text for p in presses) == 1
    assert "al bevestigd" in after.text
    rows = await SignUp.select().where(SignUp.meeting == visit.meeting["id"])
    assert len(rows) == 1 and rows[0]["status"] == "aangemeld"
    assert [v["name"] for v in await visitors_of(visit.meeting["id"])] == ["Noor"]
    await mailbox.wait_for(account.email, "aangemeld")
    assert len(mailbox.received(GUARDIAN)) == 1


async def test_a_parents_yes_for_a_full_meeting_puts_the_child_on_the_waiting_list(
    client, app, clean_database, signed_in_as, mailbox
):
    from events.conftest import guest
    from meedoen.events.signups import sign_up
    from meedoen.events.tables import SignUp

    _, organisation = await organiser_account()
    visit = await a_meeting(organisation, slots=(slot(capacity=1),))
    await a_young_resident(client, signed_in_as, age=14)
    page = f"/activiteiten/{visit.ref}"
    await post_form(client, page, {"wie": "ik", "guardian_email": GUARDIAN}, f"{page}/aanmelden")
    await sign_up(visit, None, guest("snel"), base_url="", secret_key="x")  # the last place
    link = (await mailbox.wait_for(GUARDIAN, "Toestemming gevraagd")).link("/toestemming/")

    async with app_client(app) as parent:
        consent_page = await parent.get(link)
        yes = await parent.post(link, data={"_csrf_token": csrf_token(consent_page.text)})

    assert yes.status_code == 200
    young = await SignUp.select().where(
        (SignUp.meeting == visit.meeting["id"]) & SignUp.resident.is_not_null()
    )
    assert [r["status"] for r in young] == ["wachtlijst"]


async def test_the_parent_reads_the_time_slot_the_child_chose(
    client, app, clean_database, signed_in_as, mailbox
):
    from meedoen.events.presenters import time_span

    _, organisation = await organiser_account()
    visit = await a_meeting(
        organisation, title="Twee rondes", slots=(slot(days_ahead=7), slot(days_ahead=9))
    )
    first, second = visit.slots
    await a_young_resident(client, signed_in_as)
    page = f"/activiteiten/{visit.ref}"
    await post_form(
        client,
        page,
        {"wie": "ik", "slot": str(second["id"]), "guardian_email": GUARDIAN},
        f"{page}/aanmelden",
    )
    link = (await mailbox.wait_for(GUARDIAN, "Toestemming gevraagd")).link("/toestemming/")

    async with app_client(app) as parent:
        consent_page = (await parent.get(link)).text

    assert time_span(second["starts_at"], second["ends_at"]) in consent_page
    assert time_span(first["starts_at"], first["ends_at"]) not in consent_page


async def test_from_16_a_sign_up_needs_no_parent(client, clean_database, signed_in_as, mailbox):
    from meedoen.events.tables import SignUp

    _, organisation = await organiser_account()
    visit = await a_meeting(organisation)
    await a_young_resident(client, signed_in_as, age=17)
    page = f"/activiteiten/{visit.ref}"

    assert "E-mailadres van je ouder of verzorger" not in (await client.get(page)).text
    sent = await post_form(client, page, {"wie": "ik"}, f"{page}/aanmelden")

    assert sent.status_code == 303
    assert await SignUp.count().where(SignUp.meeting == visit.meeting["id"]) == 1


async def test_deleting_the_account_deletes_a_waiting_sign_up(
    client, clean_database, signed_in_as, mailbox
):
    from meedoen.responses.tables import GuardianConsent

    _, organisation = await organiser_account()
    visit = await a_meeting(organisation)
    await a_young_resident(client, signed_in_as)
    page = f"/activiteiten/{visit.ref}"
    await post_form(client, page, {"wie": "ik", "guardian_email": GUARDIAN}, f"{page}/aanmelden")
    assert await GuardianConsent.count() == 1

    deleted = await post_form(
        client, "/mijn/gegevens", {"confirm": "1"}, "/mijn/gegevens/verwijderen"
    )

    assert deleted.status_code in (200, 303)
    assert await GuardianConsent.count() == 0
