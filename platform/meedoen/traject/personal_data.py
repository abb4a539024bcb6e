"""What traject holds about a person, for their data download and for erasing it (AVG).

Agreements and the coach's choices go. Hours stay, cut from the person, with their wijk
snapshot (the district's hours of volunteering do not change when someone leaves). A
proof loses its content and says "no longer valid" to anyone who checks its link.
"""

from __future__ import annotations

from typing import Any

from meedoen.traject.proofs import content_of
from meedoen.traject.tables import Agreement, HoursEntry, PathSetting, Proof


async def export_for_resident(resident_id: int) -> dict[str, Any]:
    proofs = await Proof.objects().where(Proof.resident == resident_id)
    return {
        "agreements": await Agreement.select(
            Agreement.text,
            Agreement.doer,
            Agreement.due_on,
            Agreement.done_at,
            Agreement.note,
            Agreement.created_at,
        ).where(Agreement.resident == resident_id),
        "path_settings": await PathSetting.select(
            PathSetting.show_step, PathSetting.progress_words, PathSetting.updated_at
        ).where(PathSetting.resident == resident_id),
        "hours": await HoursEntry.select(
            HoursEntry.placement.ref.as_alias("placement"),
            HoursEntry.week_of,
            HoursEntry.minutes,
            HoursEntry.status,
            HoursEntry.confirmed_minutes,
            HoursEntry.confirmed_at,
        ).where(HoursEntry.resident == resident_id),
        "proofs_of_participation": [
            {
                "ref": proof.ref,
                "status": proof.status,
                "requested_at": proof.requested_at,
                "issued_at": proof.issued_at,
                "withdrawn_at": proof.withdrawn_at,
                "content": content_of(proof),
            }
            for proof in proofs
        ],
    }


async def forget_resident(resident_id: int) -> None:
    await Agreement.delete().where(Agreement.resident == resident_id).run()
    await PathSetting.delete().where(PathSetting.resident == resident_id).run()
    await (
        HoursEntry.update({HoursEntry.resident: None})
        .where(HoursEntry.resident == resident_id)
        .run()
    )
    await (
        Proof.update(
            {
                Proof.status: "vervallen",
                Proof.content: "{}",
                Proof.open_key: None,
                Proof.resident: None,
            }
        )
        .where(Proof.resident == resident_id)
        .run()
    )
