"""Reasons and concerns: stable codes with Dutch (B1) and English texts.

Codes are stable so the UI, logs and tests can rely on them; texts may change.
Every code has a Dutch and an English template; ``reason()`` fills them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final


@dataclass(frozen=True)
class Reason:
    """One reason for (or concern about) a match."""

    code: str
    nl: str
    en: str
    params: dict[str, str] = field(default_factory=dict, compare=False)

    def text(self, lang: str = "nl") -> str:
        """The text in ``lang`` ("nl" or "en")."""
        return self.en if lang == "en" else self.nl


# code -> (Dutch template, English template)
TEMPLATES: Final[dict[str, tuple[str, str]]] = {
    # --- reasons (positive) ---
    "skills_match": ("Past bij je vaardigheden: {skills}", "Matches your skills: {skills}"),
    "skills_related": (
        "Lijkt op wat je al kunt: {skills}",
        "Close to what you can already do: {skills}",
    ),
    "interests_match": ("Past bij je interesse: {interests}", "Fits your interests: {interests}"),
    "wish_match": ("Past bij wat je zoekt: {terms}", "Fits what you are looking for: {terms}"),
    "kind_preferred": ("Je zoekt {kind}", "You are looking for {kind}"),
    "paid_leerwerkplek": (
        "Je leert en je krijgt betaald",
        "You learn and you get paid",
    ),
    "hours_fit": (
        "De uren passen ({hours} uur per week)",
        "The hours fit ({hours} hours a week)",
    ),
    "same_wijk": ("In je eigen wijk: {wijk}", "In your own neighbourhood: {wijk}"),
    "nearby_bike": ("{minutes} minuten fietsen", "{minutes} minutes by bike"),
    "nearby_car": ("{minutes} minuten met de auto", "{minutes} minutes by car"),
    "ladder_next_step": (
        "Volgende stap op de participatieladder",
        "Next step on the participation ladder",
    ),
    "ladder_fits": ("Past bij waar je nu staat", "Fits where you are now"),
    "support": ("Je krijgt begeleiding", "Support or a job coach is provided"),
    "no_experience_needed": ("Geen ervaring nodig", "No experience needed"),
    "little_dutch_ok": ("Te doen met weinig Nederlands", "Possible with little Dutch"),
    "welcome_55plus": ("55-plussers zijn welkom", "People over 55 are welcome"),
    "suits_young": ("Geschikt voor jongeren", "Suitable for young people"),
    "shift_fits": ("De werktijden passen bij je wens", "The working times fit your wish"),
    "training_fits": (
        "Past bij je opleiding of vak: {programme}",
        "Fits your training or trade: {programme}",
    ),
    # --- concerns (weak points) ---
    "closed": ("Deze kans is gesloten", "This opportunity is closed"),
    "too_young": ("Je bent te jong (vanaf {min_age})", "You are too young (from {min_age})"),
    "age_unknown": (
        "Vanaf {min_age} jaar: wij weten je leeftijd niet",
        "From age {min_age}: we do not know your age",
    ),
    "language_gap": (
        "Vraagt taalniveau {required} (jij: {own})",
        "Requires Dutch level {required} (you: {own})",
    ),
    "language_required": (
        "Vraagt taalniveau {required}",
        "Requires Dutch level {required}",
    ),
    "english_posting": (
        "De tekst is in het Engels",
        "The posting is in English",
    ),
    "licence_required": ("{licence} nodig", "Driving licence {licence} required"),
    "licence_unknown": (
        "{licence} nodig: heb je dat?",
        "Driving licence {licence} required: do you have one?",
    ),
    "licence_optional": ("Een rijbewijs is handig", "A driving licence is useful"),
    "hours_mismatch": (
        "Vraagt {hours} uur per week (jij: {own})",
        "Asks {hours} hours a week (you: {own})",
    ),
    "far_away": ("Ver weg: {minutes} minuten fietsen", "Far away: {minutes} minutes by bike"),
    "hard_to_reach": (
        "Lastig te bereiken zonder auto",
        "Hard to reach without a car",
    ),
    "ladder_big_jump": (
        "Grote stap: eerst een tussenstap is slimmer",
        "A big step up: an in-between step is wiser",
    ),
    "ladder_step_down": (
        "Dit is een stap terug op de participatieladder",
        "This is a step down on the participation ladder",
    ),
    "kind_not_preferred": ("Je zoekt vooral {kinds}", "You are mainly looking for {kinds}"),
    "skills_missing": (
        "Vraagt andere vaardigheden: {skills}",
        "Asks for other skills: {skills}",
    ),
    "little_in_common": (
        "Weinig van wat je kunt of wilt doen zit in deze kans",
        "Little of what you can or want to do is in this opportunity",
    ),
    "beginners_place": (
        "Een plek om te leren of te beginnen, en je hebt al jaren ervaring of het vak",
        "A place to learn or to start, and you already have years of experience or the trade",
    ),
    "night_work": ("Werk in de nacht", "Night work"),
    "limit_night": (
        "Werk in de nacht, en je schreef dat je geen nachten wilt",
        "Night work, and you wrote that you do not want nights",
    ),
    "limit_evening": (
        "Werk in de avond, en je schreef dat je alleen overdag kunt",
        "Evening work, and you wrote that you can only work during the day",
    ),
    "limit_weekend": (
        "Werk in het weekend, en je schreef dat dat niet kan",
        "Weekend work, and you wrote that you cannot work weekends",
    ),
    "limit_early": (
        "Begint vroeg in de ochtend, en je kunt alleen onder schooltijd",
        "Starts early in the morning, and you can only work during school hours",
    ),
    "limit_hours": (
        "Vraagt minstens {hours} uur per week, en je schreef dat je er hooguit {own} kunt",
        "Asks at least {hours} hours a week, and you wrote you can do {own} at most",
    ),
    "limit_lifting": (
        "Je moet tillen, en je schreef dat dat niet gaat",
        "Involves lifting, and you wrote that you cannot lift",
    ),
    "limit_standing": (
        "Je staat de hele dag, en je schreef dat dat niet gaat",
        "You stand all day, and you wrote that you cannot",
    ),
    "limit_guidance": (
        "Er staat geen begeleiding bij, en je schreef dat je die nodig hebt",
        "No guidance is mentioned, and you wrote that you need it",
    ),
    "not_for_pupils": (
        "Dagbesteding is voor mensen die zorg nodig hebben, niet voor een stage van school",
        "Day activities are care for people who need it, not a school placement",
    ),
    "no_guidance": (
        "Er staat geen begeleiding bij",
        "No guidance is mentioned",
    ),
    "limit_respected_time": (
        "Werk overdag, zoals je schreef",
        "Daytime work, as you wrote",
    ),
    "limit_respected_body": (
        "Zittend werk: licht voor je lichaam, zoals je vroeg",
        "Seated work: easy on your body, as you asked",
    ),
    "limit_respected_guidance": (
        "Er is begeleiding, zoals je vroeg",
        "Guidance is provided, as you asked",
    ),
    "evening_work": ("Werk in de avond of het weekend", "Evening or weekend work"),
    "heavy_work": ("Lichamelijk zwaar werk", "Physically demanding work"),
    "other_age_group": ("Bedoeld voor {group}", "Meant for {group}"),
    "target_group": ("Bedoeld voor mensen met {group}", "Meant for people with {group}"),
}

# The same reasons written about the resident, for a coach or an organisation reading a
# candidate list ("Heeft de gevraagde vaardigheden" instead of "Past bij je vaardigheden").
# code -> (Dutch, English); codes not listed read well as they are.
ABOUT_THE_RESIDENT: Final[dict[str, tuple[str, str]]] = {
    "skills_match": (
        "Heeft de gevraagde vaardigheden: {skills}",
        "Has the skills asked for: {skills}",
    ),
    "skills_related": (
        "Kan iets wat erop lijkt: {skills}",
        "Can do something close to it: {skills}",
    ),
    "interests_match": ("Heeft interesse in: {interests}", "Is interested in: {interests}"),
    "wish_match": ("Zoekt dit: {terms}", "Is looking for this: {terms}"),
    "paid_leerwerkplek": ("Leert en krijgt betaald", "Learns and gets paid"),
    "support": ("Er is begeleiding", "Support or a job coach is provided"),
    "same_wijk": ("Woont in dezelfde wijk: {wijk}", "Lives in the same wijk: {wijk}"),
    "ladder_fits": ("Past bij waar de bewoner nu staat", "Fits where the resident is now"),
    "shift_fits": (
        "De werktijden passen bij de wens van de bewoner",
        "The working times fit the resident's wish",
    ),
    "too_young": ("Te jong (vanaf {min_age})", "Too young (from {min_age})"),
    "age_unknown": (
        "Vanaf {min_age} jaar: de leeftijd is niet bekend",
        "From age {min_age}: the age is not known",
    ),
    "language_gap": (
        "Vraagt taalniveau {required}; de bewoner heeft {own}",
        "Requires Dutch level {required}; the resident has {own}",
    ),
    "licence_unknown": (
        "{licence} nodig: niet bekend of de bewoner dat heeft",
        "Driving licence {licence} required: not known whether the resident has one",
    ),
    "hours_mismatch": (
        "Vraagt {hours} uur per week; de bewoner zoekt {own} uur",
        "Asks {hours} hours a week; the resident looks for {own}",
    ),
    "training_fits": (
        "Past bij de opleiding of het vak: {programme}",
        "Fits the training or trade: {programme}",
    ),
    "limit_night": (
        "Werk in de nacht, en de bewoner wil geen nachten",
        "Night work, which the resident does not want",
    ),
    "limit_evening": (
        "Werk in de avond, en de bewoner kan alleen overdag",
        "Evening work, and the resident can only work during the day",
    ),
    "limit_weekend": (
        "Werk in het weekend, en de bewoner kan dan niet",
        "Weekend work, and the resident cannot work weekends",
    ),
    "limit_early": (
        "Begint vroeg, en de bewoner kan alleen onder schooltijd",
        "Starts early, and the resident can only work during school hours",
    ),
    "limit_hours": (
        "Vraagt minstens {hours} uur per week; de bewoner kan er hooguit {own}",
        "Asks at least {hours} hours a week; the resident can do {own} at most",
    ),
    "limit_lifting": (
        "Er moet getild worden, en de bewoner kan dat niet",
        "Involves lifting, which the resident cannot do",
    ),
    "limit_standing": (
        "De hele dag staan, en de bewoner kan dat niet",
        "Standing all day, which the resident cannot do",
    ),
    "limit_guidance": (
        "Er staat geen begeleiding bij, en de bewoner heeft die nodig",
        "No guidance is mentioned, and the resident needs it",
    ),
    "limit_respected_time": (
        "Werk overdag, zoals de bewoner wil",
        "Daytime work, as the resident wants",
    ),
    "limit_respected_body": (
        "Zittend werk, zoals de bewoner nodig heeft",
        "Seated work, as the resident needs",
    ),
    "limit_respected_guidance": (
        "Er is begeleiding, zoals de bewoner vroeg",
        "Guidance is provided, as the resident asked",
    ),
    "little_in_common": (
        "Weinig van wat de bewoner kan of wil doen zit in deze kans",
        "Little of what the resident can or wants to do is in this opportunity",
    ),
    "beginners_place": (
        "Een plek om te leren of te beginnen, en de bewoner heeft al jaren ervaring of het vak",
        "A place to learn or to start, and the resident already has years of experience or "
        "the trade",
    ),
}
# Codes whose parameters are translated (kind labels): only the opening words change.
OPENINGS: Final = {
    "kind_preferred": (("Je zoekt ", "Zoekt "), ("You are ", "Is ")),
    "kind_not_preferred": (("Je zoekt ", "Zoekt "), ("You are ", "Is ")),
}


# The same reasons for a coach reading about one resident of their caseload, by first name
# (gender is not stored, so never "haar" or "zijn"): "Past bij de vaardigheden van Rahel".
FOR_THE_COACH: Final[dict[str, tuple[str, str]]] = {
    "little_in_common": (
        "Weinig van wat {name} kan of wil doen zit in deze kans",
        "Little of what {name} can or wants to do is in this opportunity",
    ),
    "beginners_place": (
        "Een plek om te leren of te beginnen, en {name} heeft al jaren ervaring of het vak",
        "A place to learn or to start, and {name} already has years of experience or the trade",
    ),
    "skills_match": (
        "Past bij de vaardigheden van {name}: {skills}",
        "Matches {name}'s skills: {skills}",
    ),
    "skills_related": (
        "Lijkt op wat {name} al kan: {skills}",
        "Close to what {name} can already do: {skills}",
    ),
    "interests_match": (
        "Past bij de interesse van {name}: {interests}",
        "Fits {name}'s interests: {interests}",
    ),
    "wish_match": ("Past bij wat {name} schrijft: {terms}", "Fits what {name} wrote: {terms}"),
    "training_fits": (
        "Past bij de opleiding of het vak van {name}: {programme}",
        "Fits {name}'s training or trade: {programme}",
    ),
    "same_wijk": ("In de wijk van {name}: {wijk}", "In {name}'s own wijk: {wijk}"),
    "ladder_next_step": (
        "Volgende stap voor {name} op de participatieladder",
        "Next step for {name} on the participation ladder",
    ),
    "language_gap": (
        "Vraagt taalniveau {required}; {name} heeft {own}",
        "Requires Dutch level {required}; {name} has {own}",
    ),
    "hours_mismatch": (
        "Vraagt {hours} uur per week; {name} zoekt {own} uur",
        "Asks {hours} hours a week; {name} looks for {own}",
    ),
}


def for_the_coach(item: Reason, language: str, name: str) -> str:
    """The reason's text for a coach reading about ``name`` (first name)."""
    if name and item.code in FOR_THE_COACH:
        nl, en = FOR_THE_COACH[item.code]
        try:
            return (en if language == "en" else nl).format(name=name, **item.params)
        except KeyError:
            pass
    return about_the_resident(item, language)


