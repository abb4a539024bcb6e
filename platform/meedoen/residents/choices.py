"""The choices on a resident's profile; stored values are the shared vocabulary's terms."""

from __future__ import annotations

from meedoen import labels
from meedoen.i18n import N_
from meedoen.vocabulary import INTERESTS, SKILLS

__all__ = ["DAYS", "DAY_LABELS", "SKILLS", "interests"]

DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
DAY_LABELS = labels.DAY
VISIBILITY_LABELS = {
    "private": N_("Alleen ik"),
    "coach": N_("Ik en mijn coach"),
    "findable": N_("Vindbaar voor gecontroleerde organisaties"),
}
VISIBILITY_EXPLANATIONS = {
    "private": N_(
        "Niemand anders ziet je profiel. Organisaties zien alleen wat je meestuurt als je reageert."
    ),
    "coach": N_(
        "Je coach van de gemeente ziet je profiel en kan kansen voor je zoeken. Organisaties niet."
    ),
    "findable": N_(
        "Organisaties die de gemeente heeft gecontroleerd, kunnen je profiel vinden en je een kans voorstellen. Je achternaam, e-mailadres en telefoonnummer zien ze niet."
    ),
}


def interests() -> tuple[str, ...]:
    """The interests the matching vocabulary knows, in its order."""
    return INTERESTS
