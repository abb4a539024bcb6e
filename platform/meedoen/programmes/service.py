"""Programmes: creating one, asking an administrator to publish it, organisations that
join, the meetings and kansen their members attach, and what the programme reached.

Meetings, kansen, sign-ups, responses and placements belong to other domains; this one
keeps only which of them belong to a programme (by ref) and asks their owners for the
rest. Access rules live in ``accounts.policies``; callers check them before they call.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.audit.service import record_audit
from meedoen.db import is_unique_violation, write_transaction
from meedoen.events.meetings import meetings_by_refs, meetings_of
from meedoen.i18n import N_, gettext
from meedoen.opportunities.postings import postings
from meedoen.opportunities.service import postings_by_refs
from meedoen.organisations.service import organisation_id, organisation_summary
from meedoen.programmes import forms
from meedoen.programmes.reach import Reach, reach_of
from meedoen.programmes.tables import Programme, ProgrammeItem, ProgrammeMember
from meedoen.textfold import fold
from meedoen.web.forms import FormInput, decode_form

STATUSES = ("concept", "ter_goedkeuring", "gepubliceerd", "beeindigd")
STATUS_LABELS = {
    "concept": N_("Concept"),
    "ter_goedkeuring": N_("Wacht op goedkeuring"),
    "gepubliceerd": N_("Gepubliceerd"),
    "beeindigd": N_("Afgelopen"),
}
PUBLIC_STATUSES = ("gepubliceerd", "beeindigd")
MEASURE_LABELS = {
    "jongeren": N_("jongeren bereikt"),
    "activiteiten": N_("activiteiten gehouden"),
    "stages": N_("stages gestart"),
    "banen": N_("banen gevonden"),
}
KINDS = ("activiteit", "kans")
MEMBER_STATUS_LABELS = {"aangevraagd": N_("Wil meedoen"), "geaccepteerd": N_("Doet mee")}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def status_label(status: str) -> str:
    return gettext(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def measure_label(measure: str) -> str:
    return gettext(MEASURE_LABELS[measure]) if measure in MEASURE_LABELS else measure


# --- the programme itself -------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeInput:
    name: str
    summary: str
    target_group: str
    age_min: int | None
    age_max: int | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    goal_target: int
    goal_measure: str


FIELDS = (
    "name",
    "summary",
    "target_group",
    "age_min",
    "age_max",
    "starts_on",
    "ends_on",
    "goal_target",
    "goal_measure",
)


def programme_problems(fields: Mapping[str, Any]) -> dict[str, str]:
    """The programme's rules over its fields (those that are right): the lowest age not
    above the highest, a first and a last day with the last not before the first. The
    ages' and the period's messages stand by their first field, as the form shows them."""
    problems: dict[str, str] = {}
    low, high = fields.get("age_min"), fields.get("age_max")
    if low is not None and high is not None and low > high:
        problems["age_min"] = gettext("De laagste leeftijd is groter dan de hoogste.")
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if "starts_on" in fields and "ends_on" in fields and (starts_on is None or ends_on is None):
        problems["starts_on"] = gettext(forms.PERIOD)
    elif starts_on is not None and ends_on is not None and ends_on < starts_on:
        problems["starts_on"] = gettext("De laatste dag ligt voor de eerste dag.")
    return problems


def programme_input(form: forms.ProgrammeForm) -> ProgrammeInput:
    return ProgrammeInput(
        form.name,
        form.summary,
        form.target_group,
        form.age_min,
        form.age_max,
        form.starts_on,
        form.ends_on,
        form.goal_target,
        form.goal_measure,
    )


def read_programme(values: Mapping[str, Any]) -> FormInput[forms.ProgrammeForm]:
    """A programme's form (name -> value), decoded and checked as a whole."""
    form = decode_form(values, forms.ProgrammeForm)
    form.refuse(programme_problems(form.decoded))
    # The form shows one message for both ages and one for the period.
    for first, second in (("age_min", "age_max"), ("starts_on", "ends_on")):
        if second in form.errors:
            form.errors.setdefault(first, form.errors.pop(second))
    return form


def check_programme(values: Mapping[str, Any]) -> tuple[ProgrammeInput | None, dict[str, str]]:
    """The form's values as a programme, or the Dutch messages for what is wrong."""
    form = read_programme(values)
    return (programme_input(form.data), {}) if form.data else (None, form.errors)


