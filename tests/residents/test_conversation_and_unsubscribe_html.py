"""The conversation, unsubscribe and far-too-big-upload pages, in every state, are valid HTML."""

from __future__ import annotations

from quality.test_valid_html import VNU_JAR, html_problems, pytestmark  # noqa: F401 - same skip rule
from residents.conftest import post_profile
from residents.test_alerts import an_alert_mail
from residents.test_conversation import a_conversation, reply
from support.app import app_client
from support.auth import csrf_token


async def test_conversation_unsubscribe_and_upload_pages_are_valid_html(
    app, client, clean_database, signed_in_as, runtime, indexed, mailbox, tmp_path
):
    _, _, response = await a_conversation(app, client, signed_in_as)
    detail = f"/mijn/reacties/{response.ref}"
    await reply(client, response.ref, "Ja, dat kan.")
    pages = {
        "conversation": await client.get(detail),
        "conversation-errors": await reply(client, response.ref, "x" * 2001),
        "far-too-big-cv": await post_profile(
            client,
            {"summary": "Hoi"},
            files={"cv": ("groot.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024), "x/y")},
        ),
    }
    page = await client.get(detail)
    await client.post(f"{detail}/intrekken", data={"_csrf_token": csrf_token(page.text)})
    pages["conversation-withdrawn"] = await client.get(detail)

    async with app_client(app) as resident:
        sign_in = signed_in_as_for(resident, signed_in_as)
        _, mail = await an_alert_mail(resident, sign_in, runtime, indexed, mailbox)
    path = mail.link("/zoekopdrachten/afmelden/")
    async with app_client(app) as stranger:
        pages["unsubscribe"] = await stranger.get(path)
        pages["unsubscribe-one-click"] = await stranger.post(
            path, data={"List-Unsubscribe": "One-Click"}
        )
        pages["unsubscribe-done"] = await stranger.get(path)

    problems = html_problems(pages, tmp_path)

    assert not problems, "\n".join(problems)


def signed_in_as_for(http, signed_in_as):  # type: ignore[no-untyped-def]
    """``signed_in_as`` that signs in ``http`` instead of the ``client`` fixture."""

    async def sign_in(role: str, **account: object):  # type: ignore[no-untyped-def]
        return await signed_in_as(role, client=http, **account)

    return sign_in
