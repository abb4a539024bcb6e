"""Every page of programmes is valid HTML (vnu) with real data: the public list and page,
the owner's and a member's pages with reach, requests and forms, the form's errors, and
the administrators' list."""

from __future__ import annotations

from programmes.conftest import a_programme_with_results
from quality.test_valid_html import Pages
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, make_account, post_form, sign_in


async def test_every_programme_page_is_valid_html(app, database, figures, tmp_path):
    owner, member, _, programme = await a_programme_with_results()
    ref = programme["ref"]
    admin = await make_account("admin")
    pages = Pages(tmp_path)
    async with app_client(app) as client:
        await pages.walk(client, "anonymous", ["/programmas", f"/programmas/{ref}"])
    async with app_client(app) as client:
        await sign_in(client, owner.email, DEFAULT_PASSWORD)
        await pages.walk(
            client,
            "owner",
            [
                "/organisatie/programmas",
                "/organisatie/programmas/nieuw",
                f"/organisatie/programmas/{ref}",
                f"/programmas/{ref}",
            ],
        )
        pages.add(
            "owner form errors",
            await post_form(
                client, "/organisatie/programmas/nieuw", {"name": ""}, "/organisatie/programmas"
            ),
        )
    async with app_client(app) as client:
        await sign_in(client, member.email, DEFAULT_PASSWORD)
        await pages.walk(
            client, "member", ["/organisatie/programmas", f"/organisatie/programmas/{ref}"]
        )
    async with app_client(app) as client:
        await sign_in(client, admin.email, DEFAULT_PASSWORD)
        await pages.walk(client, "admin", ["/beheer/programmas", f"/programmas/{ref}"])
    assert len(pages.labels) >= 11
    pages.check(figures)
