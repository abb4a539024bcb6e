"""The search page's own words: facet legends, sort orders and language levels explained.

The labels of the vocabularies themselves live in ``meedoen.labels``.
"""

from __future__ import annotations

from collections.abc import Mapping

from meedoen import labels
from meedoen.i18n import N_, gettext
from meedoen.vocabulary import (
    EDUCATION_LEVELS,
    HOURS_BANDS,
    LEARNING_ROUTES,
    OPPORTUNITY_KINDS,
    ORGANISATION_TYPES,
    SECTORS,
    SUITABLE_FOR,
    WIJKEN,
)

SORT = {
    "relevance": N_("Past het best"),
    "newest": N_("Nieuwste eerst"),
    "start": N_("Begint het eerst"),
}
LANGUAGE_LEVEL = {
    "A1": N_("je kent een paar woorden en korte zinnen, bijvoorbeeld om jezelf voor te stellen."),
    "A2": N_(
        "je begrijpt korte, makkelijke zinnen over gewone dingen en je kunt eenvoudige vragen stellen."
    ),
    "B1": N_(
        "je begrijpt de meeste dingen die collega's zeggen en je kunt vertellen wat je doet en denkt."
    ),
    "B2": N_(
        "je praat goed mee, ook over moeilijkere dingen, en je leest lange teksten zonder veel moeite."
    ),
    "C1": N_(
        "je spreekt en schrijft bijna zonder moeite Nederlands, ook over moeilijke onderwerpen."
    ),
}

# Facet name -> (legend, allowed values in display order, labels or None for proper names)
FACET_LEGENDS = {
    "kind": N_("Soort kans"),
    "wijk": N_("Wijk"),
    "sector": N_("Sector"),
    "hours": N_("Uren per week"),
    "suitable_for": N_("Geschikt voor"),
    "organisation_type": N_("Soort organisatie"),
    "paid": N_("Betaald of onbetaald"),
    "level": N_("Niveau van je opleiding"),
    "route": N_("Leerweg (mbo)"),
    "leerbedrijf": N_("Erkend leerbedrijf"),
    "stagevergoeding": N_("Stagevergoeding"),
}
FACET_VALUES: Mapping[str, tuple[str, ...]] = {
    "kind": OPPORTUNITY_KINDS,
    "wijk": WIJKEN,
    "sector": SECTORS,
    "hours": tuple(band for band, _low, _high in HOURS_BANDS),
    "suitable_for": SUITABLE_FOR,
    "organisation_type": ORGANISATION_TYPES,
    "paid": ("true", "false"),
    "level": EDUCATION_LEVELS,
    "route": LEARNING_ROUTES,
    "leerbedrijf": ("erkend",),
    "stagevergoeding": ("met", "geen"),
}
# Facets whose values are a vocabulary of another name.
FACET_VOCABULARY = {"level": "education_level", "route": "learning_route"}


def facet_label(facet: str, value: str) -> str:
    """The translated label of a facet value; place names stay as they are."""
    if facet == "wijk":
        return value
    return labels.label(FACET_VOCABULARY.get(facet, facet), value)


def facet_legend(facet: str) -> str:
    return gettext(FACET_LEGENDS[facet])


kind_label = labels.kind_label


def language_explanation(level: str) -> str:
    """'Je moet Nederlands kunnen op niveau B1: …' in plain words."""
    explanation = LANGUAGE_LEVEL.get(level)
    if explanation is None:
        return ""
    return gettext(
        "Je moet Nederlands kunnen op niveau %(level)s: %(explanation)s",
        level=level,
        explanation=gettext(explanation),
    )
