"""Labels for the codes in the dashboard's tables; the vocabularies' words come from
``meedoen.labels``, only the dashboard's own words live here."""

from __future__ import annotations

from meedoen import labels
from meedoen.i18n import N_, gettext

UNKNOWN = N_("Onbekend")
TOTAL = N_("Totaal")
month_label = labels.month_label


def kind_label(kind: str) -> str:
    return labels.kind_label(kind) if kind else gettext(UNKNOWN)


def age_band_label(band: str) -> str:
    return labels.label("age_band", band)


def wijk_label(wijk: str) -> str:
    return wijk or gettext(UNKNOWN)


def sector_label(sector: str) -> str:
    return labels.label("sector", sector) if sector else gettext(UNKNOWN)


def rung_label(rung: int) -> str:
    """'1 geïsoleerd': the number first, so the rungs read in order."""
    return f"{rung} {labels.label('rung', rung)[:1].lower()}{labels.label('rung', rung)[1:]}"
