"""One resident and one posting as the factors and checks of the score see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from meedoen.matching.facts import PostingFacts
from meedoen.matching.profiles import OpportunityProfile
from meedoen.matching.reasons import Reason
from meedoen.matching.sides import ResidentSide


class Notes(Protocol):
    """What a factor or check found, for whoever wants the reasons."""

    def good(self, strength: float, item: Reason) -> None: ...

    def weak(self, severity: float, item: Reason) -> None: ...

    def value(self, name: str, value: float) -> None: ...


@dataclass(slots=True)
class Pair:
    """The resident's side, the posting, its text facts, the optional notes, and the
    penalties found so far (multiplied in the order they were added)."""

    side: ResidentSide
    opp: OpportunityProfile
    facts: PostingFacts
    notes: Notes | None = None
    penalties: list[float] = field(default_factory=list)
    training: tuple[float, str | None] | None = None
    """The training fit, once worked out (training.fit)."""
