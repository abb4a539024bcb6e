"""The traject's forms as types (see ``meedoen.web.forms``). What a text may say and how
long it may be is checked by the traject's services, which the coach's pages share."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from msgspec import Meta

from meedoen.web.forms import Form

Ref = Annotated[str, Meta(max_length=40)]


class AgreementForm(Form):
    """A new agreement; ``doer`` only on the coach's form (the resident does it themself)."""

    text: str = ""
    doer: Annotated[str, Meta(max_length=10)] = ""
    due_on: dt.date | None = None


class TickOffForm(Form):
    note: str = ""


class HoursForm(Form):
    """A week's hours at a placement, as the resident writes them ('6', '3,5')."""

    placement: Ref = ""
    week_of: dt.date | None = None
    hours: str = ""


class ConfirmHoursForm(Form):
    """The organisation confirms, optionally with the hours it counted."""

    hours: str = ""


class ProofForm(Form):
    skills: list[Ref] = []
    sentence: str = ""


class PathSettingForm(Form):
    """What the resident sees of their path (the coach's choice)."""

    show_step: bool = False
    progress_words: str = ""
