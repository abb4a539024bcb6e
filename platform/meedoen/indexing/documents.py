"""The search document for one opportunity of one organisation.

Text fields are prepared with ``meedoen.search.documents`` (clean text, compound terms,
hours bands); matching adds the fields its shortlist needs
(``meedoen.matching.documents.opportunity_documents``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from meedoen.search.documents import (
    AUDIENCE_LABELS,
    KIND_LABELS,
    PLACE_KINDS,
    allowance_band,
    clean_text,
    compound_terms,
    hours_bands,
    recognised_company,
    timestamp,
)


def opportunity_document(
    opportunity: Mapping[str, Any], organisation: Mapping[str, Any]
) -> dict[str, Any]:
    """The indexed document for one opportunity of one organisation."""
    title = clean_text(opportunity.get("title"))
    description = clean_text(opportunity.get("description"))
    skills = [clean_text(s) for s in opportunity.get("skills") or []]
    suitable_for = list(opportunity.get("suitable_for") or [])
    wijk = clean_text(opportunity.get("wijk"))
    kind = str(opportunity.get("kind") or "")
    document = {
        "ref": str(opportunity.get("ref") or opportunity["id"]),
        "title": title,
        "description": description,
        "kind": kind,
        "kind_label": KIND_LABELS.get(kind, kind.replace("_", " ")),
        "sector": clean_text(opportunity.get("sector")),
        "skills": skills,
        "wijk": wijk,
        "place": " ".join(filter(None, [PLACE_KINDS.get(wijk, "wijk"), "enschede west"])),
        "postcode": clean_text(opportunity.get("postcode")),
        "hours_per_week_min": opportunity.get("hours_per_week_min"),
        "hours_per_week_max": opportunity.get("hours_per_week_max"),
        "hours_band": hours_bands(
            opportunity.get("hours_per_week_min"), opportunity.get("hours_per_week_max")
        ),
        "paid": bool(opportunity.get("paid")),
        "suitable_for": suitable_for,
        "audience": [AUDIENCE_LABELS.get(s, s.replace("_", " ")) for s in suitable_for],
        "language_level": opportunity.get("language_level") or None,  # empty: no requirement
        "min_age": opportunity.get("min_age"),
        "start": str(opportunity.get("start") or "") or None,
        "start_ts": timestamp(opportunity.get("start")),
        # Residents respond before this day (cards show it): ISO date, or None.
        "end_date": str(opportunity.get("end_date") or "") or None,
        "status": str(opportunity.get("status") or ""),
        "organisation_ref": str(organisation.get("ref") or organisation.get("id") or ""),
        "organisation_name": clean_text(organisation.get("name")),
        "organisation_type": str(organisation.get("type") or ""),
        # Unverified unless told otherwise: an unchecked organisation must not be findable.
        "organisation_verified": bool(organisation.get("verified", False)),
        "created_at": timestamp(opportunity.get("created_at")),
        "updated_at": timestamp(opportunity.get("updated_at")),
        "title_terms": compound_terms([title]),
        "terms": compound_terms([description, *skills]),
        **stage_fields(opportunity, organisation),
    }
    return document


def stage_fields(opportunity: Mapping[str, Any], organisation: Mapping[str, Any]) -> dict[str, Any]:
    """What students filter stages on: level, route, a recognised company, an allowance.

    List fields, so the search page's facets treat them like any other ("erkend" only
    once an administrator confirmed the organisation's recognition; "met"/"geen" only
    when the stage says so)."""
    return {
        "education_levels": list(opportunity.get("education_levels") or []),
        "learning_routes": list(opportunity.get("learning_routes") or []),
        "recognised_company": recognised_company(organisation),
        "stage_allowance_band": allowance_band(opportunity.get("stage_allowance")),
        "stage_allowance_amount": opportunity.get("stage_allowance"),
    }
