"""What a resident reads about their own path: a placement's status in one plain sentence
with what happens next, and their progress in respectful words.

Never the participatieladder's own labels ("geïsoleerd", "onbetaald werk"): those are the
municipality's measuring words, not how anyone wants to hear about their life. The step
number is shown only when the coach chose so for this resident (``PathSetting.show_step``).
"""

from __future__ import annotations

from meedoen.i18n import N_, gettext

STATUS_SENTENCES = {
    "voorgesteld": N_(
        "Je coach heeft deze plek voorgesteld. Jullie bespreken samen of je gaat kennismaken."
    ),
    "kennismaking": N_(
        "Je gaat kennismaken met de organisatie. Daarna kiezen jullie samen of je begint."
    ),
    "gestart": N_(
        "Je bent hier begonnen. Schrijf je uren op; na vier weken kun je een bewijs van meedoen vragen."
    ),
    "afgerond": N_(
        "Je hebt deze plek afgerond. Je kunt een bewijs vragen van wat je hier hebt gedaan."
    ),
    "gestopt": N_(
        "Je bent hier gestopt. Je coach bespreekt met je wat een goede volgende stap is."
    ),
}

PROGRESS_WORDS = {
    1: N_("Je zet de eerste stappen: weer mensen ontmoeten en kijken wat bij je past."),
    2: N_("Je hebt contact met mensen buiten je huis en ontdekt wat je leuk vindt."),
    3: N_("Je doet mee in de buurt, bij een activiteit of een vaste plek."),
    4: N_("Je doet vrijwilligerswerk of een stage en leert daar veel."),
    5: N_("Je werkt met begeleiding of ondersteuning aan je werk."),
    6: N_("Je hebt betaald werk. Goed gedaan!"),
}

NO_PROGRESS = N_("Je coach vertelt je graag hoe het gaat. Vraag het bij jullie volgende gesprek.")


def status_sentence(status: str) -> str:
    return gettext(STATUS_SENTENCES.get(status, STATUS_SENTENCES["voorgesteld"]))


def progress_sentence(rung: int | None, coach_words: str = "") -> str:
    """The coach's own words when they wrote some, else the standard sentence."""
    if coach_words.strip():
        return coach_words.strip()
    if rung is None or rung not in PROGRESS_WORDS:
        return gettext(NO_PROGRESS)
    return gettext(PROGRESS_WORDS[rung])
