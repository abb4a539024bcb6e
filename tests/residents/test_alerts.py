"""Saved searches: a digest with new matching opportunities, never the same one twice."""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import parse_qs

from meedoen.alerts.service import RETRY_FAILED_SEARCH, send_due_alerts
from meedoen.alerts.tables import SavedSearch, SentAlertItem
from meedoen.search.gateway import SearchGateway, SearchGuard
from residents.conftest import an_opportunity
from support.app import app_client

WEEK = dt.timedelta(days=7, minutes=1)


def save_form_fields(page: str) -> dict[str, list[str]]:
    """The hidden fields a browser sends with the save-search form #bewaar-formulier: those
    inside it (the CSRF token) and those that belong to it through their form attribute
    (they sit inside the search form, which cannot hold a second form)."""
    form = re.search(r'<form id="bewaar-formulier"[^>]*>(.*?)</form>', page, re.S)
    inside = form.group(1) if form else ""
    fields: dict[str, list[str]] = {}
    for tag in re.findall(r"<input\b[^>]*>", page):
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        belongs = attributes.get("form") == "bewaar-formulier" or tag in inside
        if belongs and attributes.get("type") == "hidden":
            fields.setdefault(attributes["name"], []).append(html.unescape(attributes["value"]))
    return fields


async def save_search(client, query: str, frequency: str = "weekly"):  # type: ignore[no-untyped-def]
    page = await client.get(f"/kansen?{query}")
    assert "Bewaar deze zoekopdracht" in page.text
    fields = save_form_fields(page.text)
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


async def test_every_filter_is_saved_also_the_stage_filters(client, clean_database, signed_in_as):
    account = await signed_in_as("resident")
    asked = "kind=stage&level=mbo3&route=bbl&leerbedrijf=erkend&stagevergoeding=met"

    await save_search(client, asked)

    saved = await SavedSearch.objects().get(SavedSearch.account == account.id)
    assert parse_qs(saved.query) == parse_qs(asked)


async def test_saving_the_same_search_again_keeps_one_and_says_so(
    client, clean_database, signed_in_as
):
    account = await signed_in_as("resident")
    await save_search(client, "q=koken&wijk=Pathmos&kind=stage&kind=vrijwilligerswerk")

    again = await save_search(
        client, "q=Koken&kind=vrijwilligerswerk&kind=stage&wijk=Pathmos&sort=newest", "daily"
    )
    overview = await client.get(again.headers["location"])
    other = await save_search(client, "q=koken&wijk=Stadsveld")

    assert again.status_code == 303 and other.status_code == 303
    assert "Deze zoekopdracht had je al bewaard" in overview.text
    assert "elke dag één e-mail over, niet twee" in overview.text
    rows = await SavedSearch.select().where(SavedSearch.account == account.id)
    assert len(rows) == 2
    kept = next(row for row in rows if "Pathmos" in row["query"])
    assert kept["frequency"] == "daily"


async def test_a_visitor_is_asked_to_sign_in_to_save_a_search(client, clean_database):
    page = await client.get("/kansen?q=zeepkist")

    assert "Log in om deze zoekopdracht te bewaren" in page.text
    assert "/inloggen?next=/kansen%3Fq%3Dzeepkist" in page.text


