"""schema.org JobPosting for a detail page, so search engines can list our kansen.

The JSON goes into ``<script type="application/ld+json">``; HTML escaping does not apply
inside a script element, so ``<``, ``>`` and ``&`` are written as JSON unicode escapes: a
stored ``</script>`` then stays data and cannot end the element.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from markupsafe import Markup

from meedoen.opportunities.service import PublicOpportunity

VALID_DAYS_WITHOUT_END_DATE = 90
FULL_TIME_FROM_HOURS = 32
EMPLOYMENT_TYPES = {
    "stage": "INTERN",
    "vrijwilligerswerk": "VOLUNTEER",
    "leerwerkplek": "TEMPORARY",
    "dagbesteding": "OTHER",
}
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def employment_type(kind: str, hours_per_week_max: int | None) -> str:
    if kind == "betaald_werk":
        return "FULL_TIME" if (hours_per_week_max or 0) >= FULL_TIME_FROM_HOURS else "PART_TIME"
    return EMPLOYMENT_TYPES.get(kind, "OTHER")


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def job_posting(item: PublicOpportunity, base_url: str) -> dict[str, Any]:
    """The JobPosting object for one (open) opportunity."""
    o, org = item.opportunity, item.organisation
    posted = _day(o.get("created_at")) or dt.date.today()
    start = _day(o.get("start_date"))
    valid_through = _day(o.get("end_date")) or (
        max(start or posted, posted) + dt.timedelta(days=VALID_DAYS_WITHOUT_END_DATE)
    )
    organisation: dict[str, Any] = {
        "@type": "Organization",
        "name": org["name"],
        "url": f"{base_url}/organisaties/{org['ref']}",
    }
    if org.get("website"):
        organisation["sameAs"] = org["website"]
    posting: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": o["title"],
        "description": o.get("description") or o["title"],
        "identifier": {"@type": "PropertyValue", "name": org["name"], "value": o["ref"]},
        "url": f"{base_url}/kansen/{o['ref']}",
        "datePosted": posted.isoformat(),
        "validThrough": valid_through.isoformat(),
        "employmentType": employment_type(o["kind"], o.get("hours_per_week_max")),
        "hiringOrganization": organisation,
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "postalCode": o.get("postcode") or org.get("postcode") or "",
                "addressLocality": "Enschede",
                "addressRegion": "Overijssel",
                "addressCountry": "NL",
            },
        },
    }
    if start:
        posting["jobStartDate"] = start.isoformat()
    if o.get("skills"):
        posting["skills"] = ", ".join(o["skills"])
    posting.update(_stage_fields(o))
    return posting


# The nearest of the credentialCategory values search engines read, per Dutch level.
CREDENTIAL_CATEGORY = {
    "vmbo": "high school",
    "mbo1": "professional certificate",
    "mbo2": "professional certificate",
    "mbo3": "professional certificate",
    "mbo4": "professional certificate",
    "hbo": "bachelor degree",
    "wo": "bachelor degree",
}


def _stage_fields(o: dict[str, Any]) -> dict[str, Any]:
    """A stage's level and allowance where schema.org's JobPosting has a field for them:
    educationRequirements and baseSalary (a month's stagevergoeding, also when "geen")."""
    fields: dict[str, Any] = {}
    levels = list(o.get("education_levels") or [])
    if levels:
        fields["educationRequirements"] = [
            {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": CREDENTIAL_CATEGORY.get(level, "professional certificate"),
                "educationalLevel": level,
            }
            for level in levels
        ]
    if o.get("study_programme"):
        fields["qualifications"] = o["study_programme"]
    amount = o.get("stage_allowance")
    if amount is not None:
        fields["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {"@type": "QuantitativeValue", "value": amount, "unitText": "MONTH"},
        }
    return fields


def script_json(data: Any) -> Markup:
    """JSON that is safe to place between ``<script>`` tags."""
    return Markup(json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_SAFE))  # noqa: S704 - every <, >, & is escaped above
