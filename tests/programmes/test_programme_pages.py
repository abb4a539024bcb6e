"""The programme pages through the app: the public list and page, an organisation's own
pages (create, ask to publish, join, attach) and the administrators' approval. Every
form is a plain POST that works without JavaScript."""

from __future__ import annotations

from organisations.conftest import posting_of
from programmes.conftest import a_meeting, a_programme, organiser_account, programme_values
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, post_form, sign_in


async def test_anonymous_visitors_see_published_programmes_only(database, client):
    owner, organisation = await organiser_account()
    published = await a_programme(owner, organisation, name="Twente goes Techno")
    concept = await a_programme(owner, organisation, status="concept", name="Geheim plan")
    meeting = await a_meeting(organisation, kind="bedrijfsbezoek", title="Kijken in de fabriek")
    from meedoen.programmes import service

    await service.attach(published, organisation["id"], "activiteit", meeting.ref)

    listing = await client.get("/programmas")
    page = await client.get(f"/programmas/{published['ref']}")

    assert listing.status_code == 200 and "Twente goes Techno" in listing.text
    assert "Geheim plan" not in listing.text
    assert page.status_code == 200
    assert "Kijken in de fabriek" in page.text and organisation["name"] in page.text
    assert "Bereik tot nu toe" not in page.text  # reach is for the owner and administrators
    assert (await client.get(f"/programmas/{concept['ref']}")).status_code == 404


async def test_an_organisation_creates_a_programme_and_an_administrator_publishes_it(database, app):
    owner, _ = await organiser_account()
    admin = await make_account("admin")
    async with app_client(app) as client:
        await sign_in(client, owner.email, DEFAULT_PASSWORD)
        refused = await post_form(
            client, "/organisatie/programmas/nieuw", {"name": ""}, "/organisatie/programmas"
        )
        assert refused.status_code == 400 and "Geef het programma een naam" in refused.text
        made = await post_form(
            client,
            "/organisatie/programmas/nieuw",
            programme_values(name="Zomerschool West"),
            "/organisatie/programmas",
        )
        assert made.status_code == 303
        manage = made.headers["location"]
        ref = manage.rsplit("/", 1)[-1]
        page = await client.get(manage)
        assert "Vraag om publicatie" in page.text and "Bereik tot nu toe" in page.text
        asked = await post_form(client, manage, {}, f"{manage}/indienen")
        assert asked.status_code == 303
        own_view = await client.get(f"/programmas/{ref}")
        assert own_view.status_code == 200 and "Bereik tot nu toe" in own_view.text
    async with app_client(app) as client:
        await sign_in(client, admin.email, DEFAULT_PASSWORD)
        queue = await client.get("/beheer/programmas")
        assert "Zomerschool West" in queue.text
        published = await client.post(
            f"/beheer/programmas/{ref}/publiceren", data={"_csrf_token": csrf_token(queue.text)}
        )
        assert published.status_code == 303
    async with app_client(app) as anonymous:
        assert (await anonymous.get(f"/programmas/{ref}")).status_code == 200


async def test_another_organisation_joins_and_then_attaches_its_own_kans(database, app):
    owner, organisation = await organiser_account()
    other, company = await organiser_account()
    programme = await a_programme(owner, organisation)
    ref = programme["ref"]
    kans = await posting_of(other, title="Stage bij de lasserij")
    async with app_client(app) as client:
        await sign_in(client, other.email, DEFAULT_PASSWORD)
        # Not a member yet: the programme's own pages and forms are not theirs.
        assert (await client.get(f"/organisatie/programmas/{ref}")).status_code == 404
        overview = await client.get("/organisatie/programmas")
        token = csrf_token(overview.text)
        attach = {"kind": "kans", "item": kans, "_csrf_token": token}
        assert (
            await client.post(f"/organisatie/programmas/{ref}/koppelen", data=attach)
        ).status_code == 404
        edit = {**programme_values(name="Overgenomen"), "_csrf_token": token}
        assert (await client.post(f"/organisatie/programmas/{ref}", data=edit)).status_code == 404
        asked = await client.post(
            f"/organisatie/programmas/{ref}/aanmelden", data={"_csrf_token": token}
        )
        assert asked.status_code == 303
        # Accepting is the owner's: the asker cannot accept itself.
        self_accept = await client.post(
            f"/programmas/{ref}/deelnemers/{company['ref']}",
            data={"besluit": "accepteren", "_csrf_token": token},
        )
        assert self_accept.status_code == 404
    async with app_client(app) as client:
        await sign_in(client, owner.email, DEFAULT_PASSWORD)
        page = await client.get(f"/organisatie/programmas/{ref}")
        assert company["name"] in page.text
        accepted = await client.post(
            f"/programmas/{ref}/deelnemers/{company['ref']}",
            data={"besluit": "accepteren", "_csrf_token": csrf_token(page.text)},
        )
        assert accepted.status_code == 303
    async with app_client(app) as client:
        await sign_in(client, other.email, DEFAULT_PASSWORD)
        page = await client.get(f"/organisatie/programmas/{ref}")
        assert page.status_code == 200 and "Bereik tot nu toe" not in page.text
        attach["_csrf_token"] = csrf_token(page.text)
        assert (
            await client.post(f"/organisatie/programmas/{ref}/koppelen", data=attach)
        ).status_code == 303
        edit["_csrf_token"] = attach["_csrf_token"]
        assert (await client.post(f"/organisatie/programmas/{ref}", data=edit)).status_code == 404
    async with app_client(app) as anonymous:
        public = await anonymous.get(f"/programmas/{ref}")
        assert "Stage bij de lasserij" in public.text and company["name"] in public.text