def values_of(row: Mapping[str, Any]) -> dict[str, str]:
    """A stored programme as form values."""
    return {field: "" if row.get(field) is None else str(row.get(field)) for field in FIELDS}


def _row_values(data: ProgrammeInput) -> dict[Any, Any]:
    return {
        Programme.name: data.name,
        Programme.summary: data.summary,
        Programme.target_group: data.target_group,
        Programme.age_min: data.age_min,
        Programme.age_max: data.age_max,
        Programme.starts_on: data.starts_on,
        Programme.ends_on: data.ends_on,
        Programme.goal_target: data.goal_target,
        Programme.goal_measure: data.goal_measure,
    }


def slug_of(name: str) -> str:
    """``Twente goes Techno!`` → ``twente-goes-techno``."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")[:60].strip("-")
    return slug or "programma"


async def create_programme(user: CurrentUser, owner_id: int, data: ProgrammeInput) -> str:
    """A new concept programme of ``owner_id``, which is its first member; its ref."""
    now = utcnow()
    ref = slug_of(data.name)
    for attempt in range(5):
        try:
            async with write_transaction():
                rows = (
                    await Programme.insert(
                        Programme(
                            ref=ref,
                            owner=owner_id,
                            status="concept",
                            created_at=now,
                            updated_at=now,
                        )
                    )
                    .returning(Programme.id)
                    .run()
                )
                programme_id = int(rows[0]["id"])
                await Programme.update(_row_values(data)).where(Programme.id == programme_id)
                await ProgrammeMember.insert(
                    ProgrammeMember(
                        programme=programme_id,
                        organisation=owner_id,
                        member_key=_member_key(programme_id, owner_id),
                        status="geaccepteerd",
                        created_at=now,
                        decided_at=now,
                    )
                ).run()
                await record_audit(user, "programme.created", "programme", ref)
            return ref
        except Exception as error:
            if not is_unique_violation(error) or attempt == 4:
                raise
            ref = f"{slug_of(data.name)[:50]}-{secrets.token_hex(2)}"
    raise AssertionError("unreachable")


async def update_programme(programme: Mapping[str, Any], data: ProgrammeInput) -> None:
    await Programme.update({**_row_values(data), Programme.updated_at: utcnow()}).where(
        Programme.id == programme["id"]
    )


async def programme_by_ref(ref: str) -> dict[str, Any] | None:
    """The programme with its owner's ``owner_name`` and ``owner_ref``."""
    if not ref or len(ref) > 80:
        return None
    row = (
        await Programme.select(
            *Programme.all_columns(),
            Programme.owner.name.as_alias("owner_name"),
            Programme.owner.ref.as_alias("owner_ref"),
        )
        .where(Programme.ref == ref)
        .first()
        .run()
    )
    return row


async def public_programmes() -> list[dict[str, Any]]:
    """Published programmes (the running ones first), then ended ones."""
    rows = (
        await Programme.select(
            *Programme.all_columns(), Programme.owner.name.as_alias("owner_name")
        )
        .where(Programme.status.is_in(list(PUBLIC_STATUSES)))
        .order_by(Programme.starts_on, ascending=False)
        .run()
    )
    return sorted(rows, key=lambda row: row["status"] != "gepubliceerd")


async def all_programmes() -> list[dict[str, Any]]:
    """Every programme, those waiting for approval first (the administrators' list)."""
    rows = (
        await Programme.select(
            *Programme.all_columns(), Programme.owner.name.as_alias("owner_name")
        )
        .order_by(Programme.updated_at, ascending=False)
        .run()
    )
    return sorted(rows, key=lambda row: row["status"] != "ter_goedkeuring")


async def programmes_of(organisation_id: int) -> list[dict[str, Any]]:
    """Programmes the organisation owns or asked to join, with its ``member_status``."""
    memberships = await ProgrammeMember.select(
        ProgrammeMember.programme, ProgrammeMember.status
    ).where(ProgrammeMember.organisation == organisation_id)
    by_programme = {int(m["programme"]): m["status"] for m in memberships}
    if not by_programme:
        return []
    rows = (
        await Programme.select(
            *Programme.all_columns(), Programme.owner.name.as_alias("owner_name")
        )
        .where(Programme.id.is_in(list(by_programme)))
        .order_by(Programme.name)
        .run()
    )
    for row in rows:
        row["member_status"] = by_programme[row["id"]]
        row["is_owner"] = row["owner"] == organisation_id
    return rows


