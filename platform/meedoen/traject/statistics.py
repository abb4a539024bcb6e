"""Hours of participation and proofs for the goals dashboard, registered with
``goals.sources`` by the app assembly (``register_traject_measures``).

Hours count when the organisation confirmed them, dated by their week; they keep the
wijk of the placement, so they stay when a resident deletes their account. A wijk's
hours are hidden when fewer than five people made them (``FactMeasure.amount``).
"""

# SQL is composed only from constant fragments in this module; every value from a
# request or a record travels as a bound parameter ({} placeholders).
# ruff: noqa: S608

from __future__ import annotations

from meedoen.goals.facts import Query, Selection, local_day, resident_scope
from meedoen.goals.sources import FactMeasure, FactSection, FactTable, register
from meedoen.i18n import N_


def confirmed_hours(selection: Selection) -> Query:
    """Weeks of confirmed hours in the period, one row per week, ``amount`` in hours."""
    scope, params = resident_scope(selection, "h.resident", "h.wijk")
    sql = (
        "SELECT CASE WHEN h.resident IS NULL THEN 'p' || CAST(h.placement AS TEXT) "
        "ELSE 'r' || CAST(h.resident AS TEXT) END AS person, h.wijk AS wijk, "
        "NULL AS birth_year, p.kind AS kind, p.sector AS sector, h.week_of AS event_date, "
        "h.organisation AS organisation_id, '' AS item, "
        "h.confirmed_minutes / 60.0 AS amount "
        "FROM hours_entry h JOIN placement p ON p.id = h.placement "
        "WHERE h.status = 'bevestigd' AND h.week_of >= {} AND h.week_of <= {}" + scope
    )
    return sql, [selection.start, selection.end, *params]


def proofs_issued(selection: Selection) -> Query:
    """Proofs of participation issued in the period (also of accounts deleted since)."""
    day = local_day("b.issued_at")
    scope, params = resident_scope(selection, "b.resident", "b.wijk")
    sql = (
        "SELECT CASE WHEN b.resident IS NULL THEN 'b' || CAST(b.id AS TEXT) "
        "ELSE 'r' || CAST(b.resident AS TEXT) END AS person, b.wijk AS wijk, "
        f"NULL AS birth_year, '' AS kind, '' AS sector, {day} AS event_date, "
        "b.organisation AS organisation_id, '' AS item, 0 AS amount "
        "FROM proof b WHERE b.issued_at IS NOT NULL "
        "AND b.status IN ('uitgegeven', 'vervallen') "
        f"AND {day} >= {{}} AND {day} <= {{}}{scope}"
    )
    return sql, [selection.start, selection.end, *params]


HOURS = FactMeasure(
    "uren_meedoen",
    N_("Bevestigde uren meedoen"),
    N_(
        "Uren die bewoners bij hun plek maakten en die de organisatie bevestigde, per week. Verborgen als minder dan vijf bewoners ze maakten."
    ),
    confirmed_hours,
    amount="amount",
)
WITH_PROOF = FactMeasure(
    "bewoners_met_bewijs",
    N_("Bewoners met een bewijs van meedoen"),
    N_(
        "Bewoners die in de periode een bewijs van meedoen kregen; wie er meer kreeg telt één keer."
    ),
    proofs_issued,
    distinct_people=True,
)

SECTION = FactSection(
    key="traject",
    heading=N_("Uren en bewijzen van meedoen"),
    introduction=N_(
        "Hoeveel uren bewoners meededen bij een plek, zoals de organisatie ze bevestigde, en hoeveel bewoners een bewijs van meedoen kregen."
    ),
    measures=(HOURS, WITH_PROOF),
    tables=(
        FactTable(
            "traject_per_wijk",
            N_("Uren en bewijzen per wijk"),
            "wijk",
            N_("Wijk"),
            (HOURS, WITH_PROOF),
        ),
    ),
)


def register_traject_measures() -> None:
    """Called once by the app assembly."""
    register(SECTION)
