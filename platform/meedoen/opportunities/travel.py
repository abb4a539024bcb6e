"""How far a kans is from the resident reading about it: cycling minutes from their own wijk.

Working that out needs the resident's profile and the district's geography, which live in
domains above this one; the app assembly provides it (``meedoen.app.wiring``) as the
Litestar dependency ``travel_for``. For visitors, and residents without a wijk, there is
no distance to show.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TravelFromHome:
    home: str
    """The resident's wijk."""
    minutes: Callable[[str, str | None], int | None]
    """Cycling minutes from home to a wijk (or postcode); None when the place is unknown."""

    def minutes_to(self, wijk: object, postcode: object = None) -> int | None:
        return self.minutes(str(wijk or ""), str(postcode or "") or None)


TravelFor = Callable[[Any], Awaitable[TravelFromHome | None]]
"""A request → the signed-in resident's travel from home, or None."""
