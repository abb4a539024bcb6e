"""The saved searches' small forms as types (see ``meedoen.web.forms``)."""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import Meta

from meedoen.web.forms import Form

Code = Annotated[str, Meta(max_length=60)]


class FrequencyForm(Form):
    """How often a saved search mails (the search itself is the form's other fields,
    read as a search query by ``service.canonical_query``)."""

    frequency: Code = ""


class UnsubscribeForm(Form):
    afmelden: Code = ""
    one_click: Code = msgspec.field(default="", name="List-Unsubscribe")
    """RFC 8058: a mail program's one-click unsubscribe sends List-Unsubscribe=One-Click."""
