"""The pages of an under-16 sign-up are valid HTML (vnu): the meeting page with the
parent's address asked (and its error), and the parent's page before and after the yes."""

from __future__ import annotations

import datetime as dt

from events.conftest import a_meeting, organiser_account
from quality.test_valid_html import Pages
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, post_form, sign_in


async def test_the_under_16_sign_up_pages_are_valid_html(app, database, figures, tmp_path, mailbox):
    from meedoen.residents.tables import Resident

    _, organisation = await organiser_account()
    visit = await a_meeting(organisation, kind="bedrijfsbezoek")
    account = await make_account("resident", display_name="Ilse")
    parent_address = "ouder-html@example.nl"
    page = f"/activiteiten/{visit.ref}"
    pages = Pages(tmp_path)
    async with app_client(app) as client:
        await sign_in(client, account.email, DEFAULT_PASSWORD)
        assert (await client.get("/mijn")).status_code == 200
        await Resident.update({Resident.birth_year: dt.date.today().year - 13}).where(
            Resident.account == account.id
        )
        await pages.walk(client, "young resident", [page])
        pages.add(
            "parent missing",
            await post_form(client, page, {"wie": "ik"}, f"{page}/aanmelden"),
        )
        await post_form(
            client, page, {"wie": "ik", "guardian_email": parent_address}, f"{page}/aanmelden"
        )
    link = (await mailbox.wait_for(parent_address, "Toestemming gevraagd")).link("/toestemming/")
    async with app_client(app) as parent:
        waiting = await parent.get(link)
        pages.add("parent's page", waiting)
        pages.add(
            "parent said yes",
            await parent.post(link, data={"_csrf_token": csrf_token(waiting.text)}),
        )
    assert len(pages.labels) >= 4
    pages.check(figures)
