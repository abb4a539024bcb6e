"""A resident under 16 responds: the organisation sees nothing until a parent or guardian
said yes by e-mail; the link confirms once, however many times it is pressed at once."""

from __future__ import annotations

import asyncio
import datetime as dt

from meedoen.residents.tables import Resident
from meedoen.responses.tables import GuardianConsent, Response
from organisations.conftest import posting_of
from support.app import app_client
from support.auth import csrf_token, make_account, post_form

GUARDIAN = "ouder.van.sem@example.nl"


async def a_young_resident_responds(client, signed_in_as, age: int = 15):  # type: ignore[no-untyped-def]
    member = await make_account("organisation")
    posting = await posting_of(member, title="Fietsen repareren", min_age=13)
    account = await signed_in_as("resident", display_name="Sem")
    assert (await client.get("/mijn")).status_code == 200  # the resident's own row
    await Resident.update({Resident.birth_year: dt.date.today().year - age}).where(
        Resident.account == account.id
    )
    return member, posting, account


async def test_a_15_year_olds_response_waits_for_a_parents_yes_before_the_organisation_sees_it(
    client, app, clean_database, signed_in_as, mailbox
):
    _member, posting, account = await a_young_resident_responds(client, signed_in_as)
    draft = {"message": "Ik sleutel graag aan fietsen.", "shared": ["first_name", "email"]}

    without = await post_form(client, f"/kansen/{posting}/reageren", draft)
    own_address = await post_form(
        client,
        f"/kansen/{posting}/reageren",
        {**draft, "guardian_email": account.email},
    )
    sent = await post_form(
        client, f"/kansen/{posting}/reageren", {**draft, "guardian_email": GUARDIAN}
    )

    assert without.status_code == 400
    assert "Vul het e-mailadres van je ouder of verzorger in." in without.text
    assert "Ik sleutel graag aan fietsen." in without.text  # kept
    assert own_address.status_code == 400
    assert "niet je eigen adres" in own_address.text
    assert sent.status_code == 303
    assert await Response.count() == 0  # the organisation sees nothing yet
    waiting = (await client.get("/mijn/gegevens/download")).json()["waiting_for_a_parent"]
    assert [w["guardian_email"] for w in waiting] == [GUARDIAN]  # in the resident's data
    overview = (await client.get("/mijn/gegevens/overzicht")).text
    assert "Reacties en aanmeldingen die wachten op je ouder of verzorger" in overview
    mail = await mailbox.wait_for(GUARDIAN, "Toestemming gevraagd")
    assert "Fietsen repareren" in mail.text and "Fietsen repareren" not in mail.subject
    link = mail.link("/toestemming/")

    async with app_client(app) as parent:
        page = await parent.get(link)
        assert page.status_code == 200
        assert "Ik sleutel graag aan fietsen." in page.text and "Fietsen repareren" in page.text
        assert await Response.count() == 0  # opening the link changes nothing
        yes = await parent.post(link, data={"_csrf_token": csrf_token(page.text)})
        again = await parent.get(link)

    assert yes.status_code == 200 and "Dank je wel" in yes.text
    assert "al bevestigd" in again.text
    response = await Response.objects().first()
    assert response is not None and response.message == "Ik sleutel graag aan fietsen."
    inbox = await client.get("/mijn/reacties")
    assert "Fietsen repareren" in inbox.text


async def test_from_16_a_response_needs_no_parent(client, clean_database, signed_in_as):
    _member, posting, _account = await a_young_resident_responds(client, signed_in_as, age=17)

    sent = await post_form(
        client, f"/kansen/{posting}/reageren", {"message": "Hoi", "shared": ["email"]}
    )

    assert sent.status_code == 303
    assert await Response.count() == 1
    assert await GuardianConsent.count() == 0


async def test_twenty_four_simultaneous_yeses_make_one_response(
    client, app, clean_database, signed_in_as, mailbox
):
    _member, posting, _account = await a_young_resident_responds(client, signed_in_as)
    await post_form(
        client,
        f"/kansen/{posting}/reageren",
        {"message": "Graag!", "shared": ["email"], "guardian_email": GUARDIAN},
    )
    link = (await mailbox.wait_for(GUARDIAN, "Toestemming gevraagd")).link("/toestemming/")
    parents = [app_client(app) for _ in range(4)]
    tokens = [csrf_token((await parent.get(link)).text) for parent in parents]
    start = asyncio.Event()

    async def press(number: int) -> int:
        await start.wait()
        answer = await parents[number % 4].post(link, data={"_csrf_token": tokens[number % 4]})
        return answer.status_code

    tasks = [asyncio.ensure_future(press(n)) for n in range(24)]
    await asyncio.sleep(0)
    start.set()
    statuses = await asyncio.gather(*tasks)
    for parent in parents:
        await parent.aclose()

    assert set(statuses) == {200}
    assert await Response.count() == 1
    consent = await GuardianConsent.objects().first()
    assert consent is not None and consent.confirmed_at is not None
    assert consent.response is not None


async def test_a_response_no_parent_confirmed_is_erased_when_its_link_expires(
    client, settings, clean_database, signed_in_as, mailbox
):
    from meedoen.retention.service import apply_retention

    _member, posting, _account = await a_young_resident_responds(client, signed_in_as)
    await post_form(
        client,
        f"/kansen/{posting}/reageren",
        {"message": "Graag!", "shared": ["email"], "guardian_email": GUARDIAN},
    )
    now = dt.datetime.now(dt.UTC)

    await apply_retention(settings, now + dt.timedelta(days=13))
    kept = await GuardianConsent.count()
    await apply_retention(settings, now + dt.timedelta(days=15))

    assert kept == 1
    assert await GuardianConsent.count() == 0
    assert await Response.count() == 0
