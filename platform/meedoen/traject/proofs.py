"""Bewijs van meedoen: a proof of participation that anyone can check without an account.

After four weeks at a placement the resident asks; the organisation writes which skills
were practised and a sentence; the resident downloads a PDF with a short link and a QR
code. The link carries a token signed with the app's secret over the proof's ref and a
digest of its content: the verification page says "genuine and unchanged", "withdrawn",
"no longer valid" (the resident deleted their account) or "not genuine" — nothing else.

One live proof per placement: ``Proof.open_key`` is unique, so concurrent requests make
one row, and issuing is a conditional UPDATE ``WHERE status = 'gevraagd'``, so concurrent
issuers make one proof.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, Signer

from meedoen.accounts.service import organisation_members
from meedoen.db import is_unique_violation
from meedoen.i18n import gettext
from meedoen.input_rules import bsn_problem
from meedoen.notifications import service as notifications
from meedoen.opportunities.service import opportunity_by_id
from meedoen.organisations.service import organisation_summary
from meedoen.placements.service import get_placement
from meedoen.residents.service import Resident
from meedoen.settings import Settings
from meedoen.traject.hours import confirmed_minutes
from meedoen.traject.service import new_ref, utcnow
from meedoen.traject.tables import Proof

MIN_DAYS = 28
MAX_SENTENCE = 400
MAX_SKILLS = 8
ASKABLE_STATUSES = ("gestart", "afgerond")
SALT = "meedoen-bewijs-van-meedoen"


class ProofError(Exception):
    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(next(iter(problems.values())))
        self.problems = problems


class NotYours(LookupError):
    """No placement of this resident by that ref (unknown and not-yours answer alike)."""


def may_ask_from(start: dt.date | None) -> dt.date | None:
    """The first day the resident may ask for a proof of a placement that began ``start``."""
    return None if start is None else start + dt.timedelta(days=MIN_DAYS)


async def ask_for_proof(
    resident: Resident, placement_ref: str, settings: Settings | None = None
) -> Proof:
    """The resident asks the organisation for a proof of one of their own placements; with
    ``settings`` the organisation's members hear of it."""
    placement = await get_placement(placement_ref)
    if placement is None or placement.resident != resident.id:
        raise NotYours(placement_ref)
    if placement.status not in ASKABLE_STATUSES or placement.organisation is None:
        raise ProofError(
            {
                "placement": gettext(
                    "Een bewijs kun je vragen voor een plek bij een organisatie waar je begonnen bent."
                )
            }
        )
    first_day = may_ask_from(placement.start_date)
    if first_day is None or first_day > dt.date.today():
        raise ProofError(
            {
                "placement": gettext(
                    "Je kunt een bewijs vragen als je hier vier weken meedoet (vanaf %(day)s).",
                    day=first_day.strftime("%d-%m-%Y") if first_day else "?",
                )
            }
        )
    proof = Proof(
        ref=new_ref("bewijs"),
        placement=placement.id,
        open_key=placement.id,
        resident=resident.id,
        organisation=placement.organisation,
        status="gevraagd",
        content={},
        wijk=placement.wijk or resident.wijk or "",
        requested_at=utcnow(),
    )
    try:
        await proof.save()
    except Exception as error:
        if not is_unique_violation(error):
            raise
        raise ProofError(
            {"placement": gettext("Je hebt voor deze plek al een bewijs gevraagd.")}
        ) from None
    if settings is not None and placement.organisation is not None:
        opportunity = (
            await opportunity_by_id(placement.opportunity) if placement.opportunity else None
        )
        params = {
            "name": resident.first_name,
            "title": opportunity.title if opportunity else placement.description[:80],
        }
        for member in await organisation_members(placement.organisation, active_only=True):
            await notifications.notify(
                settings,
                member.account_id,
                "proof_requested",
                params,
                f"/organisatie/bewijzen/{proof.ref}",
                once_key=f"bewijs-gevraagd:{proof.ref}:{member.account_id}",
            )
    return proof


async def proof_by_ref(ref: str) -> Proof | None:
    if not ref or len(ref) > 24:
        return None
    return await Proof.objects().where(Proof.ref == ref).first()


async def proofs_of_resident(resident_id: int) -> list[dict[str, Any]]:
    return list(
        await Proof.select(
            Proof.ref,
            Proof.status,
            Proof.requested_at,
            Proof.issued_at,
            Proof.placement.ref.as_alias("placement_ref"),
        )
        .where(Proof.resident == resident_id)
        .order_by(Proof.requested_at, ascending=False)
    )


async def proofs_for_organisations(organisation_ids: frozenset[int]) -> list[dict[str, Any]]:
    """Proofs asked of these organisations and not yet issued."""
    if not organisation_ids:
        return []
    return list(
        await Proof.select(
            Proof.ref,
            Proof.requested_at,
            Proof.resident.first_name.as_alias("resident_name"),
            Proof.placement.opportunity.title.as_alias("opportunity_title"),  # type: ignore[union-attr]
            Proof.placement.description.as_alias("description"),
        )
        .where(Proof.organisation.is_in(sorted(organisation_ids)) & (Proof.status == "gevraagd"))
        .order_by(Proof.requested_at)
    )


@dataclass(frozen=True)
class AskedProof:
    """What the organisation sees when it writes a proof."""

    proof: Proof
    resident_name: str
    resident_ref: str
    title: str
    skill_choices: list[str]
    start_date: dt.date | None


