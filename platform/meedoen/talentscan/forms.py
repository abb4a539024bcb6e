"""Reading the talent scan's forms: an answer to one question, and the chosen
suggestions. Each refusal is a Dutch sentence that says what to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from meedoen import labels
from meedoen.accounts.forms import text
from meedoen.i18n import N_, gettext
from meedoen.input_rules import free_text_errors
from meedoen.talentscan.questions import Question
from meedoen.talentscan.service import AnswerRefused, check_answer
from meedoen.vocabulary import INTERESTS

MAX_TERM_LENGTH = 60
WRONG_QUESTION = N_(
    "Dit antwoord hoort bij een andere vraag. Misschien had je de scan twee keer open. "
    "Kijk of je antwoord goed staat en klik nog een keer op ‘Volgende’."
)


def _values(form: Any, name: str) -> list[str]:
    return [str(v).strip() for v in form.getall(name)] if name in form else []


@dataclass
class AnswerForm:
    codes: list[str]
    """What was ticked, also unknown codes: shown again with the error."""
    error: str = ""


def read_answer(form: Any, question: Question) -> AnswerForm:
    """The checked answer, or the ticked codes with the reason they are refused."""
    codes = _values(form, "antwoord")
    if text(form, "vraag") != question.code:
        return AnswerForm(codes, gettext(WRONG_QUESTION))
    try:
        return AnswerForm(check_answer(question, codes))
    except AnswerRefused as refused:
        return AnswerForm(codes, gettext(refused.message))


@dataclass
class ChoiceForm:
    skills: list[str]
    interests: list[str]
    extra: str = ""
    errors: dict[str, str] = field(default_factory=dict)


def read_choice(form: Any) -> ChoiceForm:
    """The skills and interests the resident kept or added (typed skills may be their own
    words; English words from the vocabulary become its Dutch terms)."""
    skills = list(dict.fromkeys(v for v in _values(form, "skills") if v))
    extra = text(form, "extra_skills")
    typed = [" ".join(t.split()) for t in extra.replace(";", ",").split(",")]
    typed = labels.codes_of("skill", [t for t in typed if t])
    interests = list(dict.fromkeys(v for v in _values(form, "interests") if v))
    choice = ChoiceForm(list(dict.fromkeys([*skills, *typed])), interests, extra)
    if any(len(term) > MAX_TERM_LENGTH for term in choice.skills):
        choice.errors["extra_skills"] = gettext(
            "Een vaardigheid mag hoogstens 60 tekens hebben. Maak ‘%(term)s’ korter.",
            term=next(t for t in choice.skills if len(t) > MAX_TERM_LENGTH)[:20] + "…",
        )
    unknown = [i for i in interests if i not in INTERESTS]
    if unknown:
        choice.interests = [i for i in interests if i in INTERESTS]
        choice.errors["interests"] = gettext(
            "Deze interesse kennen we niet. Kies interesses uit de lijst."
        )
    for name, problem in free_text_errors(
        {"extra_skills": [extra, *choice.skills]}, ("extra_skills",)
    ).items():
        choice.errors.setdefault(name, problem)
    return choice
