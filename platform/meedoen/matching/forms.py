"""The matching pages' form as a type (see ``meedoen.web.forms``)."""

from __future__ import annotations

from meedoen.web.forms import Form


class ProposalForm(Form):
    """An organisation proposes its kans to a resident, with a message
    (``responses.proposals`` checks it)."""

    message: str = ""
