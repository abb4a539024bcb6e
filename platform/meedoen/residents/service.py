"""A resident's own profile: created on the first visit, changed only by the resident.

Every change records ``resident`` in the search outbox in the same transaction, so the
residents index follows visibility at once (a private profile leaves the index).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import authorize, may_download_cv, may_edit_resident
from meedoen.audit.service import record_audit
from meedoen.db import lock_row, write_transaction
from meedoen.i18n import gettext
from meedoen.indexing.outbox import record_change
from meedoen.residents import cv, forms

# Resident rows are what this service hands out: other domains read them, and ask this
# service for anything more (they never query or write the table themselves).
from meedoen.residents.tables import Resident
from meedoen.search.gateway import SearchGateway


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def resident_of(account_id: int) -> Resident | None:
    return await Resident.objects().where(Resident.account == account_id).first().run()


async def resident_by_id(resident_id: int) -> Resident | None:
    return await Resident.objects().where(Resident.id == resident_id).first().run()


async def resident_by_ref(ref: str) -> Resident | None:
    if not ref or len(ref) > 40:
        return None
    return await Resident.objects().where(Resident.ref == ref).first().run()


async def lock_resident(resident_id: int) -> None:
    """Inside a write transaction: changes to this resident take turns until it ends."""
    await lock_row(Resident, resident_id)


async def add_resident(**values: Any) -> Resident:
    """A new resident with these column values (a coach's intake: no account yet)."""
    resident = Resident(**values)
    await resident.save()
    return resident


async def profiles_of_refs(refs: Sequence[str]) -> list[dict[str, Any]]:
    """What a coach or organisation is shown of these residents as candidates: ref, first
    name, wijk, skills, interests, kinds, hours, days, language level, driving licence,
    summary and ladder rung (unknown refs are left out)."""
    if not refs:
        return []
    rows: list[dict[str, Any]] = await (
        Resident.select(
            Resident.ref,
            Resident.first_name,
            Resident.wijk,
            Resident.skills,
            Resident.interests,
            Resident.preferred_kinds,
            Resident.hours_per_week,
            Resident.days_available,
            Resident.language_level,
            Resident.has_driving_licence,
            Resident.summary,
            Resident.ladder_rung,
        )
        .where(Resident.ref.is_in(list(refs)))
        .run()
    )
    return rows


async def ids_of_refs(refs: list[str]) -> list[int]:
    """The ids of the residents behind these refs (unknown refs are left out)."""
    if not refs:
        return []
    rows = await Resident.select(Resident.id).where(Resident.ref.is_in(refs)).run()
    return [row["id"] for row in rows]


async def set_ladder_rung(resident_id: int, rung: int) -> None:
    """The resident's current rung on the participatieladder (placements keeps the path)."""
    await (
        Resident.update({Resident.ladder_rung: rung, Resident.updated_at: utcnow()})
        .where(Resident.id == resident_id)
        .run()
    )


async def own_resident(user: CurrentUser) -> Resident:
    """The signed-in resident's profile, made (private and empty) on the first visit."""
    resident = await resident_of(user.account_id)
    if resident is not None:
        return resident
    now = utcnow()
    resident = Resident(
        ref=f"res-{secrets.token_hex(6)}",
        account=user.account_id,
        first_name=user.display_name.split(" ")[0][:80],
        visibility="private",
        created_at=now,
        updated_at=now,
    )
    await resident.save()
    return resident


def profile_problems(fields: Mapping[str, Any]) -> dict[str, str]:
    """The profile's rules beyond each field's type (on the fields that are right): old
    enough to sign up, and at most 20 typed skills of at most 60 characters each."""
    problems: dict[str, str] = {}
    year = fields.get("birth_year")
    if year is not None and year > forms.youngest_birth_year():
        problems["birth_year"] = gettext(
            forms.BIRTH_YEAR_PROBLEM,
            first=forms.OLDEST_BIRTH_YEAR,
            last=forms.youngest_birth_year(),
        )
    skills = forms.split_terms(fields.get("skills", ""))
    if len(skills) > forms.MAX_SKILLS or any(len(t) > forms.MAX_TERM_LENGTH for t in skills):
        problems["skills"] = gettext(forms.SKILLS_PROBLEM)
    return problems


async def save_profile(
    data_dir: Path,
    user: CurrentUser,
    resident: Resident,
    changes: dict[str, Any],
    new_cv: bytes | None = None,
) -> None:
    """Store the checked profile and, when given, the checked CV (replacing the old one)."""
    authorize(may_edit_resident(user, resident))
    stored = cv.store_cv(data_dir, new_cv, resident.ref) if new_cv is not None else None
    values: dict[Any, Any] = {getattr(Resident, name): value for name, value in changes.items()}
    values[Resident.updated_at] = utcnow()
    if stored is not None:
        values[Resident.cv_file] = stored
        values[Resident.cv_uploaded_at] = utcnow()
    replaced = ""
    try:
        async with write_transaction():
            # Saves of one profile take turns and each reads the CV it replaces inside,
            # so of four saves at once each removes the one before it (none is orphaned).
            await lock_row(Resident, resident.id)
            current = (
                await Resident.select(Resident.cv_file).where(Resident.id == resident.id).first()
            )
            if current is None:  # deleted meanwhile: nothing to save the CV for
                raise LookupError("resident deleted")
            replaced = current["cv_file"] if stored is not None else ""
            await Resident.update(values).where(Resident.id == resident.id).run()
            await record_change("resident", resident.ref)
    except BaseException:
        if stored is not None:
            cv.remove_cv(data_dir, stored)
        raise
    if replaced:
        cv.remove_cv(data_dir, replaced)


async def delete_cv(data_dir: Path, user: CurrentUser, resident: Resident) -> None:
    authorize(may_edit_resident(user, resident))
    async with write_transaction():
        await lock_row(Resident, resident.id)
        current = await Resident.select(Resident.cv_file).where(Resident.id == resident.id).first()
        if current is None or not current["cv_file"]:
            return
        await (
            Resident.update({Resident.cv_file: "", Resident.cv_uploaded_at: None})
            .where(Resident.id == resident.id)
            .run()
        )
    cv.remove_cv(data_dir, current["cv_file"])


@dataclass(frozen=True)
class CvReaders:
    """Who besides the resident may read their CV: their coaches, and the organisations
    they sent it to with a response."""

    coach_ids: set[int]
    organisation_ids: set[int]


# Coaching and responses know who these are, and both use residents: the app assembly
# hands their answer in as the ``cv_readers_of`` dependency (meedoen.app.wiring).
CvReadersOf = Callable[[int], Awaitable[CvReaders]]


@dataclass(frozen=True)
class Suggestions:
    """What the profile page shows from domains that use residents: the kansen that match
    (matching) and what organisations proposed (responses)."""

    recommendations: list[Any]
    proposals: list[Any]


# Handed in by the app assembly as the ``suggestions_for`` dependency (meedoen.app.wiring).
SuggestionsFor = Callable[[SearchGateway, Resident], Awaitable[Suggestions]]


async def cv_file_for(
    data_dir: Path, user: CurrentUser | None, resident_ref: str, cv_readers_of: CvReadersOf
) -> Path | None:
    """The CV file of ``resident_ref`` if ``user`` may download it; 403 otherwise."""
    resident = None
    if resident_ref and len(resident_ref) <= 40:
        resident = await Resident.objects().where(Resident.ref == resident_ref).first().run()
    if resident is None:
        authorize(False)
        return None
    readers = await cv_readers_of(resident.id)
    authorize(may_download_cv(user, resident, readers.coach_ids, readers.organisation_ids))
    path = cv.cv_path(data_dir, resident.cv_file)
    if path is not None and user is not None and user.account_id != resident.account:
        await record_audit(user, "resident.cv_downloaded", "resident", resident.ref)
    return path


@dataclass(frozen=True)
class ResidentContact:
    """What another domain needs to write to a resident: first name, address, language."""

    first_name: str
    email: str
    language: str
    wijk: str
    birth_year: int | None
    name: str = ""
    """The account's display name (how mails greet them)."""


async def resident_contact(resident_id: int) -> ResidentContact | None:
    """How to reach a resident (their account's address; '' without an account)."""
    row = (
        await Resident.select(
            Resident.first_name,
            Resident.wijk,
            Resident.birth_year,
            Resident.account.email.as_alias("email"),
            Resident.account.language.as_alias("language"),
            Resident.account.display_name.as_alias("name"),
        )
        .where(Resident.id == resident_id)
        .first()
        .run()
    )
    if row is None:
        return None
    return ResidentContact(
        row["first_name"] or "",
        row["email"] or "",
        row["language"] or "nl",
        row["wijk"] or "",
        row["birth_year"],
        row["name"] or "",
    )


async def findable_resident_id(ref: str) -> int | None:
    """The resident ``ref`` if they chose to be findable by organisations, else None."""
    if not ref or len(ref) > 40:
        return None
    row = (
        await Resident.select(Resident.id)
        .where((Resident.ref == ref) & (Resident.visibility == "findable"))
        .first()
        .run()
    )
    return None if row is None else int(row["id"])


async def resident_for_email(email: str) -> int | None:
    """The resident whose account has this (confirmed) e-mail address, if any."""
    if not email:
        return None
    row = (
        await Resident.select(Resident.id)
        .where(
            (Resident.account.email == email.strip().lower())
            & (Resident.account.role == "resident")
            & Resident.account.email_verified_at.is_not_null()
        )
        .first()
        .run()
    )
    return None if row is None else int(row["id"])


async def residents_by_ids(resident_ids: list[int]) -> list[dict[str, Any]]:
    """Refs, first names, wijk and birth year of these residents, by first name."""
    if not resident_ids:
        return []
    return (
        await Resident.select(
            Resident.id, Resident.ref, Resident.first_name, Resident.wijk, Resident.birth_year
        )
        .where(Resident.id.is_in(resident_ids))
        .order_by(Resident.first_name)
        .run()
    )


async def all_refs() -> list[str]:
    """Every resident's ref, indexable or not (to queue them all for the index)."""
    return [str(ref) for ref in await Resident.select(Resident.ref).output(as_list=True).run()]


class TooManySkills(ValueError):
    """The profile would hold more skills than the profile form allows."""


async def add_to_profile(
    user: CurrentUser,
    resident: Resident,
    skills: Sequence[str],
    interests: Sequence[str],
    *,
    max_skills: int,
) -> Resident:
    """Add skills and interests the resident chose (the talent scan's suggestions) to
    what the profile already holds, keeping its order; nothing is taken away.

    Raises TooManySkills when the profile would hold more than ``max_skills``.
    """
    authorize(may_edit_resident(user, resident))
    async with write_transaction():
        await lock_row(Resident, resident.id)
        current = await Resident.objects().where(Resident.id == resident.id).first().run()
        if current is None:
            raise LookupError("resident deleted")
        new_skills = list(dict.fromkeys([*(current.skills or []), *skills]))
        new_interests = list(dict.fromkeys([*(current.interests or []), *interests]))
        if len(new_skills) > max_skills:
            raise TooManySkills(len(new_skills))
        await (
            Resident.update(
                {
                    Resident.skills: new_skills,
                    Resident.interests: new_interests,
                    Resident.updated_at: utcnow(),
                }
            )
            .where(Resident.id == resident.id)
            .run()
        )
        await record_change("resident", resident.ref)
        current.skills, current.interests = new_skills, new_interests
        return current
