"""The meeting measures for the goals dashboard and open data, registered with
``goals.sources`` by the app assembly (``register_meeting_measures``).

Every fact is dated by its meeting's day, so a fair's row shows the responses and
placements that followed it within 90 days, whenever they came. Visitors are people
ticked present (groups count apart: they have no members on record); a person is their
resident record, or the sign-up when it has none (guests, erased guests, deleted
accounts), as for placements.
"""

# SQL is composed only from constant fragments in this module; every value from a
# request or a record travels as a bound parameter ({} placeholders).
# ruff: noqa: S608

from __future__ import annotations

from typing import Any

from meedoen.goals.facts import Query, Selection, local_day, resident_scope
from meedoen.goals.sources import FactMeasure, FactSection, FactTable, register
from meedoen.i18n import N_


def _meeting_label() -> str:
    return f"m.title || ' (' || CAST({local_day('m.starts_at')} AS TEXT) || ')'"


def visits(selection: Selection, *, first_only: bool = False, meeting_kind: str = "") -> Query:
    """People ticked present at a meeting in the period (one row per visit)."""
    day = local_day("m.starts_at")
    scope, params = resident_scope(selection, "s.resident", "s.wijk")
    extra = " AND s.first_visit = {}" if first_only else ""
    extra += " AND m.kind = {}" if meeting_kind else ""
    sql = (
        "SELECT CASE WHEN s.resident IS NULL THEN 's' || CAST(s.id AS TEXT) "
        "ELSE 'r' || CAST(s.resident AS TEXT) END AS person, s.wijk AS wijk, "
        f"s.birth_year AS birth_year, m.kind AS kind, '' AS sector, {day} AS event_date, "
        f"m.organiser AS organisation_id, {_meeting_label()} AS item "
        "FROM meeting_signup s JOIN meeting m ON m.id = s.meeting "
        "WHERE s.checked_in_at IS NOT NULL AND s.group_size = 0 "
        f"AND {day} >= {{}} AND {day} <= {{}}{scope}{extra}"
    )
    values: list[Any] = [selection.start, selection.end, *params]
    if first_only:
        values.append(True)
    if meeting_kind:
        values.append(meeting_kind)
    return sql, values


def meetings_held(selection: Selection, meeting_kind: str) -> Query:
    """Published meetings of one kind held in the period, one row each (``wijk`` is the
    meeting's own wijk)."""
    of_kind, values = _of_kind_in_period(selection, meeting_kind)
    sql = (
        "SELECT '' AS person, m.wijk AS wijk, NULL AS birth_year, m.kind AS kind, "
        f"'' AS sector, {local_day('m.starts_at')} AS event_date, "
        f"m.organiser AS organisation_id, {_meeting_label()} AS item FROM meeting m "
        f"WHERE m.status = 'gepubliceerd' AND {of_kind}"
    )
    return sql, values


def group_visits(selection: Selection, meeting_kind: str) -> Query:
    """Groups (a class, a team) ticked present at meetings of one kind in the period: one
    row per group, ``amount`` its size. Groups have no members on record."""
    of_kind, values = _of_kind_in_period(selection, meeting_kind)
    sql = (
        "SELECT 's' || CAST(s.id AS TEXT) AS person, m.wijk AS wijk, NULL AS birth_year, "
        f"m.kind AS kind, '' AS sector, {local_day('m.starts_at')} AS event_date, "
        "m.organiser AS organisation_id, s.group_size AS amount "
        "FROM meeting_signup s JOIN meeting m ON m.id = s.meeting "
        f"WHERE s.checked_in_at IS NOT NULL AND s.group_size > 0 AND {of_kind}"
    )
    return sql, values


def class_visits(selection: Selection, meeting_kind: str) -> Query:
    """Groups a school (or other organisation) signed up, ticked present at meetings of one
    kind in the period: one row per group, ``school`` the organisation's id and ``amount``
    the group's size. Nothing about the pupils is on record."""
    of_kind, values = _of_kind_in_period(selection, meeting_kind)
    sql = (
        "SELECT s.group_organisation AS school, s.group_size AS amount "
        "FROM meeting_signup s JOIN meeting m ON m.id = s.meeting "
        "WHERE s.checked_in_at IS NOT NULL AND s.group_size > 0 "
        f"AND s.group_organisation IS NOT NULL AND {of_kind}"
    )
    return sql, values


def _of_kind_in_period(selection: Selection, meeting_kind: str) -> Query:
    """The condition on meeting ``m``: of this kind, on a day in the period, in the
    selection's wijk (the meeting's own) if one is chosen."""
    day = local_day("m.starts_at")
    sql = f"m.kind = {{}} AND {day} >= {{}} AND {day} <= {{}}"
    values: list[Any] = [meeting_kind, selection.start, selection.end]
    if selection.wijk:
        sql += " AND m.wijk = {}"
        values.append(selection.wijk)
    return sql, values


