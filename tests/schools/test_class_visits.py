"""Schools: a coördinator signs up a class for a company visit as a group (a count and a
teacher, no pupils), within the slot's capacity, and sees companies with stages for the
levels of their programme. Other people cannot reach a school's pages."""

from __future__ import annotations

import asyncio

from schools.conftest import a_company_visit, a_coordinator, a_school, user_of
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, sign_in

BASE = "http://testserver"
SECRET = "geheim-voor-de-test"


async def test_a_coordinator_signs_up_a_class_and_sees_it_without_pupils_data(
    database, client, mailbox
):
    from meedoen.events.tables import SignUp

    account, school = await a_coordinator()
    visit = await a_company_visit(capacity=30)
    await sign_in(client, account.email, DEFAULT_PASSWORD)

    overview = await client.get("/school")
    assert overview.status_code == 200
    assert visit.meeting["title"] in overview.text
    form = await client.get(f"/school/bezoeken/{visit.ref}")
    assert "geen namen of andere gegevens van leerlingen" in form.text
    response = await client.post(
        f"/school/bezoeken/{visit.ref}",
        data={
            "_csrf_token": csrf_token(form.text),
            "slot": str(visit.slots[0]["id"]),
            "class_name": "3B techniek",
            "size": "24",
            "teacher": "Mevrouw Jansen",
        },
    )
    assert response.status_code == 303

    row = await SignUp.select().where(SignUp.meeting == visit.meeting["id"]).first()
    assert (row["group_name"], row["group_size"], row["seats"]) == ("3B techniek", 24, 24)
    assert row["group_organisation"] == school["id"]
    assert row["guest_name"] == "Mevrouw Jansen" and row["resident"] is None
    assert row["status"] == "aangemeld"
    page = await client.get("/school")
    assert "3B techniek" in page.text and "Mevrouw Jansen" in page.text
    await mailbox.wait_for(account.email, "aangemeld")


async def test_a_wrong_class_form_keeps_the_input_and_names_the_problem(database, client):
    account, _ = await a_coordinator()
    visit = await a_company_visit()
    await sign_in(client, account.email, DEFAULT_PASSWORD)
    form = await client.get(f"/school/bezoeken/{visit.ref}")

    response = await client.post(
        f"/school/bezoeken/{visit.ref}",
        data={
            "_csrf_token": csrf_token(form.text),
            "class_name": "4A",
            "size": "drie",
            "teacher": "",
        },
    )

    assert response.status_code == 400
    assert "2 tot en met 60" in response.text
    assert "Vul de naam in van de docent" in response.text
    assert 'value="4A"' in response.text


async def test_a_class_cannot_be_signed_up_for_a_visit_that_started(database, client):
    from events.conftest import slot
    from meedoen.events.tables import SignUp

    account, _ = await a_coordinator()
    visit = await a_company_visit(slots=(slot(days_ahead=0), slot(days_ahead=3)))
    started, coming = visit.slots
    await sign_in(client, account.email, DEFAULT_PASSWORD)
    form = await client.get(f"/school/bezoeken/{visit.ref}")
    assert f'value="{coming["id"]}"' in form.text
    assert f'value="{started["id"]}"' not in form.text

    response = await client.post(
        f"/school/bezoeken/{visit.ref}",
        data={
            "_csrf_token": csrf_token(form.text),
            "slot": str(started["id"]),
            "class_name": "2A",
            "size": "20",
            "teacher": "Meneer Bakker",
        },
    )

    assert response.status_code == 400
    assert "al begonnen" in response.text and 'value="2A"' in response.text
    assert await SignUp.count().where(SignUp.meeting == visit.meeting["id"]) == 0


async def test_25_classes_at_once_never_overfill_the_visit(database):
    from meedoen.events.meetings import meeting_by_ref
    from meedoen.events.tables import MeetingSlot, SignUp
    from meedoen.schools.service import ClassVisit, sign_up_class

    account, school = await a_coordinator()
    visit = await a_company_visit(capacity=60)
    user = user_of(account, school)

    results = await asyncio.gather(
        *(
            sign_up_class(
                user,
                school,
                visit,
                None,
                ClassVisit(f"Klas {n}", 10 + n % 3, "Meneer de Vries"),
                base_url=BASE,
                secret_key=SECRET,
            )
            for n in range(25)
        )
    )

    assert len(results) == 25
    row = await MeetingSlot.select().where(MeetingSlot.meeting == visit.meeting["id"]).first()
    confirmed = await SignUp.select(SignUp.seats).where(
        (SignUp.meeting == visit.meeting["id"]) & (SignUp.status == "aangemeld")
    )
    assert sum(r["seats"] for r in confirmed) == row["taken"] <= 60
    assert row["taken"] >= 60 - 12  # full up to less than one more class
    assert [r.status for r in results].count("wachtlijst") >= 19
    view = await meeting_by_ref(visit.ref)
    assert view is not None and view.slots[0]["free"] == 60 - row["taken"]


