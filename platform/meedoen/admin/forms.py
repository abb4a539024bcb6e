"""The administrators' small forms as types (see ``meedoen.web.forms``); the service
checks each value."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from meedoen.web.forms import Form

Code = Annotated[str, Meta(max_length=60)]


class RoleForm(Form):
    role: Code = ""


class RetryForm(Form):
    """One parked change (its id), or all of them (empty)."""

    change: Code = ""


class RefusalForm(Form):
    reason: str = ""


class FlagForm(Form):
    value: Code = ""
    leerbedrijf_id: Code = ""