async def test_the_save_form_follows_the_search_when_htmx_updates_the_results(
    client, clean_database, signed_in_as
):
    await signed_in_as("resident")

    fragment = await client.get("/kansen?q=zeepkist&wijk=Boekelo", headers={"HX-Request": "true"})

    # Only the hidden fields are swapped, so a box the resident opened stays open.
    fields = fragment.text.split('id="bewaar-velden"', 1)[1]
    assert 'data-hx-swap-oob="true"' in fields.split(">", 1)[0]
    assert 'id="bewaar-zoekopdracht"' not in fragment.text
    assert save_form_fields(fragment.text) == {"q": ["zeepkist"], "wijk": ["Boekelo"]}


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

    not_yet = await send_due_alerts(
        runtime.search_gateway(), runtime.settings, now + dt.timedelta(days=1)
    )
    queued = await send_due_alerts(runtime.search_gateway(), runtime.settings, now + WEEK)
    mail = await mailbox.wait_for(account.email, "nieuwe kans")
    again = await send_due_alerts(runtime.search_gateway(), runtime.settings, now + 2 * WEEK)
    second = await an_opportunity(title="Zeepkistrace: de finale")
    await indexed()
    later = await send_due_alerts(runtime.search_gateway(), runtime.settings, now + 3 * WEEK)
    next_mail = await mailbox.wait_for(account.email, "nieuwe kans")

    assert (not_yet, queued, again, later) == (0, 1, 0, 1)
    assert "Zeepkistrace bouwen met buurtkinderen" in mail.text
    assert f"/kansen/{first.ref}" in mail.text
    assert "oude posting" not in mail.text
    assert "de finale" in next_mail.text and first.ref not in next_mail.text
    assert f"/kansen/{second.ref}" in next_mail.text
    assert len(mailbox.received(account.email)) == 2
    assert await SentAlertItem.count() == 2


async def test_a_digest_whose_search_was_busy_is_sent_soon_after_not_a_period_later(
    client, clean_database, signed_in_as, runtime, indexed, mailbox
):
    account = await signed_in_as("resident")
    await save_search(client, "q=zeepkistrace")
    now = dt.datetime.now(dt.UTC)
    await an_opportunity(title="Zeepkistrace in Usselo")
    await indexed()
    # Meilisearch away and no place free for a database search: the search is busy.
    busy = SearchGateway(None, guard=SearchGuard(fallbacks=0))

    during = await send_due_alerts(busy, runtime.settings, now + WEEK)
    [saved] = await SavedSearch.select()
    soon_after = now + WEEK + RETRY_FAILED_SEARCH + dt.timedelta(minutes=1)
    after = await send_due_alerts(runtime.search_gateway(), runtime.settings, soon_after)

    assert (during, after) == (0, 1)
    assert saved["next_due_at"] <= now + WEEK + RETRY_FAILED_SEARCH
    assert "Zeepkistrace in Usselo" in (await mailbox.wait_for(account.email, "nieuwe kans")).text


async def an_alert_mail(client, signed_in_as, runtime, indexed, mailbox, query="q=zeepkistrace"):  # type: ignore[no-untyped-def]
    """A resident with a daily saved search, and the digest mail it sent them."""
    account = await signed_in_as("resident")
    await save_search(client, query, frequency="daily")
    now = dt.datetime.now(dt.UTC)
    await an_opportunity(title="Zeepkistrace in Boekelo")
    await indexed()
    await send_due_alerts(
        runtime.search_gateway(), runtime.settings, now + dt.timedelta(days=1, minutes=1)
    )
    return account, await mailbox.wait_for(account.email, "nieuwe kans")


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


