"""The four journeys the app exists for, in a real Chromium, each on a 360 px phone and a
1280 px desktop, with and without JavaScript (every page is rendered on the server, so
every journey must also work without it). Screenshots of the key pages go to
test-artifacts/screenshots/<journey>-<width>-<js>/.

Steps a journey is not about are set up through the services, like the per-domain tests.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from coaching.conftest import a_placement, a_resident_of, as_user
from organisations.conftest import posting_of
from quality.test_accessibility import AXE, axe_violations, describe
from support.auth import make_account
from support.browser_journeys import (
    VARIANTS,
    PageCheck,
    Trip,
    Variant,
    journey,
    main_text,
    sign_in,
    sign_in_here,
    until_searchable,
)

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("variant", VARIANTS)]


# axe-core runs over the key pages once per journey: at this width, with JavaScript, so
# pages are checked in the states htmx leaves them in. (Its rules hardly depend on width.)
ACCESSIBILITY_CHECKED = "1280-js"


@pytest.fixture
def checks(figures, variant: Variant) -> PageCheck | None:
    """The check every key page of this run gets: axe-core, in one variant per journey."""
    if variant.label != ACCESSIBILITY_CHECKED or not AXE.exists():
        return None

    async def no_axe_violations(page, name: str) -> list[str]:  # type: ignore[no-untyped-def]
        violations = await axe_violations(page)
        figures.axe(violations)
        return [describe(name, violations)] if violations else []

    return no_axe_violations


def finish(trip: Trip, figures) -> None:  # type: ignore[no-untyped-def]
    figures.journey(trip)
    assert not trip.problems, "\n".join(trip.problems)


async def mail_queued(address: str, subject_contains: str) -> bool:
    """Whether a mail waits in the outbox (the tests' own sender delivers it; what the
    mails say is specified in the residents' tests)."""
    from meedoen.mail.tables import OutgoingMail

    rows = await OutgoingMail.select(OutgoingMail.subject).where(OutgoingMail.to_address == address)
    return any(subject_contains in row["subject"] for row in rows)


async def show_filters(page, variant: Variant) -> None:  # type: ignore[no-untyped-def]
    """On a phone the results come first: the filters open as a panel over them."""
    if variant.is_phone:
        await page.get_by_role("link", name=re.compile(r"^Filters")).click()
        await page.locator("#filters").wait_for(state="visible")


async def apply_filters(page) -> None:  # type: ignore[no-untyped-def]
    """ "Toon N kansen" submits the filters and closes the phone's panel; a wide screen
    with JavaScript has no such button (the results follow each tick)."""
    show = page.locator(".meedoen-filters__show")
    if await show.is_visible():
        await show.click()


@dataclass(frozen=True)
class Stage:
    business: Any
    word: str
    title: str
    ref: str


@pytest.fixture(scope="module")
async def stage(database, runtime) -> Stage:  # type: ignore[no-untyped-def]
    """A business's open stage, in the search index (one for all runs of the journey)."""
    word = f"zeepkist{uuid.uuid4().hex[:6]}"
    title = f"Stage bij de zeepkistenbouwer {word}"
    business = await make_account("organisation")
    ref = await posting_of(business, title=title, kind="stage")
    await until_searchable(runtime, word, ref)
    return Stage(business, word, title, ref)


async def test_a_job_seeker_finds_a_stage_and_responds(
    live_server, browser, corpus, stage, checks, figures, variant
):
    word, title, ref = stage.word, stage.title, stage.ref
    name = f"Noor-{variant.label}"  # first names have no spaces
    seeker = await make_account("resident", display_name=name)

    async with journey(browser, "job-seeker", variant, checks) as trip:
        page = trip.page
        await page.goto(f"{live_server}/")
        await trip.snap("home")

        # Search, then narrow down to stages.
        await page.get_by_role("link", name="Kansen zoeken").click()
        await page.wait_for_url(re.compile(r"/kansen$"))
        await page.get_by_label("Wat wil je doen?").fill(word)
        await page.get_by_role("button", name="Zoeken", exact=True).click()
        await page.wait_for_url(re.compile(rf"/kansen\?q={word}"))
        await show_filters(page, variant)
        await page.get_by_label(re.compile(r"^Stage")).check()
        await apply_filters(page)
        await page.wait_for_url(re.compile(r"kind=stage"))
        result = page.locator(".meedoen-card__link", has_text=title)
        await result.wait_for()
        assert await page.locator("#resultaten .meedoen-kansen__chip").count() == 1
        await trip.snap("search-results")

        # Open it and respond: signing in on the way brings them back to the form.
        await result.click()
        await page.wait_for_url(re.compile(rf"/kansen/{ref}$"))
        assert title in await main_text(page)
        await trip.snap("opportunity")
        await page.get_by_role("link", name="Ik wil meedoen").first.click()
        await page.wait_for_url(re.compile(r"/inloggen\?next="))
        await sign_in_here(page, seeker.email)
        await page.wait_for_url(re.compile(rf"/kansen/{ref}/reageren$"))
        message = f"Ik bouw graag zeepkisten ({variant.label})."
        await page.get_by_label("Je bericht aan de organisatie").fill(message)
        await trip.snap("respond")
        await page.get_by_role("button", name="Verstuur mijn reactie").click()
        await page.wait_for_url(re.compile(r"/mijn/reacties/"))
        assert "Je reactie is verstuurd." in await main_text(page)
        await trip.snap("response-sent")
        assert await mail_queued(seeker.email, "Je reactie is verstuurd"), "no confirmation mail"

        # The business finds it in its inbox.
        inbox = await trip.another_person()
        await sign_in(inbox, live_server, stage.business.email, "/organisatie/reacties")
        assert title in await main_text(inbox)
        await inbox.get_by_role("link", name=re.compile(re.escape(name))).click()
        await inbox.wait_for_url(re.compile(r"/organisatie/reacties/[^/]+$"))
        assert message in await main_text(inbox)
        await trip.snap("organisation-inbox", inbox)
    finish(trip, figures)


async def test_a_business_posts_a_stage_that_residents_find(
    live_server, browser, database, runtime, checks, figures, variant
):
    word = f"zwaluw{uuid.uuid4().hex[:6]}"
    title = f"Stage fietsenmaker {word}"
    business = await make_account("organisation")

    async with journey(browser, "business", variant, checks) as trip:
        page = trip.page
        await sign_in(page, live_server, business.email, "/organisatie")
        await trip.snap("dashboard")

        await page.get_by_role("link", name="Nieuwe kans").click()
        await page.get_by_label("Titel").fill(title)
        await page.get_by_label("Soort kans").select_option("stage")
        await page.get_by_label("Wat ga je doen?").fill("Je repareert fietsen met ons team.")
        await page.get_by_label("Sector").select_option("metaal en techniek")
        await page.get_by_label("Wijk").select_option("Pathmos")
        await page.get_by_label("Minimaal aantal uren per week").fill("8")
        await page.get_by_label("Maximaal aantal uren per week").fill("16")
        await page.get_by_label("Taalniveau Nederlands").select_option("A2")
        await trip.snap("new-stage")
        await page.get_by_role("button", name="Opslaan en publiceren").click()
        await page.wait_for_url(re.compile(r"/voorbeeld$"))
        ref = page.url.split("/")[-2]
        assert title in await main_text(page)
        await trip.snap("preview")

        # A visitor finds it in search, once the outbox is applied (as the worker would).
        await until_searchable(runtime, word, ref)
        visitor = await trip.another_person()
        await visitor.goto(f"{live_server}/kansen?q={word}&kind=stage")
        await trip.snap("found-in-search", visitor)
        await visitor.locator(".meedoen-card__link", has_text=title).click()
        await visitor.wait_for_url(re.compile(rf"/kansen/{ref}$"))
        assert "Je repareert fietsen met ons team." in await main_text(visitor)
        await trip.snap("opportunity", visitor)
    finish(trip, figures)


async def test_a_coach_tracks_a_placement_to_its_end(
    live_server, browser, database, checks, figures, variant
):
    account = await make_account("coach", display_name="Coach Fatima")
    coach = as_user(account)
    name = f"Marieke {uuid.uuid4().hex[:4]}"
    resident = await a_resident_of(coach, first_name=name)
    await a_placement(coach, resident, description="Gastvrouw in het buurthuis")

    async with journey(browser, "coach", variant, checks) as trip:
        page = trip.page
        await sign_in(page, live_server, account.email, "/coach")
        await trip.snap("caseload")
        await page.get_by_role("link", name=name).click()
        await page.wait_for_url(re.compile(rf"/coach/bewoners/{resident.ref}$"))
        await trip.snap("resident")
        await page.locator("#plaatsingen").get_by_role("link").first.click()
        await page.wait_for_url(re.compile(r"/coach/plaatsingen/[^/]+$"))
        placement_url = page.url
        widget = page.locator("#status")
        assert "Voorgesteld" in await widget.inner_text()
        await trip.snap("placement-voorgesteld")

        # Through the pipeline: the widget swaps itself with JavaScript (the page stays:
        # a mark set on it survives), the page reloads without; the same message shows.
        if variant.javascript:
            await page.evaluate("window.stayedOnThePage = true")
        for button, status in (("Naar kennismaking", "kennismaking"), ("Naar gestart", "gestart")):
            await page.locator("#status").get_by_role("button", name=button).click()
            await page.get_by_text(f"De status is nu: {status}.").wait_for()
            # Without JavaScript the page comes back scrolled to the widget (#status).
            assert page.url.split("#")[0] == placement_url
        await page.locator("#status summary", has_text="Plaatsing afronden").click()
        await page.get_by_label("Vervolgstap").select_option("leerwerkplek")
        await page.get_by_label("Resultaat").fill("Door naar een leerwerkplek in de keuken.")
        await page.locator("#status").get_by_role("button", name="Afronden").click()
        await page.get_by_text("De status is nu: afgerond.").wait_for()
        if variant.javascript:
            assert await page.evaluate("window.stayedOnThePage"), "htmx did not swap in place"
        history = await page.locator(".meedoen-coaching__history").inner_text()
        for step in ("van voorgesteld naar kennismaking", "van kennismaking naar gestart"):
            assert step in history, history
        assert "van gestart naar afgerond" in history, history
        await trip.snap("placement-afgerond")

        await page.reload()
        assert "Afgerond" in await page.locator("#status").inner_text()
        assert "Leerwerkplek" in await page.locator(".meedoen-coaching__facts").inner_text()
        await page.goto(f"{live_server}/coach/bewoners/{resident.ref}")
        assert "Afgerond" in await page.locator("#plaatsingen").inner_text()
        await trip.snap("resident-after")
    finish(trip, figures)


async def test_an_administrator_reads_the_goals_dashboard(
    live_server, browser, corpus, checks, figures, variant
):
    from meedoen.demo.history import seed_history

    await seed_history()
    admin = await make_account("admin")

    async with journey(browser, "admin-goals", variant, checks) as trip:
        page = trip.page
        await sign_in(page, live_server, admin.email, "/doelen")
        await check_goal_progress(page)
        await check_every_chart_has_its_table(page)
        await trip.snap("dashboard")

        # One district: with JavaScript only the figures are swapped, the address follows.
        wijk = "Boekelo"
        await page.get_by_role("combobox", name=re.compile(r"^Wijk")).select_option(wijk)
        await page.get_by_role("button", name="Toon cijfers").click()
        await page.wait_for_url(re.compile(rf"wijk={wijk}"))
        await page.locator("#doelen-cijfers").get_by_text(f"Wijk: {wijk}.").wait_for()
        await check_every_chart_has_its_table(page)
        await trip.snap(f"dashboard-{wijk.lower()}")
    finish(trip, figures)


async def check_goal_progress(page) -> None:  # type: ignore[no-untyped-def]
    """Every goal shows its progress in words, and the table behind its chart agrees."""
    progress = await page.locator(".meedoen-goals__progress > li").all_inner_texts()
    assert progress, "the dashboard shows no goals"
    pattern = re.compile(
        r"^(.+?):\s*(?:\d+ van de \d+: \d+ % van het doel|minder dan 5 van de \d+)"
    )
    names = []
    for line in progress:
        match = pattern.match(line.strip())
        assert match, f"a goal without its progress: {line!r}"
        names.append(match.group(1))
    rows = await page.locator("#tabel-doelen tbody tr th").all_inner_texts()
    assert [row.strip() for row in rows] == names


async def check_every_chart_has_its_table(page) -> None:  # type: ignore[no-untyped-def]
    pairs = page.locator(".meedoen-goals__pair")
    count = await pairs.count()
    assert count >= 5, f"only {count} charts"
    for index in range(count):
        pair = pairs.nth(index)
        # A bar chart has a wide and a phone layout; CSS shows one of them.
        chart = pair.locator("svg.meedoen-chart[role=img]:visible")
        assert await chart.count() == 1
        assert (await chart.locator(":scope > title").text_content() or "").strip()
        table = pair.locator("table")
        assert (await table.locator("caption").inner_text()).strip()
        assert await table.locator("tbody tr").count() >= 1
