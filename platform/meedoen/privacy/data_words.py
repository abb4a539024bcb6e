"""The data overview in words: every field named as a person would say it.

``export.everything_about`` gives machine keys (the JSON download keeps them); this turns
the same dictionary into sections of "Je naam: Fatima", "Wie je profiel mag zien: alleen
je coach", dates as "6 december 2026, 23:20", and saved searches as the words and
filters the person chose. A key without a label here is shown with a general one rather
than as a code, and a test fails, so a new column cannot slip in as raw text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from meedoen.alerts.service import FREQUENCY_LABELS, describe
from meedoen.audit.words import action_words
from meedoen.formatting import day, moment
from meedoen.i18n import N_, gettext
from meedoen.labels import KIND
from meedoen.notifications.kinds import DELIVERY_LABELS, KINDS
from meedoen.placements.ladder import RUNG_LABELS
from meedoen.placements.pipeline import KIND_LABELS as PLACEMENT_KIND_LABELS
from meedoen.placements.pipeline import STATUS_LABELS as PLACEMENT_STATUS_LABELS
from meedoen.residents.choices import DAY_LABELS
from meedoen.responses.responding import SHARE_LABELS
from meedoen.responses.service import STATUS_LABELS as RESPONSE_STATUS_LABELS


@dataclass
class Group:
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Section:
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    empty: str = ""


SECTIONS = {
    "account": N_("Je account"),
    "profile": N_("Je profiel"),
    "saved_searches": N_("Je bewaarde zoekopdrachten"),
    "responses": N_("Je reacties"),
    "proposals": N_("Kansen die organisaties je voorstelden"),
    "waiting_for_a_parent": N_("Reacties en aanmeldingen die wachten op je ouder of verzorger"),
    "coaching": N_("Je coach"),
    "placements": N_("Je plaatsingen"),
    "participation_ladder": N_("Je trede op de participatieladder"),
    "agreements": N_("Je afspraken met je coach"),
    "path_settings": N_("Wat je coach je laat zien over hoe het gaat"),
    "hours": N_("Je uren"),
    "proofs_of_participation": N_("Je bewijzen van meedoen"),
    "notifications": N_("Je meldingen"),
    "notification_choices": N_("Wanneer je e-mail krijgt"),
    "access_log": N_("Wie je gegevens bekeek"),
    "coach_card": N_("Wat bewoners over jou als coach zien"),
    "talent_scan": N_("Je talentscan"),
}

LABELS = {
    "email": N_("Je e-mailadres"),
    "display_name": N_("Je naam"),
    "role": N_("Soort account"),
    "language": N_("Taal van de website en je e-mails"),
    "created_at": N_("Gemaakt op"),
    "email_verified_at": N_("E-mailadres bevestigd op"),
    "last_sign_in_at": N_("Laatst ingelogd op"),
    "ref": N_("Nummer"),
    "first_name": N_("Je voornaam"),
    "wijk": N_("Je wijk"),
    "birth_year": N_("Je geboortejaar"),
    "skills": N_("Wat je kunt"),
    "interests": N_("Wat je leuk vindt"),
    "preferred_kinds": N_("Wat je zoekt"),
    "hours_per_week": N_("Uren per week"),
    "days_available": N_("Dagen dat je kunt"),
    "language_level": N_("Je Nederlands (taalniveau)"),
    "has_driving_licence": N_("Rijbewijs"),
    "summary": N_("Over jezelf"),
    "ladder_rung": N_("Je trede op de participatieladder"),
    "visibility": N_("Wie je profiel mag zien"),
    "cv_uploaded_at": N_("Cv gezet op"),
    "updated_at": N_("Laatst veranderd op"),
    "has_cv": N_("Cv"),
    "query": N_("Wat je zocht"),
    "frequency": N_("Hoe vaak je e-mail krijgt"),
    "last_sent_at": N_("Laatste e-mail op"),
    "opportunity": N_("Kans"),
    "meeting": N_("Activiteit"),
    "guardian_email": N_("E-mailadres van je ouder of verzorger"),
    "organisation": N_("Organisatie"),
    "message": N_("Je bericht"),
    "shared": N_("Wat je deelde met de organisatie"),
    "contact_email": N_("E-mailadres dat je deelde"),
    "contact_phone": N_("Telefoonnummer dat je deelde"),
    "status": N_("Status"),
    "status_changed_at": N_("Status veranderd op"),
    "messages": N_("Berichten"),
    "author_side": N_("Van"),
    "text": N_("Tekst"),
    "coach": N_("Coach"),
    "consent_recorded_at": N_("Toestemming gegeven op"),
    "consent_note": N_("Wat je coach over je toestemming schreef"),
    "started_at": N_("Begonnen op"),
    "ended_at": N_("Gestopt op"),
    "kind": N_("Soort"),
    "start_date": N_("Begin"),
    "planned_end_date": N_("Gepland einde"),
    "description": N_("Omschrijving"),
    "outcome_note": N_("Resultaat"),
    "rung": N_("Trede"),
    "recorded_on": N_("Vastgelegd op"),
    "occasion": N_("Aanleiding"),
    "motivation": N_("Waarom deze trede"),
    "action": N_("Wat er gebeurde"),
    "at": N_("Wanneer"),
    "by_role": N_("Door"),
    "title": N_("Melding"),
    "read_at": N_("Gelezen op"),
    "delivery": N_("Hoe"),
    "doer": N_("Wie het doet"),
    "due_on": N_("Datum"),
    "done_at": N_("Klaar op"),
    "note": N_("Notitie"),
    "show_step": N_("Stapnummer zichtbaar"),
    "progress_words": N_("Woorden van je coach"),
    "placement": N_("Plek"),
    "team": N_("Team"),
    "phone": N_("Telefoonnummer"),
    "availability": N_("Wanneer bereikbaar"),
    "week_of": N_("Week van"),
    "minutes": N_("Minuten"),
    "confirmed_minutes": N_("Bevestigde minuten"),
    "confirmed_at": N_("Bevestigd op"),
    "requested_at": N_("Gevraagd op"),
    "issued_at": N_("Uitgegeven op"),
    "withdrawn_at": N_("Ingetrokken op"),
    "content": N_("Inhoud"),
    "finished_at": N_("Klaar op"),
    "answers": N_("Je antwoorden"),
    "accepted_at": N_("In je profiel gezet op"),
}

ROLE_WORDS = {
    "resident": N_("Bewoner"),
    "organisation": N_("Organisatie"),
    "coach": N_("Coach"),
    "admin": N_("Beheerder"),
}
LANGUAGE_WORDS = {"nl": "Nederlands", "en": "English"}
SIDE_WORDS = {"organisation": N_("De organisatie"), "resident": N_("Jij")}
VISIBILITY_WORDS = {
    "private": N_("alleen jij"),
    "coach": N_("alleen je coach"),
    "findable": N_("je coach en gecontroleerde organisaties (je bent vindbaar)"),
}


def _words(mapping: dict[str, str]) -> Callable[[Any], str]:
    return lambda value: gettext(mapping[value]) if value in mapping else str(value)


def _each(mapping: dict[str, str]) -> Callable[[Any], str]:
    return lambda values: ", ".join(_words(mapping)(v) for v in values or []) or "–"


VALUES: dict[str, Callable[[Any], str]] = {
    "role": _words(ROLE_WORDS),
    "language": lambda code: LANGUAGE_WORDS.get(code, code),
    "visibility": _words(VISIBILITY_WORDS),
    "days_available": _each(DAY_LABELS),
    "preferred_kinds": _each(KIND),
    "shared": _each(SHARE_LABELS),
    "frequency": _words(FREQUENCY_LABELS),
    "author_side": _words(SIDE_WORDS),
    "ladder_rung": _words({str(k): v for k, v in RUNG_LABELS.items()}),
    "rung": lambda rung: gettext(RUNG_LABELS[rung]) if rung in RUNG_LABELS else str(rung),
    "delivery": _words(DELIVERY_LABELS),
    "query": describe,
    "action": action_words,
    "by_role": _words(ROLE_WORDS),
    "answers": lambda answers: " · ".join(answers or []) or "–",
}
STATUS_WORDS = {"responses": RESPONSE_STATUS_LABELS, "placements": PLACEMENT_STATUS_LABELS}


def label(key: str) -> str:
    return gettext(LABELS[key]) if key in LABELS else gettext("Ander gegeven")


def text(key: str, value: Any, section: str = "") -> str:
    """A value as words: dates in the reader's language, yes/no, codes as labels."""
    if value is None or value == "" or value == []:
        return "–"
    if key == "status" and section in STATUS_WORDS:
        return _words(STATUS_WORDS[section])(value)
    if key == "kind" and section == "placements":
        return _words(PLACEMENT_KIND_LABELS)(value)
    if key == "kind" and section == "notification_choices":
        return gettext(KINDS[value].setting) if value in KINDS else str(value)
    if key == "ladder_rung":
        return gettext(RUNG_LABELS[value]) if value in RUNG_LABELS else str(value)
    if key in VALUES:
        return VALUES[key](value)
    if isinstance(value, bool):
        return gettext("Ja") if value else gettext("Nee")
    if isinstance(value, dt.datetime):
        return moment(value)
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _fields(row: dict[str, Any], section: str) -> list[tuple[str, str]]:
    return [
        (label(key), text(key, value, section))
        for key, value in row.items()
        if not isinstance(value, list | dict) or key in VALUES or key in ("skills", "interests")
    ]


