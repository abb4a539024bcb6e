"""What happens around a meeting: the reminder with its .ics, the visitors' mail after
the meeting, contacts linked to what followed, a resident's export and deletion, and
guests' details erased 90 days after the meeting."""

from __future__ import annotations

import datetime as dt

import icalendar

from events.conftest import a_meeting, guest, organiser_account, slot
from support.auth import make_account

BASE, SECRET = "http://testserver.local", "x"


async def test_the_reminder_comes_the_day_before_with_the_ics_once(database, mailbox):
    from meedoen.events.jobs import send_reminders
    from meedoen.events.signups import sign_up

    _, organisation = await organiser_account()
    view = await a_meeting(
        organisation, title="Workshop solliciteren", kind="workshop", slots=(slot(days_ahead=1),)
    )
    visitor = guest("herinnering")
    await sign_up(view, None, visitor, base_url=BASE, secret_key=SECRET)
    now = view.slots[0]["starts_at"] - dt.timedelta(hours=24)

    assert await send_reminders(BASE, SECRET, now) >= 1
    assert await send_reminders(BASE, SECRET, now) == 0

    mail = await mailbox.wait_for(visitor.email, "Herinnering")
    attachment = next(part for part in mail.message.iter_attachments())
    assert attachment.get_filename() == f"{view.ref}.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    assert str(next(iter(calendar.walk("VEVENT")))["SUMMARY"]).startswith("Workshop solliciteren")


async def test_each_visitor_gets_one_mail_with_the_organisations_they_spoke_with(database, mailbox):
    from meedoen.events.contacts import record_contact, send_visitor_follow_ups
    from meedoen.events.meetings import meeting_by_ref
    from meedoen.events.signups import sign_up, signup_by_ref
    from meedoen.events.stands import apply_for_stand, decide, stand_of

    organiser, organisation = await organiser_account()
    view = await a_meeting(organisation, slots=(slot(days_ahead=0.02, hours=1),))
    holder, stand_org = await organiser_account()
    await apply_for_stand(view, stand_org, holder.id, "")
    await decide(
        view,
        (await stand_of(view.meeting["id"], stand_org["id"]))["id"],
        organiser.id,
        accept=True,
        number="3",
    )
    visitor = guest("bedankt")
    signup = await signup_by_ref(
        (await sign_up(view, None, visitor, base_url=BASE, secret_key=SECRET)).ref
    )
    await record_contact(view, stand_org["id"], signup, holder.id, "Leuk gesprek", True)
    after = view.slots[0]["ends_at"] + dt.timedelta(hours=3)

    view = await meeting_by_ref(view.ref)
    assert await send_visitor_follow_ups(view, base_url=BASE, secret_key=SECRET, now=after) == 1
    assert await send_visitor_follow_ups(view, base_url=BASE, secret_key=SECRET, now=after) == 0
    mail = await mailbox.wait_for(visitor.email, "Bedankt")
    assert stand_org["name"] in mail.text


async def test_a_contact_is_linked_to_a_placement_within_90_days_only(database):
    from meedoen.events.contacts import link_outcomes
    from meedoen.events.tables import Contact
    from meedoen.placements.tables import Placement
    from meedoen.residents.tables import Resident

    _, organisation = await organiser_account()
    view = await a_meeting(organisation)
    now = dt.datetime.now(dt.UTC)
    resident = Resident(
        ref="res-beurs-1", first_name="Lotte", wijk="Pathmos", created_at=now, updated_at=now
    )
    await resident.save()
    for n, days in enumerate((30, 120)):
        await Contact(
            ref=f"cont-test-{n}",
            meeting=view.meeting["id"],
            organisation=organisation["id"],
            resident=resident.id,
            contact_key=f"t{n}",
            created_at=now - dt.timedelta(days=days),
        ).save()
    await Placement(
        ref="plaats-beurs-1",
        resident=resident.id,
        organisation=organisation["id"],
        kind="stage",
        status="gestart",
        start_date=(now - dt.timedelta(days=10)).date(),
        created_at=now,
        updated_at=now,
    ).save()

    await link_outcomes(now)

    linked = {
        row["ref"]: row for row in await Contact.select().where(Contact.resident == resident.id)
    }
    assert linked["cont-test-0"]["placement_kind"] == "stage"
    assert linked["cont-test-1"]["placement_on"] is None


