"""Hearing when something changes: a resident hears that her response was read, that she
is invited, placed or (kindly) not chosen, and what her coach proposes, starts and ends;
organisation members hear of new responses and of the check of their organisation. Each
person chooses per kind: at once, one mail a day, or no mail. Every mail can be stopped
with one click, without signing in (RFC 8058).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt

from coaching.conftest import a_resident_of, an_account
from meedoen.notifications import digest, service
from meedoen.notifications.tables import Notification, NotificationPreference
from meedoen.placements import service as placements
from meedoen.placements.service import StatusChange
from organisations.conftest import a_resident, a_response, organisation_of, posting_of
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, post_form, sign_in


@contextlib.asynccontextmanager
async def signed_in(app, account):  # type: ignore[no-untyped-def]
    async with app_client(app) as client:
        await sign_in(client, account.email, DEFAULT_PASSWORD)
        yield client


async def a_resident_who_responded(title: str = "Koken in de Pathmoskamer"):  # type: ignore[no-untyped-def]
    member = await make_account("organisation", display_name="Wijkgilde")
    posting = await posting_of(member, title=title, kind="vrijwilligerswerk")
    account, resident = await a_resident("Fatima")
    response = await a_response(posting, resident)
    return member, account, response


async def mark(app, member, response_ref: str, status: str):  # type: ignore[no-untyped-def]
    async with signed_in(app, member) as client:
        page = f"/organisatie/reacties/{response_ref}"
        return await post_form(client, page, {"status": status}, action=f"{page}/status")


async def test_an_invitation_is_mailed_listed_and_counted(app, clean_database, mailbox):
    member, resident, response = await a_resident_who_responded()

    assert (await mark(app, member, response.ref, "uitgenodigd")).status_code == 303

    mail = await mailbox.wait_for(resident.email, "uitgenodigd")
    # The subject names the kind only: a posting title is text an organisation chose.
    assert mail.subject == "Je bent uitgenodigd voor een gesprek"
    assert "wil met je praten over ‘Koken in de Pathmoskamer’" in mail.text
    assert f"/mijn/reacties/{response.ref}" in mail.text
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    async with signed_in(app, resident) as client:
        home = (await client.get("/mijn")).text
        assert "nieuwe meldingen" in home  # the unread count in the menu
        listed = (await client.get("/meldingen")).text
        assert "Je bent uitgenodigd: Koken in de Pathmoskamer" in listed
        invited = await notification_of(resident, "response_invited")
        opened = await client.get(f"/meldingen/{invited.ref}")
        assert opened.headers["location"] == f"/mijn/reacties/{response.ref}"
        await client.post("/meldingen/gelezen", data={"_csrf_token": csrf_token(listed)})
        assert "nieuwe meldingen" not in (await client.get("/mijn")).text


async def notification_of(account, kind: str) -> Notification:  # type: ignore[no-untyped-def]
    rows = await Notification.objects().where(
        (Notification.account == account.id) & (Notification.kind == kind)
    )
    assert len(rows) == 1, [row.kind for row in rows]
    return rows[0]


async def test_a_no_is_said_kindly_with_similar_kansen(app, clean_database, mailbox):
    member, resident, response = await a_resident_who_responded()

    await mark(app, member, response.ref, "niet_passend")

    mail = await mailbox.wait_for(resident.email)
    assert "Het zegt niets over wat jij kunt" in mail.text
    assert "/kansen?kind=vrijwilligerswerk" in mail.text
    assert "Bekijk kansen die erop lijken" in mail.html


async def test_placed_is_one_mail_not_two(app, clean_database, mailbox):
    member, resident, response = await a_resident_who_responded()

    await mark(app, member, response.ref, "geplaatst")
    await mailbox.deliver()

    subjects = [m.subject for m in mailbox.received(resident.email)]
    assert subjects == ["Je bent geplaatst"]


async def test_reading_a_response_is_told_once_however_many_open_it(app, clean_database, mailbox):
    member, resident, response = await a_resident_who_responded()
    async with contextlib.AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(signed_in(app, member)) for _ in range(20)]
        pages = await asyncio.gather(
            *(c.get(f"/organisatie/reacties/{response.ref}") for c in clients)
        )

    assert {p.status_code for p in pages} == {200}
    read = await Notification.objects().where(Notification.kind == "response_read")
    assert len(read) == 1
    # "read" waits for the daily mail by default: no mail yet.
    await mailbox.deliver()
    assert mailbox.received(resident.email) == []


async def test_a_daily_digest_collects_what_waited(app, clean_database, mailbox, settings):
    member, resident, response = await a_resident_who_responded()
    await service.set_preference(resident.id, "response_invited", "daily")
    async with signed_in(app, member) as client:
        await client.get(f"/organisatie/reacties/{response.ref}")  # read (daily by default)
    await mark(app, member, response.ref, "uitgenodigd")
    await mailbox.deliver()
    assert mailbox.received(resident.email) == []

    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1, hours=1)
    sent = await asyncio.gather(*(digest.send_due_digests(settings, tomorrow) for _ in range(5)))

    assert sum(sent) == 1  # five workers at once, one digest
    mail = await mailbox.wait_for(resident.email)
    assert mail.subject == "2 nieuwe berichten van Meedoen West"
    assert "heeft je reactie gelezen" in mail.text and "Je bent uitgenodigd" in mail.text
    assert "/meldingen/afmelden/" in mail.message["List-Unsubscribe"]
    assert await digest.send_due_digests(settings, tomorrow) == 0


async def test_no_mail_still_shows_in_the_list(app, clean_database, mailbox):
    member, resident, response = await a_resident_who_responded()
    async with signed_in(app, resident) as client:
        saved = await post_form(client, "/meldingen/instellingen", {"response_invited": "off"})
        assert saved.status_code == 303

    await mark(app, member, response.ref, "uitgenodigd")
    await mailbox.deliver()

    assert mailbox.received(resident.email) == []
    assert (await notification_of(resident, "response_invited")).mailed_at is None


async def test_one_click_unsubscribe_stops_that_kind_only(app, clean_database, mailbox):
    member, resident, response = await a_resident_who_responded()
    await mark(app, member, response.ref, "uitgenodigd")
    mail = await mailbox.wait_for(resident.email)
    link = mail.message["List-Unsubscribe"].strip("<>").split("testserver.local")[-1]
    path = "/meldingen/afmelden/" + link.split("/meldingen/afmelden/")[-1]

    async with app_client(app) as mail_program:  # no cookies, no CSRF token
        opened = await mail_program.get(path)
        assert opened.status_code == 200
        assert await service.preferences(resident.id, "resident") == {
            **await service.preferences(resident.id, "resident"),
            "response_invited": "direct",
        }  # opening the link changes nothing
        stopped = await mail_program.post(path, data={"List-Unsubscribe": "One-Click"})
    assert stopped.status_code == 200
    chosen = await service.preferences(resident.id, "resident")
    assert chosen["response_invited"] == "off"
    assert chosen["response_placed"] == "direct"

    tampered = await app_client(app).post(path[:-3] + "abc")
    assert tampered.status_code == 400


async def test_members_each_choose_how_they_hear_of_responses(app, clean_database, mailbox):
    owner = await make_account("organisation", display_name="Eigenaar")
    organisation = await organisation_of(owner)
    quiet = await make_account("organisation", organisation_ref=organisation["ref"])
    await service.set_preference(quiet.id, "response_received", "off")
    posting = await posting_of(owner, title="Fietsmaatje")
    account, _ = await a_resident("Zoë")

    async with signed_in(app, account) as client:
        sent = await post_form(
            client,
            f"/kansen/{posting}/reageren",
            {"message": "Ik fiets graag.", "shared": "email"},
        )
        assert sent.status_code == 303, sent.text[:500]
    await mailbox.deliver()

    assert [m.subject for m in mailbox.received(owner.email)] == ["Iemand reageert op een kans"]
    assert mailbox.received(quiet.email) == []
    assert "Zoë" not in mailbox.received(owner.email)[0].text  # never who sent it


async def test_a_coach_proposing_starting_and_ending_is_heard(clean_database, mailbox, settings):
    coach = await an_account("coach", "Coach Fatima")
    account = await make_account("resident", display_name="Sanne")
    resident = await a_resident_of(coach)
    from meedoen.residents.tables import Resident

    await Resident.update({Resident.account: account.id}).where(Resident.id == resident.id)
    member = await make_account("organisation")
    posting = await posting_of(member, title="Gastvrouw in het buurthuis")
    from meedoen.opportunities.tables import Opportunity

    opportunity = await Opportunity.objects().where(Opportunity.ref == posting).first()
    details = placements.PlacementDetails(kind="vrijwilligerswerk", hours_per_week=8)
    placement = await placements.create_placement(
        resident,
        details,
        coach_id=coach.account_id,
        actor_id=coach.account_id,
        opportunity=opportunity,
        settings=settings,
    )
    for step in ("kennismaking", "gestart"):
        placement = await placements.change_status(
            placement.ref,
            StatusChange(step),
            placement.version,
            actor_id=coach.account_id,
            settings=settings,
        )
    placement = await placements.change_status(
        placement.ref,
        StatusChange("afgerond", next_step_kind="geen"),
        placement.version,
        actor_id=coach.account_id,
        settings=settings,
    )
    await mailbox.deliver()

    subjects = [m.subject for m in mailbox.received(account.email)]
    assert subjects == [
        "Je coach stelt een kans voor",
        "Je plaatsing begint",
        "Je plaatsing is afgelopen",
    ]
    assert "Coach Fatima denkt dat" in mailbox.received(account.email)[0].text


async def test_an_organisation_hears_it_was_checked_in_its_members_language(
    clean_database, mailbox, settings
):
    owner = await make_account("organisation")
    from meedoen.accounts.tables import Account

    await Account.update({Account.language: "en"}).where(Account.id == owner.id)
    organisation = await organisation_of(owner)

    await service.organisation_verified(settings, organisation["id"])
    await service.organisation_refused(settings, organisation["id"], "Geen KvK-nummer gevonden.")
    await mailbox.deliver()

    subjects = [m.subject for m in mailbox.received(owner.email)]
    assert subjects == [
        "Your organisation has been checked",
        "Your organisation was not approved",
    ]
    assert "Our reason: Geen KvK-nummer gevonden." in mailbox.received(owner.email)[1].text


async def test_a_choice_is_one_row_however_many_save_it_at_once(clean_database):
    account = await make_account("resident")

    await asyncio.gather(
        *(
            service.set_preference(account.id, "response_read", delivery)
            for delivery in ["direct", "daily", "off", "daily"] * 5
        )
    )

    rows = await NotificationPreference.objects().where(
        NotificationPreference.account == account.id
    )
    assert len(rows) == 1 and rows[0].delivery in {"direct", "daily", "off"}


async def test_a_bad_choice_is_refused_and_the_page_says_which(app, clean_database):
    account = await make_account("resident")
    async with signed_in(app, account) as client:
        page = await client.get("/meldingen/instellingen")
        answer = await client.post(
            "/meldingen/instellingen",
            data={"response_invited": "elk-uur", "_csrf_token": csrf_token(page.text)},
        )
    assert answer.status_code == 400
    assert "Kies hoe je hierover wilt horen." in answer.text


async def test_administrators_have_no_notifications_page_and_coaches_do(app, clean_database):
    admin = await make_account("admin")
    async with signed_in(app, admin) as client:
        assert (await client.get("/meldingen")).status_code == 403
    coach = await make_account("coach")  # coaches hear of their residents' agreements
    async with signed_in(app, coach) as client:
        assert (await client.get("/meldingen")).status_code == 200


async def test_an_owner_chooses_per_member_who_hears_of_responses(app, clean_database, mailbox):
    owner = await make_account("organisation", display_name="Eigenaar")
    organisation = await organisation_of(owner)
    colleague = await make_account(
        "organisation", organisation_ref=organisation["ref"], display_name="Collega"
    )
    from meedoen.accounts.tables import Membership

    await Membership.update({Membership.role: "member"}).where(Membership.account == colleague.id)
    stranger = await make_account("organisation")

    async with signed_in(app, owner) as client:
        page = await client.get("/meldingen/leden")
        assert page.status_code == 200 and "Collega" in page.text
        chosen = await post_form(
            client,
            "/meldingen/leden",
            {"delivery": "off"},
            action=f"/meldingen/leden/{colleague.id}",
        )
        not_ours = await post_form(
            client,
            "/meldingen/leden",
            {"delivery": "off"},
            action=f"/meldingen/leden/{stranger.id}",
        )
    assert chosen.status_code == 303 and not_ours.status_code == 404
    assert (await service.preferences(colleague.id, "organisation"))["response_received"] == "off"
    assert (await service.preferences(stranger.id, "organisation"))["response_received"] == "direct"
    async with signed_in(app, colleague) as client:  # a member who owns nothing
        assert (await client.get("/meldingen/leden")).status_code == 403

    posting = await posting_of(owner, title="Buurtkamer")
    account, _ = await a_resident("Zoë")
    async with signed_in(app, account) as client:
        await post_form(
            client, f"/kansen/{posting}/reageren", {"message": "Ja!", "shared": "email"}
        )
    await mailbox.deliver()
    assert mailbox.received(colleague.email) == []
    assert [m.subject for m in mailbox.received(owner.email)] == ["Iemand reageert op een kans"]