async def test_only_a_schools_coordinator_reaches_the_school_pages(database, client):
    from meedoen.schools.service import Appointment, appoint

    visit = await a_company_visit()
    school = await a_school()
    owner = await make_account("organisation", organisation_ref=school["ref"])
    teacher = await a_member_of(school)
    company_member = await make_account("organisation")

    await sign_in(client, company_member.email, DEFAULT_PASSWORD)
    assert (await client.get("/school")).status_code == 404
    assert (await client.get(f"/school/bezoeken/{visit.ref}")).status_code == 404
    assert (await client.get("/school/coordinatoren")).status_code == 404

    await sign_in(client, owner.email, DEFAULT_PASSWORD)
    assert (await client.get("/school")).headers["location"] == "/school/coordinatoren"
    page = await client.get("/school/coordinatoren")
    assert page.status_code == 200
    saved = await client.post(
        "/school/coordinatoren",
        data={
            "_csrf_token": csrf_token(page.text),
            "account": str(teacher.id),
            "role": "talentcoordinator",
            "levels": ["vmbo", "mbo1"],
        },
    )
    assert saved.status_code == 303

    # A member of another organisation cannot be appointed
    refused = await client.post(
        "/school/coordinatoren",
        data={
            "_csrf_token": csrf_token(page.text),
            "account": str(company_member.id),
            "role": "stagecoordinator",
            "levels": ["mbo2"],
        },
    )
    assert refused.status_code == 400 and "Kies een lid van je school" in refused.text
    assert not await appoint(
        school["id"], Appointment(company_member.id, "stagecoordinator", ("mbo2",))
    )

    await sign_in(client, teacher.email, DEFAULT_PASSWORD)
    assert (await client.get("/school")).status_code == 200
    assert (await client.get("/school/coordinatoren")).status_code == 404  # not the owner


async def a_member_of(school):  # type: ignore[no-untyped-def]
    """A plain member (not an owner) of ``school``."""
    from meedoen.accounts.tables import Membership

    account = await make_account("organisation", organisation_ref=school["ref"])
    await Membership.update({Membership.role: "member"}).where(Membership.account == account.id)
    return account


async def test_an_unverified_school_has_no_coordinator_pages(database, client):
    account, _ = await a_coordinator(verified=False)
    visit = await a_company_visit()
    await sign_in(client, account.email, DEFAULT_PASSWORD)
    # The owner may still appoint coördinatoren; signing up classes waits for verification.
    assert (await client.get("/school")).headers["location"] == "/school/coordinatoren"
    assert (await client.get(f"/school/bezoeken/{visit.ref}")).status_code == 404


async def test_a_coordinator_sees_companies_with_stages_for_their_levels(database):
    from events.conftest import organiser_account
    from meedoen.opportunities.service import save_opportunity
    from meedoen.schools.service import places_for
    from organisations.conftest import a_posting

    _, fitting = await organiser_account()
    _, other = await organiser_account()
    await save_opportunity(
        fitting["id"], a_posting(title="Stage monteur", education_levels=("mbo2",), status="open")
    )
    await save_opportunity(
        other["id"], a_posting(title="Stage onderzoeker", education_levels=("wo",), status="open")
    )
    await save_opportunity(
        other["id"],
        a_posting(title="Stage in concept", education_levels=("mbo2",), status="concept"),
    )

    companies = await places_for(["mbo2", "mbo3"])

    names = [c["name"] for c in companies]
    assert fitting["name"] in names and other["name"] not in names
    ours = {fitting["ref"], other["ref"]}
    titles = [p["title"] for c in companies if c["ref"] in ours for p in c["places"]]
    assert titles == ["Stage monteur"]


async def test_a_school_publishes_its_own_stage_market(database):
    from events.conftest import a_meeting
    from meedoen.events.meetings import public_meeting

    _, school = await a_coordinator()
    market = await a_meeting(school, kind="informatiebijeenkomst", title="Stagemarkt op school")

    assert await public_meeting(market.ref) is not None
