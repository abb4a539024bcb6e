"""The shared vocabularies of the platform (see seeds/corpus/README.md).

Stored values are stable codes; labels for people come from gettext. The ``Literal``
types at the end are the same vocabularies as types: the JSON API's parameters and the
forms (``meedoen.web.forms``) use them, so a choice is checked in one way everywhere.
"""

from typing import Literal

OPPORTUNITY_KINDS = ("vrijwilligerswerk", "stage", "leerwerkplek", "betaald_werk", "dagbesteding")
OPPORTUNITY_STATUSES = ("open", "gesloten", "concept")
SUITABLE_FOR = (
    "jongeren",
    "zonder_ervaring",
    "met_begeleiding",
    "statushouders",
    "55plus",
    "weinig_nederlands",
)
LANGUAGE_LEVELS = ("A1", "A2", "B1", "B2", "C1")
# What Stagemarkt asks of a stage: the level of education it suits and, for mbo, the
# learning route (BOL: school with stages; BBL: a job with a day of school a week).
STAGE_KINDS = ("stage", "leerwerkplek")
EDUCATION_LEVELS = ("vmbo", "mbo1", "mbo2", "mbo3", "mbo4", "hbo", "wo")
LEARNING_ROUTES = ("bol", "bbl")
ORGANISATION_TYPES = (
    "bedrijf",
    "wijkgilde",
    "power",
    "welzijn",
    "onderwijs",
    "zorg",
    "vereniging",
    "stichting",
    "gemeente",
)
WIJKEN = (
    "Stadsveld",
    "'t Zwering",
    "Wijk20",
    "Pathmos",
    "Boswinkel",
    "West Boswinkel",
    "Ruwenbos",
    "Boekelo",
    "Usselo",
    "Twekkelo",
    "Havengebied Twentekanaal",
    "Bedrijventerrein Westerval",
    "Bedrijvenpark Zuiderval",
)
RESIDENTIAL_WIJKEN = WIJKEN[:10]
SECTORS = (
    "welzijn en buurt",
    "participatie en re-integratie",
    "overheid",
    "cultuur en bibliotheek",
    "detailhandel",
    "onderwijs",
    "zorg",
    "kinderopvang",
    "sport en recreatie",
    "groen",
    "logistiek",
    "metaal en techniek",
    "installatie en elektro",
    "bouw",
    "voedingsmiddelen",
    "horeca",
    "schoonmaak",
    "ICT",
    "automotive",
    "productie",
    "textiel",
)
LADDER_RUNGS = (1, 2, 3, 4, 5, 6)
# Hours bands are overlapping ranges on purpose: a 12-20 hour job suits someone looking
# for "9-16" and someone looking for "17-24", so it carries both bands.
HOURS_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0-8", 0, 8),
    ("9-16", 9, 16),
    ("17-24", 17, 24),
    ("25-32", 25, 32),
    ("33+", 33, 10_000),
)
AGE_BANDS = ("tot27", "27-54", "55plus", "onbekend")
# The shared skills vocabulary (seeds/corpus/README.md): offered as suggestions, while a
# resident may always type a skill of their own.
SKILLS = (
    "klantvriendelijk",
    "samenwerken",
    "zelfstandig werken",
    "nauwkeurig",
    "communicatief",
    "geduldig",
    "luisteren",
    "stressbestendig",
    "flexibel",
    "fysiek fit",
    "plannen en organiseren",
    "Nederlandse taal",
    "Engelse taal",
    "Duitse taal",
    "meertalig",
    "rekenen",
    "administratie",
    "computervaardigheden",
    "Microsoft Office",
    "telefoneren",
    "social media",
    "computerhulp",
    "programmeren",
    "webontwikkeling",
    "netwerkbeheer",
    "data-analyse",
    "kassa",
    "verkoop",
    "vakkenvullen",
    "voorraadbeheer",
    "orderpicken",
    "inpakken",
    "laden en lossen",
    "heftruck",
    "reachtruck",
    "rijbewijs B",
    "rijbewijs BE",
    "rijbewijs C",
    "technisch inzicht",
    "montage",
    "lassen",
    "metaalbewerking",
    "CNC-bediening",
    "tekening lezen",
    "elektrotechniek",
    "installatietechniek",
    "autotechniek",
    "fietsreparatie",
    "repareren",
    "timmeren",
    "schilderen",
    "klussen",
    "VCA",
    "tuinonderhoud",
    "snoeien",
    "moestuinieren",
    "dierverzorging",
    "koken",
    "bakken",
    "bediening",
    "hygiënisch werken",
    "schoonmaken",
    "omgaan met ouderen",
    "omgaan met dementie",
    "omgaan met kinderen",
    "omgaan met jongeren",
    "persoonlijke verzorging",
    "begeleiden",
    "EHBO",
    "voorlezen",
    "taalcoaching",
    "huiswerkbegeleiding",
    "sport en bewegen",
    "training geven",
    "creatief",
    "muziek",
    "naaien",
    "fotografie",
    "evenementen organiseren",
)
# The interests the matching vocabulary (matching/vocabulary.json) knows, in its order.
INTERESTS = (
    "techniek",
    "buiten werken",
    "dieren",
    "koken en eten",
    "sport",
    "muziek",
    "kinderen",
    "ouderen",
    "computers",
    "auto's en motoren",
    "mode en textiel",
    "lezen en taal",
    "klussen",
    "tuinieren",
    "logistiek",
    "zorg",
    "winkel en verkoop",
    "creatief",
    "fietsen",
    "gamen",
    "buurt en samenleving",
    "evenementen",
    "bouw",
    "administratie",
    "horeca",
    "onderwijs",
    "schoonmaak",
)
VISIBILITIES = ("private", "coach", "findable")
ROLES = ("resident", "organisation", "coach", "admin")

# The vocabularies as types (the OpenAPI schema's enumerations, the forms' choices).
HOURS_BAND_CODES = tuple(band for band, _low, _high in HOURS_BANDS)
Kind = Literal[OPPORTUNITY_KINDS]  # type: ignore[valid-type]
Wijk = Literal[WIJKEN]  # type: ignore[valid-type]
Sector = Literal[SECTORS]  # type: ignore[valid-type]
HoursBand = Literal[HOURS_BAND_CODES]  # type: ignore[valid-type]
Audience = Literal[SUITABLE_FOR]  # type: ignore[valid-type]
OrganisationType = Literal[ORGANISATION_TYPES]  # type: ignore[valid-type]
EducationLevel = Literal[EDUCATION_LEVELS]  # type: ignore[valid-type]
LearningRoute = Literal[LEARNING_ROUTES]  # type: ignore[valid-type]
LanguageLevel = Literal[LANGUAGE_LEVELS]  # type: ignore[valid-type]
OpportunityStatus = Literal[OPPORTUNITY_STATUSES]  # type: ignore[valid-type]
Visibility = Literal[VISIBILITIES]  # type: ignore[valid-type]
Interest = Literal[INTERESTS]  # type: ignore[valid-type]
