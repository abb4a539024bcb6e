"""The words people read for the platform's stored codes: one place for Python and templates.

Every vocabulary in ``meedoen.vocabulary`` has its Dutch label here, marked for
translation; the English lives in ``locale/en/LC_MESSAGES/*.po`` and a test fails when a
word has none. Templates use the same functions: ``label("kind", o.kind)`` and
``o.skills|labels("skill")``.

A code that is not in its vocabulary (a skill a resident typed, a place name) is shown
as it is: it is the person's own word, not ours to translate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from meedoen.i18n import LANGUAGES, N_, gettext, language, translations
from meedoen.vocabulary import (
    AGE_BANDS,
    EDUCATION_LEVELS,
    HOURS_BANDS,
    INTERESTS,
    LADDER_RUNGS,
    LANGUAGE_LEVELS,
    LEARNING_ROUTES,
    OPPORTUNITY_KINDS,
    OPPORTUNITY_STATUSES,
    ORGANISATION_TYPES,
    ROLES,
    SECTORS,
    SKILLS,
    SUITABLE_FOR,
)

KIND = {
    "vrijwilligerswerk": N_("Vrijwilligerswerk"),
    "stage": N_("Stage"),
    "leerwerkplek": N_("Leerwerkplek"),
    "betaald_werk": N_("Betaald werk"),
    "dagbesteding": N_("Dagbesteding"),
}
# The kind inside a sentence: "Je zoekt een stage" / "You are looking for an internship".
KIND_PHRASE = {
    "vrijwilligerswerk": N_("vrijwilligerswerk"),
    "stage": N_("een stage"),
    "leerwerkplek": N_("een leerwerkplek"),
    "betaald_werk": N_("betaald werk"),
    "dagbesteding": N_("dagbesteding"),
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
SKILL = {
    "klantvriendelijk": N_("klantvriendelijk"),
    "samenwerken": N_("samenwerken"),
    "zelfstandig werken": N_("zelfstandig werken"),
    "nauwkeurig": N_("nauwkeurig"),
    "communicatief": N_("communicatief"),
    "geduldig": N_("geduldig"),
    "luisteren": N_("luisteren"),
    "stressbestendig": N_("stressbestendig"),
    "flexibel": N_("flexibel"),
    "fysiek fit": N_("fysiek fit"),
    "plannen en organiseren": N_("plannen en organiseren"),
    "Nederlandse taal": N_("Nederlandse taal"),
    "Engelse taal": N_("Engelse taal"),
    "Duitse taal": N_("Duitse taal"),
    "meertalig": N_("meertalig"),
    "rekenen": N_("rekenen"),
    "administratie": N_("administratie"),
    "computervaardigheden": N_("computervaardigheden"),
    "Microsoft Office": N_("Microsoft Office"),
    "telefoneren": N_("telefoneren"),
    "social media": N_("social media"),
    "computerhulp": N_("computerhulp"),
    "programmeren": N_("programmeren"),
    "webontwikkeling": N_("webontwikkeling"),
    "netwerkbeheer": N_("netwerkbeheer"),
    "data-analyse": N_("data-analyse"),
    "kassa": N_("kassa"),
    "verkoop": N_("verkoop"),
    "vakkenvullen": N_("vakkenvullen"),
    "voorraadbeheer": N_("voorraadbeheer"),
    "orderpicken": N_("orderpicken"),
    "inpakken": N_("inpakken"),
    "laden en lossen": N_("laden en lossen"),
    "heftruck": N_("heftruck"),
    "reachtruck": N_("reachtruck"),
    "rijbewijs B": N_("rijbewijs B"),
    "rijbewijs BE": N_("rijbewijs BE"),
    "rijbewijs C": N_("rijbewijs C"),
    "technisch inzicht": N_("technisch inzicht"),
    "montage": N_("montage"),
    "lassen": N_("lassen"),
    "metaalbewerking": N_("metaalbewerking"),
    "CNC-bediening": N_("CNC-bediening"),
    "tekening lezen": N_("tekening lezen"),
    "elektrotechniek": N_("elektrotechniek"),
    "installatietechniek": N_("installatietechniek"),
    "autotechniek": N_("autotechniek"),
    "fietsreparatie": N_("fietsreparatie"),
    "repareren": N_("repareren"),
    "timmeren": N_("timmeren"),
    "schilderen": N_("schilderen"),
    "klussen": N_("klussen"),
    "VCA": N_("VCA"),
    "tuinonderhoud": N_("tuinonderhoud"),
    "snoeien": N_("snoeien"),
    "moestuinieren": N_("moestuinieren"),
    "dierverzorging": N_("dierverzorging"),
    "koken": N_("koken"),
    "bakken": N_("bakken"),
    "bediening": N_("bediening"),
    "hygiënisch werken": N_("hygiënisch werken"),
    "schoonmaken": N_("schoonmaken"),
    "omgaan met ouderen": N_("omgaan met ouderen"),
    "omgaan met dementie": N_("omgaan met dementie"),
    "omgaan met kinderen": N_("omgaan met kinderen"),
    "omgaan met jongeren": N_("omgaan met jongeren"),
    "persoonlijke verzorging": N_("persoonlijke verzorging"),
    "begeleiden": N_("begeleiden"),
    "EHBO": N_("EHBO"),
    "voorlezen": N_("voorlezen"),
    "taalcoaching": N_("taalcoaching"),
    "huiswerkbegeleiding": N_("huiswerkbegeleiding"),
    "sport en bewegen": N_("sport en bewegen"),
    "training geven": N_("training geven"),
    "creatief": N_("creatief"),
    "muziek": N_("muziek"),
    "naaien": N_("naaien"),
    "fotografie": N_("fotografie"),
    "evenementen organiseren": N_("evenementen organiseren"),
}
INTEREST = {
    "techniek": N_("techniek"),
    "buiten werken": N_("buiten werken"),
    "dieren": N_("dieren"),
    "koken en eten": N_("koken en eten"),
    "sport": N_("sport"),
    "muziek": N_("muziek"),
    "kinderen": N_("kinderen"),
    "ouderen": N_("ouderen"),
    "computers": N_("computers"),
    "auto's en motoren": N_("auto's en motoren"),
    "mode en textiel": N_("mode en textiel"),
    "lezen en taal": N_("lezen en taal"),
    "klussen": N_("klussen"),
    "tuinieren": N_("tuinieren"),
    "logistiek": N_("logistiek"),
    "zorg": N_("zorg"),
    "winkel en verkoop": N_("winkel en verkoop"),
    "creatief": N_("creatief"),
    "fietsen": N_("fietsen"),
    "gamen": N_("gamen"),
    "buurt en samenleving": N_("buurt en samenleving"),
    "evenementen": N_("evenementen"),
    "bouw": N_("bouw"),
    "administratie": N_("administratie"),
    "horeca": N_("horeca"),
    "onderwijs": N_("onderwijs"),
    "schoonmaak": N_("schoonmaak"),
}
# The level's name as a short label; opportunities.labels explains each level in a sentence.
LANGUAGE_LEVEL = {
    "A1": N_("A1: een paar woorden"),
    "A2": N_("A2: korte, makkelijke zinnen"),
    "B1": N_("B1: de meeste gesprekken op het werk"),
    "B2": N_("B2: ook moeilijkere gesprekken"),
    "C1": N_("C1: bijna zonder moeite"),
}
EDUCATION_LEVEL = {
    "vmbo": N_("vmbo"),
    "mbo1": N_("mbo niveau 1"),
    "mbo2": N_("mbo niveau 2"),
    "mbo3": N_("mbo niveau 3"),
    "mbo4": N_("mbo niveau 4"),
    "hbo": N_("hbo"),
    "wo": N_("wo (universiteit)"),
}
LEARNING_ROUTE = {
    "bol": N_("BOL: leren op school, met stage"),
    "bbl": N_("BBL: werken en leren"),
}
RECOGNISED = {"erkend": N_("alleen erkende leerbedrijven")}
STAGE_ALLOWANCE = {"met": N_("met stagevergoeding"), "geen": N_("zonder stagevergoeding")}
ROLE = {
    "resident": N_("Bewoner"),
    "organisation": N_("Organisatie"),
    "coach": N_("Coach"),
    "admin": N_("Beheerder"),
}
OPPORTUNITY_STATUS = {
    "open": N_("Gepubliceerd"),
    "gesloten": N_("Gesloten"),
    "concept": N_("Concept"),
}
RUNG = {
    1: N_("Geïsoleerd"),
    2: N_("Sociale contacten buiten de deur"),
    3: N_("Deelname aan georganiseerde activiteiten"),
    4: N_("Onbetaald werk"),
    5: N_("Betaald werk met ondersteuning"),
    6: N_("Betaald werk"),
}
AGE_BAND = {
    "tot27": N_("Jonger dan 27"),
    "27-54": N_("27 tot en met 54"),
    "55plus": N_("55 en ouder"),
    "onbekend": N_("Leeftijd onbekend"),
}
MONTH = {
    1: N_("januari"),
    2: N_("februari"),
    3: N_("maart"),
    4: N_("april"),
    5: N_("mei"),
    6: N_("juni"),
    7: N_("juli"),
    8: N_("augustus"),
    9: N_("september"),
    10: N_("oktober"),
    11: N_("november"),
    12: N_("december"),
}
DAY = {
    "ma": N_("maandag"),
    "di": N_("dinsdag"),
    "wo": N_("woensdag"),
    "do": N_("donderdag"),
    "vr": N_("vrijdag"),
    "za": N_("zaterdag"),
    "zo": N_("zondag"),
}

VOCABULARIES: Mapping[str, Mapping[Any, str]] = {
    "kind": KIND,
    "kind_phrase": KIND_PHRASE,
    "hours": HOURS,
    "suitable_for": SUITABLE,
    "organisation_type": ORGANISATION_TYPE,
    "paid": PAID,
    "sector": SECTOR,
    "skill": SKILL,
    "interest": INTEREST,
    "language_level": LANGUAGE_LEVEL,
    "education_level": EDUCATION_LEVEL,
    "learning_route": LEARNING_ROUTE,
    "leerbedrijf": RECOGNISED,
    "stagevergoeding": STAGE_ALLOWANCE,
    "role": ROLE,
    "opportunity_status": OPPORTUNITY_STATUS,
    "rung": RUNG,
    "age_band": AGE_BAND,
    "month": MONTH,
    "day": DAY,
}
# Which codes each vocabulary must cover: the shared vocabularies, in their order.
CODES: Mapping[str, tuple[object, ...]] = {
    "kind": OPPORTUNITY_KINDS,
    "kind_phrase": OPPORTUNITY_KINDS,
    "hours": tuple(band for band, _low, _high in HOURS_BANDS),
    "suitable_for": SUITABLE_FOR,
    "organisation_type": ORGANISATION_TYPES,
    "paid": ("true", "false"),
    "sector": SECTORS,
    "skill": SKILLS,
    "interest": INTERESTS,
    "language_level": LANGUAGE_LEVELS,
    "education_level": EDUCATION_LEVELS,
    "learning_route": LEARNING_ROUTES,
    "leerbedrijf": ("erkend",),
    "stagevergoeding": ("met", "geen"),
    "role": ROLES,
    "opportunity_status": OPPORTUNITY_STATUSES,
    "rung": LADDER_RUNGS,
    "age_band": AGE_BANDS,
    "month": tuple(range(1, 13)),
    "day": tuple(DAY),
}


def dutch(vocabulary: str, code: object) -> str:
    """The Dutch label, untranslated (search documents are Dutch whatever the reader's
    language); a code outside the vocabulary comes back as it is."""
    found = VOCABULARIES[vocabulary].get(code)
    return found if found is not None else str(code if code is not None else "")


def label(vocabulary: str, code: object) -> str:
    """The label in the current language; a code outside the vocabulary as it is."""
    found = VOCABULARIES[vocabulary].get(code)
    return gettext(found) if found is not None else str(code if code is not None else "")


def label_in(lang: str, vocabulary: str, code: object) -> str:
    """The label in ``lang`` ("nl" or "en"), e.g. for texts kept in both languages."""
    with language(lang):
        return label(vocabulary, code)


def labels(codes: Iterable[object] | None, vocabulary: str) -> list[str]:
    """Each code's label, in the order given (the Jinja filter ``labels``)."""
    return [label(vocabulary, code) for code in codes or ()]


