"""Every traject page, filled and with its errors, is valid HTML (vnu) and has no WCAG 2.1
A/AA violations (axe in Chromium) at 360 and 1280 px."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen.traject import hours, proofs, service
from quality.test_accessibility import AXE, axe_violations, describe
from quality.test_valid_html import html_problems
from support import nu_checker
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, sign_in
from traject.conftest import a_placed_resident


async def a_full_path():  # type: ignore[no-untyped-def]
    """A placed resident with agreements (one overdue, one done), hours waiting and
    confirmed, one proof issued; a second placement whose proof is asked for."""
    placed = await a_placed_resident()
    resident = placed.resident
    today = dt.date.today()
    await service.add_agreement(
        resident, "Ik ga naar de Doen-beurs", "bewoner", today, author_id=placed.coach.account_id
    )
    late = await service.add_agreement(
        resident,
        "Ik bel de bibliotheek",
        "bewoner",
        today - dt.timedelta(days=3),
        author_id=placed.coach.account_id,
    )
    await service.add_agreement(
        resident, "Coach belt het Wijkgilde", "coach", None, author_id=placed.coach.account_id
    )
    await service.tick_off(resident, late.ref, "Gedaan")
    organisation_ids = frozenset({placed.organisation["id"]})
    for days, text in ((14, "4"), (7, "3,5")):
        entry = await hours.record_hours(
            resident,
            hours.HoursInput(placed.placement.ref, today - dt.timedelta(days=days), text),
        )
        if days == 14:
            await hours.confirm_hours(entry.ref, organisation_ids, None, actor_id=placed.member.id)
    proof = await proofs.ask_for_proof(resident, placed.placement.ref)
    return placed, proof


@nu_checker.needs_nu_checker
async def test_the_traject_pages_are_valid_html(app, clean_database, tmp_path):
    placed, proof = await a_full_path()
    ref = placed.resident.ref
    pages = {}
    async with app_client(app) as resident, app_client(app) as member, app_client(app) as coach:
        await sign_in(resident, placed.resident_account.email, DEFAULT_PASSWORD)
        pages["path"] = await resident.get("/mijn/traject")
        token = csrf_token(pages["path"].text)
        pages["path-hours-errors"] = await resident.post(
            "/mijn/traject/uren", data={"_csrf_token": token, "hours": "x", "week_of": "gisteren"}
        )
        pages["path-agreement-errors"] = await resident.post(
            "/mijn/traject/afspraken", data={"_csrf_token": token, "text": ""}
        )
        await sign_in(member, placed.member.email, DEFAULT_PASSWORD)
        pages["organisation-hours"] = await member.get("/organisatie/uren")
        pages["write-proof"] = await member.get(f"/organisatie/bewijzen/{proof.ref}")
        pages["write-proof-errors"] = await member.post(
            f"/organisatie/bewijzen/{proof.ref}",
            data={"_csrf_token": csrf_token(pages["write-proof"].text), "skills": ["?"]},
        )
        coach_account = await _coach_of(placed)
        await sign_in(coach, coach_account.email, DEFAULT_PASSWORD)
        pages["coach-path"] = await coach.get(f"/coach/bewoners/{ref}/traject")
        pages["coach-path-errors"] = await coach.post(
            f"/coach/bewoners/{ref}/traject/afspraken",
            data={"_csrf_token": csrf_token(pages["coach-path"].text), "text": "", "doer": "?"},
        )
        pages["verify-not-genuine"] = await resident.get("/bewijs/niet-goed")
    assert pages["path-hours-errors"].status_code == 400
    problems = html_problems(pages, tmp_path)
    assert problems == [], "\n".join(problems)


async def _coach_of(placed):  # type: ignore[no-untyped-def]
    """A coach account with a password, in the resident's caseload."""
    from coaching.conftest import as_user
    from support.auth import make_account
    from traject.conftest import in_caseload

    coach = await make_account("coach", display_name="Coach Bram")
    await in_caseload(placed.resident.id, as_user(coach))
    return coach


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
async def test_the_traject_pages_have_no_axe_violations(
    browser, live_server, clean_database, width, screenshot
):
    if not AXE.exists():
        pytest.skip("axe-core is not installed")
    placed, proof = await a_full_path()
    coach = await _coach_of(placed)
    problems: list[str] = []
    for account, paths in (
        (placed.resident_account, ["/mijn/traject", "/bewijs/niet-goed"]),
        (placed.member, ["/organisatie/uren", f"/organisatie/bewijzen/{proof.ref}"]),
        (coach, [f"/coach/bewoners/{placed.resident.ref}/traject"]),
    ):
        context = await browser.new_context(
            locale="nl-NL", viewport={"width": width, "height": 900}
        )
        page = await context.new_page()
        try:
            await page.goto(f"{live_server}/inloggen")
            await page.get_by_label("E-mailadres").fill(account.email)
            await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
            await page.locator("main form button[type=submit]").first.click()
            await page.wait_for_load_state()
            for path in paths:
                response = await page.goto(f"{live_server}{path}")
                assert response is not None and response.status == 200, path
                violations = await axe_violations(page)
                if violations:
                    problems.append(describe(f"{path} @{width}", violations))
                name = path.strip("/").replace("/", "-")[:40]
                await screenshot(page, f"traject-{name}-{width}")
        finally:
            await context.close()
    assert not problems, "\n".join(problems)
