"""Demo programme: "Twente goes Techno" of Praktijkschool Het Ambacht (the demo school
login), with two metal companies from the corpus as members, a techniek-middag held
last month with young visitors and one still to come, their stage and job kansen, and a
few young people who started there, so the programme's page and reach show something
real. Running it again changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.tables import Account
from meedoen.db import write_transaction
from meedoen.demo.insight import _visit
from meedoen.events.tables import Meeting
from meedoen.opportunities.tables import Opportunity
from meedoen.organisations.tables import Organisation
from meedoen.placements.tables import Placement
from meedoen.programmes import service
from meedoen.programmes.tables import Programme
from meedoen.residents.tables import Resident

REF = "twente-goes-techno"
OWNER = "org-017"  # Praktijkschool Het Ambacht
COMPANIES = ("org-034", "org-035")  # Twekkelo Staal & Constructie, Precisietechniek Westerval
# (ref, title, days from today, wijk, young visitors)
MEETINGS = (
    (
        "act-demo-techniek-twekkelo",
        "Techniekmiddag bij Twekkelo Staal",
        -30,
        "Havengebied Twentekanaal",
        12,
    ),
    (
        "act-demo-techniek-westerval",
        "Open werkplaats Precisietechniek",
        21,
        "Bedrijventerrein Westerval",
        0,
    ),
)
STAGES_STARTED = 4
JOBS_STARTED = 2


OWNER_EMAIL = "school@meedoen-west.example"  # the demo school's stagecoördinator
ADMIN_EMAIL = "beheer@meedoen-west.example"


async def _acting(email: str, organisation_ids: set[int], role: str) -> CurrentUser | None:
    """A demo account acting through the service (the audit log names it)."""
    account = await Account.select().where(Account.email == email).first().run()
    if account is None:
        return None
    ids = frozenset(organisation_ids)
    return CurrentUser(
        account["id"], account["email"], role, account["display_name"], "nl", ids, ids, ids
    )


async def seed_programme(today: dt.date | None = None) -> bool:
    """Add the demo programme once; False when it is there (or the corpus is not)."""
    if await Programme.exists().where(Programme.ref.like(f"{REF}%")):
        return False
    today = today or dt.date.today()
    organisations = {
        row["ref"]: row
        for row in await Organisation.select().where(Organisation.ref.is_in([OWNER, *COMPANIES]))
    }
    if len(organisations) < 1 + len(COMPANIES):
        return False
    owner = organisations[OWNER]
    data, errors = service.check_programme(
        {
            "name": "Twente goes Techno",
            "summary": (
                "Jongeren uit West ontdekken techniek bij bedrijven in de buurt: kijken in de "
                "werkplaats, een middag meedoen en daarna een stage of een baan.\n\n"
                "Het Ambacht doet het samen met metaalbedrijven van Twekkelo en Westerval."
            ),
            "target_group": "vmbo- en mbo-leerlingen in West",
            "age_min": "14",
            "age_max": "20",
            "starts_on": (today - dt.timedelta(days=90)).isoformat(),
            "ends_on": (today + dt.timedelta(days=180)).isoformat(),
            "goal_target": "40",
            "goal_measure": "jongeren",
        }
    )
    assert data is not None, errors
    owner_user = await _acting(OWNER_EMAIL, {owner["id"]}, "organisation")
    admin = await _acting(ADMIN_EMAIL, set(), "admin")
    if owner_user is None or admin is None:
        return False
    ref = await service.create_programme(owner_user, owner["id"], data)
    programme = await service.programme_by_ref(ref)
    assert programme is not None
    await service.submit_for_approval(owner_user, programme)
    await service.decide(admin, ref, "publiceren")
    programme = await service.programme_by_ref(ref)
    assert programme is not None
    for company_ref in COMPANIES:
        company = organisations[company_ref]
        # Nobody of the company signs in in the demo: the request is the company's.
        await service.ask_to_join(owner_user, programme, company["id"])
        await service.decide_member(owner_user, programme, company_ref, accept=True)
    await _meetings(programme, organisations, today)
    await _kansen_and_results(programme, organisations, today)
    return True


async def _meetings(
    programme: dict[str, Any], organisations: dict[str, Any], today: dt.date
) -> None:
    rng = random.Random(2026_12)
    young = await (
        Resident.select(Resident.id, Resident.wijk, Resident.birth_year)
        .where(Resident.birth_year >= today.year - 20)
        .order_by(Resident.id)
        .run()
    )
    for company_ref, (ref, title, days, wijk, visitors) in zip(COMPANIES, MEETINGS, strict=True):
        host = organisations[company_ref]
        async with write_transaction():
            await _visit(
                rng, host, young, ref, title, today + dt.timedelta(days=days), wijk, visitors, 0
            )
            # The visits' helper names the place after the title; here it is the company.
            await Meeting.update({Meeting.place_name: host["name"]}).where(Meeting.ref == ref)
        await service.attach(programme, host["id"], "activiteit", ref)


async def _kansen_and_results(
    programme: dict[str, Any], organisations: dict[str, Any], today: dt.date
) -> None:
    ids = {organisations[ref]["id"] for ref in COMPANIES}
    kansen = (
        await Opportunity.select()
        .where(
            Opportunity.organisation.is_in(sorted(ids))
            & Opportunity.kind.is_in(["stage", "betaald_werk"])
            & (Opportunity.status == "open")
        )
        .order_by(Opportunity.id)
        .run()
    )
    for kans in kansen:
        await service.attach(programme, kans["organisation"], "kans", kans["ref"])
    young = await (
        Resident.select(Resident.id, Resident.wijk, Resident.birth_year)
        .where(Resident.birth_year >= today.year - 24)
        .order_by(Resident.id, ascending=False)
        .limit(STAGES_STARTED + JOBS_STARTED)
        .run()
    )
    stages = [k for k in kansen if k["kind"] == "stage"]
    jobs = [k for k in kansen if k["kind"] == "betaald_werk"]
    wanted = [*(stages[:1] * STAGES_STARTED), *(jobs[:1] * JOBS_STARTED)]
    now = dt.datetime.now(dt.UTC)
    for n, (resident, kans) in enumerate(zip(young, wanted, strict=False)):
        start = today - dt.timedelta(days=20 - n)
        await Placement(
            ref=f"plc-demo-techno-{n:02d}",
            resident=resident["id"],
            opportunity=kans["id"],
            organisation=kans["organisation"],
            kind=kans["kind"],
            sector=kans["sector"],
            start_date=start,
            status="gestart",
            status_changed_on=start,
            wijk=resident["wijk"],
            birth_year=resident["birth_year"],
            description="Gestart via Twente goes Techno (demo).",
            created_at=now,
            updated_at=now,
        ).save()
