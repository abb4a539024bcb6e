"""Helpers for the opportunities specifications: postings we make ourselves, and reading pages."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from meedoen.indexing.outbox import DELETE, record_changes
from meedoen.opportunities.service import OpportunityInput, save_opportunity
from meedoen.opportunities.tables import Opportunity
from meedoen.organisations.service import organisation_id
from meedoen.organisations.tables import Organisation

CARD_LINK = re.compile(r'class="utrecht-link meedoen-card__link" href="/kansen/([^"/]+)"')


def result_refs(html: str) -> list[str]:
    """The refs of the result cards, in the order a resident sees them."""
    return CARD_LINK.findall(html)


def a_posting(**changes: Any) -> OpportunityInput:
    values: dict[str, Any] = {
        "kind": "vrijwilligerswerk",
        "title": "Gastvrouw in het buurthuis",
        "description": "Je zet koffie en maakt een praatje met bezoekers.",
        "sector": "welzijn en buurt",
        "wijk": "Stadsveld",
        "postcode": "7545 AA",
        "hours_per_week_min": 4,
        "hours_per_week_max": 8,
        "skills": ["gastvrijheid"],
        "suitable_for": ["zonder_ervaring"],
        "language_level": "A2",
        "status": "open",
    }
    return OpportunityInput(**{**values, **changes})


class Postings:
    """Makes organisations and their postings, and removes them all again afterwards."""

    def __init__(self) -> None:
        self.organisations: list[str] = []

    async def organisation(
        self, *, verified: bool = True, blocked: bool = False, **extra: Any
    ) -> str:
        ref = f"test-org-{uuid.uuid4().hex[:8]}"
        now = dt.datetime.now(dt.UTC)
        values = {
            "name": "Buurthuis De Test",
            "type": "welzijn",
            "sector": "welzijn en buurt",
            "wijk": "Stadsveld",
            "postcode": "7545 AA",
            **extra,
        }
        await Organisation.insert(
            Organisation(
                ref=ref,
                verified=verified,
                blocked=blocked,
                created_at=now,
                updated_at=now,
                **values,
            )
        ).run()
        self.organisations.append(ref)
        return ref

    async def posting(self, organisation_ref: str | None = None, **changes: Any) -> str:
        organisation_ref = organisation_ref or await self.organisation()
        organisation = await organisation_id(organisation_ref)
        assert organisation is not None
        return await save_opportunity(organisation, a_posting(**changes))

    async def remove_all(self) -> None:
        if not self.organisations:
            return
        ids = [
            row["id"]
            for row in await Organisation.select(Organisation.id)
            .where(Organisation.ref.is_in(self.organisations))
            .run()
        ]
        if ids:
            refs = [
                row["ref"]
                for row in await Opportunity.select(Opportunity.ref)
                .where(Opportunity.organisation.is_in(ids))
                .run()
            ]
            await Opportunity.delete().where(Opportunity.organisation.is_in(ids)).run()
            await Organisation.delete().where(Organisation.id.is_in(ids)).run()
            await record_changes("opportunity", refs, DELETE)


@pytest.fixture
async def postings(corpus: str, indexer: Any) -> AsyncIterator[Postings]:
    """Postings made by a test; afterwards they leave the database and the index."""
    from meedoen.indexing.worker import drain_all

    made = Postings()
    yield made
    await made.remove_all()
    await drain_all(indexer)
