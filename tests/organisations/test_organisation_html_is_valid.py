"""The pages of organisations and administrators (signed in, with data) are valid HTML."""

from __future__ import annotations

import re

from organisations.conftest import a_resident, a_response, organisation_of, posting_of
from quality.test_valid_html import VNU_JAR, pytestmark, validate  # noqa: F401 - same skip rule
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, make_account, post_form, sign_in


async def save_pages(pages, tmp_path):  # type: ignore[no-untyped-def]
    files = []
    for name, response in pages.items():
        assert response.status_code < 500, name
        assert "<html" in response.text, name
        assert not re.search(r"\sstyle=", response.text), f"{name} has an inline style"
        path = tmp_path / f"{name}.html"
        path.write_text(response.text, encoding="utf-8")
        files.append(path)
    return files


async def test_every_organisation_and_admin_page_is_valid_html(
    app, client, clean_database, signed_in_as, tmp_path
):
    member = await signed_in_as("organisation")
    ref = await posting_of(member)
    _, resident = await a_resident()
    response = await a_response(ref, resident, shared=("first_name", "email", "phone", "profile"))
    organisation = await organisation_of(member)
    pages = {
        "dashboard": await client.get("/organisatie"),
        "new": await client.get("/organisatie/kansen/nieuw"),
        "new-errors": await post_form(
            client, "/organisatie/kansen/nieuw", {"title": ""}, action="/organisatie/kansen"
        ),
        "edit": await client.get(f"/organisatie/kansen/{ref}"),
        "preview": await client.get(f"/organisatie/kansen/{ref}/voorbeeld"),
        "members": await client.get("/organisatie/leden"),
        "members-errors": await post_form(client, "/organisatie/leden", {"email": "geen-adres"}),
        "inbox": await client.get("/organisatie/reacties"),
        "response": await client.get(f"/organisatie/reacties/{response.ref}"),
        "profile": await client.get(f"/organisaties/{organisation['ref']}"),
        "invitation-invalid": await client.get("/organisatie/uitnodiging/ongeldig"),
    }
    async with app_client(app) as admin_client:
        admin = await make_account("admin")
        await sign_in(admin_client, admin.email, DEFAULT_PASSWORD)
        pages["admin-organisations"] = await admin_client.get("/beheer")
        pages["admin-accounts"] = await admin_client.get("/beheer/gebruikers")
        pages["admin-audit"] = await admin_client.get("/beheer/audit?action=response")

    errors = validate(await save_pages(pages, tmp_path))

    assert not errors, "\n".join(
        f"{e.get('url', '').rsplit('/', 1)[-1]}:{e.get('lastLine')}: {e.get('message')}"
        for e in errors
    )
