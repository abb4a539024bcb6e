"""Labels for the codes that appear in the dashboard's tables (translated where shown)."""

from __future__ import annotations

from meedoen.i18n import N_, gettext

KIND_LABELS = {
    "vrijwilligerswerk": N_("Vrijwilligerswerk"),
    "stage": N_("Stage"),
    "leerwerkplek": N_("Leerwerkplek"),
    "dagbesteding": N_("Dagbesteding"),
    "betaald_werk": N_("Betaald werk"),
}
AGE_BAND_LABELS = {
    "tot27": N_("Jonger dan 27"),
    "27-54": N_("27 tot en met 54"),
    "55plus": N_("55 en ouder"),
    "onbekend": N_("Leeftijd onbekend"),
}
MONTHS = (
    N_("januari"),
    N_("februari"),
    N_("maart"),
    N_("april"),
    N_("mei"),
    N_("juni"),
    N_("juli"),
    N_("augustus"),
    N_("september"),
    N_("oktober"),
    N_("november"),
    N_("december"),
)
RUNG_LABELS = {
    1: N_("1 geïsoleerd"),
    2: N_("2 sociale contacten buiten de deur"),
    3: N_("3 deelname aan georganiseerde activiteiten"),
    4: N_("4 onbetaald werk"),
    5: N_("5 betaald werk met ondersteuning"),
    6: N_("6 betaald werk"),
}
UNKNOWN = N_("Onbekend")
TOTAL = N_("Totaal")


def kind_label(kind: str) -> str:
    return gettext(KIND_LABELS[kind]) if kind in KIND_LABELS else (kind or gettext(UNKNOWN))


def wijk_label(wijk: str) -> str:
    return wijk or gettext(UNKNOWN)


def sector_label(sector: str) -> str:
    return sector or gettext(UNKNOWN)


def month_label(month: str) -> str:
    """'2026-03' → 'maart 2026'."""
    year, number = month.split("-")
    return f"{gettext(MONTHS[int(number) - 1])} {year}"


def rung_label(rung: int) -> str:
    return gettext(RUNG_LABELS[rung])
