"""Import the corpus format (organisations/opportunities/residents JSON Lines).

Each record's ``id`` becomes its public ``ref``. A file is validated whole before
anything is written: one bad line names file and line and imports nothing from
that file. Importing the same data twice changes nothing, not even timestamps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from meedoen.db import write_transaction
from meedoen.indexing.outbox import record_changes
from meedoen.opportunities import stages
from meedoen.opportunities.tables import Opportunity
from meedoen.organisations.tables import Organisation
from meedoen.progress import SILENT, Progress
from meedoen.residents.tables import Resident
from meedoen.vocabulary import (
    EducationLevel,
    Kind,
    LanguageLevel,
    LearningRoute,
    OpportunityStatus,
    OrganisationType,
    Visibility,
)

# A curated corpus says which recognitions were confirmed; a fixed moment keeps a second
# import of the same data from changing anything.
CORPUS_CONFIRMED_AT = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


class OrganisationRecord(msgspec.Struct, forbid_unknown_fields=False):
    id: str
    name: str
    type: OrganisationType
    sector: str
    wijk: str
    postcode: str
    description: str = ""
    website: str | None = None
    leerbedrijf_id: str | None = None
    leerbedrijf_confirmed: bool = False


class OpportunityRecord(msgspec.Struct, forbid_unknown_fields=False):
    id: str
    organisation_id: str
    kind: Kind
    title: str
    description: str
    skills: list[str]
    sector: str
    wijk: str
    postcode: str
    hours_per_week_min: int
    hours_per_week_max: int
    paid: bool
    suitable_for: list[str]
    language_level: LanguageLevel
    start: dt.date | None = None
    min_age: int | None = None
    status: OpportunityStatus = "open"
    # A stage's own facts (see meedoen.opportunities.stages); other kinds leave them out.
    education_levels: list[EducationLevel] = []
    learning_routes: list[LearningRoute] = []
    duration_weeks: int | None = None
    stage_allowance: int | None = None
    study_programme: str = ""
    crebo: str = ""

    def stage_facts(self) -> stages.StageFacts:
        return stages.StageFacts(
            education_levels=tuple(self.education_levels),
            learning_routes=tuple(self.learning_routes),
            duration_weeks=self.duration_weeks,
            stage_allowance=self.stage_allowance,
            study_programme=self.study_programme,
            crebo=self.crebo,
        )


class ResidentRecord(msgspec.Struct, forbid_unknown_fields=False):
    id: str
    first_name: str
    wijk: str
    birth_year: int | None = None
    skills: list[str] = []
    interests: list[str] = []
    preferred_kinds: list[Kind] = []
    hours_per_week: int | None = None
    language_level: LanguageLevel | None = None
    ladder_rung: int | None = None
    has_driving_licence: bool = False
    summary: str = ""
    # Left out, an import keeps whatever the resident chose on the platform.
    visibility: Visibility | msgspec.UnsetType = msgspec.UNSET


class ImportError_(Exception):
    """A corpus file cannot be imported; the message names the file and line."""


@dataclass
class ImportReport:
    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]

    def summary(self) -> str:
        parts = []
        for entity in self.created:
            parts.append(
                f"{entity}: {self.created[entity]} new, {self.updated[entity]} updated, "
                f"{self.unchanged[entity]} unchanged"
            )
        return "; ".join(parts)


T = TypeVar("T", bound=msgspec.Struct)


def read_records(path: Path, record_type: type[T], check: Callable[[T], str | None]) -> list[T]:
    """Parse and check every line; raise on the first bad one, naming file and line."""
    if not path.is_file():
        raise ImportError_(f"{path}: file not found.")
    decoder = msgspec.json.Decoder(record_type)
    records: list[T] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = decoder.decode(line)
            except (msgspec.ValidationError, msgspec.DecodeError) as error:
                raise ImportError_(f"{path}:{number}: {error}") from None
            problem = check(record)
            if problem is None and record.id in seen:  # type: ignore[attr-defined]
                problem = f"id '{record.id}' occurs twice"  # type: ignore[attr-defined]
            if problem:
                raise ImportError_(f"{path}:{number}: {problem}")
            seen.add(record.id)  # type: ignore[attr-defined]
            records.append(record)
    return records


def _check_opportunity(record: OpportunityRecord) -> str | None:
    if record.hours_per_week_min < 0 or record.hours_per_week_max < record.hours_per_week_min:
        return "hours_per_week_min must be 0 or more and not above hours_per_week_max"
    problems = stages.stage_problems(record.stage_facts())
    if problems:
        return "; ".join(f"{field}: {problem}" for field, problem in problems.items())
    return None


def _check_resident(record: ResidentRecord) -> str | None:
    if record.ladder_rung is not None and not 1 <= record.ladder_rung <= 6:
        return "ladder_rung must be between 1 and 6"
    return None


async def import_corpus(directory: Path, progress: Progress = SILENT) -> ImportReport:
    """Import whatever of the three corpus files the folder holds."""
    files = {
        "organisations": directory / "organisations.jsonl",
        "opportunities": directory / "opportunities.jsonl",
        "residents": directory / "residents.jsonl",
    }
    if not directory.is_dir():
        raise ImportError_(f"{directory}: no such folder.")
    if not any(path.exists() for path in files.values()):
        raise ImportError_(
            f"{directory}: holds none of organisations.jsonl, opportunities.jsonl, residents.jsonl."
        )
    report = ImportReport({}, {}, {})
    if files["organisations"].exists():
        records = read_records(files["organisations"], OrganisationRecord, lambda r: None)
        rows = _organisation_row(records)
        await _upsert("organisations", Organisation, rows, report, progress)
    if files["opportunities"].exists():
        opportunities = read_records(files["opportunities"], OpportunityRecord, _check_opportunity)
        rows = await _opportunity_rows(files["opportunities"], opportunities)
        await _upsert("opportunities", Opportunity, rows, report, progress)
    if files["residents"].exists():
        residents = read_records(files["residents"], ResidentRecord, _check_resident)
        await _upsert("residents", Resident, _resident_rows(residents), report, progress)
    return report


def _organisation_row(records: Iterable[OrganisationRecord]) -> list[dict[str, Any]]:
    return [
        {
            "ref": r.id,
            "name": r.name,
            "type": r.type,
            "sector": r.sector,
            "wijk": r.wijk,
            "postcode": r.postcode,
            "description": r.description,
            "website": r.website,
            # Organisations in a curated corpus were checked by whoever curated it.
            "verified": True,
            "leerbedrijf_id": r.leerbedrijf_id,
            "leerbedrijf_confirmed_at": (
                CORPUS_CONFIRMED_AT if r.leerbedrijf_id and r.leerbedrijf_confirmed else None
            ),
        }
        for r in records
    ]


async def _opportunity_rows(path: Path, records: list[OpportunityRecord]) -> list[dict[str, Any]]:
    ids = {
        row["ref"]: row["id"]
        for row in await Organisation.select(Organisation._meta.primary_key, Organisation.ref).run()
    }
    rows = []
    for number, r in enumerate(records, start=1):
        if r.organisation_id not in ids:
            raise ImportError_(
                f"{path}: record {number} ({r.id}) names organisation '{r.organisation_id}', "
                "which is not known: import organisations.jsonl first."
            )
        rows.append(
            {
                "ref": r.id,
                "organisation": ids[r.organisation_id],
                "kind": r.kind,
                "title": r.title,
                "description": r.description,
                "skills": list(r.skills),
                "sector": r.sector,
                "wijk": r.wijk,
                "postcode": r.postcode,
                "hours_per_week_min": r.hours_per_week_min,
                "hours_per_week_max": r.hours_per_week_max,
                "paid": r.paid,
                "suitable_for": list(r.suitable_for),
                "language_level": r.language_level,
                "min_age": r.min_age,
                "start_date": r.start,
                "status": r.status,
                **stages.row_values(r.kind, r.stage_facts()),
            }
        )
    return rows


def _resident_rows(records: Iterable[ResidentRecord]) -> list[dict[str, Any]]:
    return [
        {
            "ref": r.id,
            "first_name": r.first_name,
            "wijk": r.wijk,
            "birth_year": r.birth_year,
            "skills": list(r.skills),
            "interests": list(r.interests),
            "preferred_kinds": list(r.preferred_kinds),
            "hours_per_week": r.hours_per_week,
            "language_level": r.language_level or "",
            "ladder_rung": r.ladder_rung,
            "has_driving_licence": r.has_driving_licence,
            "summary": r.summary,
            **({"visibility": r.visibility} if r.visibility is not msgspec.UNSET else {}),
        }
        for r in records
    ]


# Rows per INSERT; 500 rows of ~30 columns stay under the bind-parameter limits of
# SQLite (32,766) and PostgreSQL (32,767).
INSERT_BATCH = 500

ENTITY_OF_TABLE = {
    "organisations": "organisation",
    "opportunities": "opportunity",
    "residents": "resident",
}


async def _upsert(
    label: str,
    table: Any,
    rows: list[dict[str, Any]],
    report: ImportReport,
    progress: Progress = SILENT,
) -> None:
    progress.start(label, len(rows))
    existing = {row["ref"]: row for row in await table.select().run()}
    created, updated, unchanged = [], [], 0
    now = dt.datetime.now(dt.UTC)
    new_rows = []
    async with write_transaction():
        for row in rows:
            current = existing.get(row["ref"])
            if current is None:
                new_rows.append(table(**row, created_at=now, updated_at=now))
                created.append(row["ref"])
                continue  # counted when inserted
            if any(_differs(current.get(key), value) for key, value in row.items()):
                await table.update({**row, "updated_at": now}).where(table.ref == row["ref"]).run()
                updated.append(row["ref"])
            else:
                unchanged += 1
            progress.advance()
        # One INSERT per batch: a district of 100,000 rows imports in seconds, not minutes.
        for start in range(0, len(new_rows), INSERT_BATCH):
            batch = new_rows[start : start + INSERT_BATCH]
            await table.insert(*batch).run()
            progress.advance(len(batch))
        # A new organisation has no postings in the index yet (they are queued one by one
        # as they are imported): queuing it too would build and send every one of its
        # postings' documents a second time. A changed one changes its postings' documents.
        queued = updated if label == "organisations" else created + updated
        await record_changes(ENTITY_OF_TABLE[label], queued, bulk=True)
    report.created[label] = len(created)
    report.updated[label] = len(updated)
    report.unchanged[label] = unchanged


def _differs(stored: Any, wanted: Any) -> bool:
    if isinstance(stored, dt.date) and isinstance(wanted, str):
        return stored.isoformat() != wanted
    return bool(stored != wanted)
