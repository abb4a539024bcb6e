"""The notification settings' forms as types (see ``meedoen.web.forms``)."""

from __future__ import annotations

from typing import Literal, cast

import msgspec

from meedoen.i18n import N_
from meedoen.notifications.kinds import DELIVERIES, KINDS
from meedoen.web.forms import Form, Say

Delivery = Literal[DELIVERIES]  # type: ignore[valid-type]
CHOOSE = Say(invalid=N_("Kies hoe je hierover wilt horen."))

# One field per kind of notification (its code): how it is delivered, or None when the
# form did not offer it (each role sees its own kinds).
PreferencesForm = cast(
    type[Form],
    msgspec.defstruct(
        "PreferencesForm",
        [(code, Delivery | None, None) for code in KINDS],
        bases=(Form,),
        namespace={"messages": dict.fromkeys(KINDS, CHOOSE)},
    ),
)


class MemberDeliveryForm(Form):
    """An owner's choice of how a member hears of new responses."""

    delivery: Delivery | None = None
