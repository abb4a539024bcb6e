"""Meetings themselves: saving them for an organiser, and showing them to the public.

Every write records the meeting in the search outbox in the same transaction, so the
meetings index cannot miss a change. Public means: published, and the organiser is
verified and not blocked — the same protection as for kansen.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from meedoen.db import write_transaction
from meedoen.events.choices import ACCESSIBILITY, LANGUAGES, MEETING_KINDS, MEETING_STATUSES
from meedoen.events.tables import Meeting, MeetingSlot
from meedoen.i18n import gettext
from meedoen.indexing.outbox import record_change
from meedoen.organisations.service import organisation_summary
from meedoen.textfold import fold
from meedoen.vocabulary import SUITABLE_FOR, WIJKEN

LOCAL = ZoneInfo("Europe/Amsterdam")
MEETING_ENTITY = "meeting"
MAX_SLOTS = 6
MAX_CAPACITY = 5000
UPCOMING_LOOKED_AT = 200  # how many next meetings upcoming_about reads through


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(LOCAL)


@dataclass(frozen=True)
class SlotInput:
    """A time slot as the organiser enters it: a local date and times, a capacity."""

    day: dt.date
    start: dt.time
    end: dt.time
    capacity: int | None = None  # None: open entry, no limit

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.day, self.start, tzinfo=LOCAL).astimezone(dt.UTC)

    @property
    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.day, self.end, tzinfo=LOCAL).astimezone(dt.UTC)


@dataclass
class MeetingInput:
    """What an organiser fills in for a meeting."""

    kind: str
    title: str
    description: str = ""
    place_name: str = ""
    address: str = ""
    postcode: str = ""
    wijk: str = ""
    directions: str = ""
    accessibility: Sequence[str] = ()
    accessibility_note: str = ""
    languages: Sequence[str] = ("nl",)
    cost_cents: int = 0
    cost_note: str = ""
    suitable_for: Sequence[str] = ()
    open_entry: bool = False
    groups_welcome: bool = False
    has_stands: bool = False
    status: str = "concept"
    slots: Sequence[SlotInput] = field(default_factory=tuple)


class InvalidMeeting(ValueError):
    """The input cannot be saved; ``problems`` maps each field to a translated sentence."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


def check_meeting(data: MeetingInput) -> dict[str, str]:
    """Problems with ``data``, per field (empty when it can be saved)."""
    problems: dict[str, str] = {}
    if not data.title.strip():
        problems["title"] = gettext("Geef de activiteit een naam.")
    elif len(data.title) > 200:
        problems["title"] = gettext("Maak de naam korter: hoogstens 200 tekens.")
    if data.kind not in MEETING_KINDS:
        problems["kind"] = gettext("Kies wat voor activiteit het is.")
    if data.status not in MEETING_STATUSES:
        problems["status"] = gettext("Kies of de activiteit een concept is of gepubliceerd.")
    if data.wijk not in WIJKEN:
        problems["wijk"] = gettext("Kies de wijk waar de activiteit is.")
    if not data.place_name.strip():
        problems["place_name"] = gettext("Vul de plek in, zoals ‘Wijkcentrum Stadsveld’.")
    if any(a not in ACCESSIBILITY for a in data.accessibility):
        problems["accessibility"] = gettext("Kies alleen uit de voorzieningen in de lijst.")
    if not data.languages or any(code not in LANGUAGES for code in data.languages):
        problems["languages"] = gettext("Kies minstens één taal die er gesproken wordt.")
    if any(s not in SUITABLE_FOR for s in data.suitable_for):
        problems["suitable_for"] = gettext("Kies alleen uit de groepen in de lijst.")
    if not 0 <= data.cost_cents <= 100_000:
        problems["cost"] = gettext("Vul de kosten in euro’s in, zoals 0 of 7,50.")
    if not data.slots:
        problems["slot_1_day"] = gettext("Vul minstens één datum met begin- en eindtijd in.")
    for number, slot in enumerate(data.slots, 1):
        if slot.end <= slot.start:
            problems[f"slot_{number}_end"] = gettext("De eindtijd ligt voor de begintijd.")
        if slot.capacity is not None and not 1 <= slot.capacity <= MAX_CAPACITY:
            problems[f"slot_{number}_capacity"] = gettext(
                "Vul een aantal plaatsen in van 1 tot en met %(max)s, of laat het leeg voor vrije inloop.",
                max=MAX_CAPACITY,
            )
    return problems


