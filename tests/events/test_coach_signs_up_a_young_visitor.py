"""A coach signs up a resident of their caseload who is under 16: as when the resident
signs up themselves, a parent or guardian must say yes by e-mail first. The organiser sees
nothing until then, and the yes makes the sign-up once, however often it is pressed. From
16 no parent is asked."""

from __future__ import annotations

import asyncio
import datetime as dt

from coaching.conftest import a_resident_of, as_user
from events.conftest import a_meeting, organiser_account
from support.app import app_client
from support.auth import csrf_token, post_form

GUARDIAN = "ouder.van.daan@example.nl"
NOTE = "Gevraagd in het gesprek van maandag; Daan wil graag mee."


async def a_coach_with(client, signed_in_as, age: int):  # type: ignore[no-untyped-def]
    coach = await signed_in_as("coach", display_name="Coach Fatima")
    resident = await a_resident_of(
        as_user(coach), first_name="Daan", birth_year=dt.date.today().year - age
    )
    return coach, resident


async def test_a_coach_signing_up_a_15_year_old_waits_for_a_parents_yes(
    client, app, clean_database, signed_in_as, mailbox
):
    from meedoen.events.signups import visitors_of
    from meedoen.events.tables import SignUp

    _, organisation = await organiser_account()
    visit = await a_meeting(organisation, kind="bedrijfsbezoek", title="Kijken bij de bakker")
    coach, resident = await a_coach_with(client, signed_in_as, age=15)
    page = f"/coach/activiteiten/{visit.ref}/aanmelden"
    form = {"resident": resident.ref, "consent_note": NOTE, "met_coach": "1"}

    shown = await client.get(page)
    without = await post_form(client, page, form)
    own_address = await post_form(client, page, {**form, "guardian_email": coach.email})
    sent = await post_form(client, page, {**form, "guardian_email": GUARDIAN})
    told = await client.get(sent.headers["location"])
    again = await post_form(client, page, {**form, "guardian_email": GUARDIAN})
    told_again = await client.get(again.headers["location"])

    assert "E-mailadres van de ouder of verzorger" in shown.text
    assert without.status_code == 400
    # The coach fills it in: the message speaks of "de" parent, not the coach's own.
    assert "Vul het e-mailadres van de ouder of verzorger in." in without.text
    assert NOTE in without.text  # what the coach typed is kept
    assert own_address.status_code == 400
    assert "niet dat van de bewoner of van jezelf" in own_address.text
    assert coach.email in own_address.text
    assert sent.status_code == 303
    assert "De ouder of verzorger krijgt een e-mail" in told.text
    assert again.status_code == 303  # already waiting: no second mail
    assert "wacht al op ‘ja’ van een ouder of verzorger" in told_again.text
    assert await SignUp.count().where(SignUp.meeting == visit.meeting["id"]) == 0
    assert await visitors_of(visit.meeting["id"]) == []  # the organiser sees nothing
    mail = await mailbox.wait_for(GUARDIAN, "Toestemming gevraagd voor een aanmelding")
    assert "Kijken bij de bakker" in mail.text
    link = mail.link("/toestemming/")

    async with app_client(app) as parent:
        consent_page = await parent.get(link)
        assert consent_page.status_code == 200 and "Kijken bij de bakker" in consent_page.text
        token = csrf_token(consent_page.text)
        presses = await asyncio.gather(
            *(parent.post(link, data={"_csrf_token": token}) for _ in range(20))
        )

    assert all(p.status_code == 200 for p in presses)
    assert sum("is nu aangemeld" in p.text for p in presses) == 1
    rows = await SignUp.select().where(SignUp.meeting == visit.meeting["id"])
    assert len(rows) == 1
    assert rows[0]["status"] == "aangemeld" and rows[0]["resident"] == resident.id
    assert rows[0]["signed_up_by"] == coach.id and rows[0]["consent_note"] == NOTE
    assert rows[0]["with_coach"] is True
    assert [v["name"] for v in await visitors_of(visit.meeting["id"])] == ["Daan"]
    assert len(mailbox.received(GUARDIAN)) == 1


async def test_a_coach_signs_up_a_16_year_old_without_a_parent(
    client, clean_database, signed_in_as, mailbox
):
    from meedoen.events.tables import SignUp
    from meedoen.responses.tables import GuardianConsent

    _, organisation = await organiser_account()
    visit = await a_meeting(organisation)
    # Only the birth year is known: born 17 years ago this year is surely 16 or older.
    _, resident = await a_coach_with(client, signed_in_as, age=17)
    page = f"/coach/activiteiten/{visit.ref}/aanmelden"

    shown = await client.get(page)
    sent = await post_form(client, page, {"resident": resident.ref, "consent_note": NOTE})

    assert "E-mailadres van de ouder of verzorger" not in shown.text
    assert sent.status_code == 303
    assert await SignUp.count().where(SignUp.meeting == visit.meeting["id"]) == 1
    assert await GuardianConsent.count() == 0
