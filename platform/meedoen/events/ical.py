"""iCalendar (RFC 5545) for meetings: one file per meeting, and feeds of many.

Built with the ``icalendar`` library: one VEVENT per time slot, UIDs stable per slot so
a calendar program updates an event instead of adding it twice; a called-off meeting
stays in the feed with STATUS:CANCELLED, so calendars remove it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from icalendar import Calendar, Event, vText

from meedoen.events.choices import KIND_LABELS
from meedoen.i18n import gettext

PRODUCT = "-//Meedoen West//Activiteiten//NL"
MEDIA_TYPE = "text/calendar; charset=utf-8"


def calendar(
    name: str, entries: Iterable[tuple[dict[str, Any], dict[str, Any]]], base_url: str
) -> bytes:
    """A calendar of ``(meeting, slot)`` pairs; meetings carry ``organiser_name``."""
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    for meeting, slot in entries:
        cal.add_component(_event(meeting, slot, base_url))
    return cal.to_ical()


def _event(meeting: dict[str, Any], slot: dict[str, Any], base_url: str) -> Event:
    event = Event()
    host = base_url.split("://", 1)[-1].split("/", 1)[0] or "meedoen-west"
    event.add("uid", f"{meeting['ref']}-{slot['id']}@{host}")
    event.add("dtstamp", meeting.get("updated_at") or dt.datetime.now(dt.UTC))
    event.add("dtstart", slot["starts_at"].astimezone(dt.UTC))
    event.add("dtend", slot["ends_at"].astimezone(dt.UTC))
    kind = gettext(KIND_LABELS.get(meeting["kind"], meeting["kind"]))
    event.add("summary", f"{meeting['title']} ({kind})")
    url = f"{base_url}/activiteiten/{meeting['ref']}"
    description = "\n\n".join(
        p
        for p in (
            meeting.get("description", ""),
            gettext("Georganiseerd door %(name)s.", name=meeting.get("organiser_name", "")),
            meeting.get("directions", ""),
            url,
        )
        if p
    )
    event.add("description", description)
    place = ", ".join(
        p for p in (meeting.get("place_name"), meeting.get("address"), meeting.get("postcode")) if p
    )
    if place:
        event.add("location", vText(f"{place}, Enschede"))
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.get("status") == "geannuleerd" else "CONFIRMED")
    event.add("categories", [kind])
    return event
