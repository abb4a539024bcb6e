"""Signing up for a meeting: capacity, the waiting list, cancelling and promotion.

Capacity is held by the database: a sign-up raises its slot's ``taken`` with one
conditional UPDATE (``taken + seats <= capacity``) and is confirmed only when that
UPDATE changed the row; otherwise it goes on the waiting list. A check (PostgreSQL) or
trigger (SQLite) refuses any write that overfills a slot, and ``active_key`` refuses a
second active sign-up of the same person. Cancelling frees the seats and, in the same
transaction, promotes the waiting list in order, each promoted visitor getting a mail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from piccolo.columns.combination import WhereRaw

from meedoen.db import write_transaction
from meedoen.events.meetings import MeetingView, local
from meedoen.events.tables import Contact, MeetingSlot, SignUp
from meedoen.i18n import gettext
from meedoen.mail.outbox import queue_mail
from meedoen.mail.throttle import Sender, recipient_key
from meedoen.residents.service import resident_contact
from meedoen.web.forms import email_problem

RETENTION_DAYS = 90
CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B, 2/Z)
CODE_LENGTH = 6
MAX_GROUP = 60
LINK_SALT = "meeting-signup"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


PHONE = re.compile(r"^\+?[0-9 ()-]{8,20}$")


def _contact_problems(email: str, phone: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    if email and (problem := email_problem(email)):
        problems["email"] = problem
    if phone and not PHONE.match(phone):
        problems["phone"] = gettext("Vul een telefoonnummer in, zoals 06 12345678.")
    return problems


def guest_problems(name: str, email: str, phone: str) -> dict[str, str]:
    """A guest signs up with a name and an e-mail address or phone number."""
    problems: dict[str, str] = {}
    if not name:
        problems["name"] = gettext("Vul je naam in.")
    if not email and not phone:
        problems["email"] = gettext(
            "Vul je e-mailadres of je telefoonnummer in, zodat we je kunnen laten weten als er iets verandert."
        )
    return {**_contact_problems(email, phone), **problems}


def group_problems(
    group_name: str, group_size: int | None, name: str, email: str, phone: str
) -> dict[str, str]:
    """A group signs up with its name, how many come, and a contact person (with an
    e-mail address); no members' data."""
    problems: dict[str, str] = {}
    if not group_name:
        problems["group_name"] = gettext("Vul de naam van de groep in, zoals ‘Klas 3B’.")
    if group_size is None:
        problems["group_size"] = gettext("Vul in met hoeveel mensen jullie komen: 2 tot en met 60.")
    if not name:
        problems["name"] = gettext("Vul de naam van de contactpersoon in.")
    if not email:
        problems["email"] = gettext("Vul je e-mailadres in.")
    return {**problems, **_contact_problems(email, phone)}


@dataclass(frozen=True)
class Visitor:
    """Who signs up. Exactly one of: a resident (``resident_id``), a guest (``name`` and
    an e-mail or phone), or a group (``group_size`` > 0 with a contact person)."""

    resident_id: int | None = None
    name: str = ""
    email: str = ""
    phone: str = ""
    language: str = "nl"
    wijk: str = ""
    birth_year: int | None = None
    group_name: str = ""
    group_size: int = 0
    group_organisation_id: int | None = None
    with_coach: bool = False
    signed_up_by: int | None = None
    consent_note: str = ""
    walk_in: bool = False

    @property
    def is_group(self) -> bool:
        return self.group_size > 0

    @property
    def seats(self) -> int:
        if self.is_group:
            return self.group_size
        return 2 if self.with_coach else 1

    def key(self, meeting_id: int) -> str | None:
        """One active sign-up per resident, guest address or group name per meeting."""
        if self.walk_in and self.resident_id is None:
            return None  # walk-ins are people at the door; the organiser adds each once
        if self.resident_id is not None:
            who = f"r{self.resident_id}"
        elif self.is_group:
            who = "g" + _digest(self.group_name.casefold() + "|" + self.email.casefold())
        else:
            who = "e" + _digest((self.email or self.phone).casefold().replace(" ", ""))
        return f"{meeting_id}:{who}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class AlreadySignedUp(Exception):
    """This person already has an active sign-up for this meeting."""

    def __init__(self, ref: str | None) -> None:
        super().__init__(ref)
        self.ref = ref


