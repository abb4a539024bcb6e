"""schema.org ``Event`` for a meeting's page, so search engines and agendas can list it.

Written into ``<script type="application/ld+json">`` with ``<``, ``>`` and ``&`` as JSON
unicode escapes, so stored text cannot end the script element (as for kansen).
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from meedoen.events.meetings import MeetingView

_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
STATUS = {
    "gepubliceerd": "https://schema.org/EventScheduled",
    "geannuleerd": "https://schema.org/EventCancelled",
}


def event_objects(view: MeetingView, base_url: str) -> list[dict[str, Any]]:
    """One Event per time slot (each has its own start, end and places)."""
    m, org = view.meeting, view.organiser
    url = f"{base_url}/activiteiten/{view.ref}"
    place = {
        "@type": "Place",
        "name": m["place_name"],
        "address": {
            "@type": "PostalAddress",
            "streetAddress": m["address"],
            "postalCode": m["postcode"],
            "addressLocality": "Enschede",
            "addressRegion": m["wijk"],
            "addressCountry": "NL",
        },
    }
    events = []
    for slot in view.slots:
        event: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": m["title"],
            "description": m["description"][:5000],
            "startDate": slot["starts_at"].isoformat(),
            "endDate": slot["ends_at"].isoformat(),
            "eventStatus": STATUS.get(m["status"], STATUS["gepubliceerd"]),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": place,
            "organizer": {
                "@type": "Organization",
                "name": org["name"],
                "url": f"{base_url}/organisaties/{org['ref']}",
            },
            "url": url,
            "inLanguage": list(m["languages"]),
            "isAccessibleForFree": m["cost_cents"] == 0,
            "offers": {
                "@type": "Offer",
                "price": f"{m['cost_cents'] / 100:.2f}",
                "priceCurrency": "EUR",
                "url": url,
                "availability": "https://schema.org/InStock"
                if slot["free"] is None or slot["free"] > 0
                else "https://schema.org/SoldOut",
            },
        }
        if slot["capacity"] is not None:
            event["maximumAttendeeCapacity"] = slot["capacity"]
            event["remainingAttendeeCapacity"] = slot["free"]
        events.append(event)
    return events


def script_json(objects: list[dict[str, Any]]) -> Markup:
    """The JSON for inside a script element, safe against a stored ``</script>``."""
    body = json.dumps(objects if len(objects) != 1 else objects[0], ensure_ascii=False)
    return Markup(body.translate(_SCRIPT_SAFE))  # noqa: S704 - escaped for a script element above
