"""Stands at a fair: verified organisations apply, the organiser accepts (with a stand
number) or refuses (with a reason); each accepted stand shows the organisation's open
kansen, and visitors can search the stand list before the fair."""

from __future__ import annotations

import datetime as dt
from typing import Any

from meedoen.db import write_transaction
from meedoen.events.meetings import MEETING_ENTITY, MeetingView
from meedoen.events.tables import Stand
from meedoen.i18n import gettext
from meedoen.indexing.outbox import record_change
from meedoen.opportunities.service import open_opportunities_of
from meedoen.search.index_definitions import synonym_groups
from meedoen.search.query import query_words

MAX_NOTE = 1000
MAX_REASON = 1000


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class StandRefused(ValueError):
    """The stand action cannot be done; the message is a translated sentence."""


async def apply_for_stand(
    view: MeetingView, organisation: dict[str, Any], account_id: int | None, note: str
) -> str:
    """A verified organisation applies for a stand; returns the stand's status.

    Applying again after a refusal or withdrawal re-opens the application.
    """
    if not view.meeting["has_stands"] or view.is_past or view.is_cancelled:
        raise StandRefused(gettext("Bij deze activiteit kun je geen stand aanvragen."))
    if not organisation["verified"] or organisation["blocked"]:
        raise StandRefused(
            gettext(
                "Je organisatie moet eerst gecontroleerd zijn. Daarna kun je een stand aanvragen."
            )
        )
    if len(note) > MAX_NOTE:
        raise StandRefused(gettext("Maak je toelichting korter: hoogstens 1000 tekens."))
    key = f"{view.meeting['id']}:{organisation['id']}"
    now = utcnow()
    async with write_transaction():
        existing = await Stand.select().where(Stand.stand_key == key).first().run()
        if existing is None:
            await (
                Stand.insert(
                    Stand(
                        meeting=view.meeting["id"],
                        organisation=organisation["id"],
                        stand_key=key,
                        note=note.strip(),
                        applied_by=account_id,
                        created_at=now,
                    )
                )
                .on_conflict(action="DO NOTHING")
                .run()
            )
            return "aangevraagd"
        if existing["status"] in ("aangevraagd", "geaccepteerd"):
            return str(existing["status"])
        await (
            Stand.update(
                {
                    Stand.status: "aangevraagd",
                    Stand.note: note.strip(),
                    Stand.refusal_reason: "",
                    Stand.applied_by: account_id,
                    Stand.decided_at: None,
                }
            )
            .where(Stand.id == existing["id"])
            .run()
        )
    return "aangevraagd"


async def withdraw_stand(view: MeetingView, organisation_id: int) -> None:
    key = f"{view.meeting['id']}:{organisation_id}"
    async with write_transaction():
        await (
            Stand.update({Stand.status: "ingetrokken", Stand.number_key: None, Stand.number: ""})
            .where(Stand.stand_key == key)
            .run()
        )
        await record_change(MEETING_ENTITY, view.ref)


async def decide(
    view: MeetingView,
    stand_id: int,
    account_id: int | None,
    *,
    accept: bool,
    number: str = "",
    reason: str = "",
) -> None:
    """Accept a stand with a number (unique within the fair), or refuse it with a reason."""
    number, reason = number.strip().upper(), reason.strip()
    if accept and not (1 <= len(number) <= 10 and number.replace("-", "").isalnum()):
        raise StandRefused(gettext("Geef de stand een nummer, zoals 12 of B4."))
    if not accept and not reason:
        raise StandRefused(
            gettext("Schrijf op waarom je de stand weigert. De organisatie leest dit.")
        )
    if len(reason) > MAX_REASON:
        raise StandRefused(gettext("Maak de reden korter: hoogstens 1000 tekens."))
    values: dict[Any, Any] = {
        Stand.status: "geaccepteerd" if accept else "geweigerd",
        Stand.number: number if accept else "",
        Stand.number_key: f"{view.meeting['id']}:{number}" if accept else None,
        Stand.refusal_reason: "" if accept else reason,
        Stand.decided_by: account_id,
        Stand.decided_at: utcnow(),
    }
    try:
        async with write_transaction():
            changed = (
                await Stand.update(values)
                .where((Stand.id == stand_id) & (Stand.meeting == view.meeting["id"]))
                .returning(Stand.id)
                .run()
            )
            if not changed:
                raise StandRefused(gettext("Deze stand hoort niet bij deze activiteit."))
            await record_change(MEETING_ENTITY, view.ref)
    except StandRefused:
        raise
    except Exception as error:
        if "unique" in f"{type(error).__name__} {error}".lower():
            raise StandRefused(
                gettext(
                    "Standnummer %(number)s is al gegeven. Kies een ander nummer.", number=number
                )
            ) from error
        raise


async def stands_of(
    meeting_id: int, statuses: tuple[str, ...] = ("geaccepteerd",)
) -> list[dict[str, Any]]:
    """Stands of a fair with their organisation and its open kansen, by stand number."""
    rows = (
        await Stand.select(
            *Stand.all_columns(),
            Stand.organisation.ref.as_alias("organisation_ref"),
            Stand.organisation.name.as_alias("organisation_name"),
            Stand.organisation.sector.as_alias("organisation_sector"),
            Stand.organisation.description.as_alias("organisation_description"),
        )
        .where((Stand.meeting == meeting_id) & Stand.status.is_in(list(statuses)))
        .run()
    )
    kansen = await open_opportunities_of([row["organisation"] for row in rows])
    for row in rows:
        row["kansen"] = kansen.get(row["organisation"], [])
    rows.sort(key=lambda r: (_number_order(r["number"]), r["organisation_name"].casefold()))
    return rows


def _number_order(number: str) -> tuple[int, str]:
    digits = "".join(c for c in number if c.isdigit())
    return (int(digits) if digits else 10**6, number)


async def stand_of(meeting_id: int, organisation_id: int) -> dict[str, Any] | None:
    return (
        await Stand.select()
        .where(Stand.stand_key == f"{meeting_id}:{organisation_id}")
        .first()
        .run()
    )


def stand_text(stand: dict[str, Any]) -> str:
    """Everything a visitor might search a stand by."""
    parts = [stand["organisation_name"], stand["organisation_sector"], stand["note"]]
    for kans in stand["kansen"]:
        parts += [kans["title"], kans["kind"].replace("_", " "), kans["sector"], *kans["skills"]]
    return " ".join(p for p in parts if p).lower()


def matching_stands(stands: list[dict[str, Any]], q: str) -> list[dict[str, Any]]:
    """Stands whose organisation, note or open kansen mention what the visitor typed.

    A fair has at most a few dozen stands, so this runs over them in memory, with the
    same query words and Dutch synonyms as the search index uses.
    """
    wanted = query_words(q)
    if not wanted:
        return stands
    groups = synonym_groups()
    alternatives = []
    for word in wanted:
        words = {word} | {t for g in groups if word in g for t in g}
        alternatives.append(words)
    return [
        stand
        for stand in stands
        if all(any(w in stand_text(stand) for w in words) for words in alternatives)
    ]
