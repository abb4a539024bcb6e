"""The demo district has a programme with something real on every new page: Twente goes
Techno with two member companies, a meeting held and one to come, kansen and results."""

from __future__ import annotations

from support.auth import sign_in


async def test_the_demo_programme_shows_its_meetings_members_and_reach(client, corpus):
    from meedoen.demo.seed import seed_demo
    from meedoen.programmes import service
    from meedoen.programmes.reach import reach_of

    await seed_demo()
    await seed_demo()  # idempotent

    [programme] = [
        p for p in await service.public_programmes() if p["name"] == "Twente goes Techno"
    ]
    members = await service.members_of(programme["id"])
    items = await service.items_of(programme["id"])
    reach = await reach_of(items)
    assert len([m for m in members if m["status"] == "geaccepteerd"]) == 3  # the school and two
    assert len(items["activiteit"]) == 2 and items["kans"]
    assert reach.meetings_held == 1
    assert reach.young_people >= 5 and reach.stages >= 4 and reach.jobs >= 2

    public = await client.get(f"/programmas/{programme['ref']}")
    assert public.status_code == 200
    assert "Open werkplaats Precisietechniek" in public.text
    assert "Twekkelo Staal" in public.text
    assert "Waar" in public.text and "Praktijkschool Het Ambacht" in public.text
    signed = await sign_in(client, "school@meedoen-west.example", "demo-school-west")
    assert signed.status_code == 303
    own = await client.get(f"/programmas/{programme['ref']}")
    assert "Bereik tot nu toe" in own.text
    insight = await client.get("/organisatie/programmas")
    assert "Twente goes Techno" in insight.text
