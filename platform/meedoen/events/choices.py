"""The vocabularies of meetings: stored values are stable codes, labels come from gettext."""

from __future__ import annotations

from typing import Literal

from meedoen.i18n import N_

MEETING_KINDS = (
    "doen_beurs",
    "open_dag",
    "bedrijfsbezoek",
    "meeloopdag",
    "informatiebijeenkomst",
    "workshop",
)
MeetingKind = Literal[MEETING_KINDS]  # type: ignore[valid-type]
KIND_LABELS = {
    "doen_beurs": N_("Doen-beurs"),
    "open_dag": N_("Open dag"),
    "bedrijfsbezoek": N_("Bedrijfsbezoek"),
    "meeloopdag": N_("Meeloopdag of snuffelstage"),
    "informatiebijeenkomst": N_("Informatiebijeenkomst"),
    "workshop": N_("Workshop"),
}
KIND_EXPLANATIONS = {
    "doen_beurs": N_(
        "Een beurs met stands van organisaties uit West. Loop binnen en praat met ze."
    ),
    "open_dag": N_("Een organisatie laat zien wat ze doet. Kijk rond en stel je vragen."),
    "bedrijfsbezoek": N_("Bezoek een bedrijf, alleen of met een groep."),
    "meeloopdag": N_("Loop een dag mee en ontdek of het werk bij je past."),
    "informatiebijeenkomst": N_("Hoor hoe iets werkt en stel je vragen."),
    "workshop": N_("Doe mee en leer iets nieuws, samen met anderen."),
}
MEETING_STATUSES = ("concept", "gepubliceerd", "geannuleerd")
STATUS_LABELS = {
    "concept": N_("Concept"),
    "gepubliceerd": N_("Gepubliceerd"),
    "geannuleerd": N_("Afgelast"),
}
ACCESSIBILITY = ("rolstoel", "ringleiding", "stilteruimte", "invalidentoilet")
ACCESSIBILITY_LABELS = {
    "rolstoel": N_("Zonder drempels of trappen (rolstoel)"),
    "ringleiding": N_("Ringleiding voor slechthorenden"),
    "stilteruimte": N_("Stilteruimte"),
    "invalidentoilet": N_("Toilet voor mensen met een beperking"),
}
LANGUAGES = ("nl", "en", "ar", "tr", "ti", "pl", "uk", "de", "so", "fa")
LANGUAGE_LABELS = {
    "nl": N_("Nederlands"),
    "en": N_("Engels"),
    "ar": N_("Arabisch"),
    "tr": N_("Turks"),
    "ti": N_("Tigrinya"),
    "pl": N_("Pools"),
    "uk": N_("Oekraïens"),
    "de": N_("Duits"),
    "so": N_("Somalisch"),
    "fa": N_("Perzisch"),
}
SIGNUP_STATUSES = ("aangemeld", "wachtlijst", "afgemeld")
SIGNUP_STATUS_LABELS = {
    "aangemeld": N_("Aangemeld"),
    "wachtlijst": N_("Op de wachtlijst"),
    "afgemeld": N_("Afgemeld"),
}
STAND_STATUSES = ("aangevraagd", "geaccepteerd", "geweigerd", "ingetrokken")
STAND_STATUS_LABELS = {
    "aangevraagd": N_("Aangevraagd"),
    "geaccepteerd": N_("Geaccepteerd"),
    "geweigerd": N_("Geweigerd"),
    "ingetrokken": N_("Ingetrokken"),
}
FOLLOW_UPS = ("uitnodiging_reageren", "kans_voorgesteld", "afspraak")
FOLLOW_UP_LABELS = {
    "uitnodiging_reageren": N_("Uitgenodigd om te reageren op een kans"),
    "kans_voorgesteld": N_("Een kans voorgesteld"),
    "afspraak": N_("Een afspraak gepland"),
}
