"""The done-when of Mijn traject, in one real browser: a resident signs in, sees their
coach, ticks an agreement off, writes down hours that the organisation confirms, asks for
a proof, (the organisation writes it,) downloads the PDF, and someone without an account
checks it through its link; the goals dashboard then counts the hours."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from meedoen.traject import hours, service
from support.auth import DEFAULT_PASSWORD, make_account
from traject.conftest import a_placed_resident

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


async def sign_in(page, live_server: str, email: str, next_path: str) -> None:  # type: ignore[no-untyped-def]
    await page.goto(f"{live_server}/inloggen?next={next_path}")
    await page.get_by_label("E-mailadres").fill(email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_url(re.compile(re.escape(next_path) + "$"))


async def four_others_with_confirmed_hours(wijk: str, week: dt.date) -> int:
    """Four more residents of the wijk with 10 confirmed hours each: with the journey's
    resident they are five, so the dashboard may show the wijk's hours."""
    total = 0
    for n in range(4):
        other = await a_placed_resident(f"Buur{n}")
        other.resident.wijk = wijk
        await other.resident.save()
        entry = await hours.record_hours(
            other.resident, hours.HoursInput(other.placement.ref, week, "10")
        )
        organisation_ids = frozenset({other.organisation["id"]})
        assert await hours.confirm_hours(
            entry.ref, organisation_ids, None, actor_id=other.member.id
        )
        total += 10
    return total


async def test_a_resident_gets_a_proof_of_participation_that_anyone_can_check(
    live_server, browser, clean_database, screenshot, tmp_path
):
    placed = await a_placed_resident("Zoë")
    week = dt.date.today() - dt.timedelta(days=7)
    others = await four_others_with_confirmed_hours(placed.placement.wijk, week)
    await service.add_agreement(
        placed.resident,
        "Ik ga naar de Doen-beurs",
        "bewoner",
        dt.date.today() - dt.timedelta(days=2),
        author_id=placed.coach.account_id,
    )
    admin = await make_account("admin", display_name="Beheerder")

    resident_context = await browser.new_context(
        locale="nl-NL", viewport=PHONE, accept_downloads=True
    )
    resident = await resident_context.new_page()
    organisation = await (await browser.new_context(locale="nl-NL")).new_page()
    stranger = await (await browser.new_context(locale="nl-NL")).new_page()

    # The resident sees their coach, and that the agreement's date has passed.
    await sign_in(resident, live_server, placed.resident_account.email, "/mijn/traject")
    coach = resident.locator("#coach")
    assert "Coach Fatima" in await coach.inner_text()
    agreements = resident.locator("#afspraken")
    assert "De datum is voorbij" in await agreements.inner_text()
    await screenshot(resident, "traject-resident-360")

    # Ticks it off with a note.
    await agreements.get_by_label("Notitie bij deze afspraak").fill("Met mijn buurvrouw")
    await agreements.get_by_role("button", name="Afvinken: klaar").click()
    await resident.wait_for_url(re.compile(r"#afspraken$"))
    assert "Goed gedaan! De afspraak is afgevinkt." in await resident.locator("main").inner_text()
    assert "Met mijn buurvrouw" in await resident.locator("#afspraken").inner_text()

    # Writes down 5,5 hours for last week.
    form = resident.locator("#uren")
    await form.get_by_label("Plek").select_option(placed.placement.ref)
    await form.get_by_label("Een dag in die week").fill(week.isoformat())
    await form.get_by_label("Aantal uren").fill("5,5")
    await form.get_by_role("button", name="Uren opschrijven").click()
    await resident.wait_for_url(re.compile(r"#uren$"))
    assert "Wacht op de organisatie" in await resident.locator("#uren").inner_text()

    # The organisation confirms them on its one page of hours.
    await sign_in(organisation, live_server, placed.member.email, "/organisatie/uren")
    waiting = organisation.locator("#wacht li").filter(has_text="Zoë")
    assert "5,5" in await waiting.get_by_label(re.compile("^Uren")).input_value()
    await waiting.get_by_role("button", name="Bevestigen").click()
    await organisation.wait_for_url(re.compile(r"/organisatie/uren$"))
    assert "De uren zijn bevestigd." in await organisation.locator("main").inner_text()

    # The resident asks for a proof; the organisation writes it.
    await resident.goto(f"{live_server}/mijn/traject")
    totals = await resident.locator("#uren-totaal").inner_text()
    assert "5,5" in totals
    await resident.get_by_role("button", name="Vraag een bewijs van meedoen").click()
    await resident.wait_for_url(re.compile(r"#plekken$"))
    await organisation.goto(f"{live_server}/organisatie/uren")
    await organisation.get_by_role("link", name="Bewijs schrijven voor Zoë").click()
    await organisation.get_by_label("samenwerken").check()
    await organisation.get_by_label("klantvriendelijk").check()
    await organisation.get_by_label(re.compile("^Eén zin")).fill(
        "Zoë ontving elke week de gasten met een glimlach."
    )
    await organisation.get_by_role("button", name="Bewijs maken").click()
    await organisation.wait_for_url(re.compile(r"/organisatie/uren$"))

    # The resident downloads the PDF: tagged, in Dutch, with the link to check it.
    await resident.goto(f"{live_server}/mijn/traject")
    async with resident.expect_download() as download_info:
        await resident.get_by_role("link", name="Download je bewijs van meedoen (pdf)").click()
    download = await download_info.value
    saved = tmp_path / "bewijs.pdf"
    await download.save_as(saved)
    reader = PdfReader(io.BytesIO(saved.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Zoë deed mee bij" in text and "glimlach" in text and "5,5" in text
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    link = re.search(r"/bewijs/[A-Za-z0-9._-]+", text.replace("\n", "").replace(" ", ""))
    assert link, text

    # Someone without an account checks it: genuine and unchanged, and nothing else.
    await stranger.goto(f"{live_server}{link.group(0)}")
    verdict = await stranger.locator("main").inner_text()
    assert "Dit bewijs is echt en ongewijzigd." in verdict
    assert "Zoë" not in verdict and "glimlach" not in verdict
    await screenshot(stranger, "traject-verified-1280")

    # The dashboard counts the journey's hours with the four neighbours' (five people).
    await sign_in(stranger, live_server, admin.email, "/doelen")
    month = dt.date.today().strftime("%Y-%m")
    # Hours count in the month of their week's Monday (the week of 1 December 2026 is
    # counted in November), so the period starts there.
    start = hours.monday_of(week).strftime("%Y-%m")
    await stranger.goto(f"{live_server}/doelen?van={start}&tot={month}")
    row = stranger.locator("#tabel-traject_per_wijk tr").filter(
        has=stranger.get_by_role("rowheader", name=placed.placement.wijk)
    )
    cells = await row.locator("td").all_inner_texts()
    expected_hours = others + 5.5
    assert cells[0].strip() in (
        f"{expected_hours:.1f}".replace(".", ","),
        str(round(expected_hours)),
    )
