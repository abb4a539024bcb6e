"""Words residents read for the stored codes of an opportunity (translated where shown)."""

from __future__ import annotations

from collections.abc import Mapping

from meedoen.i18n import N_, gettext
from meedoen.search.documents import HOURS_BANDS
from meedoen.vocabulary import (
    OPPORTUNITY_KINDS,
    ORGANISATION_TYPES,
    SECTORS,
    SUITABLE_FOR,
    WIJKEN,
)

KIND = {
    "vrijwilligerswerk": N_("Vrijwilligerswerk"),
    "stage": N_("Stage"),
    "leerwerkplek": N_("Leerwerkplek"),
    "betaald_werk": N_("Betaald werk"),
    "dagbesteding": N_("Dagbesteding"),
}
HOURS = {
    "0-8": N_("tot 8 uur"),
    "9-16": N_("9 tot 16 uur"),
    "17-24": N_("17 tot 24 uur"),
    "25-32": N_("25 tot 32 uur"),
    "33+": N_("33 uur of meer"),
}
SUITABLE = {
    "jongeren": N_("jongeren"),
    "zonder_ervaring": N_("zonder ervaring"),
    "met_begeleiding": N_("met begeleiding"),
    "statushouders": N_("statushouders"),
    "55plus": N_("55-plussers"),
    "weinig_nederlands": N_("als je weinig Nederlands spreekt"),
}
ORGANISATION_TYPE = {
    "bedrijf": N_("bedrijf"),
    "wijkgilde": N_("Wijkgilde"),
    "power": N_("POWER"),
    "welzijn": N_("welzijnsorganisatie"),
    "onderwijs": N_("school of opleiding"),
    "zorg": N_("zorgorganisatie"),
    "vereniging": N_("vereniging of club"),
    "stichting": N_("stichting"),
    "gemeente": N_("gemeente"),
}
PAID = {"true": N_("betaald"), "false": N_("onbetaald")}
SECTOR = {
    "welzijn en buurt": N_("welzijn en buurt"),
    "participatie en re-integratie": N_("participatie en re-integratie"),
    "overheid": N_("overheid"),
    "cultuur en bibliotheek": N_("cultuur en bibliotheek"),
    "detailhandel": N_("winkels"),
    "onderwijs": N_("onderwijs"),
    "zorg": N_("zorg"),
    "kinderopvang": N_("kinderopvang"),
    "sport en recreatie": N_("sport en recreatie"),
    "groen": N_("groen en tuinen"),
    "logistiek": N_("logistiek en magazijn"),
    "metaal en techniek": N_("metaal en techniek"),
    "installatie en elektro": N_("installatie en elektro"),
    "bouw": N_("bouw"),
    "voedingsmiddelen": N_("voeding"),
    "horeca": N_("horeca"),
    "schoonmaak": N_("schoonmaak"),
    "ICT": N_("ICT en computers"),
    "automotive": N_("auto's en garages"),
    "productie": N_("productie"),
    "textiel": N_("textiel"),
}
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
}
FACET_VALUES: Mapping[str, tuple[str, ...]] = {
    "kind": OPPORTUNITY_KINDS,
    "wijk": WIJKEN,
    "sector": SECTORS,
    "hours": tuple(band for band, _low, _high in HOURS_BANDS),
    "suitable_for": SUITABLE_FOR,
    "organisation_type": ORGANISATION_TYPES,
    "paid": ("true", "false"),
}
_FACET_LABELS: Mapping[str, Mapping[str, str]] = {
    "kind": KIND,
    "sector": SECTOR,
    "hours": HOURS,
    "suitable_for": SUITABLE,
    "organisation_type": ORGANISATION_TYPE,
    "paid": PAID,
}


def facet_label(facet: str, value: str) -> str:
    """The translated label of a facet value; place names stay as they are."""
    label = _FACET_LABELS.get(facet, {}).get(value)
    return gettext(label) if label else value


def facet_legend(facet: str) -> str:
    return gettext(FACET_LEGENDS[facet])


def kind_label(kind: str) -> str:
    return facet_label("kind", kind)


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
