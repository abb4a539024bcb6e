"""The responses' forms as types (see ``meedoen.web.forms``); ``responding`` and
``inbox`` check what the values say."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from meedoen.web.forms import Form

Code = Annotated[str, Meta(max_length=60)]


class ResponseForm(Form):
    """A resident's response to a kans: what they share, a message, a phone number, and
    for someone under 16 a parent's address."""

    shared: list[Code] = []
    message: str = ""
    phone: str = ""
    guardian_email: str = ""


class StatusForm(Form):
    status: Code = ""


class ReplyForm(Form):
    text: str = ""
