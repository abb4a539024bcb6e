"""A coach who leaves a required field empty when ending or stopping a placement sees
why, right at that field, with what she typed kept: with htmx (the widget swaps itself)
and without JavaScript (the page comes back). Nothing still says "Gelukt"."""

from __future__ import annotations

import re

import pytest

from coaching.conftest import a_placement, a_resident_of, as_user
from meedoen.placements import service as placements
from meedoen.placements.service import StatusChange
from support.auth import make_account
from support.browser_journeys import VARIANTS, Variant, journey, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("variant", VARIANTS)]


async def a_started_placement(coach_account):  # type: ignore[no-untyped-def]
    coach = as_user(coach_account)
    resident = await a_resident_of(coach, first_name="Andriy")
    placement = await a_placement(coach, resident)
    for step in ("kennismaking", "gestart"):
        placement = await placements.change_status(
            placement.ref, StatusChange(step), placement.version, actor_id=coach.account_id
        )
    return placement


@pytest.mark.parametrize(
    ("open_label", "button", "typed_field", "error"),
    [
        ("Plaatsing afronden", "Afronden", "Resultaat", "Kies de vervolgstap na deze plaatsing."),
        (
            "Plaatsing stoppen",
            "Plaatsing stoppen",
            "Toelichting",
            "Kies waarom de plaatsing stopt.",
        ),
    ],
)
async def test_an_empty_required_field_shows_its_error_where_the_coach_looks(
    browser, live_server, clean_database, variant: Variant, open_label, button, typed_field, error
):
    coach = await make_account("coach", display_name="Coach Fatima")
    placement = await a_started_placement(coach)
    name = "coach-error-" + ("afronden" if button == "Afronden" else "stoppen")
    async with journey(browser, name, variant) as trip:
        page = trip.page
        await sign_in(page, live_server, coach.email, f"/coach/plaatsingen/{placement.ref}")
        widget = page.locator("#status")
        await widget.get_by_text(open_label, exact=True).first.click()
        await widget.get_by_label(typed_field).fill("Het ging goed, ze wil verder.")
        await widget.get_by_role("button", name=re.compile(rf"(^|\s){button}$")).click()

        field_error = widget.locator(".utrecht-form-field-error-message, .meedoen-field--invalid")
        await field_error.first.wait_for()
        text = await widget.inner_text()
        assert error in text
        assert "Het is niet gelukt" in text
        assert "Gelukt:" not in text
        assert (
            await widget.get_by_label(typed_field).input_value() == "Het ging goed, ze wil verder."
        )
        await trip.snap("error", full_page=False)
        if variant.javascript:  # htmx swapped the widget in place: same page address
            assert re.search(rf"/coach/plaatsingen/{placement.ref}$", page.url)