class UnknownMeeting(LookupError):
    """No meeting with this ref belongs to this organiser."""


async def save_meeting(
    organiser_id: int, data: MeetingInput, *, ref: str | None = None, account_id: int | None = None
) -> str:
    """Create (``ref`` None) or update a meeting of an organisation; returns its ref.

    Slots are matched by position: an existing slot keeps its sign-ups, and may not get
    fewer places than are taken, nor be removed while someone is signed up for it.
    """
    problems = check_meeting(data)
    if problems:
        raise InvalidMeeting(problems)
    now = utcnow()
    slots = sorted(data.slots, key=lambda s: s.starts_at)
    values = _row_values(data, slots)
    async with write_transaction():
        if ref is None:
            ref = f"act-{secrets.token_hex(6)}"
            meeting = Meeting(
                ref=ref,
                organiser=organiser_id,
                created_by=account_id,
                created_at=now,
                updated_at=now,
                **values,
            )
            await meeting.save()
            for slot in slots:
                await MeetingSlot(
                    meeting=meeting.id,
                    starts_at=slot.starts_at,
                    ends_at=slot.ends_at,
                    capacity=None if data.open_entry else slot.capacity,
                ).save()
        else:
            owned = (Meeting.ref == ref) & (Meeting.organiser == organiser_id)
            row = await Meeting.select(Meeting.id).where(owned).first().run()
            if row is None:
                raise UnknownMeeting(ref)
            await _replace_slots(row["id"], slots, data.open_entry)
            await Meeting.update({**values, "updated_at": now}, force=False).where(owned).run()  # type: ignore[dict-item]
        await record_change(MEETING_ENTITY, ref)
    return ref


async def _replace_slots(meeting_id: int, slots: Sequence[SlotInput], open_entry: bool) -> None:
    existing = (
        await MeetingSlot.select()
        .where(MeetingSlot.meeting == meeting_id)
        .order_by(MeetingSlot.starts_at)
        .run()
    )
    problems: dict[str, str] = {}
    for number, (row, slot) in enumerate(zip(existing, slots, strict=False), 1):
        capacity = None if open_entry else slot.capacity
        if capacity is not None and capacity < row["taken"]:
            problems[f"slot_{number}_capacity"] = gettext(
                "Er zijn al %(taken)s mensen aangemeld: geef minstens zoveel plaatsen.",
                taken=row["taken"],
            )
            continue
        await (
            MeetingSlot.update(
                {
                    MeetingSlot.starts_at: slot.starts_at,
                    MeetingSlot.ends_at: slot.ends_at,
                    MeetingSlot.capacity: capacity,
                }
            )
            .where(MeetingSlot.id == row["id"])
            .run()
        )
    for number, row in enumerate(existing[len(slots) :], len(slots) + 1):
        if row["taken"]:
            problems[f"slot_{number}_day"] = gettext(
                "Voor deze tijd zijn al mensen aangemeld. Laat hem staan of verplaats hem."
            )
        else:
            await MeetingSlot.delete().where(MeetingSlot.id == row["id"]).run()
    for slot in slots[len(existing) :]:
        await MeetingSlot(
            meeting=meeting_id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            capacity=None if open_entry else slot.capacity,
        ).save()
    if problems:
        raise InvalidMeeting(problems)


def _row_values(data: MeetingInput, slots: Sequence[SlotInput]) -> dict[str, Any]:
    return {
        "kind": data.kind,
        "title": data.title.strip(),
        "description": data.description.strip(),
        "place_name": data.place_name.strip(),
        "address": data.address.strip(),
        "postcode": data.postcode.strip().upper(),
        "wijk": data.wijk,
        "directions": data.directions.strip(),
        "accessibility": list(data.accessibility),
        "accessibility_note": data.accessibility_note.strip(),
        "languages": list(dict.fromkeys(data.languages)),
        "cost_cents": data.cost_cents,
        "cost_note": data.cost_note.strip(),
        "suitable_for": list(data.suitable_for),
        "open_entry": data.open_entry,
        "groups_welcome": data.groups_welcome,
        "has_stands": data.has_stands or data.kind == "doen_beurs",
        "status": data.status,
        "starts_at": slots[0].starts_at if slots else None,
        "ends_at": max(s.ends_at for s in slots) if slots else None,
    }


