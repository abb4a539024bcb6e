"""The pages a resident sees (signed in, with data, with errors) are valid HTML."""

from __future__ import annotations

import re

from quality.test_valid_html import VNU_JAR, pytestmark, validate  # noqa: F401 - same skip rule
from residents.conftest import a_pdf, an_opportunity, post_profile
from support.auth import post_form


async def test_every_resident_page_is_valid_html(
    client, clean_database, corpus, signed_in_as, tmp_path
):
    await signed_in_as("resident", display_name="Sanne")
    await post_profile(
        client,
        {"wijk": "Pathmos", "skills": "koken", "preferred_kinds": ["vrijwilligerswerk"]},
        files={"cv": ("cv.pdf", a_pdf(), "application/pdf")},
    )
    opportunity = await an_opportunity()
    sent = await post_form(
        client, f"/kansen/{opportunity.ref}/reageren", {"message": "Hoi", "shared": ["email"]}
    )
    await post_form(
        client, "/kansen?q=koken", {"q": "koken", "frequency": "daily"}, "/zoekopdrachten"
    )
    pages = {
        "profile": await client.get("/mijn"),
        "profile-errors": await post_profile(
            client, {"birth_year": "x"}, files={"cv": ("cv.doc", b"x", "application/msword")}
        ),
        "respond": await client.get(f"/kansen/{opportunity.ref}/reageren"),
        "respond-errors": await post_form(
            client, f"/kansen/{opportunity.ref}/reageren", {"shared": ["phone"], "phone": "1"}
        ),
        "responses": await client.get("/mijn/reacties"),
        "response": await client.get(sent.headers["location"]),
        "searches": await client.get("/mijn/zoekopdrachten"),
        "search-with-save": await client.get("/kansen?q=koken&wijk=Pathmos"),
        "data": await client.get("/mijn/gegevens"),
        "data-overview": await client.get("/mijn/gegevens/overzicht"),
        "data-errors": await post_form(client, "/mijn/gegevens", {}, "/mijn/gegevens/verwijderen"),
        "unsubscribe-bad-link": await client.get("/zoekopdrachten/afmelden/niet-goed"),
    }
    files = []
    for name, response in pages.items():
        assert response.status_code < 500, name
        assert "<html" in response.text, name
        assert not re.search(r"\sstyle=", response.text), f"{name} has an inline style"
        path = tmp_path / f"{name}.html"
        path.write_text(response.text, encoding="utf-8")
        files.append(path)

    errors = validate(files)

    assert not errors, "\n".join(
        f"{e.get('url', '').rsplit('/', 1)[-1]}:{e.get('lastLine')}: {e.get('message')}"
        for e in errors
    )
