"""The privacy pages' forms as types (see ``meedoen.web.forms``)."""

from __future__ import annotations

from meedoen.web.forms import Form


class DeletionForm(Form):
    confirm: bool = False
