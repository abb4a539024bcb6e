"""A resident's path: their coach, the agreements, their placements and progress.

Agreements are shared by resident and coach. The resident adds and ticks off their own;
the coach adds them from the resident's file (``meedoen.coaching``). Access is checked
by the callers: a resident reaches only their own path through ``own_path``, a coach a
path through coaching's access rules. Hours and proofs are in ``hours`` and ``proofs``.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from meedoen.accounts.service import CoachCardInput, coach_card, who_are
from meedoen.i18n import gettext
from meedoen.input_rules import bsn_problem
from meedoen.notifications import service as notifications
from meedoen.placements.caseload import active_coach_id
from meedoen.placements.service import placements_of_residents
from meedoen.residents.service import Resident
from meedoen.settings import Settings
from meedoen.traject import words
from meedoen.traject.tables import Agreement, PathSetting

MAX_AGREEMENT = 300
MAX_NOTE = 1000
MAX_OPEN_AGREEMENTS = 50
DOERS = ("bewoner", "coach")


class AgreementError(Exception):
    """An agreement that cannot be saved; ``problems`` are translated, per field."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(next(iter(problems.values())))
        self.problems = problems


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_ref(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(6)}"


# --- the coach ------------------------------------------------------------------------


@dataclass(frozen=True)
class Coach:
    name: str
    email: str
    card: CoachCardInput  # the team, phone and hours the coach chose to show


async def coach_of(resident_id: int) -> Coach | None:
    """The resident's current coach, from the caseload (``None`` without one), with the
    team, phone and hours the coach chose to show."""
    coach_id = await active_coach_id(resident_id)
    if coach_id is None:
        return None
    found = (await who_are([coach_id])).get(coach_id)
    if not found:
        return None
    return Coach(found["name"], found["email"], await coach_card(coach_id))


# --- agreements -----------------------------------------------------------------------


