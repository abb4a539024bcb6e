"""A coach saving their card from several tabs at once keeps one card, never two."""

from __future__ import annotations

from meedoen.accounts.service import coach_card
from meedoen.accounts.tables import CoachCard
from races.conftest import BURST, at_once
from races.test_caps_races import signed_in_clients
from support.auth import make_account


async def test_many_saves_of_one_coach_card_at_once_leave_one_card(database, instances):
    coach = await make_account("coach")
    clients = await signed_in_clients(instances, coach)

    def save(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        data = {"team": f"Team {number}", "phone": "053 481 00 00", "_csrf_token": token}
        return lambda: client.post("/coach/bereikbaarheid", data=data)

    responses = await at_once([save(n) for n in range(BURST)])

    assert all(response.status_code == 303 for response in responses)
    assert await CoachCard.count().where(CoachCard.account == coach.id) == 1
    assert (await coach_card(coach.id)).team in {f"Team {n}" for n in range(BURST)}
