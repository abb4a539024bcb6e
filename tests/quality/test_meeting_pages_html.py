"""Every page of the meetings domain is valid HTML (vnu), in the states people see: a fair
with stands and a floor plan, the sign-up forms with their errors, a sign-up's own page,
the organiser's pages (manage, check-in with a walk-in error), a stand holder's page, the
contacts, a coach signing up a resident, and /activiteiten as list, week and month."""

from __future__ import annotations

import datetime as dt

from events.conftest import a_meeting, guest, organiser_account, slot
from quality.test_valid_html import Pages
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, make_account, post_form, sign_in

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)


async def test_every_meeting_page_is_valid_html(app, database, figures, tmp_path, settings):
    from coaching.conftest import a_resident_of, as_user
    from meedoen.events import contacts, signups, stands
    from meedoen.events.meetings import meeting_by_ref

    organiser, organisation = await organiser_account()
    fair = await a_meeting(
        organisation,
        title="Doen-beurs HTML",
        slots=(slot(7), slot(8, capacity=1)),
        groups_welcome=True,
    )
    holder, stand_org = await organiser_account()
    await stands.apply_for_stand(fair, stand_org, holder.id, "Wij laten tuinwerk zien.")
    stand = await stands.stand_of(fair.meeting["id"], stand_org["id"])
    await stands.decide(fair, stand["id"], organiser.id, accept=True, number="4")
    signed = await signups.sign_up(
        fair, fair.slots[0]["id"], guest("html"), base_url="", secret_key=settings.secret_key
    )
    signup = await signups.signup_by_ref(signed.ref)
    contact, _ = await contacts.record_contact(
        await meeting_by_ref(fair.ref), stand_org["id"], signup, holder.id, "Tuin", True
    )
    token = signups.signup_token(settings.secret_key, signed.ref)
    week = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    pages = Pages(tmp_path)

    async with app_client(app) as client:
        await pages.walk(
            client,
            "anonymous",
            [
                "/activiteiten",
                f"/activiteiten?weergave=week&van={week}",
                f"/activiteiten?weergave=maand&van={week}",
                "/activiteiten?van=gisteren&kind=onbekend",
                f"/activiteiten/{fair.ref}",
                f"/activiteiten/{fair.ref}?stand=tuin",
                f"/activiteiten/aanmelding/{token}",
                "/activiteiten/aanmelding/kapot",
            ],
        )
        pages.add(
            "guest errors",
            await post_form(
                client,
                f"/activiteiten/{fair.ref}",
                {"wie": "gast", "email": "geen-adres"},
                f"/activiteiten/{fair.ref}/aanmelden",
            ),
        )
        pages.add(
            "group errors",
            await post_form(
                client,
                f"/activiteiten/{fair.ref}",
                {"wie": "groep", "group_size": "900"},
                f"/activiteiten/{fair.ref}/aanmelden",
            ),
        )
    async with app_client(app) as client:
        await sign_in(client, organiser.email, DEFAULT_PASSWORD)
        base = f"/organisatie/activiteiten/{fair.ref}"
        await pages.walk(
            client,
            "organiser",
            [
                "/organisatie/activiteiten",
                "/organisatie/activiteiten/nieuw",
                base,
                f"{base}/beheer",
                f"{base}/inchecken",
                f"{base}/inchecken?q=html",
            ],
        )
        pages.add(
            "new errors",
            await post_form(
                client,
                "/organisatie/activiteiten/nieuw",
                {"title": "", "slot_1_day": "morgen"},
                "/organisatie/activiteiten",
            ),
        )
        pages.add(
            "walk-in errors",
            await post_form(client, f"{base}/inchecken", {"name": ""}, f"{base}/inloop"),
        )
        pages.add(
            "stand refusal without reason",
            await post_form(
                client, f"{base}/beheer", {"besluit": "weigeren"}, f"{base}/stands/{stand['id']}"
            ),
        )
        floor = await client.post(
            f"{base}/plattegrond",
            data={
                "_csrf_token": (await client.get(f"{base}/beheer"))
                .text.split('name="_csrf_token" value="')[1]
                .split('"')[0],
                "floor_plan_alt": "Ingang links, stands in een rij, toiletten achterin.",
            },
            files={"floor_plan": ("plan.png", PNG, "image/png")},
        )
        assert floor.status_code == 303, floor.text[:500]
        await pages.walk(client, "organiser", [f"/activiteiten/{fair.ref}", f"{base}/beheer"])
    async with app_client(app) as client:
        await sign_in(client, holder.email, DEFAULT_PASSWORD)
        await pages.walk(
            client,
            "stand holder",
            [
                f"/organisatie/activiteiten/beurzen/{fair.ref}/stand",
                f"/organisatie/activiteiten/beurzen/{fair.ref}/stand?q=gast",
                "/organisatie/contacten",
                f"/organisatie/contacten/{contact}",
            ],
        )
        pages.add(
            "unknown code",
            await post_form(
                client,
                f"/organisatie/activiteiten/beurzen/{fair.ref}/stand",
                {"code": "ZZZ-ZZZ"},
                f"/organisatie/activiteiten/beurzen/{fair.ref}/contact",
            ),
        )
        pages.add(
            "follow-up errors",
            await post_form(client, f"/organisatie/contacten/{contact}", {"action": "afspraak"}),
        )
    async with app_client(app) as client:
        coach = await make_account("coach")
        await sign_in(client, coach.email, DEFAULT_PASSWORD)
        await a_resident_of(as_user(coach), first_name="Lotte")
        young = await a_resident_of(
            as_user(coach), first_name="Daan", birth_year=dt.date.today().year - 15
        )
        await pages.walk(client, "coach", [f"/coach/activiteiten/{fair.ref}/aanmelden"])
        pages.add(
            "coach consent missing",
            await post_form(client, f"/coach/activiteiten/{fair.ref}/aanmelden", {"resident": ""}),
        )
        pages.add(
            "coach guardian address missing",
            await post_form(
                client,
                f"/coach/activiteiten/{fair.ref}/aanmelden",
                {"resident": young.ref, "consent_note": "Gevraagd op maandag."},
            ),
        )
    async with app_client(app) as client:
        resident = await make_account("resident")
        await sign_in(client, resident.email, DEFAULT_PASSWORD)
        await post_form(
            client,
            f"/activiteiten/{fair.ref}",
            {"wie": "ik", "slot": str(fair.slots[1]["id"])},
            f"/activiteiten/{fair.ref}/aanmelden",
        )
        await pages.walk(client, "resident", ["/mijn/activiteiten", f"/activiteiten/{fair.ref}"])

    assert len(pages.labels) >= 25
    pages.check(figures)
