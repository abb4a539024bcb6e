"""Administrators find organisations, accounts and audit entries whatever the case and
the accents: "emile" finds "Émile", "CAFE" finds "Café", on SQLite and on PostgreSQL."""

from __future__ import annotations

import warnings

from meedoen.admin import service
from meedoen.organisations.tables import Organisation
from meedoen.textfold import fold
from support.auth import make_account, make_organisation


async def organisations(query: str) -> list[dict]:
    """The organisation list's rows for a search, over every status."""
    filters = service.OrganisationFilter(query=query, standing="alle")
    return (await service.organisation_page(filters)).rows


async def test_accounts_are_found_without_case_or_accents(clean_database):
    await make_account("resident", email="emile.dubois@example.nl", display_name="Émile Dubois")
    await make_account("resident", email="s.yilmaz@example.nl", display_name="Şükrü Yılmaz")
    await make_account("resident", email="anders@example.nl", display_name="Anders Berg")

    def names(rows):  # type: ignore[no-untyped-def]
        return sorted(row["display_name"] for row in rows)

    assert names(await service.accounts("emile")) == ["Émile Dubois"]
    assert names(await service.accounts("ÉMILE")) == ["Émile Dubois"]
    assert names(await service.accounts("EMILE.DUBOIS@")) == ["Émile Dubois"]
    assert names(await service.accounts("sukru yilmaz")) == ["Şükrü Yılmaz"]
    assert names(await service.accounts("Şükrü")) == ["Şükrü Yılmaz"]
    assert names(await service.accounts("berg")) == ["Anders Berg"]
    assert names(await service.accounts("bérg")) == ["Anders Berg"]
    assert await service.accounts("zzz-niemand") == []


async def test_organisations_are_found_without_case_or_accents(clean_database):
    await make_organisation("Café De Zwering")
    await make_organisation("CREPERIE ÉTOILE")
    await make_organisation("Buurthuis Pathmos")

    def names(rows):  # type: ignore[no-untyped-def]
        return sorted(row["name"] for row in rows)

    assert names(await organisations("cafe")) == ["Café De Zwering"]
    assert names(await organisations("CAFÉ de")) == ["Café De Zwering"]
    assert names(await organisations("créperie étoile")) == ["CREPERIE ÉTOILE"]
    assert names(await organisations("etoile")) == ["CREPERIE ÉTOILE"]
    assert names(await organisations("é")) == ["CREPERIE ÉTOILE", "Café De Zwering"]
    assert await organisations("100%") == []


async def test_admin_search_raises_no_engine_warning(clean_database):
    await make_organisation("Café Usselo")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = await organisations("CAFE")

    assert [row["name"] for row in found] == ["Café Usselo"]


async def test_the_accounts_page_finds_an_accented_name(client, clean_database, signed_in_as):
    await make_account("coach", email="coach.noemie@example.nl", display_name="Noémie Kaya")
    await signed_in_as("admin")

    page = await client.get("/beheer/gebruikers", params={"q": "NOEMIE"})

    assert page.status_code == 200
    assert "Noémie Kaya" in page.text


async def test_the_database_folds_exactly_as_python_does(clean_database):
    """The table is applied by the engine (PostgreSQL's own translate, SQLite's from us)."""
    text = "ÀÉÎÕÜ çğış ØŁĐ Zwering ß"
    ref = await make_organisation(text)
    rows = await Organisation.raw(
        "SELECT translate(name, {}, {}) AS folded FROM organisation WHERE ref = {}",
        *_pairs(),
        ref,
    )

    assert rows[0]["folded"] == fold(text) == "aeiou cgis old zwering ß"


def _pairs() -> tuple[str, str]:
    from meedoen.textfold import FOLD_FROM, FOLD_TO

    return FOLD_FROM, FOLD_TO
