"""Signing up: capacity held by the database, the waiting list, cancelling and promotion."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from events.conftest import a_meeting, guest, organiser_account, slot

BASE = "http://testserver.local"
SECRET = "test-secret"


async def sign(view, visitor, slot_id=None):  # type: ignore[no-untyped-def]
    from meedoen.events.signups import sign_up

    return await sign_up(
        view, slot_id, visitor, base_url=BASE, secret_key=SECRET, mail_to=visitor.email
    )


async def fresh(view):  # type: ignore[no-untyped-def]
    from meedoen.events.meetings import meeting_by_ref

    return await meeting_by_ref(view.ref)


async def test_the_last_place_goes_to_exactly_one_of_25_at_once(database):
    from meedoen.events.tables import MeetingSlot, SignUp

    _, organisation = await organiser_account()
    view = await a_meeting(organisation, slots=(slot(capacity=3),))
    for n in range(2):
        assert (await sign(view, guest(f"vooraf-{n}"))).status == "aangemeld"

    results = await asyncio.gather(*(sign(view, guest(n)) for n in range(25)))

    statuses = [r.status for r in results]
    assert statuses.count("aangemeld") == 1
    assert statuses.count("wachtlijst") == 24
    row = await MeetingSlot.select().where(MeetingSlot.meeting == view.meeting["id"]).first()
    assert row["taken"] == 3 == row["capacity"]
    confirmed = await SignUp.count().where(
        (SignUp.meeting == view.meeting["id"]) & (SignUp.status == "aangemeld")
    )
    assert confirmed == 3


async def test_the_database_refuses_an_overfull_slot(database):
    from meedoen.events.tables import MeetingSlot

    _, organisation = await organiser_account()
    view = await a_meeting(organisation, slots=(slot(capacity=2),))
    slot_id = view.slots[0]["id"]

    with pytest.raises(Exception, match=r"(?i)meeting_slot_capacity|check"):
        await MeetingSlot.update({MeetingSlot.taken: 3}).where(MeetingSlot.id == slot_id)


async def test_the_same_person_signing_up_20_times_at_once_gets_one_sign_up(database):
    from meedoen.events.signups import AlreadySignedUp
    from meedoen.events.tables import SignUp

    _, organisation = await organiser_account()
    view = await a_meeting(organisation, slots=(slot(capacity=50),))
    same = guest("dubbel")

    outcomes = await asyncio.gather(*(sign(view, same) for _ in range(20)), return_exceptions=True)

    made = [o for o in outcomes if not isinstance(o, BaseException)]
    assert len(made) == 1
    assert all(isinstance(o, AlreadySignedUp) for o in outcomes if isinstance(o, BaseException))
    assert await SignUp.count().where(SignUp.meeting == view.meeting["id"]) == 1
    assert (await fresh(view)).slots[0]["taken"] == 1


async def test_cancelling_promotes_the_waiting_list_in_order_with_a_mail(database, mailbox):
    from meedoen.events.signups import cancel, signup_by_ref

    _, organisation = await organiser_account()
    view = await a_meeting(organisation, slots=(slot(capacity=1),))
    first = await sign(view, guest("eerste"))
    second_guest, third_guest = guest("tweede"), guest("derde")
    second = await sign(view, second_guest)
    third = await sign(view, third_guest)
    assert (first.status, second.status, third.status) == ("aangemeld", "wachtlijst", "wachtlijst")

    assert await cancel(
        await fresh(view), await signup_by_ref(first.ref), base_url=BASE, secret_key=SECRET
    )

    assert (await signup_by_ref(second.ref))["status"] == "aangemeld"
    assert (await signup_by_ref(third.ref))["status"] == "wachtlijst"
    mail = await mailbox.wait_for(second_guest.email, "plek vrij")
    assert "/activiteiten/aanmelding/" in mail.text
    assert not mailbox.received(third_guest.email) or all(
        "plek vrij" not in m.subject for m in mailbox.received(third_guest.email)
    )


async def test_concurrent_cancellations_never_overfill_or_lose_a_place(database):
    from meedoen.events.signups import cancel, signup_by_ref
    from meedoen.events.tables import SignUp

    _, organisation = await organiser_account()
    view = await a_meeting(organisation, slots=(slot(capacity=10),))
    signed = [await sign(view, guest(n)) for n in range(30)]
    confirmed = [s for s in signed if s.status == "aangemeld"]
    assert len(confirmed) == 10

    current = await fresh(view)
    rows = [await signup_by_ref(s.ref) for s in confirmed]
    await asyncio.gather(*(cancel(current, row, base_url=BASE, secret_key=SECRET) for row in rows))

    now_confirmed = await SignUp.count().where(
        (SignUp.meeting == view.meeting["id"]) & (SignUp.status == "aangemeld")
    )
    assert now_confirmed == 10
    assert (await fresh(view)).slots[0]["taken"] == 10


async def test_a_group_takes_its_size_and_does_not_block_smaller_sign_ups(database):
    from meedoen.events.signups import cancel, signup_by_ref

    _, organisation = await organiser_account()
    view = await a_meeting(
        organisation, kind="bedrijfsbezoek", slots=(slot(capacity=10),), groups_welcome=True
    )
    filler = await sign(view, guest("vol", group_name="Klas 2A", group_size=8))
    assert filler.status == "aangemeld"
    class_3b = await sign(view, guest("klas", group_name="Klas 3B", group_size=6))
    single = await sign(view, guest("los"))
    assert (class_3b.status, single.status) == ("wachtlijst", "aangemeld")

    await cancel(
        await fresh(view), await signup_by_ref(filler.ref), base_url=BASE, secret_key=SECRET
    )

    assert (await signup_by_ref(class_3b.ref))["status"] == "aangemeld"
    assert (await fresh(view)).slots[0]["taken"] == 7


async def test_groups_only_where_welcome_and_never_with_member_data(database):
    from meedoen.events.signups import SignUpRefused

    _, organisation = await organiser_account()
    view = await a_meeting(organisation, kind="workshop")
    with pytest.raises(SignUpRefused):
        await sign(view, guest("klas", group_name="Klas 1", group_size=20))


async def test_with_my_coach_takes_two_places(database):
    _, organisation = await organiser_account()
    view = await a_meeting(organisation, slots=(slot(capacity=2),))
    first = await sign(view, dataclasses.replace(guest("met coach"), with_coach=True))
    second = await sign(view, guest("daarna"))
    assert (first.status, second.status) == ("aangemeld", "wachtlijst")


async def test_a_past_or_concept_meeting_takes_no_sign_ups(database):
    from meedoen.events.signups import SignUpRefused

    _, organisation = await organiser_account()
    past = await a_meeting(organisation, slots=(slot(days_ahead=-3),))
    concept = await a_meeting(organisation, status="concept")
    for view in (past, concept):
        with pytest.raises(SignUpRefused):
            await sign(view, guest("te laat"))


async def test_a_slot_that_ended_takes_no_sign_ups_and_a_group_comes_before_the_start(database):
    from meedoen.events.signups import SignUpRefused

    _, organisation = await organiser_account()
    view = await a_meeting(
        organisation,
        groups_welcome=True,
        slots=(slot(days_ahead=-2), slot(days_ahead=0), slot(days_ahead=2)),
    )
    ended, started, coming = view.slots
    klas = guest("klas", group_name="Klas 2", group_size=12)

    with pytest.raises(SignUpRefused, match="al voorbij"):
        await sign(view, guest("te laat"), ended["id"])
    with pytest.raises(SignUpRefused, match="al begonnen"):
        await sign(view, klas, started["id"])
    assert (await sign(view, guest("nog net"), started["id"])).status == "aangemeld"
    assert (await sign(view, klas, coming["id"])).status == "aangemeld"
