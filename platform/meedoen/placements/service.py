"""Placements: proposing, moving through the pipeline and editing, without lost updates.

Every save names the ``version`` it read. The update only happens ``WHERE version =
expected`` and raises the version by one; when no row matched, someone else saved in
between and the caller gets a :class:`PlacementConflict` with the current values instead
of silently overwriting them. Each save writes a :class:`PlacementEvent` in the same
transaction, so the history says who changed what, and when.

Access is checked by the caller (``meedoen.coaching``) with the rules in
``meedoen.accounts.policies``; these functions trust the ids they get.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from meedoen.db import write_transaction
from meedoen.i18n import N_, gettext
from meedoen.input_rules import bsn_problem
from meedoen.notifications import service as notifications
from meedoen.opportunities.service import Opportunity, opportunity_by_id
from meedoen.organisations.service import Organisation
from meedoen.placements import pipeline
from meedoen.placements.caseload import active_coach_id
from meedoen.placements.tables import Placement, PlacementEvent
from meedoen.residents.service import Resident, resident_by_id
from meedoen.settings import Settings

MAX_HOURS_PER_WEEK = 60
DETAILS_CHANGED = N_("Gegevens aangepast")


class PlacementError(Exception):
    """A change that is not allowed; the message is a translated sentence for the coach."""

    def __init__(self, message: str, field: str = "status") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class PlacementConflict(Exception):
    """Someone saved the placement after this coach read it; nothing was overwritten."""

    current: dict[str, Any]
    differences: list[tuple[str, str, str]] = field(default_factory=list)
    """(field label msgid, your value, the current value) for each field that differs."""
    last_change: dict[str, Any] | None = None
    """The newest event: who saved, when, and from/to which status."""


@dataclass(frozen=True)
class PlacementDetails:
    """What a coach fills in for a placement."""

    kind: str
    description: str = ""
    start_date: dt.date | None = None
    planned_end_date: dt.date | None = None
    hours_per_week: int | None = None


@dataclass(frozen=True)
class StatusChange:
    """A move in the pipeline, with what the target status asks for."""

    to_status: str
    stop_reason: str = ""
    stop_text: str = ""
    next_step_kind: str = ""
    outcome_note: str = ""


DETAIL_LABELS = {
    "kind": N_("Soort"),
    "description": N_("Omschrijving"),
    "start_date": N_("Startdatum"),
    "planned_end_date": N_("Geplande einddatum"),
    "hours_per_week": N_("Uren per week"),
    "status": N_("Status"),
}


def new_placement_ref() -> str:
    return f"plaatsing-{secrets.token_hex(6)}"


def details_problems(details: PlacementDetails) -> dict[str, str]:
    """Translated problems per field; empty when the details can be saved."""
    problems: dict[str, str] = {}
    if details.kind not in pipeline.PLACEMENT_KINDS:
        problems["kind"] = gettext("Kies wat voor plek het is.")
    hours = details.hours_per_week
    if hours is not None and not 1 <= hours <= MAX_HOURS_PER_WEEK:
        problems["hours_per_week"] = gettext(
            "Vul een aantal uren tussen 1 en %(max)s in.", max=MAX_HOURS_PER_WEEK
        )
    start, end = details.start_date, details.planned_end_date
    if start and end and end < start:
        problems["planned_end_date"] = gettext("De einddatum ligt voor de startdatum.")
    if len(details.description) > 2000:
        problems["description"] = gettext("Maak de omschrijving korter dan 2000 tekens.")
    elif problem := bsn_problem(details.description):
        problems["description"] = gettext(problem)
    return problems


# --- creating -------------------------------------------------------------------------


async def create_placement(
    resident: Resident,
    details: PlacementDetails,
    *,
    coach_id: int | None,
    actor_id: int | None,
    opportunity: Opportunity | None = None,
    organisation: Organisation | None = None,
    status: str = "voorgesteld",
    note: str = "",
    settings: Settings | None = None,
) -> Placement:
    """A new placement for ``resident``, at an opportunity or an organisation.

    The resident's wijk and birth year are copied, so statistics survive the resident.
    With ``settings`` the resident hears of it (see :func:`_tell_resident`).
    """
    problems = details_problems(details)
    if problems:
        key, message = next(iter(problems.items()))
        raise PlacementError(message, field=key)
    if opportunity is None and organisation is None and not details.description.strip():
        raise PlacementError(
            gettext("Kies een kans of een organisatie, of beschrijf de plek."), "organisation"
        )
    today = dt.date.today()
    now = dt.datetime.now(dt.UTC)
    sector = ""
    if opportunity is not None:
        sector = opportunity.sector
        organisation_id: int | None = opportunity.organisation
    else:
        organisation_id = organisation.id if organisation is not None else None
        sector = organisation.sector if organisation is not None else ""
    placement = Placement(
        ref=new_placement_ref(),
        resident=resident.id,
        coach=coach_id,
        opportunity=opportunity.id if opportunity is not None else None,
        organisation=organisation_id,
        description=details.description.strip(),
        kind=details.kind,
        sector=sector,
        start_date=details.start_date or (today if status == "gestart" else None),
        planned_end_date=details.planned_end_date,
        hours_per_week=details.hours_per_week,
        status=status,
        status_changed_on=today,
        wijk=resident.wijk,
        birth_year=resident.birth_year,
        version=1,
        created_at=now,
        updated_at=now,
    )
    async with write_transaction():
        await placement.save()
        await _record_event(placement.id, actor_id, "", status, note)
        await _tell_resident(settings, placement.id, status)
    return placement


async def start_placement_from_response(
    *,
    resident_id: int,
    opportunity_id: int,
    actor_id: int | None,
    start_date: dt.date | None = None,
    hours_per_week: int | None = None,
) -> Placement:
    """An organisation marked a response as placed: the placement is ``gestart``.

    An open placement of this resident at this opportunity moves forward step by step
    (each step recorded); without one, a new placement starts, guided by the resident's
    current coach, if any.
    """
    resident = await resident_by_id(resident_id)
    opportunity = await opportunity_by_id(opportunity_id)
    if resident is None or opportunity is None:
        raise PlacementError(gettext("Deze bewoner of kans bestaat niet meer."))
    existing = (
        await Placement.objects()
        .where(
            (Placement.resident == resident_id)
            & (Placement.opportunity == opportunity_id)
            & Placement.status.is_in(list(pipeline.OPEN_STATUSES))
        )
        .order_by(Placement.id, ascending=False)
        .first()
        .run()
    )
    note = gettext("Geplaatst via een reactie op de kans")
    if existing is None:
        details = PlacementDetails(
            kind=_placement_kind(opportunity.kind),
            start_date=start_date,
            hours_per_week=hours_per_week,
        )
        coach_id = await active_coach_id(resident_id)
        return await create_placement(
            resident,
            details,
            coach_id=coach_id,
            actor_id=actor_id,
            opportunity=opportunity,
            status="gestart",
            note=note,
        )
    placement = existing
    for step in pipeline.path_to(existing.status, "gestart"):
        placement = await change_status(
            placement.ref, StatusChange(step), placement.version, actor_id=actor_id, note=note
        )
    return placement


def _placement_kind(kind: str) -> str:
    return kind if kind in pipeline.PLACEMENT_KINDS else "vrijwilligerswerk"


# --- changing -------------------------------------------------------------------------


async def change_status(
    ref: str,
    change: StatusChange,
    expected_version: int,
    *,
    actor_id: int | None,
    note: str = "",
    settings: Settings | None = None,
) -> Placement:
    """Move a placement one step in the pipeline, unless someone saved in between.

    With ``settings`` the resident hears of a start or an end (see :func:`_tell_resident`)."""
    current = await get_placement(ref)
    if current is None:
        raise PlacementError(gettext("Deze plaatsing bestaat niet."))
    if current.version != expected_version:
        raise await _conflict(current, {"status": change.to_status})
    values = _status_values(current, change)
    await _save(
        current,
        expected_version,
        values,
        {"status": change.to_status},
        actor_id=actor_id,
        note=note or _status_note(change),
        settings=settings,
    )
    return await _reloaded(ref)


def _status_values(current: Placement, change: StatusChange) -> dict[Any, Any]:
    to = change.to_status
    if to not in pipeline.STATUSES:
        raise PlacementError(gettext("Deze status bestaat niet."))
    if not pipeline.may_move(current.status, to):
        raise PlacementError(_refusal(current.status, to))
    values: dict[Any, Any] = {Placement.status: to, Placement.status_changed_on: dt.date.today()}
    for name in ("stop_text", "outcome_note"):
        if problem := bsn_problem(getattr(change, name)):
            raise PlacementError(gettext(problem), name)
    if to == "gestopt":
        if change.stop_reason not in pipeline.STOP_REASONS:
            raise PlacementError(gettext("Kies waarom de plaatsing stopt."), "stop_reason")
        if change.stop_reason == "anders" and not change.stop_text.strip():
            raise PlacementError(gettext("Schrijf kort op waarom de plaatsing stopt."), "stop_text")
        values[Placement.stop_reason] = change.stop_reason
        values[Placement.stop_text] = change.stop_text.strip()[:2000]
    if to == "afgerond":
        if change.next_step_kind not in pipeline.NEXT_STEPS:
            raise PlacementError(
                gettext("Kies de vervolgstap na deze plaatsing."), "next_step_kind"
            )
        values[Placement.next_step_kind] = change.next_step_kind
        values[Placement.outcome_note] = change.outcome_note.strip()[:2000]
    if to == "gestart" and current.start_date is None:
        values[Placement.start_date] = dt.date.today()
    return values


def _refusal(from_status: str, to_status: str) -> str:
    allowed = pipeline.allowed_next(from_status)
    if not allowed:
        return gettext(
            "Deze plaatsing is %(status)s; de status kan niet meer veranderen.",
            status=gettext(pipeline.STATUS_LABELS[from_status]).lower(),
        )
    return gettext(
        "Van %(from)s naar %(to)s kan niet. Wel kan: %(allowed)s.",
        **{
            "from": gettext(pipeline.STATUS_LABELS[from_status]).lower(),
            "to": gettext(pipeline.STATUS_LABELS.get(to_status, to_status)).lower(),
            "allowed": ", ".join(gettext(pipeline.STATUS_LABELS[s]).lower() for s in allowed),
        },
    )


def _status_note(change: StatusChange) -> str:
    if change.to_status == "gestopt":
        return change.stop_text.strip()[:500]
    if change.to_status == "afgerond":
        return change.outcome_note.strip()[:500]
    return ""


async def update_details(
    ref: str, details: PlacementDetails, expected_version: int, *, actor_id: int | None
) -> Placement:
    """Save a coach's edit of kind, description, dates and hours, unless it is stale."""
    current = await get_placement(ref)
    if current is None:
        raise PlacementError(gettext("Deze plaatsing bestaat niet."))
    attempted = {
        "kind": details.kind,
        "description": details.description.strip(),
        "start_date": details.start_date,
        "planned_end_date": details.planned_end_date,
        "hours_per_week": details.hours_per_week,
    }
    if current.version != expected_version:
        raise await _conflict(current, attempted)
    problems = details_problems(details)
    if problems:
        key, message = next(iter(problems.items()))
        raise PlacementError(message, field=key)
    values = {getattr(Placement, name): value for name, value in attempted.items()}
    await _save(
        current, expected_version, values, attempted, actor_id=actor_id, note=DETAILS_CHANGED
    )
    return await _reloaded(ref)


