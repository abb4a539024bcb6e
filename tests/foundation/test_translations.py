"""Dutch is the source language; every string a user reads also exists in English."""

from meedoen import i18n
from meedoen.i18n_check import extracted_msgids, untranslated


def test_every_user_facing_string_has_an_english_translation():
    missing = untranslated("en")

    assert not missing, "No English for:\n" + "\n".join(
        f"  {where}: {msgid!r}" for msgid, where in sorted(missing.items(), key=lambda i: i[1])
    )


def test_the_check_actually_finds_strings_in_code_and_templates():
    where = set(extracted_msgids().values())

    assert any(w.startswith("meedoen/") for w in where)
    assert any(w.startswith("templates/") for w in where)


def test_english_is_served_when_chosen_and_dutch_by_default():
    with i18n.language("en"):
        english = i18n.gettext("Deze pagina bestaat niet")
    dutch = i18n.gettext("Deze pagina bestaat niet")

    assert dutch == "Deze pagina bestaat niet"
    assert english != dutch and english


def test_dutch_unless_the_visitor_chose_english():
    assert i18n.pick_language(None) == "nl"
    assert i18n.pick_language("en") == "en"
    assert i18n.pick_language("klingon") == "nl"


async def test_the_language_switch_remembers_the_choice_and_returns_to_the_page(client):
    response = await client.get("/taal/en?next=/privacy")

    assert response.status_code in (302, 303)
    assert response.headers["location"] == "/privacy"
    page = await client.get("/privacy", headers={"Accept-Language": "nl"})
    assert '<html lang="en"' in page.text


async def test_the_language_switch_never_sends_a_visitor_to_another_site(client):
    for target in (
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
    ):
        response = await client.get("/taal/nl", params={"next": target})

        assert response.headers["location"] == "/"