def _contacts(selection: Selection, condition: str, kind: str) -> Query:
    day = local_day("m.starts_at")
    scope, params = resident_scope(selection, "c.resident", "c.wijk")
    sql = (
        "SELECT CASE WHEN c.resident IS NULL THEN 'c' || CAST(c.id AS TEXT) "
        "ELSE 'r' || CAST(c.resident AS TEXT) END AS person, c.wijk AS wijk, "
        f"NULL AS birth_year, {kind} AS kind, '' AS sector, {day} AS event_date, "
        f"c.organisation AS organisation_id, {_meeting_label()} AS item "
        "FROM meeting_contact c JOIN meeting m ON m.id = c.meeting "
        f"WHERE {condition} AND {day} >= {{}} AND {day} <= {{}}{scope}"
    )
    return sql, [selection.start, selection.end, *params]


def contacts(selection: Selection) -> Query:
    """Contacts made at a stand ("we spraken elkaar") at meetings in the period."""
    return _contacts(selection, "1 = 1", "m.kind")


def responses_after_contact(selection: Selection) -> Query:
    """Contacts followed within 90 days by a response to a kans of that organisation;
    ``kind`` is the kind of that kans."""
    return _contacts(selection, "c.response_on IS NOT NULL", "c.response_kind")


def placements_after_contact(selection: Selection) -> Query:
    """Contacts followed within 90 days by a placement at that organisation."""
    return _contacts(selection, "c.placement_on IS NOT NULL", "c.placement_kind")


VISITORS = FactMeasure(
    "bezoekers_activiteiten",
    N_("Bezoekers van activiteiten (unieke bewoners)"),
    N_(
        "Bewoners die bij een activiteit als aanwezig zijn afgevinkt; wie vaker kwam telt één keer."
    ),
    visits,
    distinct_people=True,
    open_data="Bezoeken van activiteiten (Doen-beurzen, open dagen, bedrijfsbezoeken, workshops) in het kwartaal, per wijk van de bezoeker.",
)
FAIR_VISITORS = FactMeasure(
    "bezoekers_doen_beurzen",
    N_("Bezoekers van Doen-beurzen (unieke bewoners)"),
    N_("Zoals ‘bezoekers van activiteiten’, maar alleen Doen-beurzen."),
    lambda selection: visits(selection, meeting_kind="doen_beurs"),
    distinct_people=True,
)
FIRST_VISITORS = FactMeasure(
    "eerste_bezoekers",
    N_("Bezoekers die voor het eerst kwamen"),
    N_("Bewoners bij hun eerste activiteit op Meedoen West."),
    lambda selection: visits(selection, first_only=True),
    distinct_people=True,
)
CONTACTS = FactMeasure(
    "contacten_activiteiten",
    N_("Contacten bij een stand"),
    N_("Keren dat een organisatie vastlegde: we spraken elkaar."),
    contacts,
    open_data="Contacten tussen bezoekers en organisaties bij een stand, per kwartaal van de activiteit en wijk van de bezoeker.",
)
RESPONSES = FactMeasure(
    "reacties_na_contact",
    N_("Reacties binnen 90 dagen na een contact"),
    N_(
        "Contacten waarna de bewoner binnen 90 dagen reageerde op een kans van die organisatie. Kies eventueel één soort kans."
    ),
    responses_after_contact,
    takes_kind=True,
)
PLACEMENTS = FactMeasure(
    "plaatsingen_na_contact",
    N_("Plaatsingen binnen 90 dagen na een contact"),
    N_(
        "Contacten waarna de bewoner binnen 90 dagen begon bij die organisatie. Kies eventueel één soort kans."
    ),
    placements_after_contact,
    takes_kind=True,
    open_data="Plaatsingen die binnen 90 dagen volgden op een contact bij een stand, per kwartaal van de activiteit en wijk van de bezoeker.",
)
MEASURES = (VISITORS, FAIR_VISITORS, FIRST_VISITORS, CONTACTS, RESPONSES, PLACEMENTS)

SECTION = FactSection(
    key="activiteiten",
    heading=N_("Activiteiten en Doen-beurzen"),
    introduction=N_(
        "Wie er kwam, wie voor het eerst kwam, de contacten bij de stands, en de reacties en plaatsingen die binnen 90 dagen volgden. Geteld bij de datum van de activiteit."
    ),
    measures=MEASURES,
    tables=(
        FactTable(
            "activiteiten_per_activiteit",
            N_("Per activiteit"),
            "item",
            N_("Activiteit"),
            (VISITORS, FIRST_VISITORS, CONTACTS, RESPONSES, PLACEMENTS),
        ),
        FactTable(
            "activiteiten_per_wijk",
            N_("Bezoekers en contacten per wijk van de bezoeker"),
            "wijk",
            N_("Wijk"),
            (VISITORS, FIRST_VISITORS, CONTACTS),
        ),
        FactTable(
            "activiteiten_per_soort_kans",
            N_("Reacties en plaatsingen na een contact, per soort kans"),
            "kind",
            N_("Soort kans"),
            (RESPONSES, PLACEMENTS),
        ),
    ),
)


def register_meeting_measures() -> None:
    """Called once by the app assembly."""
    register(SECTION)