async def _save(
    current: Placement,
    expected_version: int,
    values: dict[Any, Any],
    attempted: dict[str, Any],
    *,
    actor_id: int | None,
    note: str,
    settings: Settings | None = None,
) -> None:
    to_status = values.get(Placement.status, current.status)
    async with write_transaction():
        saved = (
            await Placement.update(
                {
                    **values,
                    Placement.version: Placement.version + 1,
                    Placement.updated_at: dt.datetime.now(dt.UTC),
                }
            )
            .where((Placement.id == current.id) & (Placement.version == expected_version))
            .returning(Placement.id)
            .run()
        )
        if saved:
            await _record_event(current.id, actor_id, current.status, to_status, note)
            if to_status != current.status:
                await _tell_resident(settings, current.id, to_status)
    if not saved:
        fresh = await _reloaded(current.ref)
        raise await _conflict(fresh, attempted)


# What a resident with an account hears when a coach proposes, starts or ends a placement.
RESIDENT_NOTICES = {
    "voorgesteld": "placement_proposed",
    "gestart": "placement_started",
    "afgerond": "placement_ended",
    "gestopt": "placement_ended",
}


async def _tell_resident(settings: Settings | None, placement_id: int, status: str) -> None:
    """Notify the resident (in the caller's transaction); without ``settings`` nobody is
    told, e.g. when an organisation's "geplaatst" already told them."""
    kind = RESIDENT_NOTICES.get(status)
    if settings is None or kind is None:
        return
    row = (
        await Placement.select(
            Placement.resident.account.as_alias("account"),
            Placement.description,
            Placement.coach.display_name.as_alias("coach"),
            Placement.opportunity.ref.as_alias("opportunity_ref"),
            Placement.opportunity.title.as_alias("title"),
            Placement.organisation.name.as_alias("organisation"),
        )
        .where(Placement.id == placement_id)
        .first()
        .run()
    )
    if row is None or not row["account"]:
        return  # a resident without an account hears it from their coach
    title = row["title"] or row["description"][:80] or row["organisation"] or ""
    link = f"/kansen/{row['opportunity_ref']}" if row["opportunity_ref"] else "/mijn"
    if kind == "placement_ended":
        link = "/kansen"
    params = {
        "title": title,
        "organisation": row["organisation"] or "",
        "coach": row["coach"] or gettext("Je coach"),
    }
    await notifications.notify(settings, int(row["account"]), kind, params, link)