class SignUpRefused(ValueError):
    """The meeting cannot take this sign-up; ``message`` is a translated sentence."""


@dataclass(frozen=True)
class SignUpResult:
    ref: str
    status: str
    visitor_code: str


def signup_token(secret_key: str, ref: str) -> str:
    """The signed part of a sign-up's own link (cancel, personal code), sent by mail."""
    return URLSafeSerializer(secret_key, salt=LINK_SALT).dumps(ref)


def ref_from_token(secret_key: str, token: str) -> str | None:
    if not token or len(token) > 300:
        return None
    try:
        ref = URLSafeSerializer(secret_key, salt=LINK_SALT).loads(token)
    except BadSignature:
        return None
    return ref if isinstance(ref, str) else None


def is_unique_violation(error: BaseException) -> bool:
    text = f"{type(error).__name__} {error}".lower()
    return "unique" in text


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def slot_open(slot: dict[str, Any], *, group: bool, now: dt.datetime | None = None) -> bool:
    """Whether a time slot still takes sign-ups made in advance: until it ends, and for a
    group (a class visit, a team) only until it starts, since the organiser plans for it."""
    moment = now or utcnow()
    return (slot["starts_at"] if group else slot["ends_at"]) > moment


async def _slot_of(view: MeetingView, slot_id: int | None, visitor: Visitor) -> dict[str, Any]:
    slots = view.slots
    chosen = next((s for s in slots if s["id"] == slot_id), None)
    if chosen is None and len(slots) == 1:
        chosen = slots[0]
    if chosen is None:
        raise SignUpRefused(gettext("Kies een tijd."))
    if not visitor.walk_in and not slot_open(chosen, group=visitor.is_group):
        if visitor.is_group:
            raise SignUpRefused(
                gettext(
                    "Deze tijd is al begonnen. Een groep meldt zich vooraf aan: kies een andere tijd."
                )
            )
        raise SignUpRefused(gettext("Deze tijd is al voorbij. Kies een andere tijd."))
    return chosen


def check_open_for_sign_up(view: MeetingView, visitor: Visitor) -> None:
    if not view.is_public or view.is_cancelled:
        raise SignUpRefused(gettext("Voor deze activiteit kun je je niet aanmelden."))
    if view.is_past and not visitor.walk_in:
        raise SignUpRefused(gettext("Deze activiteit is al geweest."))
    if visitor.is_group and not (view.meeting["groups_welcome"] or visitor.walk_in):
        raise SignUpRefused(gettext("Bij deze activiteit zijn geen groepen welkom."))
    if visitor.is_group and not 2 <= visitor.group_size <= MAX_GROUP:
        raise SignUpRefused(gettext("Een groep is 2 tot en met %(max)s mensen.", max=MAX_GROUP))


async def sign_up(
    view: MeetingView,
    slot_id: int | None,
    visitor: Visitor,
    *,
    base_url: str,
    secret_key: str,
    mail_to: str = "",
) -> SignUpResult:
    """Sign ``visitor`` up for a slot of ``view``: confirmed while there is room, else
    on the waiting list. ``mail_to`` gets the confirmation (with the cancel link)."""
    check_open_for_sign_up(view, visitor)
    slot = await _slot_of(view, slot_id, visitor)
    key = visitor.key(view.meeting["id"])
    if key and (existing := await _active(key)) is not None:
        raise AlreadySignedUp(existing)
    now = utcnow()
    ref = f"aanm-{secrets.token_hex(8)}"
    code = new_code()
    try:
        async with write_transaction():
            confirmed = await _take_seats(slot["id"], visitor.seats)
            status = "aangemeld" if confirmed else "wachtlijst"
            await SignUp.insert(
                SignUp(
                    ref=ref,
                    meeting=view.meeting["id"],
                    slot=slot["id"],
                    status=status,
                    seats=visitor.seats,
                    active_key=key,
                    resident=visitor.resident_id,
                    guest_name=visitor.name.strip()[:120],
                    guest_email=visitor.email.strip()[:254],
                    guest_phone=visitor.phone.strip()[:30],
                    language=visitor.language,
                    group_name=visitor.group_name.strip()[:120],
                    group_size=visitor.group_size,
                    group_organisation=visitor.group_organisation_id,
                    with_coach=visitor.with_coach,
                    signed_up_by=visitor.signed_up_by,
                    consent_note=visitor.consent_note.strip(),
                    consent_recorded_at=now if visitor.consent_note.strip() else None,
                    visitor_code=code,
                    walk_in=visitor.walk_in,
                    wijk=visitor.wijk,
                    birth_year=visitor.birth_year,
                    erase_after=_erase_after(view, visitor),
                    created_at=now,
                    updated_at=now,
                )
            ).run()
            if mail_to:
                await _mail(
                    mail_to,
                    "meeting_signed_up" if confirmed else "meeting_waiting_list",
                    view,
                    slot,
                    ref,
                    visitor.language,
                    base_url,
                    secret_key,
                )
    except Exception as error:
        if key and is_unique_violation(error):
            raise AlreadySignedUp(await _active(key)) from error
        raise
    return SignUpResult(ref, status, code)


