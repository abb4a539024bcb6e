"""The placement pipeline: which statuses exist, which steps are allowed, and the fixed
lists a coach picks from when a placement stops or ends.

Stored values are stable codes; the labels are Dutch msgids, translated where shown.
"""

from __future__ import annotations

from meedoen import labels
from meedoen.i18n import N_

PLACEMENT_KINDS = ("vrijwilligerswerk", "stage", "leerwerkplek", "betaald_werk", "dagbesteding")

STATUSES = ("voorgesteld", "kennismaking", "gestart", "afgerond", "gestopt")
OPEN_STATUSES = ("voorgesteld", "kennismaking", "gestart")

STATUS_LABELS = {
    "voorgesteld": N_("Voorgesteld"),
    "kennismaking": N_("Kennismaking"),
    "gestart": N_("Gestart"),
    "afgerond": N_("Afgerond"),
    "gestopt": N_("Gestopt"),
}

# One step forward at a time; stopping is possible until the placement has ended.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "voorgesteld": ("kennismaking", "gestopt"),
    "kennismaking": ("gestart", "gestopt"),
    "gestart": ("afgerond", "gestopt"),
    "afgerond": (),
    "gestopt": (),
}

STOP_REASONS = {
    "past_niet": N_("Het werk past niet bij de bewoner"),
    "gezondheid": N_("Gezondheid"),
    "persoonlijk": N_("Persoonlijke omstandigheden"),
    "motivatie": N_("Geen motivatie meer"),
    "organisatie": N_("De organisatie stopt ermee"),
    "andere_plek": N_("Andere plek gevonden"),
    "anders": N_("Anders"),
}

# Where a resident goes after finishing a placement; a step up the ladder is a doorstroming.
NEXT_STEPS = {
    "geen": N_("Geen vervolgstap"),
    "vrijwilligerswerk": N_("Vrijwilligerswerk"),
    "dagbesteding": N_("Dagbesteding"),
    "stage": N_("Stage"),
    "opleiding": N_("Opleiding"),
    "leerwerkplek": N_("Leerwerkplek"),
    "betaald_werk": N_("Betaald werk"),
}

KIND_LABELS = labels.KIND


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def may_move(from_status: str, to_status: str) -> bool:
    return to_status in allowed_next(from_status)


def path_to(from_status: str, to_status: str) -> list[str]:
    """The steps forward from one status to a later one, e.g. voorgesteld → gestart gives
    [kennismaking, gestart]; empty when it cannot be reached without stopping."""
    steps: list[str] = []
    current = from_status
    while current != to_status:
        forward = [s for s in allowed_next(current) if s != "gestopt"]
        if not forward:
            return []
        current = forward[0]
        steps.append(current)
    return steps