async def _record_event(
    placement_id: int, actor_id: int | None, from_status: str, to_status: str, note: str
) -> None:
    await PlacementEvent.insert(
        PlacementEvent(
            placement=placement_id,
            actor=actor_id,
            at=dt.datetime.now(dt.UTC),
            from_status=from_status,
            to_status=to_status,
            note=note,
        )
    ).run()


async def _conflict(current: Placement, attempted: dict[str, Any]) -> PlacementConflict:
    now = current.to_dict()
    differences = [
        (DETAIL_LABELS[name], _shown(value), _shown(now.get(name)))
        for name, value in attempted.items()
        if _shown(value) != _shown(now.get(name))
    ]
    history = await events_of(current.id, limit=1)
    return PlacementConflict(
        current=now, differences=differences, last_change=history[0] if history else None
    )


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- reading --------------------------------------------------------------------------


async def get_placement(ref: str) -> Placement | None:
    if not ref or len(ref) > 40:
        return None
    return await Placement.objects().where(Placement.ref == ref).first().run()


async def where_of(placement_id: int) -> dict[str, Any]:
    """Where the placement is: ``opportunity_title``, ``opportunity_ref`` and
    ``organisation_name`` (None when it has no such link)."""
    return (
        await Placement.select(
            Placement.opportunity.title.as_alias("opportunity_title"),
            Placement.opportunity.ref.as_alias("opportunity_ref"),
            Placement.organisation.name.as_alias("organisation_name"),
        )
        .where(Placement.id == placement_id)
        .first()
        .run()
    ) or {}


