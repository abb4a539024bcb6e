"""The talent scan's forms as types (see ``meedoen.web.forms``): an answer to one
question, and the suggestions the resident keeps. Which answers a question has, and how
typed skills become the vocabulary's terms, is the service's."""

from __future__ import annotations

from typing import Annotated, ClassVar

from msgspec import Meta

from meedoen.i18n import N_
from meedoen.vocabulary import Interest
from meedoen.web.forms import FREE_TEXT, Form, Say

Term = Annotated[str, Meta(max_length=200)]


class AnswerForm(Form):
    vraag: Annotated[str, Meta(max_length=40)] = ""
    antwoord: list[Term] = []
    """What was ticked, also unknown codes: shown again with the error."""


class ChoiceForm(Form):
    skills: Annotated[list[Term], FREE_TEXT] = []
    interests: list[Interest] = []
    extra_skills: Annotated[str, Meta(max_length=2000), FREE_TEXT] = ""

    messages: ClassVar[dict[str, Say]] = {
        "interests": Say(
            invalid=N_("Deze interesse kennen we niet. Kies interesses uit de lijst.")
        ),
    }
