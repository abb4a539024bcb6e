"""Every page of a school is valid HTML (vnu): the coördinator's overview with a class and
stages, the class form and its errors, and the coördinatoren page with its errors."""

from __future__ import annotations

from organisations.conftest import a_posting
from quality.test_valid_html import Pages
from schools.conftest import a_company_visit, a_coordinator, organiser_account
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, post_form, sign_in


async def test_every_school_page_is_valid_html(app, database, figures, tmp_path):
    from meedoen.opportunities.service import save_opportunity

    account, _ = await a_coordinator()
    visit = await a_company_visit()
    _, company = await organiser_account()
    await save_opportunity(
        company["id"], a_posting(title="Stage monteur", education_levels=("mbo2",), status="open")
    )
    pages = Pages(tmp_path)
    async with app_client(app) as client:
        await sign_in(client, account.email, DEFAULT_PASSWORD)
        form = f"/school/bezoeken/{visit.ref}"
        pages.add(
            "class errors",
            await post_form(client, form, {"class_name": "", "size": "900"}),
        )
        signed = await post_form(
            client, form, {"class_name": "2A", "size": "12", "teacher": "Meneer Bos"}
        )
        assert signed.status_code == 303
        await pages.walk(client, "coordinator", ["/school", form, "/school/coordinatoren"])
        pages.add(
            "appointment errors",
            await post_form(
                client, "/school/coordinatoren", {"account": "x", "role": "stagecoordinator"}
            ),
        )
    assert len(pages.labels) >= 5
    pages.check(figures)
