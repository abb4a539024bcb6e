"""The responses inbox: own postings only, only what the resident shared, marking a
response (with and without JavaScript), replying, and an audit row for every view."""

from __future__ import annotations

from meedoen.audit.tables import AuditEvent
from meedoen.placements.tables import Placement
from meedoen.responses.tables import Response, ResponseMessage
from organisations.conftest import a_resident, a_response, mails_to, posting_of
from support.auth import csrf_token, make_account


async def test_the_inbox_lists_responses_to_own_postings_only(client, clean_database, signed_in_as):
    member = await signed_in_as("organisation")
    mine = await posting_of(member, title="Mijn kans")
    theirs = await posting_of(await make_account("organisation"), title="Hun kans")
    _, zoe = await a_resident("Zoë")
    _, bram = await a_resident("Bram")
    await a_response(mine, zoe)
    their_response = await a_response(theirs, bram)

    page = await client.get("/organisatie/reacties")

    assert "Mijn kans" in page.text and "Zoë" in page.text
    assert "Hun kans" not in page.text and "Bram" not in page.text
    assert (await client.get(f"/organisatie/reacties/{their_response.ref}")).status_code in (
        403,
        404,
    )


async def test_a_response_shows_only_what_the_resident_chose_to_share_and_is_audited(
    client, clean_database, signed_in_as
):
    member = await signed_in_as("organisation")
    ref = await posting_of(member)
    _, resident = await a_resident("Zoë", summary="Geheime samenvatting")
    response = await a_response(
        ref, resident, shared=("email",), email="zoe@example.nl", phone="0611111111"
    )

    page = await client.get(f"/organisatie/reacties/{response.ref}")

    assert "Ik wil graag meedoen!" in page.text
    assert "zoe@example.nl" in page.text
    assert "0611111111" not in page.text
    assert "Geheime samenvatting" not in page.text
    assert "Zoë" not in page.text
    event = await AuditEvent.select().where(AuditEvent.action == "response.viewed").first()
    assert event["subject_ref"] == response.ref and event["actor"] == member.id


async def test_marking_with_htmx_answers_with_the_widget_and_without_with_the_page(
    client, clean_database, signed_in_as
):
    member = await signed_in_as("organisation")
    ref = await posting_of(member)
    _, resident = await a_resident()
    response = await a_response(ref, resident)
    page = await client.get(f"/organisatie/reacties/{response.ref}")
    token = csrf_token(page.text)
    url = f"/organisatie/reacties/{response.ref}/status"

    htmx = await client.post(
        url, data={"status": "in_contact", "_csrf_token": token}, headers={"HX-Request": "true"}
    )
    plain = await client.post(url, data={"status": "uitgenodigd", "_csrf_token": token})
    wrong = await client.post(url, data={"status": "ingetrokken", "_csrf_token": token})

    assert htmx.status_code == 200
    assert htmx.text.lstrip().startswith("<section") and "De status is nu: in contact." in htmx.text
    assert plain.status_code == 303
    assert wrong.status_code == 400
    row = await Response.select(Response.status).where(Response.id == response.id).first()
    assert row["status"] == "uitgenodigd"


async def test_placed_starts_a_placement(client, clean_database, signed_in_as):
    member = await signed_in_as("organisation")
    ref = await posting_of(member)
    _, resident = await a_resident()
    response = await a_response(ref, resident)
    token = csrf_token((await client.get(f"/organisatie/reacties/{response.ref}")).text)

    marked = await client.post(
        f"/organisatie/reacties/{response.ref}/status",
        data={"status": "geplaatst", "_csrf_token": token},
    )

    assert marked.status_code == 303
    placement = await Placement.select().where(Placement.resident == resident.id).first()
    assert placement is not None and placement["status"] == "gestart"


async def test_a_reply_is_stored_and_the_resident_gets_an_email(
    client, clean_database, signed_in_as
):
    member = await signed_in_as("organisation")
    ref = await posting_of(member, title="Kans met antwoord")
    account, resident = await a_resident()
    response = await a_response(ref, resident, shared=())
    token = csrf_token((await client.get(f"/organisatie/reacties/{response.ref}")).text)

    sent = await client.post(
        f"/organisatie/reacties/{response.ref}/berichten",
        data={"text": "Kom je dinsdag langs?", "_csrf_token": token},
    )
    empty = await client.post(
        f"/organisatie/reacties/{response.ref}/berichten", data={"text": " ", "_csrf_token": token}
    )

    assert sent.status_code == 303 and empty.status_code == 400
    message = await ResponseMessage.select().where(ResponseMessage.response == response.id).first()
    assert message["text"] == "Kom je dinsdag langs?" and message["author_side"] == "organisation"
    mails = await mails_to(account.email)
    assert len(mails) == 1 and "Kans met antwoord" in mails[0]["text_body"]
    page = await client.get(f"/organisatie/reacties/{response.ref}")
    assert "Kom je dinsdag langs?" in page.text


async def test_the_shared_profile_is_a_summary_list_without_empty_rows(
    client, clean_database, signed_in_as
):
    member = await signed_in_as("organisation")
    ref = await posting_of(member)
    _, resident = await a_resident("Zoë", skills=["koken", "heftruck"], summary="")
    response = await a_response(ref, resident, shared=("first_name", "profile"))

    page = await client.get(f"/organisatie/reacties/{response.ref}")
    shared = page.text.split('id="gedeeld"')[1].split("</dl>")[0]

    assert '<dt class="meedoen-summary-list__key">Voornaam</dt>' in shared
    assert "koken, heftruck" in shared
    assert "Over mij" not in shared and "–" not in shared  # empty: left out
    client.cookies.set("taal", "en")
    english = await client.get(f"/organisatie/reacties/{response.ref}")
    assert "cooking, forklift truck" in english.text


async def test_the_inbox_shows_the_responses_to_one_posting_when_asked(
    client, clean_database, signed_in_as
):
    member = await signed_in_as("organisation")
    first = await posting_of(member, title="Eerste kans")
    second = await posting_of(member, title="Tweede kans")
    _, zoe = await a_resident("Zoë")
    _, bram = await a_resident("Bram")
    await a_response(first, zoe)
    await a_response(second, bram)

    page = await client.get("/organisatie/reacties", params={"kans": second})

    assert "Bram" in page.text and "Zoë" not in page.text
    assert f'<option value="{second}" selected>Tweede kans</option>' in page.text
