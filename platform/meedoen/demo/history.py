"""Two years of demo history: coaches with caseloads, ladder records and placements
through the whole pipeline, and a few goals, so the dashboards tell a story.

Everything is drawn from random generators seeded with each resident's reference, so
the history is the same on every machine; running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from meedoen.accounts.service import create_account
from meedoen.accounts.tables import Account
from meedoen.db import write_transaction
from meedoen.goals.tables import Goal
from meedoen.opportunities.tables import Opportunity
from meedoen.placements.tables import CaseloadLink, LadderRecord, Placement, PlacementEvent
from meedoen.residents.tables import Resident

HISTORY_START = dt.date(2024, 12, 1)
HISTORY_END = dt.date(2026, 11, 20)
REF_PREFIX = "hist-"


@dataclass(frozen=True)
class DemoCoach:
    email: str
    password: str
    display_name: str


# Documented beside DEMO_ACCOUNTS; demo data only. The first is seed.py's demo coach.
DEMO_COACHES = (
    DemoCoach("coach@meedoen-west.example", "demo-coach-west", "Coach Fatima"),
    DemoCoach("coach.daan@meedoen-west.example", "demo-coach-daan-west", "Coach Daan"),
    DemoCoach("coach.mirjam@meedoen-west.example", "demo-coach-mirjam-west", "Coach Mirjam"),
)

STOP_REASONS = {
    "gezondheid": "Gestopt om gezondheidsredenen.",
    "past_niet": "Het werk paste toch niet bij wat de bewoner zoekt.",
    "verhuisd": "De bewoner is verhuisd.",
    "ander_werk": "De bewoner heeft ander werk gevonden.",
    "geen_klik": "Geen klik met de begeleiding op de werkplek.",
}
NEXT_STEPS = ("betaald_werk", "betaald_werk", "vrijwilligerswerk", "leerwerkplek", "opleiding", "")

DEFAULT_GOALS = (
    ("Meer bewoners een trede hoger op de ladder", "ladder_omhoog", "", "", 100),
    ("Stages en leerwerkplekken voor jongeren", "jongeren_stage_leerwerkplek", "", "", 20),
    ("Doorstroming naar betaald werk", "doorstroming_betaald_werk", "", "", 60),
    ("Vrijwilligerswerk: gestarte plaatsingen", "plaatsingen_gestart", "vrijwilligerswerk", "", 30),
    ("Actieve organisaties in West", "actieve_organisaties", "", "", 60),
    ("Stadsveld: gestarte plaatsingen", "plaatsingen_gestart", "", "Stadsveld", 25),
)
GOAL_YEAR = 2026


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)


async def seed_history() -> bool:
    """Add the history unless it is there; True when something was added."""
    coaches = await _coaches()
    added = False
    if not await Placement.exists().where(Placement.ref.like(f"{REF_PREFIX}%")):
        async with write_transaction():
            await _history(coaches)
        added = True
    return await _goals() or added


async def _coaches() -> list[int]:
    ids = []
    for coach in DEMO_COACHES:
        row = await Account.select(Account.id).where(Account.email == coach.email).first()
        if row is None:
            account = await create_account(
                coach.email, coach.password, "coach", display_name=coach.display_name
            )
            ids.append(account.id)
        else:
            ids.append(row["id"])
    return ids


async def _history(coaches: list[int]) -> None:
    residents = await Resident.select(
        Resident._meta.primary_key.as_alias("id"),
        Resident.ref,
        Resident.wijk,
        Resident.birth_year,
        Resident.ladder_rung,
        Resident.preferred_kinds,
    ).order_by(Resident.ref)
    opportunities = await Opportunity.select(
        Opportunity._meta.primary_key.as_alias("id"),
        Opportunity.kind,
        Opportunity.sector,
        Opportunity.organisation,
    ).order_by(Opportunity.ref)
    links, ladder, placements, events = [], [], [], []
    for resident in residents:
        rng = random.Random(f"meedoen-history:{resident['ref']}")
        coach = coaches[rng.randrange(len(coaches))] if rng.random() < 0.85 else None
        intake = HISTORY_START + dt.timedelta(days=rng.randrange(0, 450))
        if coach is not None:
            links.append(_caseload_link(rng, resident, coach, intake))
        ladder += _ladder(rng, resident, coach, intake)
        for number, (placement, steps) in enumerate(
            _placements(rng, resident, coach, intake, opportunities)
        ):
            placement["ref"] = f"{REF_PREFIX}{resident['ref']}-{number + 1}"
            placements.append(placement)
            events.append((placement["ref"], steps))
    await _insert(CaseloadLink, links)
    await _insert(LadderRecord, ladder)
    await _insert(Placement, placements)
    ids = {
        row["ref"]: row["id"]
        for row in await Placement.select(
            Placement._meta.primary_key.as_alias("id"), Placement.ref
        ).where(Placement.ref.like(f"{REF_PREFIX}%"))
    }
    coach_of = {p["ref"]: p["coach"] for p in placements}
    await _insert(
        PlacementEvent,
        [
            {
                "placement": ids[ref],
                "actor": coach_of[ref],
                "at": at(day),
                "from_status": before,
                "to_status": after,
                "note": note,
            }
            for ref, steps in events
            for day, before, after, note in steps
        ],
    )


def _caseload_link(
    rng: random.Random, resident: dict[str, Any], coach: int, intake: dt.date
) -> dict[str, Any]:
    ended = intake + dt.timedelta(days=rng.randrange(200, 600)) if rng.random() < 0.1 else None
    return {
        "resident": resident["id"],
        "coach": coach,
        "consent_recorded_at": at(intake),
        "consent_note": "Toestemming mondeling gegeven bij de intake (demo).",
        "started_at": at(intake),
        "ended_at": at(ended) if ended and ended < HISTORY_END else None,
        "last_contact_on": min(HISTORY_END, intake + dt.timedelta(days=rng.randrange(30, 700))),
    }


def _ladder(
    rng: random.Random, resident: dict[str, Any], coach: int | None, intake: dt.date
) -> list[dict[str, Any]]:
    dates = [intake]
    while True:
        following = dates[-1] + dt.timedelta(days=rng.randrange(75, 130))
        if following > HISTORY_END:
            break
        dates.append(following)
    # Walk back from today's rung: mostly the same or one lower before, now and then higher
    # (a resident who fell back).
    rungs = [resident["ladder_rung"] or rng.randint(1, 5)]
    for _ in dates[1:]:
        step = rng.choices((1, 0, -1), weights=(30, 60, 10))[0]
        rungs.insert(0, min(6, max(1, rungs[0] - step)))
    return [
        {
            "resident": resident["id"],
            "rung": rung,
            "recorded_on": day,
            "occasion": "intake" if n == 0 else "review",
            "motivation": "Intakegesprek." if n == 0 else "Voortgangsgesprek.",
            "recorded_by": coach,
            "wijk": resident["wijk"],
            "birth_year": resident["birth_year"],
            "created_at": at(day),
        }
        for n, (day, rung) in enumerate(zip(dates, rungs, strict=True))
    ]


def _placements(
    rng: random.Random,
    resident: dict[str, Any],
    coach: int | None,
    intake: dt.date,
    opportunities: list[dict[str, Any]],
) -> list[tuple[dict[str, Any], list[tuple[dt.date, str, str, str]]]]:
    wanted = set(resident["preferred_kinds"] or [])
    choices = [o for o in opportunities if o["kind"] in wanted] or opportunities
    made = []
    day = intake + dt.timedelta(days=rng.randrange(7, 60))
    for _ in range(rng.choices((0, 1, 2, 3), weights=(15, 40, 30, 15))[0]):
        if day >= HISTORY_END:
            break
        opportunity = rng.choice(choices)
        placement, steps, day = _pipeline(rng, day)
        placement.update(
            resident=resident["id"],
            coach=coach,
            opportunity=opportunity["id"],
            organisation=opportunity["organisation"],
            kind=opportunity["kind"],
            sector=opportunity["sector"],
            wijk=resident["wijk"],
            birth_year=resident["birth_year"],
            hours_per_week=rng.choice((8, 12, 16, 24, 32)),
            description="Plaatsing uit de demogeschiedenis.",
            created_at=at(steps[0][0]),
            updated_at=at(steps[-1][0]),
            version=len(steps),
        )
        made.append((placement, steps))
        day += dt.timedelta(days=rng.randrange(14, 90))
    return made


def _pipeline(
    rng: random.Random, proposed: dt.date
) -> tuple[dict[str, Any], list[tuple[dt.date, str, str, str]], dt.date]:
    """Move one placement through voorgesteld → kennismaking → gestart → afgerond/gestopt
    as far as the calendar allows; returns the fields, the steps and the last day."""
    steps = [(proposed, "", "voorgesteld", "Voorgesteld door de coach.")]
    fields: dict[str, Any] = {
        "status": "voorgesteld",
        "stop_reason": "",
        "stop_text": "",
        "next_step_kind": "",
        "outcome_note": "",
    }
    start = planned_end = None

    def move(day: dt.date, status: str, note: str) -> bool:
        if day > HISTORY_END:
            return False
        steps.append((day, steps[-1][2], status, note))
        fields["status"] = status
        return True

    def stop(day: dt.date) -> None:
        reason = rng.choice(sorted(STOP_REASONS))
        if move(day, "gestopt", STOP_REASONS[reason]):
            fields.update(stop_reason=reason, stop_text=STOP_REASONS[reason])

    meeting = proposed + dt.timedelta(days=rng.randrange(5, 21))
    if rng.random() >= 0.85:
        stop(meeting)  # the resident or the organisation declined the proposal
    elif move(meeting, "kennismaking", "Kennismakingsgesprek gepland."):
        start = meeting + dt.timedelta(days=rng.randrange(7, 28))
        if rng.random() < 0.2:
            stop(start)
        elif move(start, "gestart", "Gestart op de werkplek."):
            planned_end = start + dt.timedelta(days=rng.randrange(90, 270))
            if rng.random() < 0.25:
                stop(
                    start
                    + dt.timedelta(days=rng.randrange(14, max(15, (planned_end - start).days)))
                )
            elif move(planned_end, "afgerond", "Afgerond."):
                next_step = rng.choice(NEXT_STEPS)
                fields.update(
                    next_step_kind=next_step,
                    outcome_note="Doorgestroomd naar betaald werk."
                    if next_step == "betaald_werk"
                    else "",
                )
    fields.update(
        start_date=start if any(step[2] == "gestart" for step in steps) else None,
        planned_end_date=planned_end,
        status_changed_on=steps[-1][0],
    )
    return fields, steps, steps[-1][0]


async def _insert(table: Any, rows: list[dict[str, Any]], batch: int = 200) -> None:
    for begin in range(0, len(rows), batch):
        await table.insert(*(table(**row) for row in rows[begin : begin + batch])).run()


async def _goals() -> bool:
    admin = await Account.select(Account.id).where(Account.role == "admin").first()
    added = False
    for name, measure, kind, wijk, target in DEFAULT_GOALS:
        if await Goal.exists().where(Goal.name == name):
            continue
        await Goal(
            name=name,
            measure=measure,
            measure_kind=kind,
            wijk=wijk,
            period_start=dt.date(GOAL_YEAR, 1, 1),
            period_end=dt.date(GOAL_YEAR, 12, 31),
            target=target,
            created_by=admin["id"] if admin else None,
            created_at=at(dt.date(GOAL_YEAR, 1, 5)),
            updated_at=at(dt.date(GOAL_YEAR, 1, 5)),
        ).save()
        added = True
    return added