async def test_the_alert_mail_offers_one_click_unsubscribe_in_its_headers(
    client, clean_database, signed_in_as, runtime, indexed, mailbox
):
    _, mail = await an_alert_mail(client, signed_in_as, runtime, indexed, mailbox)

    header = str(mail.message["List-Unsubscribe"])
    in_body = re.search(r"http\S+/zoekopdrachten/afmelden/\S+", mail.text)

    assert re.fullmatch(r"<http\S+/zoekopdrachten/afmelden/[\w.-]+>", header), header
    assert str(mail.message["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    assert in_body and header == f"<{in_body.group(0)}>"
    assert header[1:-1] in mail.html


async def test_a_mail_program_unsubscribes_in_one_click_without_session_or_csrf_token(
    app, client, clean_database, signed_in_as, runtime, indexed, mailbox
):
    _, mail = await an_alert_mail(client, signed_in_as, runtime, indexed, mailbox)
    path = path_of(str(mail.message["List-Unsubscribe"])[1:-1])

    # As RFC 8058 says: a POST with this body, no cookies, nothing else.
    async with app_client(app) as mail_program:
        opened = await mail_program.get(path)
        kept_after_opening_the_link = await SavedSearch.count()
        clicked = await mail_program.post(path, data={"List-Unsubscribe": "One-Click"})
        again = await mail_program.post(path, data={"List-Unsubscribe": "One-Click"})

    # Opening the link, as a mail scanner does, changes nothing.
    assert opened.status_code == 200 and kept_after_opening_the_link == 1
    assert "Afmelden voor deze zoekopdracht" in opened.text
    assert clicked.status_code == 200 and "Je bent afgemeld" in clicked.text
    assert again.status_code == 200  # a second click is no error
    assert await SavedSearch.count() == 0


async def test_the_button_on_the_page_unsubscribes_from_one_or_all_searches(
    app, client, clean_database, signed_in_as, runtime, indexed, mailbox
):
    _, mail = await an_alert_mail(client, signed_in_as, runtime, indexed, mailbox)
    await save_search(client, "q=timmeren")
    await save_search(client, "q=koken")
    path = mail.link("/zoekopdrachten/afmelden/")

    async with app_client(app) as stranger:
        page = await stranger.get(path)
        one = await stranger.post(path, data={"afmelden": "deze"})
        after_one = await stranger.get(path)
        left_after_one = await SavedSearch.count()
        everything = await stranger.post(path, data={"afmelden": "alle"})
        after_all = await stranger.get(path)

    assert "zeepkistrace" in page.text and "Afmelden voor alle zoekopdrachten" in page.text
    assert one.status_code == 303 and one.headers["location"] == path
    assert "Je bent afgemeld" in after_one.text  # the flash message
    assert "Afmelden voor deze zoekopdracht" not in after_one.text
    assert "nog 2 andere zoekopdrachten" in after_one.text
    assert left_after_one == 2
    assert everything.status_code == 303
    assert await SavedSearch.count() == 0
    assert "Afmelden voor alle zoekopdrachten" not in after_all.text


async def test_a_changed_or_too_old_link_is_refused_with_a_clear_message(
    app, client, clean_database, signed_in_as, runtime, indexed, mailbox, settings, monkeypatch
):
    import time

    from meedoen.alerts.unsubscribe import unsubscribe_token
    from meedoen.mail.unsubscribe import LINK_LIFETIME

    account, mail = await an_alert_mail(client, signed_in_as, runtime, indexed, mailbox)
    path = mail.link("/zoekopdrachten/afmelden/")
    token = path.rsplit("/", 1)[1]
    ref = (await SavedSearch.objects().first()).ref  # type: ignore[union-attr]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    other_account = unsubscribe_token("een-ander-geheim-van-32-tekens-lang!", account.id, ref)
    then = time.time() - LINK_LIFETIME.total_seconds() - 60
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: then)
    too_old = unsubscribe_token(settings.secret_key, account.id, ref)
    monkeypatch.undo()

    async with app_client(app) as stranger:
        answers = {
            name: (
                await stranger.get(f"/zoekopdrachten/afmelden/{bad}"),
                await stranger.post(
                    f"/zoekopdrachten/afmelden/{bad}", data={"List-Unsubscribe": "One-Click"}
                ),
            )
            for name, bad in [
                ("tampered", tampered),
                ("wrong key", other_account),
                ("garbage", "x" * 400),
                ("too old", too_old),
            ]
        }

    for name, (opened, posted) in answers.items():
        assert opened.status_code == posted.status_code == 400, name
        expected = "te oud" if name == "too old" else "Deze link werkt niet"
        assert expected in opened.text and expected in posted.text, name
    assert await SavedSearch.count() == 1


async def test_only_the_unsubscribe_link_goes_without_a_csrf_token(
    client, clean_database, signed_in_as
):
    await signed_in_as("resident")
    await save_search(client, "q=zeepkist")
    ref = (await SavedSearch.objects().first()).ref  # type: ignore[union-attr]

    save = await client.post("/zoekopdrachten", data={"q": "koken", "frequency": "daily"})
    delete = await client.post(f"/mijn/zoekopdrachten/{ref}/verwijderen")

    assert save.status_code == delete.status_code == 403
    assert await SavedSearch.count() == 1
