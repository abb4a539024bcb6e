"""A programme's reach, counted on a small district built by hand: unique young people
(under 27) who signed up for its meetings or responded to or started on its kansen, the
meetings held, and the stages and jobs that started; 1 to 4 people show as "< 5"."""

from __future__ import annotations

import datetime as dt

from events.conftest import guest
from organisations.conftest import a_resident, a_response, posting_of
from programmes.conftest import a_meeting, a_programme, organiser_account, user_of

YEAR = dt.date.today().year


async def a_past_meeting(organisation):  # type: ignore[no-untyped-def]
    from meedoen.events.tables import Meeting

    view = await a_meeting(organisation, kind="bedrijfsbezoek", title="Open werkplaats")
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    await Meeting.update(
        {Meeting.starts_at: past, Meeting.ends_at: past + dt.timedelta(hours=3)}
    ).where(Meeting.id == view.meeting["id"])
    return view


async def placed(resident, kans_ref: str, kind: str):  # type: ignore[no-untyped-def]
    from meedoen.opportunities.tables import Opportunity
    from meedoen.placements.service import PlacementDetails, create_placement

    opportunity = await Opportunity.objects().where(Opportunity.ref == kans_ref).first()
    await create_placement(
        resident,
        PlacementDetails(kind=kind, start_date=dt.date.today() - dt.timedelta(days=3)),
        coach_id=None,
        actor_id=None,
        opportunity=opportunity,
        status="gestart",
    )


async def test_reach_counts_each_young_person_once_and_hides_small_counts(database):
    from meedoen.events import signups
    from meedoen.programmes import service
    from meedoen.programmes.reach import reach_of

    owner, organisation = await organiser_account()
    programme = await a_programme(owner, organisation)
    meeting = await a_meeting(organisation, kind="bedrijfsbezoek", title="Nog te komen")
    held = await a_past_meeting(organisation)
    stage = await posting_of(owner, title="Stage techniek", kind="stage")
    job = await posting_of(owner, title="Baan als monteur", kind="betaald_werk")
    outside = await posting_of(owner, title="Niet in het programma")
    for kind, ref in (
        ("activiteit", meeting.ref),
        ("activiteit", held.ref),
        ("kans", stage),
        ("kans", job),
    ):
        assert await service.attach(programme, organisation["id"], kind, ref)

    # Five young guests at the past meeting, one older guest, one young guest who cancelled.
    for n in range(5):
        await signups.sign_up(
            held, None, guest(n, birth_year=YEAR - 16), base_url="", secret_key="x"
        )
    await signups.sign_up(held, None, guest("oud", birth_year=1960), base_url="", secret_key="x")
    cancelled = await signups.sign_up(
        meeting, None, guest("weg", birth_year=YEAR - 15), base_url="", secret_key="x"
    )
    row = await signups.signup_by_ref(cancelled.ref)
    assert row is not None
    assert await signups.cancel(meeting, row, base_url="", secret_key="x")
    # Two young residents respond to the stage and start on it; one of them also has a job.
    _, anna = await a_resident("Anna", birth_year=YEAR - 19)
    _, bram = await a_resident("Bram", birth_year=YEAR - 22)
    _, carla = await a_resident("Carla", birth_year=YEAR - 40)
    for resident in (anna, bram, carla):
        await a_response(stage, resident)
    await placed(anna, stage, "stage")
    await placed(bram, stage, "stage")
    await placed(anna, job, "betaald_werk")
    # Someone young on a kans outside the programme does not count.
    _, dirk = await a_resident("Dirk", birth_year=YEAR - 18)
    await a_response(outside, dirk)

    reach = await reach_of(await service.items_of(programme["id"]))

    assert reach.young_people == 7  # five guests, Anna and Bram once each
    assert reach.meetings_held == 1
    assert (reach.stages, reach.jobs) == (2, 1)
    assert reach.shown() == {"young_people": 7, "meetings_held": 1, "stages": "< 5", "jobs": "< 5"}
    assert reach.shown_value_of("jongeren") == 7
    assert reach.shown_value_of("stages") == "< 5"


async def test_a_programme_without_results_shows_zero_not_hidden(database):
    from meedoen.programmes import service
    from meedoen.programmes.reach import reach_of

    owner, organisation = await organiser_account()
    programme = await a_programme(owner, organisation)

    reach = await reach_of(await service.items_of(programme["id"]))

    assert reach.shown() == {"young_people": 0, "meetings_held": 0, "stages": 0, "jobs": 0}
    assert user_of(owner, organisation).organisation_ids == {organisation["id"]}


async def test_the_insight_view_shows_each_programmes_reach_suppressed(
    clean_database, client, signed_in_as
):
    from meedoen.programmes import service

    owner, organisation = await organiser_account()
    programme = await a_programme(owner, organisation, name="Zomerschool West")
    concept = await a_programme(owner, organisation, status="concept", name="Nog geheim")
    held = await a_past_meeting(organisation)
    assert await service.attach(programme, organisation["id"], "activiteit", held.ref)
    for n in range(3):
        await signups_guest(held, n)
    await signed_in_as("admin")

    page = await client.get("/beheer/inzicht")
    csv = await client.get("/beheer/inzicht/export/programmas.csv")

    assert page.status_code == 200
    assert "Zomerschool West" in page.text and concept["name"] not in page.text
    row = next(line for line in csv.text.splitlines() if "Zomerschool West" in line)
    assert "< 5" in row  # three young people
    assert row.rstrip().endswith("1;0;0") or row.rstrip().endswith("1,0,0"), row


async def signups_guest(view, n: int) -> None:  # type: ignore[no-untyped-def]
    from meedoen.events import signups

    await signups.sign_up(view, None, guest(n, birth_year=YEAR - 17), base_url="", secret_key="x")
