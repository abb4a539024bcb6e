"""A resident's path says who their coach is, in which team, and how and when to reach
them: the coach fills that in once, for everyone in their caseload."""

from __future__ import annotations

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.tables import CoachCard
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, sign_in
from traject.conftest import a_placed_resident

CARD = {
    "team": "Wijkteam West, Pathmos",
    "phone": "053 481 22 33",
    "availability": "Dinsdag en donderdag, van 9.00 tot 12.00 uur",
}


async def a_coach_signed_in(client) -> CurrentUser:  # type: ignore[no-untyped-def]
    """A coach account made as every account is, signed in on ``client``."""
    account = await make_account("coach", display_name="Coach Fatima")
    response = await sign_in(client, account.email, DEFAULT_PASSWORD)
    assert response.status_code == 303
    return CurrentUser(
        account_id=account.id,
        email=account.email,
        role="coach",
        display_name="Coach Fatima",
        language="nl",
    )


async def test_the_coach_fills_in_their_card_and_their_residents_see_it(app, clean_database):
    other = await a_placed_resident("Anouk", coach_name="Coach Daan")
    async with app_client(app) as coach_client:
        placed = await a_placed_resident("Zoë", coach=await a_coach_signed_in(coach_client))
        form = await coach_client.get("/coach/bereikbaarheid")
        assert form.status_code == 200
        assert 'aria-current="page"' in form.text
        saved = await coach_client.post(
            "/coach/bereikbaarheid", data={**CARD, "_csrf_token": csrf_token(form.text)}
        )
        assert saved.status_code == 303
        again = await coach_client.get("/coach/bereikbaarheid")
        assert 'value="Wijkteam West, Pathmos"' in again.text

    async with app_client(app) as resident_client:
        await sign_in(resident_client, placed.resident_account.email, DEFAULT_PASSWORD)
        page = (await resident_client.get("/mijn/traject")).text
        assert "Je coach is Coach Fatima." in page
        for value in CARD.values():
            assert value in page
        assert 'href="tel:0534812233"' in page

    async with app_client(app) as other_client:
        await sign_in(other_client, other.resident_account.email, DEFAULT_PASSWORD)
        page = (await other_client.get("/mijn/traject")).text
        assert "Je coach is Coach Daan." in page
        assert "Pathmos" not in page and "053 481 22 33" not in page


async def test_a_wrong_card_is_refused_per_field_and_the_input_is_kept(
    client, clean_database, signed_in_as
):
    coach = await signed_in_as("coach")
    form = await client.get("/coach/bereikbaarheid")
    typed = {
        "team": "Team " + "x" * 130,
        "phone": "bel me maar",
        "availability": "Alleen op maandag",
    }
    refused = await client.post(
        "/coach/bereikbaarheid", data={**typed, "_csrf_token": csrf_token(form.text)}
    )
    assert refused.status_code == 400
    assert "hoogstens 120 tekens" in refused.text
    assert "Vul een telefoonnummer in met alleen cijfers" in refused.text
    assert 'value="bel me maar"' in refused.text and 'value="Alleen op maandag"' in refused.text
    assert 'href="#phone"' in refused.text
    assert await CoachCard.count().where(CoachCard.account == coach.id) == 0


async def test_the_card_is_in_the_coachs_data_download_and_goes_with_their_account(
    client, clean_database, signed_in_as
):
    from meedoen.accounts.current_user import CurrentUser
    from meedoen.accounts.personal_data import forget_account
    from meedoen.privacy.export import everything_about

    coach = await signed_in_as("coach")
    form = await client.get("/coach/bereikbaarheid")
    await client.post("/coach/bereikbaarheid", data={**CARD, "_csrf_token": csrf_token(form.text)})
    user = CurrentUser(coach.id, coach.email, "coach", coach.display_name, "nl")
    assert (await everything_about(user))["coach_card"]["team"] == CARD["team"]

    await forget_account(coach.id)
    assert await CoachCard.count().where(CoachCard.account == coach.id) == 0
