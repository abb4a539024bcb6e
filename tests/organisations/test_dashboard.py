"""An organisation member posts kansen from the dashboard: create, check, preview,
publish, close, reopen and copy; only verified organisations are public."""

from __future__ import annotations

import datetime as dt
import re

from meedoen.indexing.tables import OutboxEvent
from meedoen.opportunities.postings import close_expired_postings
from meedoen.opportunities.tables import Opportunity
from organisations.conftest import organisation_of, posting_of
from support.auth import csrf_token, post_form


def posting_item(page, ref: str) -> str:
    """The dashboard's list item of one posting (up to the next posting)."""
    items = page.text.split("</main>")[0].split('<li class="meedoen-posting ')[1:]
    found = [item for item in items if f'data-posting="{ref}"' in item]
    assert len(found) == 1, f"no single item for {ref}"
    return found[0]


VALID = {
    "title": "Stage fietsenmaker",
    "kind": "stage",
    "description": "Je repareert fietsen met ons team.",
    "sector": "metaal en techniek",
    "wijk": "Pathmos",
    "postcode": "7513 AB",
    "hours_per_week_min": "8",
    "hours_per_week_max": "16",
    "language_level": "A2",
}


async def test_a_new_posting_with_mistakes_comes_back_with_a_message_by_each_field(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")

    response = await post_form(
        client,
        "/organisatie/kansen/nieuw",
        {**VALID, "title": "", "hours_per_week_min": "twintig", "end_date": "morgen"},
        action="/organisatie/kansen",
    )

    assert response.status_code == 400
    assert "Geef de kans een titel." in response.text
    assert "Vul een heel getal in, zoals 8." in response.text
    assert "Vul een datum in, zoals 2026-09-01." in response.text
    assert "Je repareert fietsen met ons team." in response.text  # what was typed is kept
    assert 'value="twintig"' in response.text
    assert not await Opportunity.exists()


async def test_a_concept_is_private_until_published(client, clean_database, signed_in_as):
    await signed_in_as("organisation")

    saved = await post_form(
        client, "/organisatie/kansen/nieuw", VALID, action="/organisatie/kansen"
    )

    assert saved.status_code == 303
    ref = saved.headers["location"].split("/")[3]
    preview = await client.get(saved.headers["location"])
    assert "Stage fietsenmaker" in preview.text and "Voorbeeld" in preview.text
    assert (await client.get(f"/kansen/{ref}")).status_code == 404

    token = csrf_token((await client.get("/organisatie")).text)
    published = await client.post(
        f"/organisatie/kansen/{ref}/status", data={"status": "open", "_csrf_token": token}
    )

    assert published.status_code == 303
    assert (await client.get(f"/kansen/{ref}")).status_code == 200
    assert await OutboxEvent.exists().where(OutboxEvent.ref == ref)


async def test_an_unverified_organisation_is_told_its_postings_wait_for_verification(
    client, clean_database, signed_in_as
):
    from support.auth import make_organisation

    organisation_ref = await make_organisation(verified=False)
    await signed_in_as("organisation", organisation_ref=organisation_ref)

    dashboard = await client.get("/organisatie")
    saved = await post_form(
        client,
        "/organisatie/kansen/nieuw",
        {**VALID, "action": "open"},
        action="/organisatie/kansen",
    )

    assert "Nog niet zichtbaar: we controleren je organisatie" in dashboard.text
    ref = saved.headers["location"].split("/")[3]
    assert (await Opportunity.select(Opportunity.status).where(Opportunity.ref == ref).first())[
        "status"
    ] == "open"
    assert (await client.get(f"/kansen/{ref}")).status_code == 404
    assert (await client.get(f"/organisaties/{organisation_ref}")).status_code == 404
    # Published, but nobody can see it: the posting does not claim "Gepubliceerd".
    posting = posting_item(await client.get("/organisatie"), ref)
    assert "Nog niet zichtbaar: we controleren je organisatie" in posting
    assert "Gepubliceerd" not in posting


async def test_close_reopen_and_copy(client, clean_database, signed_in_as):
    account = await signed_in_as("organisation")
    ref = await posting_of(account, title="Vrijwilliger buurtkeuken")
    token = csrf_token((await client.get("/organisatie")).text)

    await client.post(
        f"/organisatie/kansen/{ref}/status", data={"status": "gesloten", "_csrf_token": token}
    )
    closed = await Opportunity.select(Opportunity.status).where(Opportunity.ref == ref).first()
    await client.post(
        f"/organisatie/kansen/{ref}/status", data={"status": "open", "_csrf_token": token}
    )
    reopened = await Opportunity.select(Opportunity.status).where(Opportunity.ref == ref).first()
    copied = await client.post(f"/organisatie/kansen/{ref}/kopie", data={"_csrf_token": token})

    assert closed["status"] == "gesloten" and reopened["status"] == "open"
    copy_ref = copied.headers["location"].split("/")[3]
    copy = await Opportunity.select().where(Opportunity.ref == copy_ref).first()
    assert copy["title"] == "Kopie van Vrijwilliger buurtkeuken"
    assert copy["status"] == "concept"


async def test_editing_keeps_the_status_and_changes_the_text(client, clean_database, signed_in_as):
    account = await signed_in_as("organisation")
    ref = await posting_of(account)

    saved = await post_form(
        # The form sends the version it showed (optimistic locking, as for placements).
        client,
        f"/organisatie/kansen/{ref}",
        {**VALID, "title": "Nieuwe titel", "version": "1"},
    )

    assert saved.status_code == 303
    row = await Opportunity.select().where(Opportunity.ref == ref).first()
    assert row["title"] == "Nieuwe titel" and row["status"] == "open"


async def test_a_posting_closes_by_itself_after_its_end_date(clean_database):
    from support.auth import make_account

    account = await make_account("organisation")
    today = dt.date.today()
    ended = await posting_of(
        account, start_date=today - dt.timedelta(days=30), end_date=today - dt.timedelta(days=1)
    )
    running = await posting_of(account, end_date=today)
    await OutboxEvent.delete(force=True)

    closed = await close_expired_postings(today)

    assert closed == 1
    statuses = dict(
        (r["ref"], r["status"])
        for r in await Opportunity.select(Opportunity.ref, Opportunity.status)
    )
    assert statuses == {ended: "gesloten", running: "open"}
    assert await OutboxEvent.exists().where(OutboxEvent.ref == ended)
    assert await close_expired_postings(today) == 0


async def test_the_public_profile_shows_open_postings_of_a_verified_organisation_only(
    client, clean_database
):
    from meedoen.organisations.tables import Organisation
    from support.auth import make_account

    account = await make_account("organisation")
    organisation = await organisation_of(account)
    await posting_of(account, title="Open kans in de keuken")
    await posting_of(account, title="Geheim concept", status="concept")

    page = await client.get(f"/organisaties/{organisation['ref']}")

    assert page.status_code == 200
    assert "Open kans in de keuken" in page.text and "Geheim concept" not in page.text
    await Organisation.update({Organisation.blocked: True}).where(
        Organisation.id == organisation["id"]
    )
    assert (await client.get(f"/organisaties/{organisation['ref']}")).status_code == 404


async def test_someone_elses_posting_cannot_be_opened_or_changed(
    client, clean_database, signed_in_as
):
    from support.auth import make_account

    other = await make_account("organisation")
    theirs = await posting_of(other, title="Van een ander")
    await signed_in_as("organisation")
    token = csrf_token((await client.get("/organisatie")).text)

    assert (await client.get(f"/organisatie/kansen/{theirs}")).status_code == 404
    assert (await client.get(f"/organisatie/kansen/{theirs}/voorbeeld")).status_code == 404
    for action, data in [
        (f"/organisatie/kansen/{theirs}", {**VALID, "title": "Overgenomen"}),
        (f"/organisatie/kansen/{theirs}/status", {"status": "gesloten"}),
        (f"/organisatie/kansen/{theirs}/kopie", {}),
    ]:
        response = await client.post(action, data={**data, "_csrf_token": token})
        assert response.status_code == 404, action
    row = await Opportunity.select().where(Opportunity.ref == theirs).first()
    assert row["title"] == "Van een ander" and row["status"] == "open"
    assert await Opportunity.count() == 1


PRIMARY = re.compile(r"utrecht-button(?:-link)?--secondary-action[^>]*>([^<]+)<")


async def test_each_posting_has_one_first_action_and_the_rest_in_a_menu(
    client, clean_database, signed_in_as
):
    account = await signed_in_as("organisation")
    published = await posting_of(account, title="Gepubliceerde kans")
    concept = await posting_of(account, title="Concept kans", status="concept")
    closed = await posting_of(account, title="Gesloten kans", status="gesloten")

    page = await client.get("/organisatie")

    first = {ref: PRIMARY.findall(posting_item(page, ref)) for ref in (published, concept, closed)}
    assert first == {
        published: ["Reacties bekijken"],
        concept: ["Publiceren"],
        closed: ["Opnieuw publiceren"],
    }
    for ref in (published, concept, closed):
        item = posting_item(page, ref)
        assert item.count('<details class="meedoen-menu">') == 1
        assert "Kopie maken" in item and "Bewerken" in item
    # Only an open posting can be closed, and closing is set apart as destructive.
    assert "meedoen-menu__item--danger" in posting_item(page, published)
    assert "Kans sluiten" not in posting_item(page, concept)
    assert 'badge--success">Gepubliceerd' in posting_item(page, published)


async def test_closing_a_posting_asks_for_confirmation_first(client, clean_database, signed_in_as):
    account = await signed_in_as("organisation")
    ref = await posting_of(account, title="Vrijwilliger buurtkeuken")

    dashboard = await client.get("/organisatie")
    assert f'href="/organisatie/kansen/{ref}/sluiten"' in posting_item(dashboard, ref)
    assert 'value="gesloten"' not in dashboard.text  # no one-click close on the dashboard

    confirm = await client.get(f"/organisatie/kansen/{ref}/sluiten")
    assert confirm.status_code == 200
    assert "Wil je ‘Vrijwilliger buurtkeuken’ sluiten?" in confirm.text
    assert "utrecht-button--danger" in confirm.text
    still = await Opportunity.select(Opportunity.status).where(Opportunity.ref == ref).first()
    assert still["status"] == "open"  # looking at the question changes nothing

    closed = await client.post(
        f"/organisatie/kansen/{ref}/status",
        data={"status": "gesloten", "_csrf_token": csrf_token(confirm.text)},
    )
    assert closed.status_code == 303
    row = await Opportunity.select(Opportunity.status).where(Opportunity.ref == ref).first()
    assert row["status"] == "gesloten"
    assert "Gesloten" in posting_item(await client.get("/organisatie"), ref)


async def test_an_expired_posting_says_so_and_offers_to_change_the_date(
    client, clean_database, signed_in_as
):
    account = await signed_in_as("organisation")
    ref = await posting_of(account, title="Zomerbaan")
    await Opportunity.update({Opportunity.end_date: dt.date(2020, 8, 31)}).where(
        Opportunity.ref == ref
    )

    item = posting_item(await client.get("/organisatie"), ref)

    assert "Verlopen" in item and "31 augustus 2020" in item
    assert PRIMARY.findall(item) == ["Bewerken"]
    assert "Gepubliceerd" not in item
