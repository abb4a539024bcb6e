"""The demo resident's path shows something real on every part of the page."""

from __future__ import annotations

from meedoen.traject.tables import Agreement, HoursEntry, Proof
from support.auth import sign_in


async def test_the_demo_resident_has_a_coach_agreements_confirmed_hours_and_a_proof(client, corpus):
    from meedoen.demo.seed import seed_demo

    await seed_demo()
    await seed_demo()  # idempotent
    demo = Agreement.resident.account.email == "bewoner@meedoen-west.example"
    assert await Agreement.count().where(demo) == 3
    of_demo = Proof.resident.account.email == "bewoner@meedoen-west.example"
    assert await Proof.count().where(of_demo & (Proof.status == "uitgegeven")) == 1
    hours_of_demo = HoursEntry.resident.account.email == "bewoner@meedoen-west.example"
    assert await HoursEntry.count().where(hours_of_demo & (HoursEntry.status == "bevestigd")) == 5

    signed = await sign_in(client, "bewoner@meedoen-west.example", "demo-bewoner-west")
    assert signed.status_code == 303
    page = await client.get("/mijn/traject")
    assert page.status_code == 200
    assert "Je coach is Coach Fatima." in page.text
    assert "Wijkteam West, Stadsveld" in page.text and "053 481 00 00" in page.text
    assert page.text.count("De datum is voorbij") == 1
    assert "Download je bewijs van meedoen (pdf)" in page.text
    proof = await Proof.objects().where(of_demo).first()
    pdf = await client.get(f"/mijn/traject/bewijzen/{proof.ref}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