def _erase_after(view: MeetingView, visitor: Visitor) -> dt.date | None:
    """Guests' and group contacts' details go 90 days after the meeting."""
    if visitor.resident_id is not None:
        return None
    end = view.meeting.get("ends_at") or utcnow()
    return local(end).date() + dt.timedelta(days=RETENTION_DAYS)


async def _active(key: str) -> str | None:
    row = await SignUp.select(SignUp.ref).where(SignUp.active_key == key).first().run()
    return None if row is None else str(row["ref"])


async def _take_seats(slot_id: int, seats: int) -> bool:
    """Raise the slot's ``taken`` by ``seats`` if they fit; True when they did."""
    taken = (
        await MeetingSlot.update({MeetingSlot.taken: MeetingSlot.taken + seats})
        .where(
            (MeetingSlot.id == slot_id)
            & WhereRaw("(capacity IS NULL OR taken + {} <= capacity)", seats)
        )
        .returning(MeetingSlot.id)
        .run()
    )
    return bool(taken)


async def _free_seats(slot_id: int, seats: int) -> None:
    await (
        MeetingSlot.update({MeetingSlot.taken: MeetingSlot.taken - seats})
        .where(MeetingSlot.id == slot_id)
        .run()
    )


async def signup_by_ref(ref: str) -> dict[str, Any] | None:
    if not ref or len(ref) > 40:
        return None
    return await SignUp.select().where(SignUp.ref == ref).first().run()


async def cancel(
    view: MeetingView, signup: dict[str, Any], *, base_url: str, secret_key: str
) -> bool:
    """Cancel a sign-up (False when it was not active); frees its seats and promotes
    the waiting list in the same transaction."""
    now = utcnow()
    async with write_transaction():
        cancelled = (
            await SignUp.update(
                {
                    SignUp.status: "afgemeld",
                    SignUp.active_key: None,
                    SignUp.cancelled_at: now,
                    SignUp.updated_at: now,
                }
            )
            .where((SignUp.id == signup["id"]) & SignUp.status.is_in(["aangemeld", "wachtlijst"]))
            .returning(SignUp.status)
            .run()
        )
        if not cancelled:
            return False
        if signup["status"] == "aangemeld":
            await _free_seats(signup["slot"], signup["seats"])
            await promote_waiting_list(
                view, signup["slot"], base_url=base_url, secret_key=secret_key
            )
    return True


