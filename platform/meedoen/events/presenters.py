"""What the meetings' templates get: labels, dates in words, calendar groupings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from babel.dates import format_date

from meedoen import labels as vocabulary_labels
from meedoen.events.choices import (
    ACCESSIBILITY,
    ACCESSIBILITY_LABELS,
    KIND_LABELS,
    LANGUAGE_LABELS,
    LANGUAGES,
    MEETING_KINDS,
)
from meedoen.events.meetings import local
from meedoen.events.search import MeetingResults, MeetingSearch
from meedoen.i18n import current_language, gettext
from meedoen.vocabulary import WIJKEN

VIEWS = ("lijst", "week", "maand")


def day_text(moment: dt.datetime | dt.date, pattern: str = "EEEE d MMMM y") -> str:
    day = local(moment).date() if isinstance(moment, dt.datetime) else moment
    return format_date(day, format=pattern, locale=current_language())


def time_span(start: dt.datetime, end: dt.datetime) -> str:
    start, end = local(start), local(end)
    if start.date() == end.date():
        return f"{day_text(start)}, {start:%H:%M}–{end:%H:%M}"
    return f"{day_text(start)} {start:%H:%M} – {day_text(end)} {end:%H:%M}"


def cost_text(cents: int) -> str:
    if not cents:
        return gettext("Gratis")
    return f"€ {cents // 100},{cents % 100:02d}"


def labels() -> dict[str, Any]:
    return {
        "kind_labels": {k: gettext(v) for k, v in KIND_LABELS.items()},
        "accessibility_labels": {k: gettext(v) for k, v in ACCESSIBILITY_LABELS.items()},
        "language_labels": {k: gettext(v) for k, v in LANGUAGE_LABELS.items()},
        "suitable_labels": dict(vocabulary_labels.choices("suitable_for")),
    }


def form_choices() -> dict[str, Any]:
    return {
        "kind_choices": [(k, gettext(KIND_LABELS[k])) for k in MEETING_KINDS],
        "wijk_choices": [(w, w) for w in WIJKEN],
        "accessibility_choices": [(a, gettext(ACCESSIBILITY_LABELS[a])) for a in ACCESSIBILITY],
        "language_choices": [(code, gettext(LANGUAGE_LABELS[code])) for code in LANGUAGES],
        "suitable_choices": vocabulary_labels.choices("suitable_for"),
    }


def card(row: dict[str, Any]) -> dict[str, Any]:
    """A meeting in a list: title, kind, when, where, who organises."""
    return {
        "ref": row["ref"],
        "url": f"/activiteiten/{row['ref']}",
        "title": row["title"],
        "kind": row["kind"],
        "kind_label": gettext(KIND_LABELS.get(row["kind"], row["kind"])),
        "when": time_span(row["starts_at"], row["ends_at"]) if row.get("starts_at") else "",
        "day": local(row["starts_at"]).date() if row.get("starts_at") else None,
        "wijk": row.get("wijk", ""),
        "place": row.get("place") or row.get("place_name", ""),
        "organiser": row.get("organiser_name", ""),
        "free_entry": bool(row.get("open_entry")),
        "cost": cost_text(int(row.get("cost_cents") or 0)),
    }


def search_url(search: MeetingSearch, view: str = "lijst", **changes: Any) -> str:
    pairs: list[tuple[str, str]] = []
    if search.q:
        pairs.append(("q", search.q))
    for name in ("kind", "wijk", "suitable_for"):
        pairs += [(name, v) for v in getattr(search, name)]
    if search.start:
        pairs.append(("van", search.start.isoformat()))
    if search.end:
        pairs.append(("tot", search.end.isoformat()))
    if view != "lijst":
        pairs.append(("weergave", view))
    for name, value in changes.items():
        pairs = [p for p in pairs if p[0] != name]
        if value:
            pairs.append((name, str(value)))
    return "/activiteiten" + (f"?{urlencode(pairs)}" if pairs else "")


def grouped_by_day(cards: Iterable[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Cards under a heading per day (the week view)."""
    days: dict[dt.date, list[dict[str, Any]]] = {}
    for item in cards:
        if item["day"] is not None:
            days.setdefault(item["day"], []).append(item)
    return [(day_text(day), items) for day, items in sorted(days.items())]


def month_grid(cards: Iterable[dict[str, Any]], month: dt.date) -> list[list[dict[str, Any]]]:
    """The weeks of ``month`` (Monday first) with each day's meetings: a month calendar."""
    first = month.replace(day=1)
    start = first - dt.timedelta(days=first.weekday())
    by_day: dict[dt.date, list[dict[str, Any]]] = {}
    for item in cards:
        if item["day"] is not None:
            by_day.setdefault(item["day"], []).append(item)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    stop = last + dt.timedelta(days=6 - last.weekday())
    weeks: list[list[dict[str, Any]]] = []
    day = start
    while day <= stop:
        if day.weekday() == 0:
            weeks.append([])
        weeks[-1].append(
            {
                "date": day,
                "number": day.day,
                "label": day_text(day, "EEEE d MMMM"),
                "in_month": day.month == month.month,
                "meetings": by_day.get(day, []),
            }
        )
        day += dt.timedelta(days=1)
    return weeks


def facet_options(results: MeetingResults, search: MeetingSearch) -> list[dict[str, Any]]:
    """The filter groups with every option and which are chosen."""
    groups = []
    for name, legend, options in (
        (
            "kind",
            gettext("Soort activiteit"),
            [(k, gettext(KIND_LABELS[k])) for k in MEETING_KINDS],
        ),
        ("wijk", gettext("Wijk"), [(w, w) for w in WIJKEN]),
        (
            "suitable_for",
            gettext("Geschikt voor"),
            vocabulary_labels.choices("suitable_for"),
        ),
    ):
        # Every option stays, without counts: with typo tolerance the index's facet
        # counts can disagree with the list a visitor sees, and a count that does not
        # match the results is worse than none.
        chosen = set(getattr(search, name))
        groups.append(
            {
                "name": name,
                "legend": legend,
                "options": [
                    {
                        "value": value,
                        "label": label,
                        "id": f"filter-{name}-{n}",
                        "count": None,
                        "selected": value in chosen,
                    }
                    for n, (value, label) in enumerate(options)
                ],
                "any_selected": bool(chosen),
            }
        )
    return groups
