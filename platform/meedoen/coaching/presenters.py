"""What the coaching templates get: the data of a page plus its translated choices."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from meedoen.coaching.caseload import (
    CASELOAD_STATUSES,
    CONTACT_FILTERS,
    SORTS,
    CaseloadEntry,
    CaseloadQuery,
)
from meedoen.coaching.file import ResidentFile
from meedoen.i18n import gettext
from meedoen.organisations.service import unblocked_choices
from meedoen.placements import ladder, pipeline
from meedoen.placements.service import Placement, events_of, where_of
from meedoen.residents.service import Resident
from meedoen.responses.service import STATUS_LABELS as RESPONSE_STATUS_LABELS
from meedoen.vocabulary import LANGUAGE_LEVELS, RESIDENTIAL_WIJKEN


def _choices(labels: dict[Any, str]) -> list[tuple[str, str]]:
    return [(str(code), gettext(label)) for code, label in labels.items()]


def labels() -> dict[str, dict[str, str]]:
    """Translated labels for stored codes, for the templates to look up."""
    return {
        "status": {code: gettext(label) for code, label in pipeline.STATUS_LABELS.items()}
        | {"zonder": gettext("Geen plaatsing")},
        "kind": {code: gettext(label) for code, label in pipeline.KIND_LABELS.items()},
        "stop_reason": {code: gettext(label) for code, label in pipeline.STOP_REASONS.items()},
        "next_step": {code: gettext(label) for code, label in pipeline.NEXT_STEPS.items()},
        "rung": {str(rung): gettext(label) for rung, label in ladder.RUNG_LABELS.items()},
        "occasion": {code: gettext(label) for code, label in ladder.OCCASIONS.items()},
        "response_status": {code: gettext(label) for code, label in RESPONSE_STATUS_LABELS.items()},
    }


def rung_choices() -> list[tuple[str, str]]:
    return [(str(rung), f"{rung}. {gettext(label)}") for rung, label in ladder.RUNG_LABELS.items()]


def caseload_context(query: CaseloadQuery, entries: list[CaseloadEntry]) -> dict[str, Any]:
    params = query.as_params()
    return {
        "query": query,
        "entries": entries,
        "labels": labels(),
        "query_string": urlencode(params),
        "sort_choices": _choices(SORTS),
        "wijk_choices": [(w, w) for w in RESIDENTIAL_WIJKEN],
        "rung_choices": rung_choices(),
        "status_choices": [(s, labels()["status"][s]) for s in CASELOAD_STATUSES],
        "contact_choices": _choices(CONTACT_FILTERS),
        "sort_links": {
            column: "/coach?" + urlencode(query.as_params(sort=sort))
            for column, sort in (
                ("naam", "naam"),
                ("wijk", "wijk"),
                ("trede", "trede"),
                ("contact", "contact"),
                ("status", "status"),
            )
        },
    }


def intake_context(values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    return {
        "values": values,
        "errors": errors,
        "wijk_choices": [(w, w) for w in RESIDENTIAL_WIJKEN],
        "kind_choices": _choices(pipeline.KIND_LABELS),
        "language_choices": [(level, level) for level in LANGUAGE_LEVELS],
        "rung_choices": rung_choices(),
    }


def file_context(opened: ResidentFile, **state: Any) -> dict[str, Any]:
    today = dt.date.today().isoformat()
    return {
        "file": opened,
        "resident": opened.resident,
        "labels": labels(),
        "rung_choices": rung_choices(),
        "occasion_choices": _choices(ladder.OCCASIONS),
        "rung_values": state.get("rung_values") or {"recorded_on": today, "occasion": "review"},
        "rung_errors": state.get("rung_errors") or {},
        "note_values": state.get("note_values") or {},
        "note_errors": state.get("note_errors") or {},
        "contact_values": state.get("contact_values") or {"contact_on": today},
        "contact_errors": state.get("contact_errors") or {},
        "errors": {
            **(state.get("rung_errors") or {}),
            **(state.get("note_errors") or {}),
            **(state.get("contact_errors") or {}),
        },
    }


async def new_placement_context(
    resident: Resident, values: dict[str, Any], errors: dict[str, str]
) -> dict[str, Any]:
    return {
        "resident": resident,
        "values": values,
        "errors": errors,
        "kind_choices": _choices(pipeline.KIND_LABELS),
        "organisation_choices": await unblocked_choices(),
    }


async def placement_context(
    placement: Placement, resident: Resident, **state: Any
) -> dict[str, Any]:
    """The placement page; ``state`` carries form values, errors and conflicts."""
    where = await where_of(placement.id)
    conflict = state.get("edit_conflict")
    edit_values = dict(state.get("edit_values") or _detail_values(placement))
    if conflict is not None:
        # Retrying saves the coach's own values over what is there now, knowingly.
        edit_values["version"] = str(conflict.current["version"])
    return {
        "placement": placement,
        "resident": resident,
        "where": where,
        "labels": labels(),
        "events": await events_of(placement.id),
        "next_statuses": pipeline.allowed_next(placement.status),
        "stop_reason_choices": _choices(pipeline.STOP_REASONS),
        "next_step_choices": _choices(pipeline.NEXT_STEPS),
        "kind_choices": _choices(pipeline.KIND_LABELS),
        "status_error": state.get("status_error"),
        "status_errors": state.get("status_errors") or {},
        "status_values": state.get("status_values") or {},
        "status_conflict": state.get("status_conflict"),
        "status_done": state.get("status_done"),
        "edit_values": edit_values,
        "edit_errors": state.get("edit_errors") or {},
        "edit_conflict": conflict,
    }


def _detail_values(placement: Placement) -> dict[str, str]:
    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else ""

    return {
        "kind": placement.kind,
        "description": placement.description,
        "start_date": day(placement.start_date),
        "planned_end_date": day(placement.planned_end_date),
        "hours_per_week": str(placement.hours_per_week or ""),
        "version": str(placement.version),
    }
