"""A coach's caseload: taking a resident in at an intake, the filtered list with what
needs attention, recording contact and handing a resident over to another coach.

A caseload is a few dozen residents, so the list is filtered and sorted in Python after
one query; that keeps "needs attention" (computed from several tables) filterable.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import authorize, may_keep_caseload
from meedoen.accounts.service import active_coach_name
from meedoen.audit.service import record_audit
from meedoen.db import write_transaction
from meedoen.i18n import N_, gettext
from meedoen.input_rules import bsn_problem, free_text_errors
from meedoen.placements import caseload as caseload_links
from meedoen.placements import ladder, pipeline
from meedoen.placements.service import placements_of_residents
from meedoen.residents.service import Resident, add_resident, lock_resident
from meedoen.responses.for_coaches import residents_with_waiting_response
from meedoen.traject.service import overdue_counts
from meedoen.vocabulary import LANGUAGE_LEVELS, RESIDENTIAL_WIJKEN
from meedoen.web.form_data import whole_number

NO_CONTACT_AFTER = dt.timedelta(weeks=6)
ENDING_WITHIN = dt.timedelta(days=14)
NO_PLACEMENT = "zonder"
CASELOAD_STATUSES = (NO_PLACEMENT, *pipeline.STATUSES)
CONTACT_FILTERS = {
    "recent": N_("Contact in de laatste 6 weken"),
    "lang_geleden": N_("Langer dan 6 weken geen contact"),
}
SORTS = {
    "naam": N_("Naam"),
    "wijk": N_("Wijk"),
    "trede": N_("Trede (laag naar hoog)"),
    "-trede": N_("Trede (hoog naar laag)"),
    "contact": N_("Laatste contact (langst geleden eerst)"),
    "-contact": N_("Laatste contact (meest recent eerst)"),
    "status": N_("Status"),
}
ATTENTION_NO_CONTACT = N_("Langer dan 6 weken geen contact")
ATTENTION_ENDING = N_("Plaatsing eindigt binnen 14 dagen")
ATTENTION_OVERDUE = N_("Geplande einddatum van de plaatsing is voorbij")
ATTENTION_RESPONSE = N_("Er wacht een reactie")
ATTENTION_AGREEMENT = N_("Een afspraak is over de datum")


# --- the list -------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseloadQuery:
    """Filters and sort order of the caseload list, as they appear in its URL."""

    wijk: str = ""
    rung: int | None = None
    status: str = ""
    contact: str = ""
    attention: bool = False
    sort: str = "naam"

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> CaseloadQuery:
        """Read the URL's query; an unknown value is ignored rather than refused."""
        rung = params.get("trede", "")
        return cls(
            wijk=params.get("wijk", "") if params.get("wijk") in RESIDENTIAL_WIJKEN else "",
            rung=number if (number := whole_number(rung)) in ladder.RUNGS else None,
            status=params.get("status", "") if params.get("status") in CASELOAD_STATUSES else "",
            contact=params.get("contact", "") if params.get("contact") in CONTACT_FILTERS else "",
            attention=params.get("aandacht") == "1",
            sort=params.get("sorteer", "") if params.get("sorteer") in SORTS else "naam",
        )

    def as_params(self, **changes: Any) -> dict[str, str]:
        """The query for a URL, without empty values; ``changes`` override fields."""
        query = replace(self, **changes)
        params = {
            "wijk": query.wijk,
            "trede": str(query.rung) if query.rung else "",
            "status": query.status,
            "contact": query.contact,
            "aandacht": "1" if query.attention else "",
            "sorteer": query.sort if query.sort != "naam" else "",
        }
        return {key: value for key, value in params.items() if value}

    @property
    def is_filtered(self) -> bool:
        return self.active_filter_count > 0

    @property
    def active_filter_count(self) -> int:
        """How many filters are on (sorting is not a filter)."""
        return sum(map(bool, (self.wijk, self.rung, self.status, self.contact, self.attention)))


@dataclass(frozen=True)
class CaseloadEntry:
    """One resident in the list, with their latest placement and what needs attention."""

    resident_ref: str
    first_name: str
    wijk: str
    birth_year: int | None
    rung: int | None
    started_at: dt.datetime
    consent_recorded_at: dt.datetime
    last_contact_on: dt.date | None
    status: str
    placement_ref: str = ""
    placement_end: dt.date | None = None
    attention: list[str] = field(default_factory=list)
    """Dutch msgids of the reasons this resident needs attention."""


