"""Responses: a resident responds, the organisation sets a status, both may reply.

The organisation sees only what the resident chose to share; the resident sees the
status the organisation set. Every status is one of ``STATUSES``.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from meedoen.db import is_unique_violation, write_transaction
from meedoen.i18n import N_
from meedoen.input_rules import bsn_problem
from meedoen.refusals import Refused
from meedoen.responses.tables import Response, ResponseMessage

STATUSES = ("nieuw", "in_contact", "uitgenodigd", "geplaatst", "niet_passend", "ingetrokken")
ORGANISATION_STATUSES = ("nieuw", "in_contact", "uitgenodigd", "geplaatst", "niet_passend")
STATUS_LABELS = {
    "nieuw": N_("Nieuw"),
    "in_contact": N_("In contact"),
    "uitgenodigd": N_("Uitgenodigd"),
    "geplaatst": N_("Geplaatst"),
    "niet_passend": N_("Past niet"),
    "ingetrokken": N_("Ingetrokken"),
}
# What each status means for the resident, and what happens next: one sentence each.
RESIDENT_EXPLANATIONS = {
    "nieuw": N_(
        "De organisatie heeft je reactie nog niet gelezen. Je krijgt bericht als zij dat doen; meestal binnen een week."
    ),
    "in_contact": N_(
        "De organisatie heeft je reactie gelezen en neemt contact met je op. Let op je e-mail en je telefoon."
    ),
    "uitgenodigd": N_(
        "De organisatie wil je spreken: lees hieronder wat zij schrijven en spreek een moment af."
    ),
    "geplaatst": N_(
        "Je bent aangenomen: de organisatie of je coach vertelt je wanneer en hoe je begint."
    ),
    "niet_passend": N_(
        "De organisatie kiest dit keer niet voor jou; dat zegt niets over wat je kunt, dus kijk naar andere kansen."
    ),
    "ingetrokken": N_(
        "Je hebt deze reactie ingetrokken: de organisatie ziet dat je niet meer wilt meedoen."
    ),
}
# Withdrawing makes sense only while the organisation is still deciding.
WITHDRAWABLE = ("nieuw", "in_contact", "uitgenodigd")
SHAREABLE = ("first_name", "email", "phone", "profile", "cv")
MESSAGE_MAX_LENGTH = 2000


class ResponseRefused(Refused):
    """The change is not allowed; ``message`` is a Dutch msgid to show."""


@dataclass(frozen=True)
class NewResponse:
    opportunity_id: int
    resident_id: int
    message: str
    shared: tuple[str, ...]
    contact_email: str = ""
    contact_phone: str = ""
    profile: Mapping[str, Any] = field(default_factory=dict)
    """The resident's first name, wijk, skills, hours and summary as they are now."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def snapshot_of(resident: Mapping[str, Any], shared: Sequence[str]) -> str:
    """What the organisation may see of the resident, as it is now, as JSON.

    Stored with the response, so the organisation sees what was shared when the resident
    responded: not what the profile says later, and nothing once it is withdrawn.
    """
    snapshot: dict[str, Any] = {}
    if "first_name" in shared:
        snapshot["first_name"] = resident.get("first_name") or ""
    if "profile" in shared:
        snapshot["profile"] = {
            "wijk": resident.get("wijk") or "",
            "skills": list(resident.get("skills") or []),
            "hours_per_week": resident.get("hours_per_week"),
            "summary": resident.get("summary") or "",
        }
    return json.dumps(snapshot, ensure_ascii=False)


def read_snapshot(stored: str | None) -> dict[str, Any]:
    try:
        loaded = json.loads(stored) if stored else {}
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


async def create_response(new: NewResponse) -> Response:
    """Store a response; one open response per resident and opportunity.

    A partial unique index holds "one open response" in the database, so two responses
    sent at once cannot both be stored; the second gets the same answer as a late one.
    """
    if len(new.message) > MESSAGE_MAX_LENGTH:
        raise ResponseRefused(N_("Je bericht is te lang. Gebruik maximaal 2000 tekens."))
    if problem := bsn_problem(new.message):
        raise ResponseRefused(problem)
    already = await Response.exists().where(
        (Response.opportunity == new.opportunity_id)
        & (Response.resident == new.resident_id)
        & (Response.status != "ingetrokken")
    )
    if already:
        raise ResponseRefused(N_("Je hebt al gereageerd op deze kans."))
    now = _now()
    shared = [item for item in new.shared if item in SHAREABLE]
    response = Response(
        ref=f"rsp-{secrets.token_hex(6)}",
        opportunity=new.opportunity_id,
        resident=new.resident_id,
        message=new.message.strip(),
        shared=shared,
        contact_email=new.contact_email if "email" in shared else "",
        contact_phone=new.contact_phone if "phone" in shared else "",
        snapshot=snapshot_of(new.profile, shared),
        status="nieuw",
        status_changed_at=now,
        created_at=now,
        updated_at=now,
    )
    try:
        await response.save()
    except Exception as error:
        if is_unique_violation(error):
            raise ResponseRefused(N_("Je hebt al gereageerd op deze kans.")) from None
        raise
    return response


