"""The rules of finding, showing and saving opportunities (kansen).

Search goes to Meilisearch through the search gateway (a dependency); when that is
unreachable, fails or is still filling, the database answers (``fallback``) and the result
says ``degraded``. Detail pages read the database, the
source of truth. Every write goes through :func:`save_opportunity`, which records the
change in the outbox in the same transaction, so the index cannot miss it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from meedoen.db import write_transaction
from meedoen.i18n import gettext
from meedoen.indexing.documents import opportunity_document
from meedoen.indexing.indexer import OPPORTUNITIES
from meedoen.indexing.outbox import record_change
from meedoen.input_rules import POSTCODE_PROBLEM, free_text_errors, phone_problem, postcode
from meedoen.offload import in_thread
from meedoen.opportunities import fallback, minors, stages
from meedoen.opportunities.tables import Opportunity
from meedoen.search.gateway import SearchBusy, SearchGateway
from meedoen.search.query import (
    OpportunitySearch,
    SearchHit,
    SearchResults,
    search_opportunities,
    similar_opportunities,
)
from meedoen.vocabulary import (
    LANGUAGE_LEVELS,
    OPPORTUNITY_KINDS,
    OPPORTUNITY_STATUSES,
    SECTORS,
    STAGE_KINDS,
    SUITABLE_FOR,
    WIJKEN,
)

MAX_HOURS_PER_WEEK = 60
MAX_MIN_AGE = 99
MAX_SKILL_LENGTH = 60


@dataclass(frozen=True)
class Findings:
    """Search results, and whether they came from the simpler database search."""

    results: SearchResults
    degraded: bool = False


async def find_opportunities(
    gateway: SearchGateway, search: OpportunitySearch, *, last_page_past_the_end: bool = False
) -> Findings:
    """Published opportunities for ``search``; from the database when search is down or
    while the index is still filling (an index that is filling must never answer as if
    its short list were complete)."""
    found = await gateway.search_or(
        OPPORTUNITIES,
        lambda index: search_opportunities(
            index, search, last_page_past_the_end=last_page_past_the_end
        ),
        lambda: fallback.search_database(search, last_page_past_the_end=last_page_past_the_end),
        complete=True,
        what="opportunity search",
    )
    return Findings(found.value, degraded=found.degraded)


async def find_on_existing_page(gateway: SearchGateway, search: OpportunitySearch) -> Findings:
    """Like :func:`find_opportunities`, but a page past the end shows the last page (the
    index asks only for that page's hits again; the database slices its own list)."""
    return await find_opportunities(gateway, search, last_page_past_the_end=True)


# --- one opportunity -----------------------------------------------------------------


@dataclass(frozen=True)
class PublicOpportunity:
    """An opportunity as the public may see it, with its organisation."""

    opportunity: dict[str, Any]
    organisation: dict[str, Any]

    @property
    def ref(self) -> str:
        return str(self.opportunity["ref"])

    @property
    def is_closed(self) -> bool:
        end = self.opportunity.get("end_date")
        ended = isinstance(end, dt.date) and end < dt.date.today()
        return self.opportunity["status"] != "open" or ended


async def opportunity_by_id(opportunity_id: int) -> Opportunity | None:
    return await Opportunity.objects().where(Opportunity.id == opportunity_id).first().run()


async def titles_of_refs(refs: list[str]) -> dict[str, str]:
    """Each opportunity's title by ref (unknown refs are left out)."""
    if not refs:
        return {}
    rows = await Opportunity.select(Opportunity.ref, Opportunity.title).where(
        Opportunity.ref.is_in(refs)
    )
    return {row["ref"]: row["title"] for row in rows}


def published() -> Any:
    """Open postings of verified, unblocked organisations: all a resident may be offered."""
    organisation = Opportunity.organisation
    return (
        (Opportunity.status == "open")
        & organisation.verified.eq(True)  # type: ignore[union-attr]
        & organisation.blocked.eq(False)  # type: ignore[union-attr]
    )


async def published_postings(refs: Sequence[str]) -> list[dict[str, Any]]:
    """Ref, title, ``created_at`` and ``organisation`` (its name) of each published
    posting among ``refs``, in no particular order."""
    if not refs:
        return []
    rows: list[dict[str, Any]] = (
        await Opportunity.select(
            Opportunity.ref,
            Opportunity.title,
            Opportunity.created_at,
            Opportunity.organisation.name.as_alias("organisation"),
        )
        .where(Opportunity.ref.is_in(list(refs)) & published())
        .run()
    )
    return rows


async def posting_summaries(refs: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Title, kind, wijk, hours and ``organisation_name`` of these postings, by ref
    (whatever their status; unknown refs are left out)."""
    if not refs:
        return {}
    rows = await Opportunity.select(
        Opportunity.ref,
        Opportunity.title,
        Opportunity.kind,
        Opportunity.wijk,
        Opportunity.hours_per_week_min,
        Opportunity.hours_per_week_max,
        Opportunity.organisation.name.as_alias("organisation_name"),
    ).where(Opportunity.ref.is_in(list(refs)))
    return {row["ref"]: row for row in rows}


async def posting_for_candidates(ref: str, *, published_only: bool) -> dict[str, Any] | None:
    """Id, ref, title, kind, status, ``organisation`` (its id) and ``organisation_name``
    of the posting ``ref`` (only if published, with ``published_only``)."""
    if not ref or len(ref) > 40:
        return None
    condition = Opportunity.ref == ref
    if published_only:
        condition &= published()
    row: dict[str, Any] | None = await (
        Opportunity.select(
            Opportunity._meta.primary_key.as_alias("id"),
            Opportunity.ref,
            Opportunity.title,
            Opportunity.kind,
            Opportunity.status,
            Opportunity.organisation,
            Opportunity.organisation.name.as_alias("organisation_name"),
        )
        .where(condition)
        .first()
        .run()
    )
    return row


async def published_opportunity(ref: str) -> Opportunity | None:
    """The posting ``ref`` if it is published (open, of a verified, unblocked organisation)."""
    if not ref or len(ref) > 40:
        return None
    return await Opportunity.objects().where((Opportunity.ref == ref) & published()).first().run()


async def is_published(ref: str) -> bool:
    """Whether the posting ``ref`` is open and its organisation verified and unblocked."""
    return bool(await Opportunity.exists().where((Opportunity.ref == ref) & published()))


async def public_opportunity(ref: str) -> PublicOpportunity | None:
    """The opportunity behind ``ref`` if the public may see it (open or closed).

    Concepts, and anything of an organisation that is not verified or is blocked, do not
    exist for the public: None, like an unknown ref.
    """
    if not ref or len(ref) > 40:
        return None
    row = (
        await Opportunity.objects(Opportunity.organisation)
        .where(Opportunity.ref == ref)
        .first()
        .run()
    )
    if row is None or row.status not in ("open", "gesloten"):
        return None
    organisation = row.organisation
    if organisation is None or not organisation.verified or organisation.blocked:
        return None
    opportunity = row.to_dict()
    opportunity["organisation"] = organisation.id
    return PublicOpportunity(opportunity, organisation.to_dict())


async def index_rows(
    refs: Sequence[str] | None = None,
    organisation_refs: Sequence[str] | None = None,
    *,
    where: Any = None,
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each opportunity with its organisation, as its search document is built from them
    (the organisation counts as verified only while unblocked): the opportunities with
    these ``refs``, of these organisations, matching ``where``; all when none is given."""
    query = Opportunity.select(
        *Opportunity.all_columns(), *Opportunity.organisation.all_columns(exclude=["id"])
    )
    conditions = [where] if where is not None else []
    if refs is not None:
        conditions.append(Opportunity.ref.is_in(list(refs)))
    if organisation_refs is not None:
        conditions.append(Opportunity.organisation.ref.is_in(list(organisation_refs)))
    for condition in conditions:
        query = query.where(condition)
    return [_opportunity_and_organisation(row) for row in await query.run()]


async def all_refs() -> list[str]:
    """Every opportunity's ref, whatever its status (to queue them all for the index)."""
    return [
        str(ref) for ref in await Opportunity.select(Opportunity.ref).output(as_list=True).run()
    ]


def _opportunity_and_organisation(row: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    prefix = "organisation."
    organisation = {k[len(prefix) :]: v for k, v in row.items() if k.startswith(prefix)}
    opportunity = {k: v for k, v in row.items() if not k.startswith(prefix)}
    opportunity["start"] = opportunity.pop("start_date", None)
    organisation["verified"] = bool(organisation.get("verified")) and not organisation.get(
        "blocked"
    )
    return opportunity, organisation


async def search_documents(
    refs: Sequence[str] | None = None, *, where: Any = None
) -> list[dict[str, Any]]:
    """The search fields of these opportunities' documents as indexed (without the fields
    matching adds to them); see :func:`index_rows`."""
    rows = await index_rows(refs, where=where)
    return await in_thread(_search_documents_of, rows)


def _search_documents_of(
    rows: list[tuple[dict[str, Any], dict[str, Any]]],
) -> list[dict[str, Any]]:
    return [opportunity_document(opportunity, organisation) for opportunity, organisation in rows]


async def similar_to(
    gateway: SearchGateway, opportunity: PublicOpportunity, limit: int = 4
) -> list[SearchHit]:
    """Published opportunities like this one; a simpler list when search is down."""
    # The document as indexed, built from the database: the search-only key may not read
    # documents, and the database is the truth anyway.
    documents = await search_documents([opportunity.ref])
    document = documents[0] if documents else None
    try:
        found = await gateway.search_or(
            OPPORTUNITIES,
            lambda index: similar_opportunities(index, opportunity.ref, limit, document),
            lambda: fallback.similar_in_database(
                opportunity.ref, str(opportunity.opportunity["sector"]), limit
            ),
            what="similar search",
        )
    except SearchBusy:
        # An aside on the detail page: the page itself still answers, without it.
        return []
    return found.value


# --- saving --------------------------------------------------------------------------


@dataclass
class OpportunityInput:
    """What an organisation fills in for a kans."""

    kind: str
    title: str
    description: str
    sector: str
    wijk: str
    postcode: str
    hours_per_week_min: int = 0
    hours_per_week_max: int = 0
    paid: bool = False
    allowance: str = ""
    skills: Sequence[str] = ()
    suitable_for: Sequence[str] = ()
    language_level: str = "A1"
    what_you_learn: str = ""
    guidance: str = ""
    min_age: int | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    status: str = "concept"
    # A stage's own facts (see meedoen.opportunities.stages); ignored for other kinds.
    education_levels: Sequence[str] = ()
    learning_routes: Sequence[str] = ()
    duration_weeks: int | None = None
    stage_allowance: int | None = None
    study_programme: str = ""
    crebo: str = ""
    # When the work is done (see meedoen.opportunities.minors); times as "HH:MM".
    hours_per_day_max: int | None = None
    work_days: Sequence[str] = ()
    work_from: str = ""
    work_until: str = ""
    holidays_only: bool = False
    light_supervised: bool = False

    def working_hours(self) -> minors.Hours:
        return minors.Hours(
            paid=self.paid,
            min_age=self.min_age,
            hours_per_week_max=self.hours_per_week_max,
            hours_per_day_max=self.hours_per_day_max,
            work_days=tuple(self.work_days),
            work_from=minors.read_time(self.work_from),
            work_until=minors.read_time(self.work_until),
            holidays_only=self.holidays_only,
            light_supervised=self.light_supervised,
        )

    def stage_facts(self) -> stages.StageFacts:
        return stages.StageFacts(
            education_levels=tuple(self.education_levels),
            learning_routes=tuple(self.learning_routes),
            duration_weeks=self.duration_weeks,
            stage_allowance=self.stage_allowance,
            study_programme=self.study_programme,
            crebo=self.crebo,
        )


class InvalidOpportunity(ValueError):
    """The input cannot be saved; ``problems`` maps each field to a translated sentence."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


class UnknownOpportunity(LookupError):
    """No opportunity with this ref belongs to this organisation."""


class StaleOpportunity(Exception):
    """Someone else saved the opportunity after this edit began (optimistic locking)."""


def check_opportunity(data: OpportunityInput) -> dict[str, str]:
    """Problems with ``data``, per field (empty when it can be saved)."""
    problems: dict[str, str] = {}
    if not data.title.strip():
        problems["title"] = gettext("Geef de kans een titel.")
    elif len(data.title) > 200:
        problems["title"] = gettext("Maak de titel korter: hoogstens 200 tekens.")
    if data.kind not in OPPORTUNITY_KINDS:
        problems["kind"] = gettext("Kies wat voor kans het is.")
    if data.status not in OPPORTUNITY_STATUSES:
        problems["status"] = gettext("Kies of de kans open, gesloten of nog een concept is.")
    if not 0 <= data.hours_per_week_min <= data.hours_per_week_max <= MAX_HOURS_PER_WEEK:
        problems["hours_per_week_min"] = gettext(
            "Vul de uren per week in: van 0 tot en met %(max)s, het minimum niet boven het maximum.",
            max=MAX_HOURS_PER_WEEK,
        )
    # Empty: no requirement for Dutch (chosen as "Geen eis").
    if data.language_level and data.language_level not in LANGUAGE_LEVELS:
        problems["language_level"] = gettext("Kies een taalniveau van A1 tot en met C1.")
    if any(s not in SUITABLE_FOR for s in data.suitable_for):
        problems["suitable_for"] = gettext("Kies alleen uit de groepen in de lijst.")
    if data.start_date and data.end_date and data.end_date < data.start_date:
        problems["end_date"] = gettext("De einddatum ligt voor de startdatum.")
    problems.update(_vocabulary_and_format_problems(data))
    if stages.is_stage(data.kind):
        problems.update(stages.stage_problems(data.stage_facts()))
    problems.update(_working_time_problems(data))
    # A BSN never belongs in a posting; the field's own problem (if any) comes first.
    for name, problem in free_text_errors(asdict(data), FREE_TEXT_FIELDS).items():
        problems.setdefault(name, problem)
    return problems


FREE_TEXT_FIELDS = (
    "title",
    "study_programme",
    "description",
    "what_you_learn",
    "guidance",
    "allowance",
    "skills",
    "contact_name",
    "contact_phone",
)
MAX_LENGTHS = {"allowance": 200, "contact_name": 120, "contact_phone": 30, "contact_email": 254}


def _vocabulary_and_format_problems(data: OpportunityInput) -> dict[str, str]:
    """Every coded field from the shared vocabulary, every formatted field in its format."""
    problems: dict[str, str] = {}
    if data.sector not in SECTORS:
        problems["sector"] = gettext("Kies een sector uit de lijst.")
    if data.wijk not in WIJKEN:
        problems["wijk"] = gettext("Kies de wijk waar het werk is uit de lijst.")
    if data.postcode.strip() and postcode(data.postcode) is None:
        problems["postcode"] = gettext(POSTCODE_PROBLEM)
    if data.min_age is not None and not 0 <= data.min_age <= MAX_MIN_AGE:
        problems["min_age"] = gettext(
            "Vul een minimumleeftijd in van 0 tot en met %(max)s.", max=MAX_MIN_AGE
        )
    if problem := phone_problem(data.contact_phone):
        problems["contact_phone"] = gettext(problem)
    if any(len(skill) > MAX_SKILL_LENGTH for skill in data.skills):
        problems["skills"] = gettext("Maak elke vaardigheid korter: hoogstens 60 tekens.")
    for name, limit in MAX_LENGTHS.items():
        if len(str(getattr(data, name)).strip()) > limit:
            problems[name] = gettext("Gebruik hoogstens %(max)s tekens.", max=limit)
    return problems


def _working_time_problems(data: OpportunityInput) -> dict[str, str]:
    """The days and times in their format; then the rules for minors, each by its field."""
    problems: dict[str, str] = {}
    if any(day not in minors.DAYS for day in data.work_days):
        problems["work_days"] = gettext("Kies alleen dagen uit de lijst.")
    for name in ("work_from", "work_until"):
        raw = str(getattr(data, name)).strip()
        if raw and minors.read_time(raw) is None:
            problems[name] = gettext("Vul een tijd in, zoals 15:30.")
    if data.hours_per_day_max is not None and not 1 <= data.hours_per_day_max <= 24:
        problems["hours_per_day_max"] = gettext(
            "Vul een aantal uren per dag in van 1 tot en met 24."
        )
    if problems:
        return problems
    for breach in minors.breaches(data.working_hours()):
        problems.setdefault(breach.field, breach.message)
    return problems


async def save_opportunity(
    organisation_id: int,
    data: OpportunityInput,
    *,
    ref: str | None = None,
    expected_version: int | None = None,
) -> str:
    """Create (``ref`` None) or update an opportunity of the organisation with id
    ``organisation_id``; returns its ref.

    An edit names the ``expected_version`` it read: when someone saved in between, the
    update matches no row and :class:`StaleOpportunity` says so, instead of overwriting
    their change. The row and its outbox record are written in one transaction.
    """
    problems = check_opportunity(data)
    if problems:
        raise InvalidOpportunity(problems)
    values = _row_values(data)
    now = dt.datetime.now(dt.UTC)
    async with write_transaction():
        if ref is None:
            ref = f"kans-{secrets.token_hex(6)}"
            await Opportunity.insert(
                Opportunity(
                    ref=ref,
                    organisation=organisation_id,
                    created_at=now,
                    updated_at=now,
                    **values,
                )
            ).run()
        else:
            owned = (Opportunity.ref == ref) & (Opportunity.organisation == organisation_id)
            if not await Opportunity.exists().where(owned).run():
                raise UnknownOpportunity(
                    f"no opportunity {ref!r} of organisation {organisation_id}"
                )
            current = owned
            if expected_version is not None:
                current = owned & (Opportunity.version == expected_version)
            changes = {**values, "updated_at": now, "version": Opportunity.version + 1}
            saved = (
                await Opportunity.update(changes, force=False)  # type: ignore[arg-type]
                .where(current)
                .returning(Opportunity.id)
                .run()
            )
            if not saved:
                raise StaleOpportunity(ref)
        await record_change("opportunity", ref)
    return ref


async def set_status(ref: str, status: str, *, reopen: bool = False) -> bool:
    """Change only the status (nothing else of the row); False when it was already so.

    Publishing, closing and back to concept need no validation of today's rules: the
    posting's text is not touched. ``reopen`` also clears an end date that has passed,
    or the posting would close again at once.
    """
    if status not in OPPORTUNITY_STATUSES:
        raise InvalidOpportunity({"status": gettext("Kies publiceren, sluiten of concept.")})
    today = dt.date.today()
    changes: dict[Any, Any] = {
        Opportunity.status: status,
        Opportunity.updated_at: dt.datetime.now(dt.UTC),
        Opportunity.version: Opportunity.version + 1,
    }
    async with write_transaction():
        changed = (
            await Opportunity.update(changes)
            .where((Opportunity.ref == ref) & (Opportunity.status != status))
            .returning(Opportunity.id)
            .run()
        )
        if reopen:
            await (
                Opportunity.update({Opportunity.end_date: None})
                .where((Opportunity.ref == ref) & (Opportunity.end_date < today))
                .run()
            )
        if changed:
            await record_change("opportunity", ref)
    return bool(changed)


def _row_values(data: OpportunityInput) -> dict[str, Any]:
    return {
        "kind": data.kind,
        "title": data.title.strip(),
        "description": data.description.strip(),
        "what_you_learn": data.what_you_learn.strip(),
        "guidance": data.guidance.strip(),
        "sector": data.sector,
        "skills": list(data.skills),
        "wijk": data.wijk,
        "postcode": postcode(data.postcode) or "",
        "hours_per_week_min": data.hours_per_week_min,
        "hours_per_week_max": data.hours_per_week_max,
        "paid": data.paid,
        "allowance": data.allowance.strip(),
        "suitable_for": list(data.suitable_for),
        "language_level": data.language_level,
        "min_age": data.min_age,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "contact_name": data.contact_name.strip(),
        "contact_email": data.contact_email.strip(),
        "contact_phone": data.contact_phone.strip(),
        "status": data.status,
        **stages.row_values(data.kind, data.stage_facts()),
        "hours_per_day_max": data.hours_per_day_max,
        "work_days": [day for day in minors.DAYS if day in data.work_days],
        "work_from": _time_text(data.work_from),
        "work_until": _time_text(data.work_until),
        "holidays_only": data.holidays_only,
        "light_supervised": data.light_supervised,
    }


def _time_text(raw: str) -> str:
    time = minors.read_time(raw)
    return f"{time:%H:%M}" if time else ""


async def open_opportunities_of(organisation_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """The open, current postings of each organisation (by id), by title: what a stand at
    a fair shows. Only postings the public may see, so only of verified organisations."""
    if not organisation_ids:
        return {}
    today = dt.date.today()
    rows = (
        await Opportunity.select(
            Opportunity.ref,
            Opportunity.organisation,
            Opportunity.kind,
            Opportunity.title,
            Opportunity.skills,
            Opportunity.sector,
            Opportunity.wijk,
            Opportunity.hours_per_week_min,
            Opportunity.hours_per_week_max,
            Opportunity.end_date,
        )
        .where(
            Opportunity.organisation.is_in(list(organisation_ids)) & published() & _not_ended(today)
        )
        .order_by(Opportunity.title)
        .run()
    )
    found: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        found.setdefault(row["organisation"], []).append(row)
    return found


def _not_ended(day: dt.date) -> Any:
    """Postings without an end date, or whose end date is ``day`` or later."""
    return Opportunity.end_date.is_null() | (Opportunity.end_date >= day)


async def stage_places_for(levels: Sequence[str]) -> list[dict[str, Any]]:
    """Companies with open stages or leerwerkplekken for any of ``levels``, by name: what a
    school's coördinator sees for their programme. Only postings the public may see."""
    wanted = set(levels)
    if not wanted:
        return []
    today = dt.date.today()
    rows = (
        await Opportunity.select(
            Opportunity.ref,
            Opportunity.title,
            Opportunity.kind,
            Opportunity.education_levels,
            Opportunity.learning_routes,
            Opportunity.end_date,
            Opportunity.organisation.name.as_alias("organisation_name"),
            Opportunity.organisation.ref.as_alias("organisation_ref"),
            Opportunity.organisation.leerbedrijf_confirmed_at.as_alias("recognised_at"),
        )
        .where(published() & Opportunity.kind.is_in(list(STAGE_KINDS)) & _not_ended(today))
        .order_by(Opportunity.title)
        .run()
    )
    companies: dict[str, dict[str, Any]] = {}
    for row in rows:
        matched = [lvl for lvl in row["education_levels"] or [] if lvl in wanted]
        if not matched:
            continue
        company = companies.setdefault(
            row["organisation_ref"],
            {
                "ref": row["organisation_ref"],
                "name": row["organisation_name"],
                "recognised": row["recognised_at"] is not None,
                "places": [],
            },
        )
        company["places"].append({**row, "matched_levels": matched})
    return sorted(companies.values(), key=lambda c: c["name"].casefold())


@dataclass(frozen=True)
class StagePlace:
    """A stage or leerwerkplek as the insight view counts it: no names, no texts."""

    id: int
    kind: str
    sector: str
    education_levels: tuple[str, ...]
    status: str


async def stage_places(start: dt.date, end: dt.date, wijk: str = "") -> list[StagePlace]:
    """Published stages and leerwerkplekken that ran at some time from ``start`` to
    ``end`` (by their dates); concepts are left out."""
    runs = (Opportunity.start_date.is_null() | (Opportunity.start_date <= end)) & _not_ended(start)
    where = Opportunity.kind.is_in(list(STAGE_KINDS)) & (Opportunity.status != "concept") & runs
    if wijk:
        where &= Opportunity.wijk == wijk
    rows = await Opportunity.select(
        Opportunity.id,
        Opportunity.kind,
        Opportunity.sector,
        Opportunity.education_levels,
        Opportunity.status,
    ).where(where)
    return [
        StagePlace(
            id=row["id"],
            kind=row["kind"],
            sector=row["sector"],
            education_levels=tuple(row["education_levels"] or ()),
            status=row["status"],
        )
        for row in rows
    ]


async def postings_by_refs(refs: Sequence[str]) -> list[dict[str, Any]]:
    """Ref, title, kind, wijk, status, ``organisation_name`` and ``is_public`` (open at a
    verified, unblocked organisation) of these postings, by title: a programme's kansen."""
    if not refs:
        return []
    rows = await Opportunity.select(
        Opportunity.ref,
        Opportunity.title,
        Opportunity.kind,
        Opportunity.wijk,
        Opportunity.status,
        Opportunity.organisation.name.as_alias("organisation_name"),
        Opportunity.organisation.verified.as_alias("verified"),
        Opportunity.organisation.blocked.as_alias("blocked"),
    ).where(Opportunity.ref.is_in(list(refs)))
    for row in rows:
        row["is_public"] = (
            row["status"] == "open" and row.pop("verified") and not row.pop("blocked")
        )
    return sorted(rows, key=lambda row: row["title"])