def sections(data: dict[str, Any]) -> list[Section]:
    """The export as sections a person can read, in a fixed order."""
    shown: list[Section] = []
    for key, content in data.items():
        section = Section(gettext(SECTIONS.get(key, N_("Andere gegevens"))))
        if isinstance(content, dict) and key == "coaching":
            for coach in content.get("coaches", []):
                section.groups.append(Group(gettext("Je coach"), _fields(coach, key)))
            for note in content.get("notes", []):
                section.groups.append(Group(gettext("Notitie van je coach"), _fields(note, key)))
        elif isinstance(content, dict):
            section.fields = _fields(content, key)
        else:
            for row in content:
                group = Group(_group_title(key, row), _fields(row, key))
                for message in row.get("messages", []):
                    group.fields.append(
                        (
                            gettext("Bericht"),
                            f"{text('author_side', message['author_side'])}"
                            f" ({moment(message['created_at'])}): {message['text']}",
                        )
                    )
                section.groups.append(group)
        if not section.fields and not section.groups:
            section.empty = gettext("Hierover hebben we niets van je.")
        shown.append(section)
    return shown


def _group_title(key: str, row: dict[str, Any]) -> str:
    if key == "saved_searches":
        return describe(str(row.get("query", "")))
    if key == "access_log":
        return f"{text('action', row.get('action'))}"
    for name in ("opportunity", "meeting", "title", "organisation"):
        if row.get(name):
            return str(row[name])
    return gettext(SECTIONS.get(key, N_("Andere gegevens")))
