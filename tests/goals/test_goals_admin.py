"""Administrators define goals; the form explains every problem next to its field."""

from __future__ import annotations

import re

from support.auth import post_form

VALID = {
    "naam": "Meer stages in Pathmos",
    "maat": "plaatsingen_gestart",
    "soort": "stage",
    "begin": "2026-01-01",
    "eind": "2026-12-31",
    "doelwaarde": "12",
    "wijk": "Pathmos",
}


def field_error(html: str, field: str) -> str:
    match = re.search(rf'id="{field}-fout">\s*<span[^>]*>[^<]*</span>([^<]+)</p>', html)
    return match.group(1).strip() if match else ""


async def test_an_empty_form_says_what_to_fill_in_next_to_each_field(history, client, signed_in_as):
    await signed_in_as("admin")
    response = await post_form(client, "/beheer/doelen/nieuw", {})

    assert response.status_code == 400
    assert field_error(response.text, "naam") == "Geef het doel een naam."
    assert field_error(response.text, "maat") == "Kies wat je wilt meten."
    assert "begindatum" in field_error(response.text, "begin")
    assert "doelwaarde" in field_error(response.text, "doelwaarde")
    assert 'aria-invalid="true"' in response.text and 'href="#naam"' in response.text


async def test_wrong_values_are_explained_and_what_was_typed_stays(history, client, signed_in_as):
    await signed_in_as("admin")
    typed = {
        **VALID,
        "eind": "2025-06-01",
        "doelwaarde": "veel",
        "maat": "actieve_organisaties",
        "wijk": "Atlantis",
    }
    response = await post_form(client, "/beheer/doelen/nieuw", typed)

    assert response.status_code == 400
    assert field_error(response.text, "eind") == "De einddatum moet na de begindatum liggen."
    assert "heel getal" in field_error(response.text, "doelwaarde")
    assert "geen soort" in field_error(response.text, "soort")
    assert "wijk uit de lijst" in field_error(response.text, "wijk")
    assert 'value="Meer stages in Pathmos"' in response.text and 'value="veel"' in response.text


async def test_a_goal_is_created_shown_changed_and_deleted(history, client, signed_in_as):
    from meedoen.goals.tables import Goal

    await signed_in_as("admin")
    created = await post_form(client, "/beheer/doelen/nieuw", VALID)
    assert created.status_code == 303
    goal = await Goal.objects().get(Goal.name == VALID["naam"])
    assert (goal.measure_kind, goal.wijk, goal.target) == ("stage", "Pathmos", 12)
    assert "Meer stages in Pathmos" in (await client.get("/doelen")).text

    changed = await post_form(
        client, f"/beheer/doelen/{goal.id}/bewerken", {**VALID, "doelwaarde": "20"}
    )
    assert changed.status_code == 303
    assert (await Goal.objects().get(Goal.id == goal.id)).target == 20

    deleted = await post_form(client, f"/beheer/doelen/{goal.id}/verwijderen", {})
    assert deleted.status_code == 303
    assert not await Goal.exists().where(Goal.id == goal.id)
    assert (await client.get(f"/beheer/doelen/{goal.id}/bewerken")).status_code == 404


async def test_a_goal_with_a_small_value_hides_its_value_and_percentage(
    history, client, signed_in_as
):
    await signed_in_as("admin")
    await post_form(
        client,
        "/beheer/doelen/nieuw",
        {
            **VALID,
            "naam": "Dagbesteding in Twekkelo",
            "soort": "dagbesteding",
            "wijk": "Twekkelo",
            "begin": "2026-03-01",
            "eind": "2026-03-31",
        },
    )
    page = (await client.get("/doelen")).text
    row = re.search(r"Dagbesteding in Twekkelo</strong>:([^<]+)<", page).group(1)
    assert "%" in row and ("minder dan 5" in row or "0 van de" in row)