def agreement_problems(text: str, doer: str, due_on: dt.date | None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not text.strip():
        problems["text"] = gettext("Schrijf op wat jullie afspreken.")
    elif len(text) > MAX_AGREEMENT:
        problems["text"] = gettext("Maak de afspraak korter dan %(max)s tekens.", max=MAX_AGREEMENT)
    elif problem := bsn_problem(text):
        problems["text"] = gettext(problem)
    if doer not in DOERS:
        problems["doer"] = gettext("Kies wie het doet.")
    if due_on is not None and not dt.date(2000, 1, 1) <= due_on <= dt.date(2100, 1, 1):
        problems["due_on"] = gettext("Vul een datum in, bijvoorbeeld 12-03-2027.")
    return problems


async def tell_the_coach(settings: Settings | None, resident: Resident, once_key: str) -> bool:
    """The resident changed their agreements: their coach hears of it as they chose
    (a daily mail by default). No text the resident wrote goes into the notification."""
    if settings is None:
        return False
    coach_id = await active_coach_id(resident.id)
    if coach_id is None:
        return False
    return await notifications.notify(
        settings,
        coach_id,
        "agreement_changed",
        {"name": resident.first_name or resident.ref},
        f"/coach/bewoners/{resident.ref}/traject#afspraken",
        once_key=f"{once_key}:{coach_id}",
    )


async def add_agreement(
    resident: Resident,
    text: str,
    doer: str,
    due_on: dt.date | None,
    *,
    author_id: int,
    settings: Settings | None = None,
) -> Agreement:
    """A new agreement on the resident's path; raises :class:`AgreementError`.

    With ``settings`` (the resident adds it themselves) their coach hears of it."""
    problems = agreement_problems(text, doer, due_on)
    if not problems:
        open_count = await Agreement.count().where(
            (Agreement.resident == resident.id) & Agreement.done_at.is_null()
        )
        if open_count >= MAX_OPEN_AGREEMENTS:
            problems["text"] = gettext(
                "Er staan al %(max)s open afspraken. Vink eerst afspraken af.",
                max=MAX_OPEN_AGREEMENTS,
            )
    if problems:
        raise AgreementError(problems)
    agreement = Agreement(
        ref=new_ref("afspraak"),
        resident=resident.id,
        text=text.strip(),
        doer=doer,
        due_on=due_on,
        created_by=author_id,
        created_at=utcnow(),
    )
    await agreement.save()
    await tell_the_coach(settings, resident, f"afspraak-nieuw:{agreement.ref}")
    return agreement


async def agreements_of(resident_id: int) -> list[dict[str, Any]]:
    """Open agreements first (soonest date first), then the done ones, newest first."""
    rows = await Agreement.select(
        Agreement.ref,
        Agreement.text,
        Agreement.doer,
        Agreement.due_on,
        Agreement.done_at,
        Agreement.note,
        Agreement.created_at,
        Agreement.created_by.display_name.as_alias("author"),
    ).where(Agreement.resident == resident_id)
    today = dt.date.today()
    for row in rows:
        row["overdue"] = (
            row["done_at"] is None and row["due_on"] is not None and row["due_on"] < today
        )
    open_ones = sorted(
        (r for r in rows if r["done_at"] is None),
        key=lambda r: (r["due_on"] is None, r["due_on"] or today, r["created_at"]),
    )
    done = sorted((r for r in rows if r["done_at"] is not None), key=lambda r: r["done_at"])
    return [*open_ones, *reversed(done)]


async def tick_off(
    resident: Resident, ref: str, note: str, settings: Settings | None = None
) -> bool:
    """The resident marks one of their own agreements done (with a note, if any).

    Only agreements the resident does themselves; ``False`` when there is none such (or
    it was ticked off meanwhile). With ``settings`` their coach hears of it, once."""
    if len(note) > MAX_NOTE:
        raise AgreementError(
            {"note": gettext("Maak je notitie korter dan %(max)s tekens.", max=MAX_NOTE)}
        )
    if problem := bsn_problem(note):
        raise AgreementError({"note": gettext(problem)})
    changed = (
        await Agreement.update({Agreement.done_at: utcnow(), Agreement.note: note.strip()})
        .where(
            (Agreement.ref == ref)
            & (Agreement.resident == resident.id)
            & (Agreement.doer == "bewoner")
            & Agreement.done_at.is_null()
        )
        .returning(Agreement.id)
        .run()
    )
    if changed:
        await tell_the_coach(settings, resident, f"afspraak-klaar:{ref}")
    return bool(changed)


async def overdue_counts(resident_ids: list[int]) -> dict[int, int]:
    """Open agreements past their date, per resident (an attention reason on a caseload)."""
    if not resident_ids:
        return {}
    rows = await Agreement.select(Agreement.resident).where(
        Agreement.resident.is_in(resident_ids)
        & Agreement.done_at.is_null()
        & (Agreement.due_on < dt.date.today())
    )
    counts: dict[int, int] = {}
    for row in rows:
        counts[row["resident"]] = counts.get(row["resident"], 0) + 1
    return counts


# --- what the coach shows -------------------------------------------------------------


async def path_setting(resident_id: int) -> PathSetting | None:
    return await PathSetting.objects().where(PathSetting.resident == resident_id).first().run()


async def save_path_setting(resident_id: int, show_step: bool, progress_words: str) -> None:
    """The coach's choice: show the step number or not, and their own words (if any)."""
    if len(progress_words) > MAX_NOTE:
        raise AgreementError(
            {"progress_words": gettext("Maak de tekst korter dan %(max)s tekens.", max=MAX_NOTE)}
        )
    if problem := bsn_problem(progress_words):
        raise AgreementError({"progress_words": gettext(problem)})
    values: dict[Any, Any] = {
        PathSetting.show_step: show_step,
        PathSetting.progress_words: progress_words.strip(),
        PathSetting.updated_at: utcnow(),
    }
    changed = (
        await PathSetting.update(values)
        .where(PathSetting.resident == resident_id)
        .returning(PathSetting.id)
        .run()
    )
    if not changed:
        await PathSetting.insert(
            PathSetting(
                resident=resident_id,
                show_step=show_step,
                progress_words=progress_words.strip(),
                updated_at=utcnow(),
            )
        ).run()


# --- the whole path -------------------------------------------------------------------


@dataclass(frozen=True)
class Path:
    resident: Resident
    coach: Coach | None
    agreements: list[dict[str, Any]]
    placements: list[dict[str, Any]]
    progress: str
    step: int | None
    """The step on the ladder, only when the coach chose to show it."""


async def path_of(resident: Resident) -> Path:
    """Everything on the resident's path. The caller has checked access (and records a
    view by anyone but the resident in the audit log)."""
    setting = await path_setting(resident.id)
    placements = await placements_of_residents([resident.id])
    for placement in placements:
        placement["sentence"] = words.status_sentence(placement["status"])
        placement["title"] = (
            placement["opportunity_title"]
            or placement["description"][:80]
            or placement["organisation_name"]
            or ""
        )
    return Path(
        resident=resident,
        coach=await coach_of(resident.id),
        agreements=await agreements_of(resident.id),
        placements=placements,
        progress=words.progress_sentence(
            resident.ladder_rung, setting.progress_words if setting else ""
        ),
        step=resident.ladder_rung if setting is not None and setting.show_step else None,
    )


# --- retention ------------------------------------------------------------------------

DONE_AGREEMENT_DAYS = 365
"""Agreements that were done this long ago are deleted: the path is about what is next."""


async def done_agreements_due(now: dt.datetime) -> list[int]:
    cutoff = now - dt.timedelta(days=DONE_AGREEMENT_DAYS)
    rows = await Agreement.select(Agreement.id).where(Agreement.done_at < cutoff)
    return [row["id"] for row in rows]


async def delete_agreements(ids: list[int]) -> None:
    if ids:
        await Agreement.delete().where(Agreement.id.is_in(ids)).run()