async def set_status(response_id: int, status: str) -> None:
    """The organisation marks a response; a withdrawn response cannot be marked."""
    if status not in ORGANISATION_STATUSES:
        raise ResponseRefused(N_("Kies een van de statussen uit de lijst."))
    now = _now()
    async with write_transaction():
        current = await Response.select(Response.status).where(Response.id == response_id).first()
        if current is None:
            raise ResponseRefused(N_("Deze reactie bestaat niet meer."))
        if current["status"] == "ingetrokken":
            raise ResponseRefused(N_("De bewoner heeft deze reactie ingetrokken."))
        await (
            Response.update(
                {Response.status: status, Response.status_changed_at: now, Response.updated_at: now}
            )
            .where(Response.id == response_id)
            .run()
        )


async def withdraw(response_id: int) -> None:
    """Withdraw: the organisation keeps only that there was a response, now withdrawn."""
    now = _now()
    await (
        Response.update(
            {
                Response.status: "ingetrokken",
                Response.status_changed_at: now,
                Response.updated_at: now,
                Response.snapshot: "",
                Response.contact_email: "",
                Response.contact_phone: "",
            }
        )
        .where(Response.id == response_id)
        .run()
    )


async def add_message(response_id: int, author_id: int | None, side: str, text: str) -> None:
    text = text.strip()
    if not text:
        raise ResponseRefused(N_("Schrijf eerst een bericht."))
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ResponseRefused(N_("Je bericht is te lang. Gebruik maximaal 2000 tekens."))
    if problem := bsn_problem(text):
        raise ResponseRefused(problem)
    await ResponseMessage(
        response=response_id, author=author_id, author_side=side, text=text, created_at=_now()
    ).save()


async def add_resident_reply(response_id: int, author_id: int, text: str) -> None:
    """The resident's message in the conversation; a withdrawn response takes none."""
    async with write_transaction():
        current = await Response.select(Response.status).where(Response.id == response_id).first()
        if current is None:
            raise ResponseRefused(N_("Deze reactie bestaat niet meer."))
        if current["status"] == "ingetrokken":
            raise ResponseRefused(
                N_("Je hebt deze reactie ingetrokken. Je kunt er geen berichten meer bij sturen.")
            )
        await add_message(response_id, author_id, "resident", text)


async def first_response_at_organisation(
    resident_id: int, organisation_id: int, since: dt.datetime, until: dt.datetime
) -> tuple[dt.date, str] | None:
    """The resident's first response to a kans of this organisation in [since, until]:
    its day and the kind of kans (for linking a contact at a fair to what followed)."""
    row = (
        await Response.select(Response.created_at, Response.opportunity.kind.as_alias("kind"))
        .where(
            (Response.resident == resident_id)
            & (Response.opportunity.organisation == organisation_id)
            & (Response.created_at >= since)
            & (Response.created_at <= until)
        )
        .order_by(Response.created_at)
        .first()
        .run()
    )
    return None if row is None else (row["created_at"].date(), str(row["kind"]))


async def organisations_sent_cv(resident_id: int) -> set[int]:
    """Organisations this resident sent their CV with a response they did not withdraw."""
    rows = (
        await Response.select(
            Response.shared, Response.opportunity.organisation.as_alias("organisation")
        )
        .where((Response.resident == resident_id) & (Response.status != "ingetrokken"))
        .run()
    )
    # Filtered here: array containment is not the same SQL on SQLite and PostgreSQL.
    return {row["organisation"] for row in rows if "cv" in (row["shared"] or [])}


async def responders_to(opportunity_refs: list[str]) -> list[dict[str, Any]]:
    """Who responded to these kansen (a programme's reach): ``person``
    (``r<resident id>``), ``birth_year`` and the ``day`` of the response. Responses whose
    resident is gone are left out: nobody is left to count."""
    if not opportunity_refs:
        return []
    rows = await Response.select(
        Response.resident,
        Response.resident.birth_year.as_alias("birth_year"),
        Response.created_at,
    ).where(
        Response.opportunity.ref.is_in(list(opportunity_refs)) & Response.resident.is_not_null()
    )
    return [
        {
            "person": f"r{row['resident']}",
            "birth_year": row["birth_year"],
            "day": row["created_at"].date(),
        }
        for row in rows
    ]