async def _reloaded(ref: str) -> Placement:
    placement = await get_placement(ref)
    assert placement is not None  # placements are never deleted while a coach edits one
    return placement


async def events_of(placement_id: int, limit: int | None = None) -> list[dict[str, Any]]:
    """The placement's history, newest first, with the actor's display name."""
    query = (
        PlacementEvent.select(
            PlacementEvent.at,
            PlacementEvent.from_status,
            PlacementEvent.to_status,
            PlacementEvent.note,
            PlacementEvent.actor.display_name.as_alias("actor_name"),
        )
        .where(PlacementEvent.placement == placement_id)
        .order_by(PlacementEvent.at, ascending=False)
        .order_by(PlacementEvent.id, ascending=False)
    )
    if limit:
        query = query.limit(limit)
    return list(await query.run())


async def placements_of_residents(resident_ids: list[int]) -> list[dict[str, Any]]:
    """Placements of these residents with where they are, newest first."""
    if not resident_ids:
        return []
    return list(
        await Placement.select(
            *Placement.all_columns(),
            Placement.resident.ref.as_alias("resident_ref"),
            Placement.resident.first_name.as_alias("resident_name"),
            Placement.opportunity.ref.as_alias("opportunity_ref"),
            Placement.opportunity.title.as_alias("opportunity_title"),
            Placement.organisation.name.as_alias("organisation_name"),
        )
        .where(Placement.resident.is_in(resident_ids))
        .order_by(Placement.created_at, ascending=False)
        .order_by(Placement.id, ascending=False)
        .run()
    )


