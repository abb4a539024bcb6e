"""Every kind of notification: who gets it, what it says, and how it is sent by default.

The sentences are Dutch msgids (B1) with ``%(name)s`` parameters; they are translated
when shown or mailed, in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from meedoen.i18n import N_

DIRECT, DAILY, OFF = "direct", "daily", "off"
DELIVERIES = (DIRECT, DAILY, OFF)
DELIVERY_LABELS = {
    DIRECT: N_("Meteen een e-mail"),
    DAILY: N_("Eén e-mail per dag"),
    OFF: N_("Geen e-mail, alleen hier"),
}


@dataclass(frozen=True)
class Kind:
    code: str
    role: str
    """Who can get it: "resident", "organisation" or "coach"."""
    setting: str
    """How the kind is named on the settings page."""
    title: str
    body: str
    action: str
    """The link text under the message."""
    default: str = DIRECT


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind(
            "response_read",
            "resident",
            N_("De organisatie heeft je reactie gelezen"),
            N_("%(organisation)s heeft je reactie gelezen"),
            N_(
                "%(organisation)s heeft je reactie op ‘%(title)s’ gelezen. Zij nemen contact met je op als het past."
            ),
            N_("Bekijk je reactie"),
            default=DAILY,
        ),
        Kind(
            "response_invited",
            "resident",
            N_("Je bent uitgenodigd voor een gesprek"),
            N_("Je bent uitgenodigd: %(title)s"),
            N_(
                "%(organisation)s wil met je praten over ‘%(title)s’. Kijk bij je reactie wat zij schrijven en spreek een moment af."
            ),
            N_("Bekijk je reactie"),
        ),
        Kind(
            "response_placed",
            "resident",
            N_("Je bent geplaatst"),
            N_("Je bent geplaatst: %(title)s"),
            N_(
                "Goed nieuws! %(organisation)s heeft je geplaatst bij ‘%(title)s’. De organisatie of je coach vertelt je hoe en wanneer je begint."
            ),
            N_("Bekijk je reactie"),
        ),
        Kind(
            "response_declined",
            "resident",
            N_("Een organisatie kiest niet voor je reactie"),
            N_("Over je reactie op %(title)s"),
            N_(
                "%(organisation)s kiest dit keer niet voor jou bij ‘%(title)s’. Dat is jammer. Het zegt niets over wat jij kunt: vaak hebben ze gewoon al iemand. Er zijn meer kansen die bij je passen."
            ),
            N_("Bekijk kansen die erop lijken"),
        ),
        Kind(
            "placement_proposed",
            "resident",
            N_("Je coach stelt een kans voor"),
            N_("Je coach stelt een kans voor: %(title)s"),
            N_(
                "%(coach)s denkt dat ‘%(title)s’ bij %(organisation)s bij je past. Bekijk de kans en praat erover met je coach."
            ),
            N_("Bekijk de kans"),
        ),
        Kind(
            "placement_started",
            "resident",
            N_("Je plaatsing begint"),
            N_("Je bent begonnen: %(title)s"),
            N_(
                "Je plaatsing bij %(organisation)s is begonnen. Veel succes! Heb je een vraag? Vraag het je coach."
            ),
            N_("Bekijk de kans"),
        ),
        Kind(
            "placement_ended",
            "resident",
            N_("Je plaatsing is afgelopen"),
            N_("Je plaatsing is afgelopen: %(title)s"),
            N_(
                "Je plaatsing bij %(organisation)s is afgelopen. Je coach praat met je over wat je nu wilt doen."
            ),
            N_("Zoek een nieuwe kans"),
        ),
        Kind(
            "proof_issued",
            "resident",
            N_("Je bewijs van meedoen is klaar"),
            N_("Je bewijs van meedoen is klaar"),
            N_(
                "%(organisation)s heeft je bewijs van meedoen geschreven. Je kunt het nu downloaden en laten zien aan wie je wilt."
            ),
            N_("Naar je traject"),
        ),
        Kind(
            "proof_requested",
            "organisation",
            N_("Een bewoner vraagt een bewijs van meedoen"),
            N_("%(name)s vraagt een bewijs van meedoen"),
            N_(
                "%(name)s doet mee bij ‘%(title)s’ en vraagt jullie om een bewijs van meedoen. Kies de vaardigheden die %(name)s oefende en schrijf één zin."
            ),
            N_("Schrijf het bewijs"),
        ),
        Kind(
            "hours_waiting",
            "organisation",
            N_("Uren die op jullie wachten (hooguit één keer per maand)"),
            N_("Er wachten uren op jullie"),
            N_(
                "Bewoners schreven uren op bij jullie plekken: %(count)s weken wachten op jullie. Bevestig ze of pas ze aan; dan tellen ze mee voor hun bewijs van meedoen."
            ),
            N_("Bevestig de uren"),
        ),
        Kind(
            "agreement_changed",
            "coach",
            N_("Een bewoner verandert iets aan de afspraken"),
            N_("Een bewoner heeft de afspraken bijgewerkt"),
            N_(
                "%(name)s heeft iets veranderd aan de afspraken: een nieuwe afspraak, een afspraak afgevinkt of een notitie. Kijk in het traject wat er nieuw is."
            ),
            N_("Naar het traject"),
            default=DAILY,
        ),
        Kind(
            "response_received",
            "organisation",
            N_("Iemand reageert op een kans"),
            N_("Nieuwe reactie op %(title)s"),
            N_(
                "Iemand wil meedoen met ‘%(title)s’. Lees de reactie en antwoord binnen een week. Ook een kort bericht helpt: dan weet de bewoner waar die aan toe is."
            ),
            N_("Lees de reactie"),
        ),
        Kind(
            "organisation_verified",
            "organisation",
            N_("Je organisatie is gecontroleerd"),
            N_("%(organisation)s is gecontroleerd"),
            N_(
                "We hebben %(organisation)s gecontroleerd. Je gepubliceerde kansen zijn nu voor iedereen te zien."
            ),
            N_("Naar je kansen"),
        ),
        Kind(
            "organisation_refused",
            "organisation",
            N_("Je organisatie is niet goedgekeurd"),
            N_("%(organisation)s is niet goedgekeurd"),
            N_(
                "We hebben %(organisation)s gecontroleerd, maar we kunnen de organisatie nu niet goedkeuren. Je kansen blijven onzichtbaar. Klopt dit niet? Mail naar meedoenwest@enschede.nl."
            ),
            N_("Naar je organisatie"),
        ),
    )
}


def kinds_for(role: str) -> list[Kind]:
    """The kinds someone with ``role`` can get, in the order of the settings page."""
    return [kind for kind in KINDS.values() if kind.role == role]
