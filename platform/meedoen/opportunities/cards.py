"""A kans as a card, wherever cards show (search results, kansen that look alike, an
organisation's page): what residents decide on at a glance — who, where and how far from
home, how many hours, until when they can respond, when it was posted — and in which
language its text is written. Fields nobody filled in are left out, not filled with text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from meedoen.formatting import local
from meedoen.opportunities.travel import TravelFromHome
from meedoen.text_language import text_language


@dataclass(frozen=True)
class Card:
    url: str
    title: str | Markup
    kind: str
    organisation: str
    wijk: str
    hours_min: int | None
    hours_max: int | None
    snippet: str | Markup = ""
    posted: dt.date | None = None
    respond_before: dt.date | None = None
    minutes: int | None = None
    """Cycling minutes from the signed-in resident's own wijk."""
    home: str = ""
    text_lang: str = "nl"
    """The language the organisation wrote the kans in."""


def as_date(value: object) -> dt.date | None:
    """A date from a document or a row: a date, a datetime, epoch seconds or ISO text."""
    if isinstance(value, dt.datetime):
        return local(value).date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and value > 0:
        return local(dt.datetime.fromtimestamp(value, dt.UTC)).date()
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def card_for(
    document: Mapping[str, Any],
    *,
    travel: TravelFromHome | None = None,
    title: str | Markup | None = None,
    snippet: str | Markup | None = None,
    today: dt.date | None = None,
) -> Card:
    """The card of a search document (or a row shaped like one)."""
    today = today or dt.date.today()
    end = as_date(document.get("end_date"))
    wijk = str(document.get("wijk") or "")
    minutes = travel.minutes_to(wijk, document.get("postcode")) if travel and wijk else None
    text = f"{document.get('title') or ''} {document.get('description') or ''}"
    return Card(
        url=f"/kansen/{document['ref']}",
        title=title if title is not None else str(document.get("title") or ""),
        kind=str(document.get("kind") or ""),
        organisation=str(document.get("organisation_name") or ""),
        wijk=wijk,
        hours_min=document.get("hours_per_week_min"),
        hours_max=document.get("hours_per_week_max"),
        snippet=snippet if snippet is not None else "",
        posted=as_date(document.get("created_at")),
        respond_before=end if end is not None and end >= today else None,
        minutes=minutes,
        home=travel.home if travel else "",
        text_lang=text_language(text),
    )