def choices(vocabulary: str) -> list[tuple[str, str]]:
    """(code, label) pairs in the vocabulary's own order, for selects and checkboxes."""
    return [(str(code), label(vocabulary, code)) for code in CODES[vocabulary]]


def first_upper(text: str) -> str:
    """'zonder ervaring' -> 'Zonder ervaring', leaving 'POWER' and 'ICT' alone."""
    return text[:1].upper() + text[1:]


def kind_label(kind: str) -> str:
    return label("kind", kind)


def kind_phrase(kind: str) -> str:
    return label("kind_phrase", kind)


def month_label(month: str) -> str:
    """'2026-03' → 'maart 2026' / 'March 2026'."""
    year, number = month.split("-")
    return f"{label('month', int(number))} {year}"


def is_known(vocabulary: str, code: object) -> bool:
    return code in VOCABULARIES[vocabulary]


def _key(word: str) -> str:
    return " ".join(word.casefold().split())


@cache
def _codes_by_word(vocabulary: str) -> dict[str, str]:
    """Every way a word of ``vocabulary`` is written (code, Dutch, English) → its code."""
    found: dict[str, str] = {}
    for code, dutch_label in VOCABULARIES[vocabulary].items():
        words = {str(code), dutch_label}
        words |= {translations(lang).gettext(dutch_label) for lang in LANGUAGES}
        for word in words:
            found.setdefault(_key(word), str(code))
    return found


def code_of(vocabulary: str, word: str) -> str:
    """The stored code for a word someone typed in Dutch or English ("forklift truck" →
    "heftruck"), ignoring case and extra spaces; a word the vocabulary does not know stays
    as typed (people may use their own words)."""
    return _codes_by_word(vocabulary).get(_key(word), word)


def codes_of(vocabulary: str, words: Iterable[str]) -> list[str]:
    """``code_of`` for each word, in order, each code once."""
    return list(dict.fromkeys(code_of(vocabulary, word) for word in words))
