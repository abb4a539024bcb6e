"""The fixed list of measures a goal can follow. Each is counted from recorded data in
the database; nobody types a goal's progress in."""

# SQL is composed only from constant fragments in this package; every value from a
# request or a record travels as a bound parameter ({} placeholders).
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from meedoen.goals import facts, sources
from meedoen.goals.facts import Selection
from meedoen.goals.suppression import THRESHOLD, suppress_single
from meedoen.i18n import N_
from meedoen.vocabulary import OPPORTUNITY_KINDS

YOUNG_KINDS = ("stage", "leerwerkplek")


@dataclass(frozen=True)
class Measure:
    code: str
    label: str  # N_-marked; translate where shown
    explanation: str
    takes_kind: bool
    count: Callable[[Selection, str], Awaitable[int]]
    figure: Callable[[Selection, str], Awaitable[int | None]] | None = None
    """For a measure that adds up an amount (hours): the value as it may be shown, hidden
    (``None``) when 1 to 4 people make it up, whatever its size."""


async def ladder_climbers(selection: Selection, kind: str = "") -> int:
    moves = await facts.ladder_move_counts(selection)
    return sum(n for (_, from_rung, to_rung), n in moves.items() if to_rung > from_rung)


async def placements_started(selection: Selection, kind: str = "") -> int:
    found = await facts.counts("gestart", selection, [], kinds=[kind] if kind else [])
    return found.get((), 0)


async def young_placements(selection: Selection, kind: str = "") -> int:
    found = await facts.counts("gestart", selection, [], kinds=YOUNG_KINDS, age_band_is="tot27")
    return found.get((), 0)


def paid_work_transitions(selection: Selection) -> facts.Query:
    """Residents who moved on to paid work: a placement completed with paid work as the
    next step, or a move on the ladder from below rung 5 to rung 5 or 6."""
    placements_sql, placement_params = facts.placements_to_paid_work(selection)
    moves_sql, move_params = facts.ladder_moves(selection)
    sql = (
        f"SELECT person, wijk, birth_year, kind, sector, event_date FROM ({placements_sql}) pw "
        "UNION ALL SELECT person, wijk, birth_year, kind, sector, event_date "
        f"FROM ({moves_sql}) m WHERE m.from_rung < 5 AND m.to_rung >= 5"
    )
    return sql, [*placement_params, *move_params]


async def paid_work(selection: Selection, kind: str = "") -> int:
    """People in either set, counted once: |placements ∪ moves| = |placements| + |moves|
    − |both|, so the moves come from the kept counts (``facts.ladder_move_counts``) and
    only the residents with a placement to paid work are looked up on the ladder."""
    if selection.coach_id is not None:
        return await facts.fetch_count(paid_work_transitions(selection), "COUNT(DISTINCT person)")
    placements_sql, params = facts.placements_to_paid_work(selection)
    placed = await facts.fetch_count((placements_sql, params), "COUNT(DISTINCT person)")
    moves = await facts.ladder_move_counts(selection)
    moved = sum(n for (_, from_rung, to_rung), n in moves.items() if from_rung < 5 <= to_rung)
    both_sql, both_params = facts.placed_and_moved_to_paid_work(selection)
    both = await facts.fetch_count((both_sql, both_params), "COUNT(DISTINCT resident)")
    return placed + moved - both


def active_organisation_facts(selection: Selection) -> facts.Query:
    """Organisations with a started placement in the period or, for the whole district,
    an open opportunity in it (a coach's view counts only their caseload's placements)."""
    placements_sql, params = facts.started_placements(selection)
    sql = f"SELECT organisation_id FROM ({placements_sql}) s WHERE organisation_id IS NOT NULL"
    if selection.coach_id is None:
        open_sql, open_params = facts.open_opportunities(selection)
        sql += f" UNION ALL SELECT organisation_id FROM ({open_sql}) o"
        params = [*params, *open_params]
    return sql, params


async def active_organisations(selection: Selection, kind: str = "") -> int:
    return await facts.fetch_count(
        active_organisation_facts(selection), "COUNT(DISTINCT organisation_id)"
    )


MEASURES: dict[str, Measure] = {
    measure.code: measure
    for measure in (
        Measure(
            "ladder_omhoog",
            N_("Bewoners die minstens één trede hoger op de participatieladder kwamen"),
            N_("Vergelijkt de laatste trede in de periode met de trede aan het begin."),
            False,
            ladder_climbers,
        ),
        Measure(
            "plaatsingen_gestart",
            N_("Gestarte plaatsingen"),
            N_("Plaatsingen die in de periode begonnen. Kies eventueel één soort."),
            True,
            placements_started,
        ),
        Measure(
            "jongeren_stage_leerwerkplek",
            N_("Stages en leerwerkplekken voor bewoners jonger dan 27"),
            N_("Gestarte stages en leerwerkplekken; leeftijd bij de start."),
            False,
            young_placements,
        ),
        Measure(
            "doorstroming_betaald_werk",
            N_("Doorstroming naar betaald werk"),
            N_(
                "Afgeronde plaatsingen met betaald werk als vervolg, of een stap naar trede 5 of 6."
            ),
            False,
            paid_work,
        ),
        Measure(
            "actieve_organisaties",
            N_("Actieve organisaties"),
            N_("Organisaties met een gestarte plaatsing of een open kans in de periode."),
            False,
            active_organisations,
        ),
    )
}

KINDS = OPPORTUNITY_KINDS


def _from_source(source: sources.FactMeasure) -> Measure:
    def query(selection: Selection, kind: str) -> facts.Query:
        sql, params = source.query(selection)
        if kind:
            sql, params = f"SELECT * FROM ({sql}) k WHERE kind = {{}}", [*params, kind]
        return sql, params

    async def count(selection: Selection, kind: str = "") -> int:
        return await facts.fetch_count(query(selection, kind), source.count_expression)

    async def figure(selection: Selection, kind: str = "") -> int | None:
        # The amount and the people behind it in one query.
        sql, params = query(selection, kind)
        rows = await facts.fetch(
            f"SELECT {source.count_expression} AS n, COUNT(DISTINCT person) AS people "
            f"FROM ({sql}) facts",
            params,
        )
        value, people = (int(rows[0]["n"] or 0), int(rows[0]["people"] or 0)) if rows else (0, 0)
        return None if 0 < people < THRESHOLD else value

    return Measure(
        source.code,
        source.label,
        source.explanation,
        source.takes_kind,
        count,
        figure if source.amount else None,
    )


def all_measures() -> dict[str, Measure]:
    """Goals' own measures and those other domains registered (``goals.sources``)."""
    return {
        **MEASURES,
        **{code: _from_source(source) for code, source in sources.measures().items()},
    }


async def measure_value(code: str, selection: Selection, kind: str = "") -> int:
    measure = all_measures()[code]
    return await measure.count(selection, kind if measure.takes_kind else "")


async def measure_figure(code: str, selection: Selection, kind: str = "") -> int | None:
    """The value as it may be shown on its own: ``None`` where it would point at 1 to 4
    people (a count of 1 to 4, or an amount that 1 to 4 people made up)."""
    measure = all_measures()[code]
    kind = kind if measure.takes_kind else ""
    if measure.figure is not None:
        return await measure.figure(selection, kind)
    return suppress_single(await measure.count(selection, kind))