async def caseload(
    coach_id: int, query: CaseloadQuery = CaseloadQuery(), today: dt.date | None = None
) -> list[CaseloadEntry]:
    """The coach's residents that match ``query``, in its order."""
    today = today or dt.date.today()
    links = await caseload_links.active_links_of(coach_id)
    placements = await placements_of_residents([link["resident"] for link in links])
    latest: dict[int, dict[str, Any]] = {}
    for placement in placements:  # newest first: keep the first open one, else the newest
        known = latest.get(placement["resident"])
        if known is None or (
            known["status"] not in pipeline.OPEN_STATUSES
            and placement["status"] in pipeline.OPEN_STATUSES
        ):
            latest[placement["resident"]] = placement
    waiting = await residents_with_waiting_response([link["resident"] for link in links])
    overdue = await overdue_counts([link["resident"] for link in links])
    entries = [
        _entry(link, latest.get(link["resident"]), link["resident"] in waiting, today)
        for link in links
    ]
    for link, entry in zip(links, entries, strict=True):
        if overdue.get(link["resident"]):
            entry.attention.append(ATTENTION_AGREEMENT)
    return _sorted([e for e in entries if _matches(e, query, today)], query.sort)


def _entry(
    link: dict[str, Any], placement: dict[str, Any] | None, waiting: bool, today: dt.date
) -> CaseloadEntry:
    attention = []
    last = link["last_contact_on"]
    if last is None or today - last > NO_CONTACT_AFTER:
        attention.append(ATTENTION_NO_CONTACT)
    end = placement["planned_end_date"] if placement else None
    if placement and placement["status"] == "gestart" and end is not None:
        if end < today:
            attention.append(ATTENTION_OVERDUE)
        elif end - today <= ENDING_WITHIN:
            attention.append(ATTENTION_ENDING)
    if waiting:
        attention.append(ATTENTION_RESPONSE)
    return CaseloadEntry(
        resident_ref=link["ref"],
        first_name=link["first_name"],
        wijk=link["wijk"],
        birth_year=link["birth_year"],
        rung=link["rung"],
        started_at=link["started_at"],
        consent_recorded_at=link["consent_recorded_at"],
        last_contact_on=last,
        status=placement["status"] if placement else NO_PLACEMENT,
        placement_ref=placement["ref"] if placement else "",
        placement_end=end,
        attention=attention,
    )


def _matches(entry: CaseloadEntry, query: CaseloadQuery, today: dt.date) -> bool:
    if query.wijk and entry.wijk != query.wijk:
        return False
    if query.rung and entry.rung != query.rung:
        return False
    if query.status and entry.status != query.status:
        return False
    if query.attention and not entry.attention:
        return False
    if query.contact:
        recent = entry.last_contact_on is not None and (
            today - entry.last_contact_on <= NO_CONTACT_AFTER
        )
        return recent == (query.contact == "recent")
    return True


def _sorted(entries: list[CaseloadEntry], sort: str) -> list[CaseloadEntry]:
    by_name = sorted(entries, key=lambda e: (e.first_name.casefold(), e.resident_ref))
    never = dt.date.min
    keys = {
        "wijk": lambda e: e.wijk.casefold(),
        "trede": lambda e: e.rung or 0,
        "-trede": lambda e: -(e.rung or 0),
        "contact": lambda e: e.last_contact_on or never,
        "-contact": lambda e: -(e.last_contact_on or never).toordinal(),
        "status": lambda e: CASELOAD_STATUSES.index(e.status),
    }
    key = keys.get(sort)
    return sorted(by_name, key=key) if key else by_name  # stable: ties stay by name


# --- taking a resident in -------------------------------------------------------------


@dataclass(frozen=True)
class Intake:
    """What a coach records at an intake: a little about the resident, and consent."""

    first_name: str
    consent: bool
    consent_note: str = ""
    wijk: str = ""
    birth_year: int | None = None
    hours_per_week: int | None = None
    preferred_kinds: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    language_level: str = ""
    summary: str = ""
    rung: int | None = None
    motivation: str = ""


def intake_problems(intake: Intake, today: dt.date | None = None) -> dict[str, str]:
    """Translated problems per form field; empty when the intake can be saved."""
    year = (today or dt.date.today()).year
    problems: dict[str, str] = {}
    if not intake.first_name.strip():
        problems["first_name"] = gettext("Vul de voornaam van de bewoner in.")
    elif len(intake.first_name) > 80:
        problems["first_name"] = gettext("Gebruik voor de voornaam hooguit 80 tekens.")
    if intake.wijk and intake.wijk not in RESIDENTIAL_WIJKEN:
        problems["wijk"] = gettext("Kies een wijk uit de lijst.")
    if intake.birth_year is not None and not year - 100 <= intake.birth_year <= year - 15:
        problems["birth_year"] = gettext("Vul een geboortejaar in, bijvoorbeeld 1990.")
    if intake.hours_per_week is not None and not 1 <= intake.hours_per_week <= 60:
        problems["hours_per_week"] = gettext("Vul een aantal uren tussen 1 en 60 in.")
    if intake.language_level and intake.language_level not in LANGUAGE_LEVELS:
        problems["language_level"] = gettext("Kies een taalniveau uit de lijst.")
    if any(kind not in pipeline.PLACEMENT_KINDS for kind in intake.preferred_kinds):
        problems["preferred_kinds"] = gettext("Kies alleen soorten uit de lijst.")
    if intake.rung is not None:
        entry = ladder.RungEntry(intake.rung, dt.date.today(), "intake", intake.motivation)
        problems.update(ladder.rung_problems(entry))
    problems.update(
        {
            name: problem
            for name, problem in free_text_errors(
                asdict(intake), ("first_name", "consent_note", "summary", "skills", "interests")
            ).items()
            if name not in problems
        }
    )
    if not intake.consent:
        problems["consent"] = gettext(
            "Leg vast dat de bewoner toestemming geeft. Zonder toestemming kun je de "
            "bewoner niet in je caseload opnemen."
        )
    return problems