async def set_status(organiser_id: int, ref: str, status: str) -> None:
    """Publish, take back to concept, or call off (geannuleerd) a meeting."""
    if status not in MEETING_STATUSES:
        raise InvalidMeeting({"status": gettext("Kies publiceren, concept of afgelasten.")})
    async with write_transaction():
        changed = (
            await Meeting.update({Meeting.status: status, Meeting.updated_at: utcnow()})
            .where((Meeting.ref == ref) & (Meeting.organiser == organiser_id))
            .returning(Meeting.id)
            .run()
        )
        if not changed:
            raise UnknownMeeting(ref)
        await record_change(MEETING_ENTITY, ref)


async def set_floor_plan(meeting_id: int, ref: str, file_name: str, alt: str) -> None:
    async with write_transaction():
        await (
            Meeting.update({Meeting.floor_plan_file: file_name, Meeting.floor_plan_alt: alt})
            .where(Meeting.id == meeting_id)
            .run()
        )
        await record_change(MEETING_ENTITY, ref)


# --- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingView:
    """A meeting with its organiser and slots, as pages and the API show it."""

    meeting: dict[str, Any]
    organiser: dict[str, Any]
    slots: list[dict[str, Any]]

    @property
    def ref(self) -> str:
        return str(self.meeting["ref"])

    @property
    def is_public(self) -> bool:
        return (
            self.meeting["status"] == "gepubliceerd"
            and bool(self.organiser["verified"])
            and not self.organiser["blocked"]
        )

    @property
    def is_past(self) -> bool:
        end = self.meeting.get("ends_at")
        return isinstance(end, dt.datetime) and end < utcnow()

    @property
    def is_cancelled(self) -> bool:
        return self.meeting["status"] == "geannuleerd"


async def meeting_by_ref(ref: str) -> MeetingView | None:
    if not ref or len(ref) > 40:
        return None
    row = await Meeting.select().where(Meeting.ref == ref).first().run()
    if row is None:
        return None
    return await _view(row)


async def public_meeting(ref: str) -> MeetingView | None:
    """The meeting behind ``ref`` if the public may see it (also once it is over or
    called off); concepts and meetings of unverified organisers do not exist (None)."""
    view = await meeting_by_ref(ref)
    if view is None:
        return None
    visible = view.meeting["status"] in ("gepubliceerd", "geannuleerd")
    if not visible or not view.organiser["verified"] or view.organiser["blocked"]:
        return None
    return view


async def _view(row: dict[str, Any]) -> MeetingView:
    organiser = await organisation_summary(row["organiser"])
    assert organiser is not None
    slots = await slots_of(row["id"])
    return MeetingView(row, organiser, slots)


async def slots_of(meeting_id: int) -> list[dict[str, Any]]:
    return await _slots_where(MeetingSlot.meeting == meeting_id)


async def _slots_where(condition: Any) -> list[dict[str, Any]]:
    rows = await MeetingSlot.select().where(condition).order_by(MeetingSlot.starts_at).run()
    for row in rows:
        capacity = row["capacity"]
        row["free"] = None if capacity is None else max(capacity - row["taken"], 0)
    return rows


def published() -> Any:
    """The condition for meetings anyone may see listed."""
    return (
        (Meeting.status == "gepubliceerd")
        & (Meeting.organiser.verified == True)  # noqa: E712 - Piccolo builds SQL from ==
        & (Meeting.organiser.blocked == False)  # noqa: E712
    )


def _listed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    prefix = "organiser."
    for row in rows:
        row["organiser_name"] = row.pop(f"{prefix}name", "")
        row["organiser_ref"] = row.pop(f"{prefix}ref", "")
    return rows


