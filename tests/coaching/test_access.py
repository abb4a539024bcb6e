"""Nobody but the resident's own coach reaches the file: not an organisation member, not
a coach of another caseload, not by typing a URL or by changing ids in a form."""

from __future__ import annotations

import datetime as dt

import pytest

from coaching.conftest import a_placement, a_resident_of, as_user
from meedoen.coaching.caseload import transfer
from meedoen.coaching.file import add_note
from meedoen.placements.ladder import RungEntry, record_rung
from meedoen.placements.tables import CoachNote, LadderRecord, Placement
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, sign_in

SECRET_NOTE = "Geheime notitie over de schulden van Zoë"
NAME = "Zoë-Testbewoner"


@pytest.fixture
async def someone_elses_file(clean_database):  # type: ignore[no-untyped-def]
    """A resident in coach A's caseload with a placement, a rung and a note."""
    owner = as_user(await make_account("coach", display_name="Coach A"))
    resident = await a_resident_of(owner, first_name=NAME)
    placement = await a_placement(owner, resident, description="Leerwerkplek bij de geheime bakker")
    await record_rung(
        resident,
        RungEntry(2, dt.date.today(), "intake", "Motivering-geheim"),
        actor_id=owner.account_id,
    )
    await add_note(owner, resident, SECRET_NOTE)
    return owner, resident, placement


def urls(
    resident_ref: str, placement_ref: str
) -> tuple[list[str], list[tuple[str, dict[str, str]]]]:
    file = f"/coach/bewoners/{resident_ref}"
    placement = f"/coach/plaatsingen/{placement_ref}"
    gets = [file, f"{file}/matches", f"{file}/overdragen", f"{file}/plaatsingen/nieuw", placement]
    posts = [
        (
            f"{file}/trede",
            {
                "rung": "6",
                "recorded_on": dt.date.today().isoformat(),
                "occasion": "review",
                "motivation": "x",
            },
        ),
        (f"{file}/notities", {"text": "ingebroken"}),
        (f"{file}/contact", {"contact_on": dt.date.today().isoformat()}),
        (f"{file}/overdragen", {"coach": "1"}),
        (f"{file}/plaatsingen", {"kind": "stage", "description": "ingebroken"}),
        (
            f"{placement}/status",
            {"to_status": "gestopt", "stop_reason": "anders", "stop_text": "x", "version": "1"},
        ),
        (placement, {"kind": "stage", "hours_per_week": "40", "version": "1"}),
    ]
    return gets, posts


async def assert_nothing_reachable(client, resident, placement) -> None:  # type: ignore[no-untyped-def]
    token = csrf_token((await client.get("/")).text)
    gets, posts = urls(resident.ref, placement.ref)
    for url in gets:
        response = await client.get(url)
        assert response.status_code in (403, 404), url
        assert SECRET_NOTE not in response.text and NAME not in response.text, url
        assert "Motivering-geheim" not in response.text, url
    for url, data in posts:
        response = await client.post(url, data={**data, "_csrf_token": token})
        assert response.status_code in (403, 404), url
        assert NAME not in response.text, url


async def assert_untouched(owner, resident, placement) -> None:  # type: ignore[no-untyped-def]
    stored = await Placement.objects().get(Placement.ref == placement.ref)
    assert (stored.status, stored.kind, stored.version, stored.coach) == (
        "voorgesteld",
        "vrijwilligerswerk",
        1,
        owner.account_id,
    )
    assert await CoachNote.count() == 1
    assert await LadderRecord.count().where(LadderRecord.resident == resident.id) == 1
    assert await Placement.count() == 1


async def test_a_coach_of_another_caseload_reaches_nothing_of_the_file(
    client, someone_elses_file, signed_in_as
):
    owner, resident, placement = someone_elses_file
    other = as_user(await signed_in_as("coach", display_name="Coach B"))
    await a_resident_of(other, first_name="Eigen bewoner")  # B has a caseload of their own

    await assert_nothing_reachable(client, resident, placement)

    await assert_untouched(owner, resident, placement)
    caseload = await client.get("/coach")
    assert NAME not in caseload.text
    for export in ("caseload.csv", "plaatsingen.csv"):
        assert NAME not in (await client.get(f"/coach/export/{export}")).text


async def test_an_organisation_member_gets_403_on_every_coaching_page(
    client, someone_elses_file, signed_in_as
):
    owner, resident, placement = someone_elses_file
    await signed_in_as("organisation")

    await assert_nothing_reachable(client, resident, placement)
    for url in ("/coach", "/coach/intake", "/coach/export/caseload.csv"):
        assert (await client.get(url)).status_code == 403, url

    await assert_untouched(owner, resident, placement)


async def test_an_administrator_does_not_read_coach_notes_either(
    client, someone_elses_file, signed_in_as
):
    _, resident, placement = someone_elses_file
    await signed_in_as("admin")

    await assert_nothing_reachable(client, resident, placement)


async def test_signed_out_visitors_are_sent_to_sign_in(client, someone_elses_file):
    _, resident, _ = someone_elses_file

    response = await client.get(f"/coach/bewoners/{resident.ref}")

    assert response.status_code == 303
    assert response.headers["location"].startswith("/inloggen")


async def test_a_coach_who_transferred_the_resident_loses_access(
    app, someone_elses_file, signed_in_as
):
    owner, resident, placement = someone_elses_file
    successor = await make_account("coach", display_name="Coach C")
    await transfer(owner, resident, successor.id)

    async with app_client(app) as old_coach:
        assert (await sign_in(old_coach, owner.email, DEFAULT_PASSWORD)).status_code == 303
        await assert_nothing_reachable(old_coach, resident, placement)
    async with app_client(app) as new_coach:
        await sign_in(new_coach, successor.email, DEFAULT_PASSWORD)
        page = await new_coach.get(f"/coach/bewoners/{resident.ref}")
        assert page.status_code == 200 and SECRET_NOTE in page.text


async def test_an_unknown_resident_or_placement_is_404(client, clean_database, signed_in_as):
    await signed_in_as("coach")

    assert (await client.get("/coach/bewoners/bestaat-niet")).status_code == 404
    assert (await client.get("/coach/plaatsingen/bestaat-niet")).status_code == 404
    assert (await client.get("/coach/export/wachtwoorden.csv")).status_code == 404


async def test_proposing_an_opportunity_that_is_not_published_is_refused(
    client, clean_database, corpus, signed_in_as
):
    from meedoen.opportunities.tables import Opportunity

    coach = as_user(await signed_in_as("coach"))
    resident = await a_resident_of(coach)
    concept = await Opportunity.objects().where(Opportunity.status != "open").first()
    file = await client.get(f"/coach/bewoners/{resident.ref}")

    response = await client.post(
        f"/coach/bewoners/{resident.ref}/plaatsingen",
        data={
            "opportunity": concept.ref if concept else "bestaat-niet",
            "_csrf_token": csrf_token(file.text),
        },
    )

    assert response.status_code == 400
    assert await Placement.count() == 0
