"""Everything Meedoen West holds about a resident (AVG article 15), as plain data.

The same dictionary is offered as a JSON download and shown as a readable page. Each
domain exports what it holds (its ``personal_data`` module).
"""

from __future__ import annotations

from typing import Any

from meedoen.accounts import personal_data as accounts
from meedoen.accounts.current_user import CurrentUser
from meedoen.alerts import personal_data as alerts
from meedoen.audit import personal_data as audit
from meedoen.notifications import service as notifications
from meedoen.placements import personal_data as placements
from meedoen.residents import personal_data as residents
from meedoen.residents.service import resident_of
from meedoen.responses import personal_data as responses
from meedoen.traject import personal_data as traject


async def everything_about(user: CurrentUser) -> dict[str, Any]:
    account = await accounts.account_by_id(user.account_id)
    assert account is not None
    data: dict[str, Any] = {
        "account": accounts.account_export(account),
        "saved_searches": await alerts.export_for_account(user.account_id),
    }
    data.update(await notifications.export_for(user.account_id))
    data.update(await accounts.coach_card_export(user.account_id))
    resident = await resident_of(user.account_id)
    for other in residents.registered():
        found = await other.export(resident.id if resident else None, account.email)
        if found:
            data[other.section] = found
    if resident is None:
        return data
    data["profile"] = residents.profile_export(resident)
    from_responses = await responses.export_for_resident(resident.id)
    from_placements = await placements.export_for_resident(resident.id)
    data["responses"] = from_responses["responses"]
    data["proposals"] = from_responses["proposals"]
    data["waiting_for_a_parent"] = from_responses["waiting_for_a_parent"]
    data["coaching"] = from_placements["coaching"]
    data["placements"] = from_placements["placements"]
    data["participation_ladder"] = from_placements["participation_ladder"]
    data.update(await traject.export_for_resident(resident.id))
    data["access_log"] = await audit.access_log("resident", resident.ref)
    return data