# --- approval -------------------------------------------------------------------------


class ProgrammeRefused(Exception):
    """A change the programme's status does not allow; the message is for the user."""


async def submit_for_approval(user: CurrentUser, programme: Mapping[str, Any]) -> None:
    """The owner asks an administrator to publish the concept."""
    await _move(user, programme["ref"], "concept", "ter_goedkeuring", "programme.submitted")


ADMIN_MOVES = {
    # action: (from statuses, to status, audit action)
    "publiceren": (("ter_goedkeuring",), "gepubliceerd", "programme.published"),
    "terugsturen": (("ter_goedkeuring", "gepubliceerd"), "concept", "programme.returned"),
    "beeindigen": (("gepubliceerd",), "beeindigd", "programme.ended"),
}


async def decide(actor: CurrentUser, ref: str, action: str) -> str:
    """An administrator publishes, sends back or ends a programme; its new status."""
    if action not in ADMIN_MOVES:
        raise ProgrammeRefused(gettext("Deze stap bestaat niet."))
    sources, target, audit_action = ADMIN_MOVES[action]
    await _move(actor, ref, sources, target, audit_action)
    return target


async def _move(
    actor: CurrentUser, ref: str, sources: str | tuple[str, ...], target: str, audit: str
) -> None:
    allowed = [sources] if isinstance(sources, str) else list(sources)
    async with write_transaction():
        changed = (
            await Programme.update({Programme.status: target, Programme.updated_at: utcnow()})
            .where((Programme.ref == ref) & Programme.status.is_in(allowed))
            .returning(Programme.id)
            .run()
        )
        if not changed:
            raise ProgrammeRefused(
                gettext("Dat kan niet meer: de status van het programma is net veranderd.")
            )
        await record_audit(actor, audit, "programme", ref)


# --- organisations that take part -----------------------------------------------------


def _member_key(programme_id: int, organisation_id: int) -> str:
    return f"{programme_id}:{organisation_id}"


async def ask_to_join(
    user: CurrentUser, programme: Mapping[str, Any], organisation_id: int
) -> bool:
    """The organisation asks to take part in a published programme. False when it
    already asked or takes part (the database holds one row per organisation)."""
    if programme["status"] != "gepubliceerd":
        raise ProgrammeRefused(gettext("Je kunt alleen meedoen met een gepubliceerd programma."))
    try:
        async with write_transaction():
            await ProgrammeMember.insert(
                ProgrammeMember(
                    programme=programme["id"],
                    organisation=organisation_id,
                    member_key=_member_key(programme["id"], organisation_id),
                    status="aangevraagd",
                    created_at=utcnow(),
                )
            ).run()
    except Exception as error:
        if is_unique_violation(error):
            return False
        raise
    return True


async def decide_member(
    actor: CurrentUser, programme: Mapping[str, Any], organisation_ref: str, accept: bool
) -> bool:
    """Accept (or turn down) an organisation's request; False when there is no open
    request of that organisation."""
    member_id = await organisation_id(organisation_ref)
    if member_id is None:
        return False
    key = _member_key(programme["id"], member_id)
    waiting = (ProgrammeMember.member_key == key) & (ProgrammeMember.status == "aangevraagd")
    async with write_transaction():
        if accept:
            done = (
                await ProgrammeMember.update(
                    {ProgrammeMember.status: "geaccepteerd", ProgrammeMember.decided_at: utcnow()}
                )
                .where(waiting)
                .returning(ProgrammeMember.id)
                .run()
            )
        else:
            done = await ProgrammeMember.delete().where(waiting).returning(ProgrammeMember.id).run()
        if not done:
            return False
        action = "programme.member_accepted" if accept else "programme.member_declined"
        await record_audit(actor, action, "programme", programme["ref"], organisation_ref)
    return True


async def members_of(programme_id: int) -> list[dict[str, Any]]:
    """The organisations that take part or asked to, with name, ref and ``status``."""
    rows = (
        await ProgrammeMember.select(
            ProgrammeMember.organisation,
            ProgrammeMember.status,
            ProgrammeMember.organisation.name.as_alias("name"),
            ProgrammeMember.organisation.ref.as_alias("ref"),
            ProgrammeMember.organisation.verified.as_alias("verified"),
        )
        .where(ProgrammeMember.programme == programme_id)
        .order_by(ProgrammeMember.created_at)
        .run()
    )
    return rows


