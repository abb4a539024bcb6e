"""Helpers for the resident specifications: PDFs, opportunities and a resident's profile."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from typing import Any

from pypdf import PdfWriter

from meedoen.indexing.outbox import record_change
from meedoen.opportunities.tables import Opportunity
from meedoen.organisations.tables import Organisation
from support.auth import an_organisation, csrf_token


def a_pdf(text_marker: str = "") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if text_marker:
        writer.add_metadata({"/Title": text_marker})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


async def an_opportunity(organisation: Organisation | None = None, **changes: Any) -> Opportunity:
    """An open, published opportunity, recorded in the outbox like any posting."""
    organisation = organisation or await an_organisation()
    now = dt.datetime.now(dt.UTC)
    values: dict[str, Any] = {
        "ref": f"opp-t-{uuid.uuid4().hex[:8]}",
        "organisation": organisation.id,
        "kind": "vrijwilligerswerk",
        "title": "Koken in het buurthuis",
        "description": "Samen koken voor de buren op woensdag.",
        "sector": "welzijn en buurt",
        "skills": ["koken"],
        "wijk": "Pathmos",
        "postcode": "7513 AB",
        "hours_per_week_min": 2,
        "hours_per_week_max": 6,
        "suitable_for": ["zonder_ervaring"],
        "language_level": "A2",
        "status": "open",
        "created_at": now,
        "updated_at": now,
        **changes,
    }
    opportunity = Opportunity(**values)
    await opportunity.save()
    await record_change("opportunity", opportunity.ref)
    return opportunity


async def post_profile(client, data: dict[str, Any], files: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    """Send the profile form as a browser does (multipart, with the page's CSRF token)."""
    page = await client.get("/mijn")
    assert page.status_code == 200, page.status_code
    fields: dict[str, Any] = {"_csrf_token": csrf_token(page.text), **data}
    return await client.post(
        "/mijn", data=fields, files=files or {"cv": ("", b"", "application/octet-stream")}
    )