async def promote_waiting_list(
    view: MeetingView, slot_id: int, *, base_url: str, secret_key: str
) -> list[str]:
    """Confirm waiting sign-ups of a slot in order while they fit; call in a transaction.

    A group that does not fit does not block the people after it.
    """
    waiting = (
        await SignUp.select()
        .where((SignUp.slot == slot_id) & (SignUp.status == "wachtlijst"))
        .order_by(SignUp.id)
        .run()
    )
    slot = next((s for s in view.slots if s["id"] == slot_id), {"id": slot_id})
    promoted = []
    for row in waiting:
        if not await _take_seats(slot_id, row["seats"]):
            continue
        moved = (
            await SignUp.update({SignUp.status: "aangemeld", SignUp.updated_at: utcnow()})
            .where((SignUp.id == row["id"]) & (SignUp.status == "wachtlijst"))
            .returning(SignUp.id)
            .run()
        )
        if not moved:
            await _free_seats(slot_id, row["seats"])
            continue
        promoted.append(row["ref"])
        address = await mail_address(row)
        if address:
            await _mail(
                address,
                "meeting_promoted",
                view,
                slot,
                row["ref"],
                row["language"],
                base_url,
                secret_key,
            )
    return promoted


async def mail_address(signup: dict[str, Any]) -> str:
    """Where mail about a sign-up goes: the resident's account, else the guest address."""
    if signup.get("resident"):
        contact = await resident_contact(signup["resident"])
        if contact is not None and contact.email:
            return contact.email
    return str(signup.get("guest_email") or "")


def when_text(slot: dict[str, Any]) -> str:
    """'za 14 maart 2027, 10:00–15:00' in the current language."""
    from babel.dates import format_date

    from meedoen.i18n import current_language

    start, end = local(slot["starts_at"]), local(slot["ends_at"])
    day = format_date(start.date(), format="EEE d MMMM y", locale=current_language())
    return f"{day}, {start:%H:%M}–{end:%H:%M}"


async def _mail(
    to: str,
    template: str,
    view: MeetingView,
    slot: dict[str, Any],
    ref: str,
    language: str,
    base_url: str,
    secret_key: str,
) -> None:
    from meedoen.i18n import language as in_language

    token = signup_token(secret_key, ref)
    with in_language(language):
        when = when_text(slot) if "starts_at" in slot else ""
    await queue_mail(
        to,
        template,
        {
            "title": view.meeting["title"],
            "organiser": view.organiser["name"],
            "when": when,
            "place": ", ".join(
                p for p in (view.meeting["place_name"], view.meeting["address"]) if p
            ),
            "link": f"{base_url}/activiteiten/{view.ref}",
            "mine": f"{base_url}/activiteiten/aanmelding/{token}",
            "ics": f"{base_url}/activiteiten/{view.ref}.ics",
        },
        language,
        # Counted for the address it goes to: nobody signs someone else up a hundred times.
        sender=Sender(f"signups-for:{recipient_key(secret_key, to)}", secret_key),
    )


# --- at the door --------------------------------------------------------------------


async def visitors_of(meeting_id: int, q: str = "") -> list[dict[str, Any]]:
    """Active sign-ups of a meeting, for the organiser's check-in list; ``q`` narrows by
    name or code (accent- and case-insensitive, in Python: a fair has hundreds at most)."""
    rows = (
        await SignUp.select()
        .where((SignUp.meeting == meeting_id) & SignUp.status.is_in(["aangemeld", "wachtlijst"]))
        .order_by(SignUp.id)
        .run()
    )
    for row in rows:
        row["name"] = row["group_name"] or row["guest_name"]
    if q.strip():
        wanted = _fold(q)
        rows = [r for r in rows if wanted in _fold(r["name"]) or wanted in _fold(r["visitor_code"])]
    rows.sort(key=lambda r: _fold(r["name"]))
    return rows


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


async def check_in(meeting_id: int, signup_ref: str, present: bool = True) -> bool:
    """Tick a visitor present (or not); records whether it is their first meeting."""
    row = (
        await SignUp.select()
        .where((SignUp.ref == signup_ref) & (SignUp.meeting == meeting_id))
        .first()
        .run()
    )
    if row is None or row["status"] == "afgemeld":
        return False
    if not present:
        await (
            SignUp.update({SignUp.checked_in_at: None, SignUp.first_visit: None})
            .where(SignUp.id == row["id"])
            .run()
        )
        return True
    if row["checked_in_at"] is not None:
        return True
    first = True
    if row["resident"] is not None:
        first = not await SignUp.exists().where(
            (SignUp.resident == row["resident"])
            & SignUp.checked_in_at.is_not_null()
            & (SignUp.id != row["id"])
        )
    await (
        SignUp.update(
            {SignUp.checked_in_at: utcnow(), SignUp.first_visit: first, SignUp.updated_at: utcnow()}
        )
        .where((SignUp.id == row["id"]) & SignUp.checked_in_at.is_null())
        .run()
    )
    return True


