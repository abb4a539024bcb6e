"""A paid posting open to minors: its hours are checked against the Arbeidstijdenwet, and
one that breaks a rule is refused with the rule named, in Dutch, the input kept."""

from __future__ import annotations

import re

from meedoen.opportunities.tables import Opportunity
from organisations.conftest import posting_of
from organisations.test_dashboard import VALID
from support.auth import csrf_token, post_form

PAPER_ROUND = {
    **VALID,
    "kind": "betaald_werk",
    "title": "Folders bezorgen in Stadsveld",
    "description": "Je bezorgt twee middagen per week folders in de wijk.",
    "sector": "logistiek",
    "wijk": "Stadsveld",
    "paid": "1",
    "min_age": "14",
    "hours_per_week_min": "2",
    "hours_per_week_max": "6",
    "work_days": ["di", "do"],
    "work_from": "15:30",
    "work_until": "19:30",
    "hours_per_day_max": "3",
}


async def test_hours_that_break_the_rules_for_14_year_olds_are_refused_naming_each_rule(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")

    refused = await post_form(
        client, "/organisatie/kansen/nieuw", PAPER_ROUND, action="/organisatie/kansen"
    )

    assert refused.status_code == 400
    page = refused.text
    assert "Arbeidstijdenwet, 13 en 14 jaar: niet werken tussen 19:00 en 07:00." in page
    assert "Arbeidstijdenwet, 13 en 14 jaar: alleen licht werk onder toezicht." in page
    assert "Arbeidstijdenwet, 13 en 14 jaar: hoogstens 2 uur werken op een schooldag." in page
    assert 'value="19:30"' in page and 'value="3"' in page
    assert re.search(r'value="di"[^>]*checked', page)
    assert await Opportunity.count() == 0

    saved = await post_form(
        client,
        "/organisatie/kansen/nieuw",
        {
            **PAPER_ROUND,
            "work_until": "17:30",
            "hours_per_day_max": "2",
            "light_supervised": "1",
            "action": "open",
        },
        action="/organisatie/kansen",
    )

    assert saved.status_code == 303
    posting = await Opportunity.objects().first()
    assert posting is not None
    assert (posting.work_days, posting.work_from, posting.work_until) == (
        ["di", "do"],
        "15:30",
        "17:30",
    )
    assert posting.light_supervised and posting.hours_per_day_max == 2
    detail = (await client.get(f"/kansen/{posting.ref}")).text
    assert "dinsdag, donderdag, 15:30 tot 17:30" in detail


async def test_the_same_hours_are_fine_from_16_and_paid_work_must_say_its_age(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")

    without_age = await post_form(
        client,
        "/organisatie/kansen/nieuw",
        {**PAPER_ROUND, "min_age": ""},
        action="/organisatie/kansen",
    )
    from_16 = await post_form(
        client,
        "/organisatie/kansen/nieuw",
        {**PAPER_ROUND, "min_age": "16", "action": "open"},
        action="/organisatie/kansen",
    )

    assert without_age.status_code == 400
    assert "Vul in vanaf welke leeftijd iemand dit betaalde werk kan doen." in without_age.text
    assert from_16.status_code == 303
    assert await Opportunity.count() == 1


async def test_a_night_shift_for_17_year_olds_is_refused_and_explained_in_english(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")
    client.cookies.set("taal", "en")

    refused = await post_form(
        client,
        "/organisatie/kansen/nieuw",
        {**PAPER_ROUND, "min_age": "17", "work_from": "22:00", "work_until": "02:00"},
        action="/organisatie/kansen",
    )

    assert refused.status_code == 400
    assert (
        "Working Hours Act (Arbeidstijdenwet), 16 and 17 year olds: no work between 23:00 "
        "and 06:00. You ask from 22:00 until 02:00." in refused.text
    )


async def test_copying_an_older_posting_that_todays_rules_refuse_opens_the_form_to_fix_it(
    client, clean_database, signed_in_as
):
    account = await signed_in_as("organisation")
    ref = await posting_of(account, kind="betaald_werk", title="Vakkenvullen", min_age=18)
    # Saved before the rules for minors: from 16, without working times.
    await Opportunity.update({Opportunity.min_age: 16, Opportunity.paid: True}).where(
        Opportunity.ref == ref
    )
    page = await client.get("/organisatie")

    copied = await client.post(
        f"/organisatie/kansen/{ref}/kopie", data={"_csrf_token": csrf_token(page.text)}
    )

    assert copied.status_code == 400
    assert "Kopie van Vakkenvullen" in copied.text
    assert "Vul de werktijden in (van en tot)." in copied.text
    assert await Opportunity.count() == 1  # nothing saved until it is fixed
