"""Demo meetings: a past Doen-beurs in Stadsveld with its stands, visitors, contacts and
the responses and placements that followed, an upcoming fair and a company visit on a
business park, and two goals on meeting measures — so every meeting page and the
dashboard have something real to show.

The past fair is written as history (like ``demo.history``), drawn from a random
generator with a fixed seed so it is the same on every machine; the contacts are then
linked to what followed by the meetings domain's own ``link_outcomes``. The upcoming
meetings are saved through the meetings service, dated from today. Running it again
changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from typing import Any

from meedoen.accounts.tables import Account
from meedoen.db import write_transaction
from meedoen.events.contacts import link_outcomes
from meedoen.events.meetings import LOCAL, MeetingInput, SlotInput, meeting_by_ref, save_meeting
from meedoen.events.signups import Visitor, new_code, sign_up
from meedoen.events.stands import apply_for_stand, decide
from meedoen.events.tables import Contact, Meeting, MeetingSlot, SignUp, Stand
from meedoen.goals.tables import Goal
from meedoen.opportunities.tables import Opportunity
from meedoen.organisations.tables import Organisation
from meedoen.placements.tables import Placement, PlacementEvent
from meedoen.residents.tables import Resident
from meedoen.responses.tables import Response
from meedoen.settings import load_settings

PAST_FAIR = "act-demo-beurs-najaar"
NEXT_FAIR = "act-demo-beurs-voorjaar"
COMPANY_VISIT = "act-demo-bedrijfsbezoek"
FAIR_DAY = dt.date(2026, 10, 10)
ORGANISER = "org-010"  # Sociaal Wijkteam West: the district
HOST_COMPANY_TYPE = "bedrijf"
STANDS = 14
VISITORS = 72
GUESTS = 9
SEED = 2026_10_10
DEMO_GOALS = (
    ("Bezoekers op de Doen-beurzen in 2026", "bezoekers_doen_beurzen", 400),
    ("Plaatsingen na een Doen-beurs in 2026", "plaatsingen_na_contact", 60),
)


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LOCAL).astimezone(dt.UTC)


async def seed_meetings(today: dt.date | None = None) -> bool:
    """Add the demo meetings unless they are there; True when something was added."""
    settings = load_settings()
    base_url, secret_key = settings.base_url, settings.secret_key
    today = today or dt.date.today()
    organiser = await Organisation.select().where(Organisation.ref == ORGANISER).first().run()
    if organiser is None:
        return False
    added = False
    if not await Meeting.exists().where(Meeting.ref == PAST_FAIR):
        await _past_fair(organiser)
        added = True
    if not await Meeting.exists().where(Meeting.title.like("Doen-beurs Stadsveld voorjaar%")):
        await _upcoming(organiser, today, base_url, secret_key)
        added = True
    return await _goals() or added


async def _stand_organisations(rng: random.Random) -> list[dict[str, Any]]:
    rows = (
        await Organisation.select()
        .where((Organisation.verified == True) & (Organisation.ref != ORGANISER))  # noqa: E712
        .order_by(Organisation.ref)
        .run()
    )
    with_kansen = {
        row["organisation"]
        for row in await Opportunity.select(Opportunity.organisation)
        .where(Opportunity.status == "open")
        .run()
    }
    candidates = [r for r in rows if r["id"] in with_kansen]
    return rng.sample(candidates, min(STANDS, len(candidates)))


async def _past_fair(organiser: dict[str, Any]) -> None:
    rng = random.Random(SEED)
    stands = await _stand_organisations(rng)
    residents = await Resident.select().order_by(Resident.ref).run()
    visitors = rng.sample(residents, min(VISITORS, len(residents)))
    opportunities = await Opportunity.select().where(Opportunity.status == "open").run()
    by_organisation: dict[int, list[dict[str, Any]]] = {}
    for row in opportunities:
        by_organisation.setdefault(row["organisation"], []).append(row)
    coach = (
        await Account.select(Account.id)
        .where(Account.role == "coach")
        .order_by(Account.id)
        .first()
        .run()
    )
    start, end = at(FAIR_DAY, 10), at(FAIR_DAY, 15)
    async with write_transaction():
        meeting = Meeting(
            ref=PAST_FAIR,
            kind="doen_beurs",
            title="Doen-beurs Stadsveld najaar",
            description=(
                "Veertien organisaties uit West stonden klaar met vrijwilligerswerk, stages, "
                "leerwerkplekken en banen. Bezoekers liepen binnen, praatten bij de stands en "
                "maakten afspraken voor een kennismaking."
            ),
            organiser=organiser["id"],
            status="gepubliceerd",
            place_name="Wijkcentrum De Magneet",
            address="Pathmossingel 200",
            postcode="7545 AB",
            wijk="Stadsveld",
            directions="Bus 2 en 3, halte Stadsveld Centrum. Fietsenstalling bij de ingang.",
            accessibility=["rolstoel", "ringleiding", "stilteruimte", "invalidentoilet"],
            languages=["nl", "en", "ar", "tr", "ti"],
            suitable_for=["zonder_ervaring", "statushouders", "weinig_nederlands", "55plus"],
            open_entry=True,
            groups_welcome=True,
            has_stands=True,
            starts_at=start,
            ends_at=end,
            created_at=at(FAIR_DAY - dt.timedelta(days=60)),
            updated_at=at(FAIR_DAY),
        )
        await meeting.save()
        slot = MeetingSlot(meeting=meeting.id, starts_at=start, ends_at=end, capacity=None, taken=0)
        await slot.save()
        for number, organisation in enumerate(stands, 1):
            await Stand(
                meeting=meeting.id,
                organisation=organisation["id"],
                stand_key=f"{meeting.id}:{organisation['id']}",
                number_key=f"{meeting.id}:{number}",
                status="geaccepteerd",
                number=str(number),
                note="Kom langs voor een kop koffie en een praatje over wat je zou willen doen.",
                created_at=at(FAIR_DAY - dt.timedelta(days=40)),
                decided_at=at(FAIR_DAY - dt.timedelta(days=30)),
            ).save()
        seen: set[int] = set()
        for n, resident in enumerate(visitors):
            arrived = at(FAIR_DAY, 10, rng.randrange(0, 50)) + dt.timedelta(
                hours=rng.randrange(0, 4)
            )
            signup = SignUp(
                ref=f"aanm-demo-{n:03d}",
                meeting=meeting.id,
                slot=slot.id,
                status="aangemeld",
                active_key=f"{meeting.id}:r{resident['id']}",
                resident=resident["id"],
                guest_name=resident["first_name"],
                visitor_code=new_code(),
                walk_in=rng.random() < 0.3,
                checked_in_at=arrived,
                first_visit=resident["id"] not in seen and rng.random() < 0.7,
                wijk=resident["wijk"],
                birth_year=resident["birth_year"],
                created_at=at(FAIR_DAY - dt.timedelta(days=rng.randrange(0, 20))),
                updated_at=arrived,
            )
            await signup.save()
            seen.add(resident["id"])
            talked = rng.sample(stands, rng.choices((0, 1, 2, 3), weights=(20, 40, 30, 10))[0])
            for organisation in talked:
                consent = rng.random() < 0.85
                contact_at = arrived + dt.timedelta(minutes=rng.randrange(5, 90))
                await Contact(
                    ref=f"cont-demo-{n:03d}-{organisation['id']}",
                    meeting=meeting.id,
                    organisation=organisation["id"],
                    signup=signup.id,
                    resident=resident["id"],
                    contact_key=f"{organisation['id']}:{signup.id}",
                    visitor_name=resident["first_name"],
                    note="Interesse in "
                    + rng.choice(("vrijwilligerswerk", "een stage", "een baan", "meelopen")),
                    follow_up_consent=consent,
                    follow_up=rng.choice(("", "uitnodiging_reageren", "afspraak"))
                    if consent
                    else "",
                    followed_up_at=contact_at + dt.timedelta(days=3) if consent else None,
                    wijk=resident["wijk"],
                    created_at=contact_at,
                ).save()
                await _what_followed(
                    rng, resident, organisation, by_organisation, coach, contact_at
                )
        for n in range(GUESTS):
            await SignUp(
                ref=f"aanm-demo-gast-{n}",
                meeting=meeting.id,
                slot=slot.id,
                status="aangemeld",
                guest_name="",
                visitor_code=new_code(),
                walk_in=True,
                checked_in_at=at(FAIR_DAY, 11),
                first_visit=True,
                wijk=rng.choice(("Stadsveld", "Pathmos", "'t Zwering", "Wijk20")),
                created_at=at(FAIR_DAY, 11),
                updated_at=at(FAIR_DAY, 11),
            ).save()
        await SignUp(
            ref="aanm-demo-groep",
            meeting=meeting.id,
            slot=slot.id,
            status="aangemeld",
            group_size=16,
            seats=16,
            visitor_code=new_code(),
            checked_in_at=at(FAIR_DAY, 13),
            created_at=at(FAIR_DAY - dt.timedelta(days=10)),
            updated_at=at(FAIR_DAY, 13),
        ).save()
    await link_outcomes(at(FAIR_DAY + dt.timedelta(days=89)))


async def _what_followed(
    rng: random.Random,
    resident: dict[str, Any],
    organisation: dict[str, Any],
    by_organisation: dict[int, list[dict[str, Any]]],
    coach: dict[str, Any] | None,
    contact_at: dt.datetime,
) -> None:
    """Some contacts lead to a response within weeks; some of those to a placement."""
    kansen = by_organisation.get(organisation["id"], [])
    if not kansen or rng.random() > 0.55:
        return
    kans = rng.choice(kansen)
    responded = contact_at + dt.timedelta(days=rng.randrange(2, 30))
    await Response(
        ref=f"reactie-demo-{secrets.token_hex(5)}",
        opportunity=kans["id"],
        resident=resident["id"],
        message="Wij spraken elkaar op de Doen-beurs.",
        shared=["first_name"],
        status="uitgenodigd" if rng.random() < 0.6 else "bekeken",
        status_changed_at=responded,
        created_at=responded,
        updated_at=responded,
    ).save()
    if rng.random() > 0.6:
        return
    started = (responded + dt.timedelta(days=rng.randrange(10, 40))).date()
    placement = Placement(
        ref=f"hist-beurs-{secrets.token_hex(5)}",
        resident=resident["id"],
        coach=coach["id"] if coach else None,
        opportunity=kans["id"],
        organisation=organisation["id"],
        kind=kans["kind"],
        sector=kans["sector"],
        start_date=started,
        status="gestart",
        status_changed_on=started,
        wijk=resident["wijk"],
        birth_year=resident["birth_year"],
        hours_per_week=rng.choice((8, 12, 16, 24)),
        description="Begonnen na een gesprek op de Doen-beurs.",
        version=2,
        created_at=responded,
        updated_at=dt.datetime.combine(started, dt.time(10), tzinfo=dt.UTC),
    )
    await placement.save()
    for day, before, after in (
        (responded.date(), "", "voorgesteld"),
        (started, "voorgesteld", "gestart"),
    ):
        await PlacementEvent(
            placement=placement.id,
            actor=coach["id"] if coach else None,
            at=dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC),
            from_status=before,
            to_status=after,
            note="Na de Doen-beurs.",
        ).save()


async def _upcoming(
    organiser: dict[str, Any], today: dt.date, base_url: str, secret_key: str
) -> None:
    fair_day = today + dt.timedelta(days=(5 - today.weekday()) % 7 + 21)  # a Saturday, 3-4 weeks on
    ref = await save_meeting(
        organiser["id"],
        MeetingInput(
            kind="doen_beurs",
            title="Doen-beurs Stadsveld voorjaar",
            description=(
                "Ontmoet organisaties uit West die iemand zoeken: voor vrijwilligerswerk, een "
                "stage, een leerwerkplek of een baan. Loop binnen, kijk rond en praat bij de "
                "stands. Je coach mag mee. Er is koffie en thee, en tolken spreken Arabisch, "
                "Turks en Tigrinya."
            ),
            place_name="Wijkcentrum De Magneet",
            address="Pathmossingel 200",
            postcode="7545 AB",
            wijk="Stadsveld",
            directions="Bus 2 en 3, halte Stadsveld Centrum. Fietsenstalling bij de ingang.",
            accessibility=("rolstoel", "ringleiding", "stilteruimte", "invalidentoilet"),
            languages=("nl", "en", "ar", "tr", "ti"),
            suitable_for=("zonder_ervaring", "statushouders", "weinig_nederlands", "55plus"),
            groups_welcome=True,
            has_stands=True,
            status="gepubliceerd",
            slots=(
                SlotInput(fair_day, dt.time(10), dt.time(12, 30), 120),
                SlotInput(fair_day, dt.time(13, 30), dt.time(16), 120),
            ),
        ),
    )
    view = await meeting_by_ref(ref)
    assert view is not None
    rng = random.Random(SEED + 1)
    for number, organisation in enumerate(await _stand_organisations(rng), 1):
        await apply_for_stand(
            view, organisation, None, "Kom langs: we vertellen wat je bij ons kunt doen."
        )
        stand = (
            await Stand.select(Stand.id)
            .where(Stand.stand_key == f"{view.meeting['id']}:{organisation['id']}")
            .first()
        )
        if number <= 10 and stand is not None:
            await decide(view, stand["id"], None, accept=True, number=str(number))
    demo = (
        await Resident.select()
        .where(Resident.account.email == "bewoner@meedoen-west.example")
        .first()
    )
    if demo is not None:
        await sign_up(
            view,
            view.slots[0]["id"],
            Visitor(
                resident_id=demo["id"],
                name=demo["first_name"],
                wijk=demo["wijk"],
                birth_year=demo["birth_year"],
            ),
            base_url=base_url,
            secret_key=secret_key,
        )
    company = (
        await Organisation.select()
        .where(
            (Organisation.type == HOST_COMPANY_TYPE)
            & Organisation.wijk.is_in(
                [
                    "Bedrijventerrein Westerval",
                    "Bedrijvenpark Zuiderval",
                    "Havengebied Twentekanaal",
                ]
            )
            & (Organisation.verified == True)  # noqa: E712
        )
        .order_by(Organisation.ref)
        .first()
    )
    host = company or organiser
    visit_day = fair_day + dt.timedelta(days=11)
    await save_meeting(
        host["id"],
        MeetingInput(
            kind="bedrijfsbezoek",
            title=f"Bedrijfsbezoek bij {host['name']}",
            description=(
                "Kijk een ochtend mee op de werkvloer: een rondleiding, koffie met de ploeg en "
                "uitleg over stages en leerwerkplekken. Ook voor groepen, zoals een klas of een "
                "POWER-groep."
            ),
            place_name=host["name"],
            address="",
            postcode=host["postcode"],
            wijk=host["wijk"],
            directions="Parkeren op het eigen terrein; neem dichte schoenen mee.",
            accessibility=("rolstoel",),
            languages=("nl", "en"),
            suitable_for=("jongeren", "zonder_ervaring"),
            groups_welcome=True,
            status="gepubliceerd",
            slots=(SlotInput(visit_day, dt.time(9, 30), dt.time(12), 20),),
        ),
    )


async def _goals() -> bool:
    admin = await Account.select(Account.id).where(Account.role == "admin").first()
    added = False
    for name, measure, target in DEMO_GOALS:
        if await Goal.exists().where(Goal.name == name):
            continue
        now = dt.datetime.now(dt.UTC)
        await Goal(
            name=name,
            measure=measure,
            measure_kind="",
            wijk="",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 12, 31),
            target=target,
            created_by=admin["id"] if admin else None,
            created_at=now,
            updated_at=now,
        ).save()
        added = True
    return added