async def accepted_ids(programme_id: int) -> set[int]:
    return {
        int(row["organisation"])
        for row in await members_of(programme_id)
        if row["status"] == "geaccepteerd"
    }


# --- meetings and kansen ----------------------------------------------------------------


async def own_items(organisation_id: int) -> dict[str, list[tuple[str, str]]]:
    """(ref, title) of the organisation's meetings and kansen that can be attached."""
    meetings = [
        (row["ref"], row["title"])
        for row in await meetings_of(organisation_id)
        if row["status"] != "geannuleerd"
    ]
    kansen = [(row["ref"], row["title"]) for row in await postings(organisation_id)]
    return {"activiteit": meetings, "kans": kansen}


async def attach(programme: Mapping[str, Any], organisation_id: int, kind: str, ref: str) -> bool:
    """Attach the organisation's own meeting or kans. False when it is already attached;
    ProgrammeRefused when it is not the organisation's own."""
    if programme["status"] == "beeindigd":
        raise ProgrammeRefused(
            gettext("Dit programma is afgelopen. Je kunt er niets meer aan toevoegen.")
        )
    own = dict((await own_items(organisation_id)).get(kind, []))
    if ref not in own:
        raise ProgrammeRefused(gettext("Kies een activiteit of kans van je eigen organisatie."))
    try:
        async with write_transaction():
            await ProgrammeItem.insert(
                ProgrammeItem(
                    programme=programme["id"],
                    organisation=organisation_id,
                    kind=kind,
                    item_ref=ref,
                    item_key=f"{programme['id']}:{kind}:{ref}",
                    created_at=utcnow(),
                )
            ).run()
    except Exception as error:
        if is_unique_violation(error):
            return False
        raise
    return True


async def detach(
    programme: Mapping[str, Any], kind: str, ref: str, organisation_ids: set[int] | None
) -> bool:
    """Take an item off the programme. ``organisation_ids``: only an item one of these
    organisations attached (a member's own); None: any item (the programme's managers)."""
    where: Any = ProgrammeItem.item_key == f"{programme['id']}:{kind}:{ref}"
    if organisation_ids is not None:
        where = where & ProgrammeItem.organisation.is_in(sorted(organisation_ids) or [0])
    removed = await ProgrammeItem.delete().where(where).returning(ProgrammeItem.id).run()
    return bool(removed)


async def items_of(programme_id: int) -> dict[str, list[dict[str, Any]]]:
    """The programme's meetings (upcoming first, then past ones, newest first) and kansen,
    each with ``is_public`` and ``organisation_id`` (who attached it)."""
    rows = await ProgrammeItem.select().where(ProgrammeItem.programme == programme_id)
    attached_by = {(row["kind"], row["item_ref"]): int(row["organisation"]) for row in rows}
    meeting_refs = [ref for kind, ref in attached_by if kind == "activiteit"]
    kans_refs = [ref for kind, ref in attached_by if kind == "kans"]
    meetings = await meetings_by_refs(meeting_refs)
    now = utcnow()
    upcoming = [m for m in meetings if m["ends_at"] is None or m["ends_at"] >= now]
    past = [m for m in meetings if m not in upcoming]
    meetings = upcoming + list(reversed(past))
    kansen = await postings_by_refs(kans_refs)
    for row in meetings:
        row["organisation_id"] = attached_by[("activiteit", row["ref"])]
        row["is_past"] = row in past
    for row in kansen:
        row["organisation_id"] = attached_by[("kans", row["ref"])]
    return {"activiteit": meetings, "kans": kansen}


async def owner_summary(owner_id: int) -> dict[str, Any] | None:
    return await organisation_summary(owner_id)


async def reach_by_programme() -> list[tuple[dict[str, Any], Reach]]:
    """Each published or ended programme with its reach (``reach.Reach``), by name: the
    administrators' insight view shows them as one table."""
    rows = sorted(await public_programmes(), key=lambda row: row["name"])
    return [(row, await reach_of(await items_of(row["id"]))) for row in rows]