async def upcoming(
    limit: int = 3, *, organiser_id: int | None = None, now: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """The next public meetings (not yet over), soonest first; of one organiser if given."""
    where = published() & (Meeting.ends_at >= (now or utcnow()))
    if organiser_id is not None:
        where = where & (Meeting.organiser == organiser_id)
    rows = (
        await Meeting.select(
            *Meeting.all_columns(),
            Meeting.organiser.name,
            Meeting.organiser.ref,
        )
        .where(where)
        .order_by(Meeting.starts_at)
        .limit(limit)
        .run()
    )
    return _listed(rows)


async def upcoming_about(
    words: Sequence[str], limit: int = 3, *, now: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """The next public meetings whose title or description names one of ``words``
    (a resident's interests, say; accents and case ignored), soonest first."""
    terms = [
        fold(word.lower()) for word in dict.fromkeys(w.strip() for w in words) if len(word) >= 3
    ]
    if not terms:
        return []
    found = []
    for row in await upcoming(UPCOMING_LOOKED_AT, now=now):
        text = fold(f"{row['title']} {row['description']}".lower())
        if any(term in text for term in terms):
            found.append(row)
    return found[:limit]


async def meetings_of(organiser_id: int) -> list[dict[str, Any]]:
    """Every meeting of an organisation, newest first (for its own dashboard)."""
    return (
        await Meeting.select()
        .where(Meeting.organiser == organiser_id)
        .order_by(Meeting.starts_at, ascending=False)
        .run()
    )


async def public_meetings_between(
    start: dt.datetime, end: dt.datetime, *, organiser_id: int | None = None, limit: int = 500
) -> list[dict[str, Any]]:
    """Public meetings overlapping [start, end], soonest first (feeds and the database
    fallback of the calendar view)."""
    where = published() & (Meeting.ends_at >= start) & (Meeting.starts_at <= end)
    if organiser_id is not None:
        where = where & (Meeting.organiser == organiser_id)
    rows = (
        await Meeting.select(*Meeting.all_columns(), Meeting.organiser.name, Meeting.organiser.ref)
        .where(where)
        .order_by(Meeting.starts_at)
        .limit(limit)
        .run()
    )
    return _listed(rows)


async def open_for_groups(limit: int = 100, *, now: dt.datetime | None = None) -> list[MeetingView]:
    """Public meetings still to come where groups are welcome (company visits and taster
    days a school can bring a class to), soonest first, with their slots."""
    rows = (
        await Meeting.select()
        .where(
            published()
            & (Meeting.groups_welcome == True)  # noqa: E712 - Piccolo builds SQL from ==
            & (Meeting.starts_at >= (now or utcnow()))
        )
        .order_by(Meeting.starts_at)
        .limit(limit)
        .run()
    )
    return await _views(rows)


async def _views(rows: list[dict[str, Any]]) -> list[MeetingView]:
    """``_view`` for many meetings: the slots in one query, each organiser once."""
    slots: dict[int, list[dict[str, Any]]] = {row["id"]: [] for row in rows}
    if rows:
        for slot in await _slots_where(MeetingSlot.meeting.is_in(list(slots))):
            slots[slot["meeting"]].append(slot)
    organisers: dict[int, dict[str, Any]] = {}
    for organiser_id in {row["organiser"] for row in rows}:
        organiser = await organisation_summary(organiser_id)
        assert organiser is not None
        organisers[organiser_id] = organiser
    return [MeetingView(row, organisers[row["organiser"]], slots[row["id"]]) for row in rows]


async def meetings_by_refs(refs: Sequence[str]) -> list[dict[str, Any]]:
    """These meetings (whatever their status) with ``organiser_name``, ``organiser_ref``
    and ``is_public`` (anyone may see it listed), soonest first: a programme's meetings."""
    if not refs:
        return []
    rows = (
        await Meeting.select(
            *Meeting.all_columns(),
            Meeting.organiser.name,
            Meeting.organiser.ref,
            Meeting.organiser.verified.as_alias("organiser_verified"),
            Meeting.organiser.blocked.as_alias("organiser_blocked"),
        )
        .where(Meeting.ref.is_in(list(refs)))
        .order_by(Meeting.starts_at)
        .run()
    )
    for row in _listed(rows):
        row["is_public"] = (
            row["status"] in ("gepubliceerd", "geannuleerd")
            and bool(row.pop("organiser_verified"))
            and not row.pop("organiser_blocked")
        )
    return rows
