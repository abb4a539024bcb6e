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


def test_a_dutch_visitor_with_an_english_browser_can_still_choose():
    assert i18n.pick_language(None, "en-GB,en;q=0.9") == "en"
    assert i18n.pick_language("nl", "en-GB,en;q=0.9") == "nl"
    assert i18n.pick_language(None, "nl-NL,nl;q=0.9,en;q=0.8") == "nl"
    assert i18n.pick_language("klingon", None) == "nl"
