"""Demo data for the insight view: a few months of anonymous search counts (only
aggregates, as the search pages store them; some rows stay under five searches a month, so
the demo shows that those are never shown) and two company visits held this autumn, with
young visitors from several wijken and a class, so every table shows something real."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from meedoen.db import write_transaction
from meedoen.demo.schools import SCHOOL as DEMO_SCHOOL
from meedoen.events.meetings import LOCAL
from meedoen.events.signups import new_code
from meedoen.events.tables import Meeting, MeetingSlot, SignUp
from meedoen.insight.demand import add_counts, month_before
from meedoen.insight.tables import SearchDemand
from meedoen.organisations.tables import Organisation
from meedoen.residents.tables import Resident
from meedoen.search.demand import DemandKey

# (months ago, bucket, filters, term, searches)
SEARCHES = (
    (0, "geen", "", "heftruck certificaat", 14),
    (0, "geen", "kind=stage&level=mbo2", "dierenverzorging", 9),
    (0, "weinig", "kind=stage&route=bbl", "techniek", 7),
    (0, "geen", "kind=leerwerkplek&wijk=Boekelo", "", 6),
    (0, "geen", "", "bakkerij", 3),
    (1, "geen", "", "heftruck certificaat", 11),
    (1, "weinig", "kind=stage&level=hbo", "ict", 8),
    (1, "geen", "kind=stage&sector=zorg&stagevergoeding=met", "", 5),
    (1, "geen", "", "kapper", 4),
    (2, "geen", "", "heftruck certificaat", 12),
    (2, "weinig", "kind=betaald_werk", "avondwerk", 6),
    (2, "geen", "kind=stage&level=vmbo", "garage", 5),
    (3, "geen", "kind=stage&level=mbo2", "dierenverzorging", 6),
    (3, "weinig", "", "zomerbaan", 10),
    (3, "geen", "", "jan de vries", 1),
)


async def seed_search_demand(today: dt.date | None = None) -> bool:
    """Add the demo counts once; False when the table already holds counts."""
    if await SearchDemand.exists():
        return False
    today = today or dt.date.today()
    counts = Counter(
        {
            DemandKey(month_before(today, ago), bucket, filters, term): searches
            for ago, bucket, filters, term, searches in SEARCHES
        }
    )
    await add_counts(counts)
    return True


# (ref, title, days before today, wijk of the company, young visitors, class size)
COMPANY_VISITS = (
    (
        "act-demo-bezoek-westerval",
        "Kijkje bij een metaalbedrijf op Westerval",
        70,
        "Bedrijventerrein Westerval",
        18,
        24,
    ),
    (
        "act-demo-bezoek-zuiderval",
        "Meeloopmiddag in het magazijn op Zuiderval",
        25,
        "Bedrijvenpark Zuiderval",
        14,
        0,
    ),
)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL).astimezone(dt.UTC)


async def seed_company_visits(today: dt.date | None = None) -> bool:
    """Add the two past company visits once; False when they are there already."""
    if await Meeting.exists().where(Meeting.ref == COMPANY_VISITS[0][0]):
        return False
    today = today or dt.date.today()
    host = await (
        Organisation.select(Organisation.id)
        .where(Organisation.type == "bedrijf")
        .order_by(Organisation.id)
        .first()
        .run()
    )
    if host is None:
        return False
    # The demo school sent the class, so the insight view has a school to show.
    school = await (
        Organisation.select(Organisation.id)
        .where((Organisation.ref == DEMO_SCHOOL) & (Organisation.type == "onderwijs"))
        .first()
        .run()
    )
    rng = random.Random(2026_18)
    young = await (
        Resident.select(Resident.id, Resident.wijk, Resident.birth_year)
        .where(Resident.birth_year >= today.year - 26)
        .order_by(Resident.id)
        .run()
    )
    async with write_transaction():
        for ref, title, days_ago, wijk, visitors, class_size in COMPANY_VISITS:
            day = today - dt.timedelta(days=days_ago)
            await _visit(rng, host, young, ref, title, day, wijk, visitors, class_size, school)
    return True


async def _visit(
    rng: random.Random,
    host: dict[str, Any],
    young: list[dict[str, Any]],
    ref: str,
    title: str,
    day: dt.date,
    wijk: str,
    visitors: int,
    class_size: int,
    school: dict[str, Any] | None = None,
) -> None:
    start, end = _at(day, 14), _at(day, 16)
    meeting = Meeting(
        ref=ref,
        kind="bedrijfsbezoek",
        title=title,
        description="Zie hoe het werk gaat, stel je vragen en loop een uur mee.",
        organiser=host["id"],
        status="gepubliceerd",
        place_name=title.rsplit(" op ", 1)[-1],
        wijk=wijk,
        groups_welcome=True,
        starts_at=start,
        ends_at=end,
        created_at=start - dt.timedelta(days=30),
        updated_at=start,
    )
    await meeting.save()
    slot = MeetingSlot(meeting=meeting.id, starts_at=start, ends_at=end, capacity=40, taken=0)
    await slot.save()
    for n, resident in enumerate(rng.sample(young, min(visitors, len(young)))):
        await SignUp(
            ref=f"{ref}-{n:02d}",
            meeting=meeting.id,
            slot=slot.id,
            status="aangemeld",
            active_key=f"{meeting.id}:r{resident['id']}",
            resident=resident["id"],
            visitor_code=new_code(),
            checked_in_at=start + dt.timedelta(minutes=rng.randrange(0, 20)),
            first_visit=rng.random() < 0.6,
            wijk=resident["wijk"],
            birth_year=resident["birth_year"],
            created_at=start - dt.timedelta(days=rng.randrange(1, 20)),
            updated_at=start,
        ).save()
    if class_size:
        await SignUp(
            ref=f"{ref}-klas",
            meeting=meeting.id,
            slot=slot.id,
            status="aangemeld",
            group_name="Klas 3 techniek",
            group_size=class_size,
            group_organisation=school["id"] if school else None,
            seats=class_size,
            visitor_code=new_code(),
            checked_in_at=start,
            created_at=start - dt.timedelta(days=14),
            updated_at=start,
        ).save()
