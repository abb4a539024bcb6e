"""A stored <script> is only ever text; forms without a CSRF token are refused; owners
invite members with a single-use link."""

from __future__ import annotations

import json
import re

from meedoen.accounts.tables import Account, Membership
from meedoen.organisations.tables import Organisation
from organisations.conftest import a_resident, a_response, mails_to, organisation_of, posting_of
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, post_form, sign_in

SCRIPT = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;"


async def test_a_script_in_a_title_or_description_is_shown_as_text_everywhere(
    client, clean_database, signed_in_as
):
    member = await signed_in_as("organisation")
    ref = await posting_of(member, title=f"Kans {SCRIPT}", description=f"Tekst {SCRIPT}")
    account, resident = await a_resident()
    response = await a_response(ref, resident, message=f"Hoi {SCRIPT}")
    organisation = await organisation_of(member)
    token = csrf_token((await client.get(f"/organisatie/reacties/{response.ref}")).text)
    await client.post(
        f"/organisatie/reacties/{response.ref}/berichten",
        data={"text": f"Antwoord {SCRIPT}", "_csrf_token": token},
    )

    pages = [
        "/organisatie",
        "/organisatie/reacties",
        f"/organisatie/reacties/{response.ref}",
        f"/organisatie/kansen/{ref}",
        f"/organisatie/kansen/{ref}/voorbeeld",
        f"/kansen/{ref}",
        f"/organisaties/{organisation['ref']}",
    ]
    for path in pages:
        page = await client.get(path)
        assert page.status_code == 200, path
        assert SCRIPT not in page.text, path
        assert ESCAPED in page.text, path

    detail = (await client.get(f"/kansen/{ref}")).text
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', detail, re.S)
    assert json_ld and "<script" not in json_ld.group(1).lower()
    assert json.loads(json_ld.group(1))["title"] == f"Kans {SCRIPT}"
    mail = (await mails_to(account.email))[0]
    assert SCRIPT not in mail["html_body"] and ESCAPED in mail["html_body"]


async def test_posts_without_a_csrf_token_are_refused(client, clean_database, signed_in_as):
    member = await signed_in_as("organisation")
    ref = await posting_of(member)

    for action, data in [
        ("/organisatie/kansen", {"title": "x"}),
        (f"/organisatie/kansen/{ref}/status", {"status": "gesloten"}),
        ("/organisatie/leden", {"email": "a@example.nl"}),
    ]:
        response = await client.post(action, data=data)
        assert response.status_code == 403, action


async def test_an_owner_invites_and_the_invitee_signs_up_once(client, clean_database, signed_in_as):
    owner = await signed_in_as("organisation")
    organisation = await organisation_of(owner)

    invited = await post_form(client, "/organisatie/leden", {"email": "Nieuw@Example.nl"})

    assert invited.status_code == 303
    mail = (await mails_to("nieuw@example.nl"))[0]
    link = re.search(r"http\S+/organisatie/uitnodiging/\S+", mail["text_body"]).group(0)
    path = link[link.index("/organisatie/") :]
    await client.post("/uitloggen", data={"_csrf_token": csrf_token((await client.get("/")).text)})

    joined = await post_form(
        client, path, {"display_name": "Nieuwe Collega", "password": DEFAULT_PASSWORD}
    )

    assert joined.status_code == 303
    account = await Account.objects().get(Account.email == "nieuw@example.nl")
    assert account.role == "organisation"
    assert await Membership.exists().where(
        (Membership.account == account.id) & (Membership.organisation == organisation["id"])
    )
    again = await client.get(path)
    assert "werkt niet meer" in again.text
    await sign_in(client, "nieuw@example.nl", DEFAULT_PASSWORD)
    assert organisation["name"] in (await client.get("/organisatie")).text


async def test_an_existing_organisation_account_joins_when_signed_in(
    client, clean_database, signed_in_as, settings
):
    owner = await make_account("organisation")
    organisation = await organisation_of(owner)
    from meedoen.accounts.current_user import CurrentUser
    from meedoen.organisations.service import invite_member

    colleague = await signed_in_as("organisation")
    inviter = CurrentUser(owner.id, owner.email, "organisation", "Eigenaar", "nl")
    await invite_member(settings, organisation, inviter, colleague.email)
    link = re.search(
        r"/organisatie/uitnodiging/\S+", (await mails_to(colleague.email))[0]["text_body"]
    ).group(0)

    joined = await post_form(client, link, {})

    assert joined.status_code == 303
    assert await Membership.exists().where(
        (Membership.account == colleague.id) & (Membership.organisation == organisation["id"])
    )


async def test_only_owners_invite(client, clean_database, signed_in_as):
    owner = await make_account("organisation")
    organisation = (
        await Organisation.select()
        .where(Organisation.id == (await organisation_of(owner))["id"])
        .first()
    )
    member = await signed_in_as("organisation", organisation_ref=organisation["ref"])
    await Membership.update({Membership.role: "member"}).where(Membership.account == member.id)

    page = await client.get("/organisatie/leden")
    refused = await client.post(
        "/organisatie/leden",
        data={"email": "x@example.nl", "_csrf_token": csrf_token((await client.get("/")).text)},
    )

    assert "Uitnodiging versturen" not in page.text
    assert refused.status_code == 403
