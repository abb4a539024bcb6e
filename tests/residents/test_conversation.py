"""A resident reads the conversation on their response and replies; the organisation hears of it."""

from __future__ import annotations

from meedoen.responses.tables import Response, ResponseMessage
from organisations.conftest import posting_of
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, post_form, sign_in

QUESTION = "Kun je dinsdag om 10 uur langskomen?"


async def a_conversation(app, client, signed_in_as, title: str = "Fietsen repareren"):  # type: ignore[no-untyped-def]
    """A signed-in resident's response to an organisation's posting, and the
    organisation's first message on it; returns the member, the resident and the response."""
    member = await make_account("organisation", display_name="Ayla")
    posting = await posting_of(member, title=title)
    resident = await signed_in_as("resident", display_name="Noor")
    await post_form(client, f"/kansen/{posting}/reageren", {"shared": ["email"]})
    response = await Response.objects().get(Response.resident.is_not_null())
    async with app_client(app) as organisation:
        await sign_in(organisation, member.email, DEFAULT_PASSWORD)
        sent = await post_form(
            organisation,
            f"/organisatie/reacties/{response.ref}",
            {"text": QUESTION},
            action=f"/organisatie/reacties/{response.ref}/berichten",
        )
        assert sent.status_code == 303
    return member, resident, response


async def reply(client, ref: str, text: str, htmx: bool = False):  # type: ignore[no-untyped-def]
    page = await client.get(f"/mijn/reacties/{ref}")
    return await client.post(
        f"/mijn/reacties/{ref}/berichten",
        data={"_csrf_token": csrf_token(page.text), "text": text},
        headers={"HX-Request": "true"} if htmx else {},
    )


async def test_the_resident_reads_the_organisations_message_and_replies(
    app, client, clean_database, signed_in_as, mailbox
):
    member, _, response = await a_conversation(app, client, signed_in_as)

    overview = await client.get("/mijn/reacties")
    page = await client.get(f"/mijn/reacties/{response.ref}")
    sent = await reply(client, response.ref, "Ja, dinsdag kan ik. Tot dan!")
    after = await client.get(sent.headers["location"])
    mail = await mailbox.wait_for(member.email, "Nieuw bericht van een bewoner")
    async with app_client(app) as organisation:
        await sign_in(organisation, member.email, DEFAULT_PASSWORD)
        inbox_page = await organisation.get(mail.link("/organisatie/reacties/"))

    assert "1 bericht van de organisatie" in overview.text
    assert QUESTION in page.text and "Gesprek met de organisatie" in page.text
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/mijn/reacties/{response.ref}#gesprek"
    assert "Je bericht is verstuurd" in after.text
    assert "Ja, dinsdag kan ik. Tot dan!" in after.text
    stored = await ResponseMessage.select().where(ResponseMessage.author_side == "resident")
    assert [m["text"] for m in stored] == ["Ja, dinsdag kan ik. Tot dan!"]
    # The mail says there is a message, not what it says.
    # The subject holds no text a user chose (a posting title could be a phishing line).
    assert "Fietsen repareren" not in mail.subject and "Fietsen repareren" in mail.text
    assert "dinsdag kan ik" not in mail.text and "dinsdag kan ik" not in mail.html
    assert mail.link("/organisatie/reacties/") == f"/organisatie/reacties/{response.ref}"
    assert inbox_page.status_code == 200 and "Ja, dinsdag kan ik. Tot dan!" in inbox_page.text


async def test_the_organisations_reply_mail_leads_to_the_conversation(
    app, client, clean_database, signed_in_as, mailbox
):
    _, resident, response = await a_conversation(app, client, signed_in_as)

    mail = await mailbox.wait_for(resident.email, "antwoord op je reactie")

    assert mail.link("/mijn/reacties/") == f"/mijn/reacties/{response.ref}"


async def test_with_htmx_the_conversation_swaps_itself_and_keeps_a_refused_text(
    app, client, clean_database, signed_in_as
):
    _, _, response = await a_conversation(app, client, signed_in_as)

    sent = await reply(client, response.ref, "Zal ik mijn werkschoenen meenemen?", htmx=True)
    refused = await reply(client, response.ref, "x" * 2001, htmx=True)

    assert sent.status_code == 200 and sent.text.lstrip().startswith("<section")
    assert 'id="gesprek"' in sent.text and "<html" not in sent.text
    assert "Zal ik mijn werkschoenen meenemen?" in sent.text
    assert "Je bericht is verstuurd" in sent.text
    assert refused.status_code == 200 and "te lang" in refused.text
    assert "x" * 2001 in refused.text  # the typed text is kept
    assert 'href="#bericht"' in refused.text


async def test_an_empty_or_too_long_reply_is_refused_and_the_text_kept(
    app, client, clean_database, signed_in_as
):
    _, _, response = await a_conversation(app, client, signed_in_as)

    empty = await reply(client, response.ref, "   ")
    too_long = await reply(client, response.ref, "Hallo! " + "a" * 2000)

    assert empty.status_code == 400 and "Schrijf eerst een bericht." in empty.text
    assert too_long.status_code == 400 and "maximaal 2000 tekens" in too_long.text
    assert "Hallo! " + "a" * 2000 in too_long.text
    assert "<title>Fout:" in too_long.text
    assert await ResponseMessage.count().where(ResponseMessage.author_side == "resident") == 0


async def test_a_withdrawn_response_takes_no_replies(app, client, clean_database, signed_in_as):
    _, _, response = await a_conversation(app, client, signed_in_as)
    page = await client.get(f"/mijn/reacties/{response.ref}")
    await client.post(
        f"/mijn/reacties/{response.ref}/intrekken", data={"_csrf_token": csrf_token(page.text)}
    )

    after = await client.get(f"/mijn/reacties/{response.ref}")
    refused = await client.post(
        f"/mijn/reacties/{response.ref}/berichten",
        data={"_csrf_token": csrf_token(page.text), "text": "Toch wel!"},
    )

    assert QUESTION in after.text  # the conversation can still be read
    assert f"/mijn/reacties/{response.ref}/berichten" not in after.text
    assert refused.status_code == 400 and "ingetrokken" in refused.text
    assert await ResponseMessage.count().where(ResponseMessage.author_side == "resident") == 0


async def test_nobody_else_can_read_or_reply_to_the_conversation(
    app, client, clean_database, signed_in_as
):
    _, _, response = await a_conversation(app, client, signed_in_as)

    async with app_client(app) as other:
        await signed_in_as("resident", client=other)
        page = await other.get("/mijn")
        seen = await other.get(f"/mijn/reacties/{response.ref}")
        replied = await other.post(
            f"/mijn/reacties/{response.ref}/berichten",
            data={"_csrf_token": csrf_token(page.text), "text": "Hoi"},
        )

    assert seen.status_code == 404 and QUESTION not in seen.text
    assert replied.status_code == 404
    assert await ResponseMessage.count().where(ResponseMessage.author_side == "resident") == 0
