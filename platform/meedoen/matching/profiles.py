"""Plain profiles the engine works on, independent of database or search index.

Field names follow the corpus (seeds/corpus/README.md), except that ``id`` becomes
``ref``. Every field except ``ref`` may be missing: a resident who filled in almost
nothing still gets matched on what is known.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any


def _str_tuple(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(str(v) for v in value)


def _opt_int(value: Any) -> int | None:
    return None if value is None or value == "" else int(value)


def _opt_bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _opt_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass(frozen=True)
class ResidentProfile:
    """What we know about a resident looking for a place to take part."""

    ref: str
    first_name: str = ""
    wijk: str | None = None
    postcode: str | None = None
    birth_year: int | None = None
    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    preferred_kinds: tuple[str, ...] = ()
    hours_per_week: int | None = None
    language_level: str | None = None
    ladder_rung: int | None = None
    has_driving_licence: bool | None = None
    summary: str = ""

    @classmethod
    def from_corpus(cls, record: Mapping[str, Any]) -> ResidentProfile:
        """Build from a corpus/API record (``id`` becomes ``ref``)."""
        return cls(
            ref=str(record.get("id") or record.get("ref") or ""),
            first_name=str(record.get("first_name") or ""),
            wijk=record.get("wijk") or None,
            postcode=record.get("postcode") or None,
            birth_year=_opt_int(record.get("birth_year")),
            skills=_str_tuple(record.get("skills")),
            interests=_str_tuple(record.get("interests")),
            preferred_kinds=_str_tuple(record.get("preferred_kinds")),
            hours_per_week=_opt_int(record.get("hours_per_week")),
            language_level=record.get("language_level") or None,
            ladder_rung=_opt_int(record.get("ladder_rung")),
            has_driving_licence=_opt_bool(record.get("has_driving_licence")),
            summary=str(record.get("summary") or ""),
        )

    def age_on(self, today: date) -> int | None:
        """Age reached this calendar year (birthdays are not stored)."""
        return None if self.birth_year is None else today.year - self.birth_year


@dataclass(frozen=True)
class OpportunityProfile:
    """An opportunity (vacature, stage, vrijwilligerswerk, dagbesteding)."""

    ref: str
    kind: str = ""
    title: str = ""
    description: str = ""
    organisation_ref: str | None = None
    skills: tuple[str, ...] = ()
    sector: str | None = None
    wijk: str | None = None
    postcode: str | None = None
    hours_per_week_min: int | None = None
    hours_per_week_max: int | None = None
    paid: bool | None = None
    suitable_for: tuple[str, ...] = ()
    language_level: str | None = None
    min_age: int | None = None
    start: date | None = None
    status: str = "open"
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_corpus(cls, record: Mapping[str, Any]) -> OpportunityProfile:
        """Build from a corpus/API record (``id`` becomes ``ref``)."""
        return cls(
            ref=str(record.get("id") or record.get("ref") or ""),
            kind=str(record.get("kind") or ""),
            title=str(record.get("title") or ""),
            description=str(record.get("description") or ""),
            organisation_ref=record.get("organisation_id") or record.get("organisation_ref"),
            skills=_str_tuple(record.get("skills")),
            sector=record.get("sector") or None,
            wijk=record.get("wijk") or None,
            postcode=record.get("postcode") or None,
            hours_per_week_min=_opt_int(record.get("hours_per_week_min")),
            hours_per_week_max=_opt_int(record.get("hours_per_week_max")),
            paid=_opt_bool(record.get("paid")),
            suitable_for=_str_tuple(record.get("suitable_for")),
            language_level=record.get("language_level") or None,
            min_age=_opt_int(record.get("min_age")),
            start=_opt_date(record.get("start")),
            status=str(record.get("status") or "open"),
        )

    @property
    def is_open(self) -> bool:
        """Closed opportunities (``gesloten``) are never matched."""
        return self.status == "open"

    @property
    def text(self) -> str:
        """Title and description together, for word checks."""
        return f"{self.title}\n{self.description}"