async def asked_proof(ref: str, organisation_ids: frozenset[int]) -> AskedProof | None:
    """A proof asked of one of these organisations, with the posting's skills to pick."""
    proof = await proof_by_ref(ref)
    if proof is None or proof.organisation not in organisation_ids or proof.placement is None:
        return None
    row = (
        await Proof.select(
            Proof.placement.start_date.as_alias("start_date"),
            Proof.placement.opportunity.as_alias("opportunity_id"),
            Proof.placement.description.as_alias("description"),
            Proof.resident.first_name.as_alias("name"),
            Proof.resident.ref.as_alias("resident_ref"),
        )
        .where(Proof.id == proof.id)
        .first()
    )
    if row is None:
        return None
    opportunity = await opportunity_by_id(row["opportunity_id"]) if row["opportunity_id"] else None
    return AskedProof(
        proof=proof,
        resident_name=row["name"] or "",
        resident_ref=row["resident_ref"] or "",
        title=opportunity.title if opportunity else (row["description"] or "")[:80],
        skill_choices=list(opportunity.skills or []) if opportunity else [],
        start_date=row["start_date"],
    )


def issue_problems(skills: list[str], sentence: str, choices: list[str]) -> dict[str, str]:
    problems: dict[str, str] = {}
    unknown = [s for s in skills if s not in choices]
    if unknown or len(skills) > MAX_SKILLS:
        problems["skills"] = gettext(
            "Kies vaardigheden uit de lijst (hoogstens %(max)s).", max=MAX_SKILLS
        )
    elif choices and not skills:
        problems["skills"] = gettext("Kies minstens één vaardigheid die de bewoner oefende.")
    if not sentence.strip():
        problems["sentence"] = gettext("Schrijf één zin over wat de bewoner bij jullie deed.")
    elif len(sentence) > MAX_SENTENCE:
        problems["sentence"] = gettext("Maak de zin korter dan %(max)s tekens.", max=MAX_SENTENCE)
    elif problem := bsn_problem(sentence):
        problems["sentence"] = gettext(problem)
    return problems


async def issue_proof(
    asked: AskedProof,
    skills: list[str],
    sentence: str,
    *,
    actor_id: int,
    settings: Settings | None = None,
) -> bool:
    """Write and issue the proof; ``False`` when it was issued (or withdrawn) meanwhile.
    With ``settings`` the resident hears it is ready."""
    problems = issue_problems(skills, sentence, asked.skill_choices)
    if problems:
        raise ProofError(problems)
    proof = asked.proof
    summary = await organisation_summary(proof.organisation) if proof.organisation else None
    today = dt.date.today()
    content = {
        "name": asked.resident_name,
        "activity": asked.title,
        "organisation": (summary or {}).get("name", ""),
        "from": asked.start_date.isoformat() if asked.start_date else "",
        "until": today.isoformat(),
        "minutes": await confirmed_minutes(proof.placement) if proof.placement else 0,
        "skills": list(skills),
        "sentence": sentence.strip(),
        "issued_on": today.isoformat(),
    }
    changed = (
        await Proof.update(
            {
                Proof.status: "uitgegeven",
                Proof.content: json.dumps(content, ensure_ascii=False, sort_keys=True),
                Proof.issued_at: utcnow(),
                Proof.issued_by: actor_id,
            }
        )
        .where((Proof.id == proof.id) & (Proof.status == "gevraagd"))
        .returning(Proof.id)
        .run()
    )
    if changed and settings is not None:
        account = (
            await Proof.select(Proof.resident.account.as_alias("account"))
            .where(Proof.id == proof.id)
            .first()
        )
        if account and account["account"]:
            await notifications.notify(
                settings,
                int(account["account"]),
                "proof_issued",
                {"organisation": content["organisation"]},
                "/mijn/traject#plekken",
                once_key=f"bewijs-klaar:{proof.ref}",
            )
    return bool(changed)


async def withdraw_proof(resident: Resident, ref: str) -> bool:
    """The resident withdraws their proof: its link then says so. A new one can be asked."""
    changed = (
        await Proof.update(
            {Proof.status: "ingetrokken", Proof.withdrawn_at: utcnow(), Proof.open_key: None}
        )
        .where(
            (Proof.ref == ref)
            & (Proof.resident == resident.id)
            & Proof.status.is_in(["gevraagd", "uitgegeven"])
        )
        .returning(Proof.id)
        .run()
    )
    return bool(changed)


# --- the signed link ------------------------------------------------------------------


def content_of(proof: Proof) -> dict[str, Any]:
    raw = proof.content
    if isinstance(raw, str):
        raw = json.loads(raw or "{}")
    return dict(raw or {})


def digest(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def token_for(proof: Proof, secret_key: str) -> str:
    signer = Signer(secret_key, salt=SALT)
    return signer.sign(f"{proof.ref}.{digest(content_of(proof))}").decode()


def verification_url(proof: Proof, base_url: str, secret_key: str) -> str:
    return f"{base_url.rstrip('/')}/bewijs/{token_for(proof, secret_key)}"


async def verify(token: str, secret_key: str) -> str:
    """``echt`` (genuine and unchanged), ``ingetrokken``, ``vervallen`` or ``onecht``."""
    if not token or len(token) > 120:
        return "onecht"
    try:
        value = Signer(secret_key, salt=SALT).unsign(token).decode()
    except BadSignature:
        return "onecht"
    ref, _, signed_digest = value.rpartition(".")
    proof = await proof_by_ref(ref)
    if proof is None:
        return "onecht"
    if proof.status == "vervallen":
        return "vervallen"
    if proof.status == "ingetrokken":
        return "ingetrokken"
    if proof.status != "uitgegeven" or digest(content_of(proof)) != signed_digest:
        return "onecht"
    return "echt"