async def first_placement_at_organisation(
    resident_id: int, organisation_id: int, since: dt.date, until: dt.date
) -> tuple[dt.date, str] | None:
    """The resident's first placement at this organisation (directly or through one of
    its kansen) that started in [since, until]: its start day and kind."""
    at_organisation = (Placement.organisation == organisation_id) | (
        Placement.opportunity.organisation == organisation_id
    )
    row = (
        await Placement.select(Placement.start_date, Placement.kind)
        .where(
            (Placement.resident == resident_id)
            & at_organisation
            & Placement.status.is_in(["gestart", "afgerond", "gestopt"])
            & (Placement.start_date >= since)
            & (Placement.start_date <= until)
        )
        .order_by(Placement.start_date)
        .first()
        .run()
    )
    return None if row is None else (row["start_date"], str(row["kind"]))


async def placed_pairs(resident_ids: list[int]) -> set[tuple[int, int]]:
    """(resident, opportunity) of these residents' placements through a kans."""
    if not resident_ids:
        return set()
    rows = await (
        Placement.select(Placement.resident, Placement.opportunity)
        .where(Placement.resident.is_in(resident_ids) & Placement.opportunity.is_not_null())
        .run()
    )
    return {(row["resident"], row["opportunity"]) for row in rows}


# Ids per query when asking about many opportunities: far below SQLite's bound-parameter limit.
IDS_PER_QUERY = 500


async def opportunities_started_by(day: dt.date, among: Sequence[int]) -> set[int]:
    """Which of the opportunities ``among`` had a placement start on or before ``day``
    (for the insight view: a stage with a started placement is a filled stage). Asks only
    about those, so the answer does not grow with every placement ever made."""
    ids = sorted(set(among))
    started: set[int] = set()
    for first in range(0, len(ids), IDS_PER_QUERY):
        rows = await Placement.select(Placement.opportunity).where(
            Placement.opportunity.is_in(ids[first : first + IDS_PER_QUERY])
            & Placement.status.is_in(["gestart", "afgerond", "gestopt"])
            & (Placement.start_date <= day)
        )
        started.update(int(row["opportunity"]) for row in rows)
    return started


async def placements_on_refs(opportunity_refs: list[str]) -> list[dict[str, Any]]:
    """Placements that started on these kansen (a programme's reach): ``person``
    (``r<resident id>``, or ``p<placement id>`` without a resident), ``birth_year``,
    ``kind``, ``start_date`` and ``next_step_kind``."""
    if not opportunity_refs:
        return []
    rows = await Placement.select(
        Placement.id,
        Placement.resident,
        Placement.birth_year,
        Placement.kind,
        Placement.start_date,
        Placement.next_step_kind,
    ).where(
        Placement.opportunity.ref.is_in(list(opportunity_refs))
        & Placement.status.is_in(["gestart", "afgerond", "gestopt"])
    )
    return [
        {
            "person": f"r{row['resident']}" if row["resident"] else f"p{row['id']}",
            "birth_year": row["birth_year"],
            "kind": row["kind"],
            "day": row["start_date"],
            "next_step_kind": row["next_step_kind"],
        }
        for row in rows
    ]