async def test_export_and_deletion_cover_sign_ups_and_contacts(client, signed_in_as, database):
    from meedoen.events.contacts import record_contact
    from meedoen.events.meetings import meeting_by_ref
    from meedoen.events.signups import sign_up
    from meedoen.events.tables import Contact, SignUp
    from support.auth import post_form

    _, organisation = await organiser_account()
    full = await a_meeting(organisation, title="Vol", slots=(slot(capacity=1),))
    visited = await a_meeting(organisation, title="Bezocht")
    account = await signed_in_as("resident", display_name="Sanne")
    for view in (full, visited):
        signed = await post_form(
            client,
            f"/activiteiten/{view.ref}",
            {"wie": "ik"},
            f"/activiteiten/{view.ref}/aanmelden",
        )
        assert signed.status_code == 303
    waiting_ref = (await sign_up(full, None, guest("wacht"), base_url=BASE, secret_key=SECRET)).ref
    came = await SignUp.select().where(SignUp.meeting == visited.meeting["id"]).first()
    await record_contact(
        await meeting_by_ref(visited.ref), organisation["id"], came, account.id, "Wil koken", True
    )

    data = (await client.get("/mijn/gegevens/download")).json()
    assert {s["meeting"] for s in data["meetings"]["sign_ups"]} == {"Vol", "Bezocht"}
    assert data["meetings"]["contacts_at_stands"][0]["note"] == "Wil koken"

    deleted = await post_form(
        client, "/mijn/gegevens", {"confirm": "1"}, "/mijn/gegevens/verwijderen"
    )
    assert deleted.status_code == 303
    rows = await SignUp.select().where(
        SignUp.meeting.is_in([full.meeting["id"], visited.meeting["id"]])
    )
    theirs = [r for r in rows if r["ref"] != waiting_ref]
    assert all(r["resident"] is None and r["guest_name"] == "" for r in theirs)
    contact = await Contact.select().where(Contact.signup == came["id"]).first()
    assert contact["note"] == "" and contact["resident"] is None
    # The sign-up for the meeting to come was cancelled: the waiting list moved up.
    promoted = await SignUp.select(SignUp.status).where(SignUp.ref == waiting_ref).first()
    assert promoted["status"] == "aangemeld"


async def test_guests_are_erased_90_days_after_unless_they_made_an_account(database):
    from meedoen.events.jobs import erase_expired_guests
    from meedoen.events.signups import sign_up
    from meedoen.events.tables import SignUp

    _, organisation = await organiser_account()
    view = await a_meeting(organisation)
    stays = guest("account")
    await make_account("resident", email=stays.email)
    from meedoen.accounts.current_user import CurrentUser
    from meedoen.accounts.tables import Account
    from meedoen.residents.service import own_resident  # the account gets its profile

    acc = await Account.select().where(Account.email == stays.email).first()
    await own_resident(CurrentUser(acc["id"], acc["email"], "resident", "Gast", "nl"))
    gone, kept = guest("weg"), stays
    for visitor in (gone, kept):
        await sign_up(view, None, visitor, base_url=BASE, secret_key=SECRET)
    erase_day = (
        await SignUp.select(SignUp.erase_after).where(SignUp.guest_email == gone.email).first()
    )["erase_after"]
    assert erase_day >= dt.date.today() + dt.timedelta(days=90)

    await erase_expired_guests(erase_day - dt.timedelta(days=1))
    before = await SignUp.select().where(SignUp.meeting == view.meeting["id"])
    assert all(r["guest_name"] for r in before), "erased a day early"
    await erase_expired_guests(erase_day)

    rows = {r["ref"]: r for r in await SignUp.select().where(SignUp.meeting == view.meeting["id"])}
    erased = [r for r in rows.values() if r["guest_name"] == "" and r["resident"] is None]
    claimed = [r for r in rows.values() if r["resident"] is not None]
    assert len(erased) == 1 and erased[0]["guest_email"] == "" and erased[0]["guest_phone"] == ""
    assert len(claimed) == 1