class IntakeError(Exception):
    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


async def register_at_intake(user: CurrentUser | None, intake: Intake) -> Resident:
    """A new resident (without an account) in the coach's caseload, with their consent.

    The profile is shared with coaches only (``visibility = coach``) until the resident
    makes an account and chooses otherwise.
    """
    authorize(may_keep_caseload(user))
    assert user is not None
    problems = intake_problems(intake)
    if problems:
        raise IntakeError(problems)
    now = dt.datetime.now(dt.UTC)
    values = dict(
        ref=f"bewoner-{secrets.token_hex(6)}",
        first_name=intake.first_name.strip(),
        wijk=intake.wijk,
        birth_year=intake.birth_year,
        skills=list(intake.skills),
        interests=list(intake.interests),
        preferred_kinds=list(intake.preferred_kinds),
        hours_per_week=intake.hours_per_week,
        days_available=[],
        language_level=intake.language_level,
        summary=intake.summary.strip(),
        visibility="coach",
        created_at=now,
        updated_at=now,
    )
    async with write_transaction():
        resident = await add_resident(**values)
        await caseload_links.start_link(
            resident.id,
            user.account_id,
            consent_recorded_at=now,
            consent_note=intake.consent_note.strip(),
            started_at=now,
            last_contact_on=now.date(),
        )
        if intake.rung is not None:
            entry = ladder.RungEntry(intake.rung, dt.date.today(), "intake", intake.motivation)
            await ladder.record_rung(resident, entry, actor_id=user.account_id)
    await record_audit(user, "caseload.intake", "resident", resident.ref)
    return resident


# --- contact and transfer -------------------------------------------------------------


async def record_contact(user: CurrentUser, resident: Resident, on: dt.date) -> None:
    """Note the date of the last contact with the resident (for "needs attention")."""
    await caseload_links.record_contact(resident.id, user.account_id, on)


class TransferError(Exception):
    pass


async def transfer(user: CurrentUser, resident: Resident, to_coach_id: int, note: str = "") -> str:
    """Hand the resident over: the new coach gets the link (and the open placements), the
    old link ends, so the old coach no longer sees the file. Returns the new coach's name.

    The consent was given for coaching by the district team, so it carries over; the
    note records the handover.
    """
    target = await active_coach_name(to_coach_id)
    if target is None or to_coach_id == user.account_id:
        raise TransferError(gettext("Kies een andere coach uit de lijst."))
    if problem := bsn_problem(note):
        raise TransferError(gettext(problem))
    now = dt.datetime.now(dt.UTC)
    handover = gettext(
        "Overgedragen door %(coach)s op %(date)s.",
        coach=user.display_name,
        date=now.date().strftime("%d-%m-%Y"),
    )
    async with write_transaction():
        # Transfers of one resident take turns; each reads the link again inside, so of
        # several at once only the first finds it open (two ended up with two coaches).
        await lock_resident(resident.id)
        mine = await caseload_links.active_link(resident.id, user.account_id)
        if mine is None:
            raise TransferError(gettext("Deze bewoner is al overgedragen aan een andere coach."))
        consent_note = "\n".join(p for p in (mine.consent_note, handover, note.strip()[:500]) if p)
        if not await caseload_links.end_link(mine.id, now):
            raise TransferError(gettext("Deze bewoner is al overgedragen aan een andere coach."))
        if await caseload_links.active_link(resident.id, to_coach_id) is None:
            await caseload_links.start_link(
                resident.id,
                to_coach_id,
                consent_recorded_at=mine.consent_recorded_at,
                consent_note=consent_note,
                started_at=now,
                last_contact_on=mine.last_contact_on,
            )
        await caseload_links.move_open_placements(resident.id, to_coach_id)
    await record_audit(
        user, "caseload.transferred", "resident", resident.ref, f"to account {to_coach_id}"
    )
    return target
