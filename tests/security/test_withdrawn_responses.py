"""Finding 2: an organisation sees what was shared when the resident responded (a
snapshot), never the live profile; after withdrawal only that it was withdrawn."""

from __future__ import annotations

from meedoen.residents.tables import Resident
from meedoen.responses.service import withdraw
from organisations.conftest import a_resident, a_response, posting_of


async def test_the_organisation_sees_the_profile_as_it_was_when_the_resident_responded(
    client, clean_database, signed_in_as
):
    member = await signed_in_as("organisation")
    ref = await posting_of(member)
    _, resident = await a_resident("Zoë", summary="Ik kook graag voor anderen.")
    response = await a_response(ref, resident, shared=("first_name", "email", "profile"))
    await (
        Resident.update(
            {Resident.summary: "Later geschreven, niet gedeeld", Resident.first_name: "Z"}
        )
        .where(Resident.id == resident.id)
        .run()
    )

    page = await client.get(f"/organisatie/reacties/{response.ref}")

    assert page.status_code == 200
    assert "Ik kook graag voor anderen." in page.text and "Zoë" in page.text
    assert "Later geschreven" not in page.text


async def test_after_withdrawal_the_organisation_sees_only_that_it_was_withdrawn(
    client, clean_database, signed_in_as
):
    member = await signed_in_as("organisation")
    ref = await posting_of(member)
    _, resident = await a_resident("Zoë", summary="Ik kook graag voor anderen.")
    response = await a_response(
        ref, resident, shared=("first_name", "email", "phone", "profile"), email="zoe@example.nl"
    )
    await withdraw(response.id)
    await (
        Resident.update({Resident.summary: "Na het intrekken", Resident.visibility: "private"})
        .where(Resident.id == resident.id)
        .run()
    )

    page = await client.get(f"/organisatie/reacties/{response.ref}")
    inbox = await client.get("/organisatie/reacties")

    assert page.status_code == 200
    assert "heeft deze reactie ingetrokken" in page.text
    for leaked in (
        "zoe@example.nl",
        "0612345678",
        "Ik kook graag",
        "Na het intrekken",
        "Ik wil graag meedoen!",
    ):
        assert leaked not in page.text, leaked
    assert "Zoë" not in page.text and "Zoë" not in inbox.text