def about_the_resident(item: Reason, language: str) -> str:
    """The reason's text written about the resident, in ``language``."""
    if item.code in ABOUT_THE_RESIDENT:
        nl, en = ABOUT_THE_RESIDENT[item.code]
        try:
            return (en if language == "en" else nl).format(**item.params)
        except KeyError:  # a reason built without the usual parameters
            return item.text(language)
    text = item.text(language)
    if item.code in OPENINGS:
        old, new = OPENINGS[item.code][1 if language == "en" else 0]
        return new + text.removeprefix(old) if text.startswith(old) else text
    return text


KIND_LABELS: Final[dict[str, tuple[str, str]]] = {
    "vrijwilligerswerk": ("vrijwilligerswerk", "volunteering"),
    "stage": ("een stage", "an internship"),
    "leerwerkplek": ("een leerwerkplek", "a work-and-learn place"),
    "betaald_werk": ("betaald werk", "paid work"),
    "dagbesteding": ("dagbesteding", "day activities"),
}


def reason(code: str, **params: str | int) -> Reason:
    """Build a Reason from its template; the same parameters fill both languages.

    Use ``bilingual`` when a parameter needs translating (kind labels).
    """
    nl_template, en_template = TEMPLATES[code]
    values = {k: str(v) for k, v in params.items()}
    return Reason(code, nl_template.format(**values), en_template.format(**values), values)


def bilingual(code: str, nl_params: dict[str, str], en_params: dict[str, str]) -> Reason:
    """Build a Reason whose parameters differ per language (e.g. kind labels)."""
    nl_template, en_template = TEMPLATES[code]
    return Reason(code, nl_template.format(**nl_params), en_template.format(**en_params), nl_params)


def kind_label(kind: str, lang: str) -> str:
    """Human label for an opportunity kind."""
    nl, en = KIND_LABELS.get(kind, (kind, kind))
    return en if lang == "en" else nl


def join_list(items: list[str], lang: str = "nl") -> str:
    """'a, b en c' / 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    word = " and " if lang == "en" else " en "
    return ", ".join(items[:-1]) + word + items[-1]
