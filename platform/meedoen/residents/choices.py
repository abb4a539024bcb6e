"""The choices on a resident's profile; stored values are the shared vocabulary's terms."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from meedoen.i18n import N_

# The shared skills vocabulary (seeds/corpus/README.md): offered as suggestions, while a
# resident may always type a skill of their own.
SKILLS = (
    "klantvriendelijk",
    "samenwerken",
    "zelfstandig werken",
    "nauwkeurig",
    "communicatief",
    "geduldig",
    "luisteren",
    "stressbestendig",
    "flexibel",
    "fysiek fit",
    "plannen en organiseren",
    "Nederlandse taal",
    "Engelse taal",
    "Duitse taal",
    "meertalig",
    "rekenen",
    "administratie",
    "computervaardigheden",
    "Microsoft Office",
    "telefoneren",
    "social media",
    "computerhulp",
    "programmeren",
    "webontwikkeling",
    "netwerkbeheer",
    "data-analyse",
    "kassa",
    "verkoop",
    "vakkenvullen",
    "voorraadbeheer",
    "orderpicken",
    "inpakken",
    "laden en lossen",
    "heftruck",
    "reachtruck",
    "rijbewijs B",
    "rijbewijs BE",
    "rijbewijs C",
    "technisch inzicht",
    "montage",
    "lassen",
    "metaalbewerking",
    "CNC-bediening",
    "tekening lezen",
    "elektrotechniek",
    "installatietechniek",
    "autotechniek",
    "fietsreparatie",
    "repareren",
    "timmeren",
    "schilderen",
    "klussen",
    "VCA",
    "tuinonderhoud",
    "snoeien",
    "moestuinieren",
    "dierverzorging",
    "koken",
    "bakken",
    "bediening",
    "hygiënisch werken",
    "schoonmaken",
    "omgaan met ouderen",
    "omgaan met dementie",
    "omgaan met kinderen",
    "omgaan met jongeren",
    "persoonlijke verzorging",
    "begeleiden",
    "EHBO",
    "voorlezen",
    "taalcoaching",
    "huiswerkbegeleiding",
    "sport en bewegen",
    "training geven",
    "creatief",
    "muziek",
    "naaien",
    "fotografie",
    "evenementen organiseren",
)
DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
DAY_LABELS = {
    "ma": N_("maandag"),
    "di": N_("dinsdag"),
    "wo": N_("woensdag"),
    "do": N_("donderdag"),
    "vr": N_("vrijdag"),
    "za": N_("zaterdag"),
    "zo": N_("zondag"),
}
VISIBILITY_LABELS = {
    "private": N_("Alleen ik"),
    "coach": N_("Ik en mijn coach"),
    "findable": N_("Vindbaar voor gecontroleerde organisaties"),
}
VISIBILITY_EXPLANATIONS = {
    "private": N_(
        "Niemand anders ziet je profiel. Organisaties zien alleen wat je meestuurt als je reageert."
    ),
    "coach": N_(
        "Je coach van de gemeente ziet je profiel en kan kansen voor je zoeken. Organisaties niet."
    ),
    "findable": N_(
        "Organisaties die de gemeente heeft gecontroleerd, kunnen je profiel vinden en je een kans voorstellen. Je achternaam, e-mailadres en telefoonnummer zien ze niet."
    ),
}


@cache
def interests() -> tuple[str, ...]:
    """The interests the matching vocabulary knows, in its order."""
    path = Path(__file__).parent.parent / "matching" / "vocabulary.json"
    return tuple(json.loads(path.read_text(encoding="utf-8"))["interests"])
