"""The talent scan's questions, as data: each answer names the skills and interests it
points to, in the platform's own vocabularies (``meedoen.vocabulary``), so a suggestion
is always a value the profile and matching already know. A test checks that.

Texts are plain Dutch (A2) msgids; the English is in ``locale/en/.../talentscan.po``.
``picture`` names the pictogram in ``templates/talentscan/_pictures.html``.
"""

from __future__ import annotations

from dataclasses import dataclass

from meedoen.i18n import N_


@dataclass(frozen=True)
class Answer:
    code: str
    text: str
    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    hint: str
    picture: str
    answers: tuple[Answer, ...]
    several: bool = False
    """Checkboxes (choose any, also none) rather than radio buttons (choose one)."""

    def answer(self, code: str) -> Answer | None:
        return next((a for a in self.answers if a.code == code), None)


DONT_KNOW = Answer("weet_niet", N_("Weet ik niet"))

QUESTIONS: tuple[Question, ...] = (
    Question(
        "handen",
        N_("Wat doe je graag met je handen?"),
        N_("Kies alles wat past. Niets? Ga dan gewoon verder."),
        "hands",
        (
            Answer("koken", N_("Koken of bakken"), ("koken", "bakken"), ("koken en eten",)),
            Answer(
                "maken",
                N_("Iets maken of repareren"),
                ("repareren", "klussen"),
                ("klussen", "techniek"),
            ),
            Answer(
                "creatief",
                N_("Tekenen, naaien of knutselen"),
                ("creatief", "naaien"),
                ("creatief", "mode en textiel"),
            ),
            Answer(
                "tuin",
                N_("Werken in de tuin"),
                ("tuinonderhoud", "moestuinieren"),
                ("tuinieren", "buiten werken"),
            ),
        ),
        several=True,
    ),
    Question(
        "mensen",
        N_("Met wie ben je graag?"),
        N_("Kies alles wat past."),
        "people",
        (
            Answer("kinderen", N_("Met kinderen"), ("omgaan met kinderen",), ("kinderen",)),
            Answer("jongeren", N_("Met jongeren"), ("omgaan met jongeren",), ("onderwijs",)),
            Answer("ouderen", N_("Met oudere mensen"), ("omgaan met ouderen",), ("ouderen",)),
            Answer("dieren", N_("Met dieren"), ("dierverzorging",), ("dieren",)),
            Answer("alleen", N_("Het liefst alleen"), ("zelfstandig werken",)),
        ),
        several=True,
    ),
    Question(
        "plek",
        N_("Waar werk je het liefst?"),
        N_("Kies één antwoord."),
        "place",
        (
            Answer("buiten", N_("Buiten"), ("fysiek fit",), ("buiten werken",)),
            Answer("winkel", N_("In een winkel"), ("verkoop", "kassa"), ("winkel en verkoop",)),
            Answer(
                "keuken",
                N_("In een keuken of café"),
                ("bediening", "hygiënisch werken"),
                ("horeca",),
            ),
            Answer("kantoor", N_("Op een kantoor"), ("administratie",), ("administratie",)),
            Answer(
                "magazijn",
                N_("In een magazijn of werkplaats"),
                ("orderpicken", "inpakken"),
                ("logistiek", "techniek"),
            ),
            DONT_KNOW,
        ),
    ),
    Question(
        "anderen",
        N_("Wat zeggen anderen over jou?"),
        N_("Kies alles wat past."),
        "speech",
        (
            Answer("luisteren", N_("Je luistert goed"), ("luisteren",)),
            Answer("geduld", N_("Je hebt veel geduld"), ("geduldig",)),
            Answer("precies", N_("Je werkt netjes en precies"), ("nauwkeurig",)),
            Answer(
                "vriendelijk",
                N_("Je bent vriendelijk tegen iedereen"),
                ("klantvriendelijk", "communicatief"),
            ),
            Answer("rustig", N_("Je blijft rustig als het druk is"), ("stressbestendig",)),
        ),
        several=True,
    ),
    Question(
        "samen",
        N_("Werk je liever samen of alleen?"),
        N_("Kies één antwoord."),
        "together",
        (
            Answer("samen", N_("Samen met anderen"), ("samenwerken",)),
            Answer("alleen", N_("Alleen"), ("zelfstandig werken",)),
            Answer("allebei", N_("Allebei is goed"), ("samenwerken", "flexibel")),
            DONT_KNOW,
        ),
    ),
    Question(
        "computer",
        N_("Wat doe je met een computer of telefoon?"),
        N_("Kies alles wat past."),
        "screen",
        (
            Answer("typen", N_("Mailen en typen"), ("computervaardigheden",), ("computers",)),
            Answer(
                "helpen", N_("Anderen helpen met hun telefoon"), ("computerhulp",), ("computers",)
            ),
            Answer(
                "fotos",
                N_("Foto's of filmpjes maken"),
                ("fotografie", "social media"),
                ("creatief",),
            ),
            Answer("gamen", N_("Spelletjes spelen"), (), ("gamen",)),
        ),
        several=True,
    ),
    Question(
        "talen",
        N_("Welke talen spreek je?"),
        N_("Kies alles wat past. Een beetje is ook goed."),
        "languages",
        (
            Answer("nederlands", N_("Nederlands"), ("Nederlandse taal",)),
            Answer("engels", N_("Engels"), ("Engelse taal",)),
            Answer("duits", N_("Duits"), ("Duitse taal",)),
            Answer("andere", N_("Nog een andere taal"), ("meertalig",)),
        ),
        several=True,
    ),
    Question(
        "bewegen",
        N_("Beweeg je graag?"),
        N_("Kies één antwoord."),
        "moving",
        (
            Answer(
                "sport", N_("Ja, ik sport graag"), ("sport en bewegen", "fysiek fit"), ("sport",)
            ),
            Answer("fiets", N_("Ja, ik fiets veel"), ("fietsreparatie",), ("fietsen",)),
            Answer(
                "tillen",
                N_("Ja, ik til en sjouw graag"),
                ("laden en lossen", "fysiek fit"),
                ("logistiek",),
            ),
            Answer("rustig", N_("Nee, ik zit liever rustig"), ("nauwkeurig",)),
            DONT_KNOW,
        ),
    ),
    Question(
        "regelen",
        N_("Wat regel je graag?"),
        N_("Kies alles wat past."),
        "list",
        (
            Answer(
                "feest",
                N_("Een feest of een uitje"),
                ("evenementen organiseren", "plannen en organiseren"),
                ("evenementen",),
            ),
            Answer(
                "papieren",
                N_("Papieren en lijstjes"),
                ("administratie", "plannen en organiseren"),
                ("administratie",),
            ),
            Answer(
                "geld", N_("Geld tellen en afrekenen"), ("rekenen", "kassa"), ("winkel en verkoop",)
            ),
            Answer(
                "uitleggen",
                N_("Anderen iets uitleggen"),
                ("training geven", "huiswerkbegeleiding"),
                ("onderwijs",),
            ),
        ),
        several=True,
    ),
    Question(
        "buurt",
        N_("Waarmee help je graag in de buurt?"),
        N_("Kies alles wat past."),
        "neighbourhood",
        (
            Answer(
                "opruimen",
                N_("Schoonmaken en opruimen"),
                ("schoonmaken",),
                ("schoonmaak", "buurt en samenleving"),
            ),
            Answer(
                "buren",
                N_("Boodschappen of koffie voor de buren"),
                ("omgaan met ouderen",),
                ("buurt en samenleving", "ouderen"),
            ),
            Answer(
                "voorlezen",
                N_("Voorlezen of taal oefenen"),
                ("voorlezen", "taalcoaching"),
                ("lezen en taal",),
            ),
            Answer("muziek", N_("Muziek maken"), ("muziek",), ("muziek",)),
            Answer(
                "zorgen",
                N_("Voor iemand zorgen"),
                ("persoonlijke verzorging", "begeleiden"),
                ("zorg",),
            ),
        ),
        several=True,
    ),
)

COUNT = len(QUESTIONS)


def question(number: int) -> Question | None:
    """Question ``number`` (1 to COUNT), or None outside that range."""
    return QUESTIONS[number - 1] if 1 <= number <= COUNT else None
