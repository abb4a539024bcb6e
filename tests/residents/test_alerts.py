"""Saved searches: a digest with new matching opportunities, never the same one twice."""

from __future__ import annotations

import datetime as dt
import re

from meedoen.alerts.service import send_due_alerts
from meedoen.alerts.tables import SavedSearch, SentAlertItem
from residents.conftest import an_opportunity
from support.auth import csrf_token

WEEK = dt.timedelta(days=7, minutes=1)


async def save_search(client, query: str, frequency: str = "weekly"):  # type: ignore[no-untyped-def]
    page = await client.get(f"/kansen?{query}")
    assert "Bewaar deze zoekopdracht" in page.text
    section = page.text.split('id="bewaar-zoekopdracht"', 1)[1]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', section))
    return await client.post("/zoekopdrachten", data={**fields, "frequency": frequency})


async def test_saving_a_search_keeps_its_filters_and_lists_it(client, clean_database, signed_in_as):
    account = await signed_in_as("resident")

    response = await save_search(client, "q=zeepkist&wijk=Pathmos&page=2")
    overview = await client.get("/mijn/zoekopdrachten")

    assert response.status_code == 303
    saved = await SavedSearch.objects().get(SavedSearch.account == account.id)
    assert saved.query == "q=zeepkist&wijk=Pathmos"
    assert saved.frequency == "weekly"
    assert "zeepkist" in overview.text and "Pathmos" in overview.text


async def test_a_visitor_is_asked_to_sign_in_to_save_a_search(client, clean_database):
    page = await client.get("/kansen?q=zeepkist")

    assert "Log in om deze zoekopdracht te bewaren" in page.text
    assert "/inloggen?next=/kansen%3Fq%3Dzeepkist" in page.text


async def test_the_save_form_follows_the_search_when_htmx_updates_the_results(
    client, clean_database, signed_in_as
):
    await signed_in_as("resident")

    fragment = await client.get("/kansen?q=zeepkist&wijk=Boekelo", headers={"HX-Request": "true"})

    section = fragment.text.split('id="bewaar-zoekopdracht"', 1)[1]
    assert 'data-hx-swap-oob="true"' in section.split(">", 1)[0]
    assert 'name="q" value="zeepkist"' in section and 'name="wijk" value="Boekelo"' in section


async def test_the_digest_mails_new_matches_once_and_never_again(
    client, clean_database, signed_in_as, runtime, indexed, mailbox
):
    account = await signed_in_as("resident")
    await an_opportunity(title="Zeepkistrace oude posting")  # there before saving: not new
    await indexed()
    await save_search(client, "q=zeepkistrace")
    now = dt.datetime.now(dt.UTC)
    first = await an_opportunity(title="Zeepkistrace bouwen met buurtkinderen")
    await indexed()

    not_yet = await send_due_alerts(runtime, now + dt.timedelta(days=1))
    queued = await send_due_alerts(runtime, now + WEEK)
    mail = await mailbox.wait_for(account.email, "nieuwe kans")
    again = await send_due_alerts(runtime, now + 2 * WEEK)
    second = await an_opportunity(title="Zeepkistrace: de finale")
    await indexed()
    later = await send_due_alerts(runtime, now + 3 * WEEK)
    next_mail = await mailbox.wait_for(account.email, "nieuwe kans")

    assert (not_yet, queued, again, later) == (0, 1, 0, 1)
    assert "Zeepkistrace bouwen met buurtkinderen" in mail.text
    assert f"/kansen/{first.ref}" in mail.text
    assert "oude posting" not in mail.text
    assert "de finale" in next_mail.text and first.ref not in next_mail.text
    assert f"/kansen/{second.ref}" in next_mail.text
    assert len(mailbox.received(account.email)) == 2
    assert await SentAlertItem.count() == 2


async def test_the_unsubscribe_link_works_without_signing_in(
    app, client, clean_database, signed_in_as, runtime, indexed, mailbox
):
    from support.app import app_client

    account = await signed_in_as("resident")
    await save_search(client, "q=zeepkistrace", frequency="daily")
    now = dt.datetime.now(dt.UTC)
    await an_opportunity(title="Zeepkistrace in Boekelo")
    await indexed()
    await send_due_alerts(runtime, now + dt.timedelta(days=1, minutes=1))
    mail = await mailbox.wait_for(account.email, "nieuwe kans")
    link = re.search(r"http\S+/zoekopdrachten/afmelden/\S+", mail.text)
    assert link
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]

    async with app_client(app) as stranger:
        confirm = await stranger.get(f"/{path}")
        kept_after_opening_the_link = await SavedSearch.count()
        done = await stranger.post(f"/{path}", data={"_csrf_token": csrf_token(confirm.text)})
        forged = await stranger.get(f"/{path}x")

    # Opening the link (as a mail scanner does) changes nothing; the one button does.
    assert confirm.status_code == 200 and kept_after_opening_the_link == 1
    assert done.status_code == 200 and "Je bent afgemeld" in done.text
    assert await SavedSearch.count() == 0
    assert forged.status_code == 400
