"""The shared vocabularies of the platform (see seeds/corpus/README.md).

Stored values are stable codes; labels for people come from gettext.
"""

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
VISIBILITIES = ("private", "coach", "findable")
ROLES = ("resident", "organisation", "coach", "admin")
