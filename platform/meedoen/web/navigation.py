"""The menus: what each kind of person can use, and where they are.

The main menu shows a person only the destinations their role opens: a resident never
sees a link that ends in "Dit mag je niet bekijken". The sub-menus of Mijn Meedoen,
Organisatie, Coach and Beheer live here too, so the pages only say which one they show.
Labels are Dutch msgids; the templates translate them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from meedoen.i18n import N_


@dataclass(frozen=True)
class MenuItem:
    href: str
    label: str


SEARCH = MenuItem("/kansen", N_("Kansen zoeken"))
NOTIFICATIONS = MenuItem("/meldingen", N_("Meldingen"))
ACTIVITIES = MenuItem("/activiteiten", N_("Activiteiten"))

MAIN_MENUS: dict[str, tuple[MenuItem, ...]] = {
    "": (SEARCH, ACTIVITIES, MenuItem("/organisatie", N_("Voor organisaties"))),
    "resident": (SEARCH, ACTIVITIES, MenuItem("/mijn", N_("Mijn Meedoen")), NOTIFICATIONS),
    "organisation": (
        SEARCH,
        ACTIVITIES,
        MenuItem("/organisatie", N_("Mijn organisatie")),
        NOTIFICATIONS,
    ),
    "coach": (
        MenuItem("/coach", N_("Mijn caseload")),
        SEARCH,
        ACTIVITIES,
        MenuItem("/doelen", N_("Doelen")),
    ),
    "admin": (
        MenuItem("/beheer", N_("Beheer")),
        MenuItem("/doelen", N_("Doelen")),
        SEARCH,
    ),
}

START_PAGES = {
    "resident": "/mijn",
    "organisation": "/organisatie",
    "coach": "/coach",
    "admin": "/beheer",
}

SUB_MENUS: dict[str, tuple[str, tuple[MenuItem, ...]]] = {
    "mijn": (
        N_("Mijn Meedoen"),
        (
            MenuItem("/mijn", N_("Mijn profiel")),
            MenuItem("/mijn/traject", N_("Mijn traject")),
            MenuItem("/mijn/reacties", N_("Mijn reacties")),
            MenuItem("/mijn/activiteiten", N_("Mijn activiteiten")),
            MenuItem("/mijn/zoekopdrachten", N_("Mijn zoekopdrachten")),
            MenuItem("/mijn/gegevens", N_("Mijn gegevens")),
        ),
    ),
    "organisatie": (
        N_("Organisatie"),
        (
            MenuItem("/organisatie", N_("Kansen")),
            MenuItem("/organisatie/reacties", N_("Reacties")),
            MenuItem("/organisatie/activiteiten", N_("Activiteiten")),
            MenuItem("/organisatie/programmas", N_("Programma’s")),
            MenuItem("/organisatie/uren", N_("Uren en bewijzen")),
            MenuItem("/organisatie/leden", N_("Leden")),
            MenuItem("/organisatie/gegevens", N_("Gegevens")),
        ),
    ),
    "school": (
        N_("School"),
        (
            MenuItem("/school", N_("Klassen en stages")),
            MenuItem("/school/coordinatoren", N_("Coördinatoren")),
            MenuItem("/organisatie/activiteiten", N_("Activiteiten")),
        ),
    ),
    "coach": (
        N_("Coach"),
        (
            MenuItem("/coach", N_("Mijn caseload")),
            MenuItem("/coach/intake", N_("Bewoner inschrijven")),
            MenuItem("/coach/bereikbaarheid", N_("Hoe bewoners je bereiken")),
            NOTIFICATIONS,
        ),
    ),
    "beheer": (
        N_("Beheer"),
        (
            MenuItem("/beheer", N_("Organisaties")),
            MenuItem("/beheer/gebruikers", N_("Gebruikers")),
            MenuItem("/beheer/audit", N_("Auditlog")),
            MenuItem("/beheer/zoekindex", N_("Zoekindex")),
            MenuItem("/beheer/doelen", N_("Doelen beheren")),
            MenuItem("/beheer/programmas", N_("Programma’s")),
            MenuItem("/beheer/inzicht", N_("Inzicht jong talent")),
            MenuItem("/beheer/bewaartermijnen", N_("Bewaartermijnen")),
            MenuItem("/beheer/limieten", N_("Limieten")),
            MenuItem("/beheer/mail", N_("Tegengehouden mail")),
        ),
    ),
    "meldingen": (
        N_("Meldingen"),
        (
            MenuItem("/meldingen", N_("Meldingen")),
            MenuItem("/meldingen/instellingen", N_("Wanneer je mail krijgt")),
        ),
    ),
    # An organisation's owner also chooses per member who hears of new responses.
    "meldingen_eigenaar": (
        N_("Meldingen"),
        (
            MenuItem("/meldingen", N_("Meldingen")),
            MenuItem("/meldingen/instellingen", N_("Wanneer je mail krijgt")),
            MenuItem("/meldingen/leden", N_("E-mail per lid")),
        ),
    ),
}


def main_menu(role: str) -> tuple[MenuItem, ...]:
    """The destinations someone with ``role`` ("" for a visitor) can use, most used first."""
    return MAIN_MENUS.get(role, MAIN_MENUS[""])


def start_page(role: str) -> str:
    """Where someone lands after signing in when they were not on their way somewhere."""
    return START_PAGES.get(role, "/")


def current_state(href: str, path: str, siblings: tuple[MenuItem, ...]) -> str:
    """``aria-current`` for a menu link: "page" on the page itself, "true" inside its
    section (a response under "Mijn reacties"), "" elsewhere. A section's root
    ("/mijn") does not claim pages that a sibling ("/mijn/reacties") holds."""
    if path == href:
        return "page"
    if not path.startswith(href.rstrip("/") + "/"):
        return ""
    longer = [
        item.href
        for item in siblings
        if item.href != href and item.href.startswith(href) and path.startswith(item.href)
    ]
    return "" if longer else "true"


# Why the sign-in page asks: a pattern for the path someone was going to, and the reason.
SIGN_IN_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^/kansen/[^/?]+/reageren"),
        N_("Log in om te reageren op deze kans. Daarna zie je meteen het formulier."),
    ),
    (
        re.compile(r"^/kansen(\?|$)"),
        N_("Log in om deze zoekopdracht te bewaren. Daarna kom je terug bij je zoekopdracht."),
    ),
    (
        re.compile(r"^/mijn(/|\?|$)"),
        N_("Log in om je eigen pagina’s te zien: je profiel, je reacties en je gegevens."),
    ),
    (re.compile(r"^/meldingen(/|\?|$)"), N_("Log in om je meldingen te lezen.")),
    (
        re.compile(r"^/organisatie(/|\?|$)"),
        N_("Log in om de kansen en reacties van je organisatie te beheren."),
    ),
    (re.compile(r"^/coach(/|\?|$)"), N_("Log in als coach om je caseload te zien.")),
)
GENERAL_REASON = N_("Log in om verder te gaan. Daarna kom je terug op de pagina waar je was.")


def why_sign_in(next_path: str) -> str:
    """The sentence on the sign-in page that says why someone is asked to sign in."""
    for pattern, reason in SIGN_IN_REASONS:
        if pattern.match(next_path):
            return reason
    return GENERAL_REASON