async def by_code(meeting_id: int, code: str) -> dict[str, Any] | None:
    code = "".join(c for c in code.upper() if c.isalnum())
    if len(code) != CODE_LENGTH:
        return None
    return (
        await SignUp.select()
        .where(
            (SignUp.meeting == meeting_id)
            & (SignUp.visitor_code == code)
            & (SignUp.status != "afgemeld")
        )
        .first()
        .run()
    )


async def signups_of_resident(resident_id: int) -> list[dict[str, Any]]:
    """A resident's sign-ups with their meeting, newest meeting first."""
    return (
        await SignUp.select(
            *SignUp.all_columns(),
            SignUp.meeting.ref.as_alias("meeting_ref"),
            SignUp.meeting.title.as_alias("meeting_title"),
            SignUp.meeting.kind.as_alias("meeting_kind"),
            SignUp.slot.starts_at.as_alias("starts_at"),
            SignUp.slot.ends_at.as_alias("ends_at"),
        )
        .where(SignUp.resident == resident_id)
        .order_by(SignUp.slot.starts_at, ascending=False)
        .run()
    )


async def group_signups_of(organisation_id: int) -> list[dict[str, Any]]:
    """The groups an organisation (a school) signed up, with their meeting, soonest
    meeting first: the class, how many, the teacher and the status; no pupils' data."""
    return (
        await SignUp.select(
            SignUp.ref,
            SignUp.status,
            SignUp.group_name,
            SignUp.group_size,
            SignUp.guest_name.as_alias("teacher"),
            SignUp.meeting.ref.as_alias("meeting_ref"),
            SignUp.meeting.title.as_alias("meeting_title"),
            SignUp.meeting.kind.as_alias("meeting_kind"),
            SignUp.slot.starts_at.as_alias("starts_at"),
            SignUp.slot.ends_at.as_alias("ends_at"),
        )
        .where((SignUp.group_organisation == organisation_id) & (SignUp.group_size > 0))
        .order_by(SignUp.slot.starts_at)
        .run()
    )


async def erase_people(signup_ids: list[int]) -> None:
    """Erase who these sign-ups were (names, addresses, phone, the contacts' notes) and
    cut the link to the resident; the rows stay for the anonymous counts."""
    if not signup_ids:
        return
    await SignUp.update(
        {
            SignUp.resident: None,
            SignUp.guest_name: "",
            SignUp.guest_email: "",
            SignUp.guest_phone: "",
            SignUp.group_name: "",
            SignUp.consent_note: "",
            SignUp.active_key: None,
            SignUp.erase_after: None,
            SignUp.updated_at: utcnow(),
        }
    ).where(SignUp.id.is_in(signup_ids))
    await Contact.update(
        {
            Contact.resident: None,
            Contact.visitor_name: "",
            Contact.note: "",
            Contact.follow_up_note: "",
        }
    ).where(Contact.signup.is_in(signup_ids))


async def people_signed_up(meeting_refs: list[str]) -> list[dict[str, Any]]:
    """Everyone signed up (not cancelled) for these meetings, one row per sign-up, for a
    programme's reach: ``person`` (``r<resident id>``, or ``s<sign-up id>`` for a
    guest), ``birth_year`` and the meeting's ``day``. Groups are left out: their
    members are not on record."""
    if not meeting_refs:
        return []
    rows = await SignUp.select(
        SignUp.id,
        SignUp.resident,
        SignUp.birth_year,
        SignUp.meeting.starts_at.as_alias("starts_at"),
    ).where(
        SignUp.meeting.ref.is_in(list(meeting_refs))
        & (SignUp.group_size == 0)
        & (SignUp.status != "afgemeld")
    )
    return [
        {
            "person": f"r{row['resident']}" if row["resident"] else f"s{row['id']}",
            "birth_year": row["birth_year"],
            "day": local(row["starts_at"]).date() if row["starts_at"] else None,
        }
        for row in rows
    ]
