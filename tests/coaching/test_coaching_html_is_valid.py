"""The coaching pages a coach sees (signed in, with data) are valid HTML, in every state."""

from __future__ import annotations

import re

from coaching.conftest import a_placement, a_resident_of, as_user
from quality.test_valid_html import VNU_JAR, pytestmark, validate  # noqa: F401 - same skip rule
from support.auth import post_form


async def test_every_coaching_page_is_valid_html(
    client, clean_database, corpus, signed_in_as, tmp_path
):
    coach = as_user(await signed_in_as("coach"))
    resident = await a_resident_of(coach, rung=2, motivation="Intake")
    placement = await a_placement(coach, resident)
    file = f"/coach/bewoners/{resident.ref}"
    url = f"/coach/plaatsingen/{placement.ref}"
    await post_form(client, url, {"kind": "stage", "version": "1", "hours_per_week": "4"})
    pages = {
        "caseload": await client.get("/coach?wijk=Stadsveld&sorteer=trede"),
        "intake": await client.get("/coach/intake"),
        "intake-errors": await post_form(client, "/coach/intake", {"first_name": ""}),
        "file": await client.get(file),
        "file-errors": await post_form(client, file, {"rung": "9"}, action=f"{file}/trede"),
        "matches": await client.get(f"{file}/matches"),
        "new-placement": await client.get(f"{file}/plaatsingen/nieuw"),
        "transfer": await client.get(f"{file}/overdragen"),
        "placement": await client.get(url),
        "placement-conflict": await post_form(
            client, url, {"kind": "stage", "version": "1", "hours_per_week": "9"}
        ),
        "status-refused": await post_form(
            client, url, {"to_status": "afgerond", "version": "2"}, action=f"{url}/status"
        ),
    }
    files = []
    for name, response in pages.items():
        if response is None:
            continue
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
