"""What placements holds about a person, for their data download and for erasing it (AVG).

Placements and ladder records stay, cut from the person, with their wijk and birth-year
snapshot (the district's participation figures do not change when someone leaves); the
coaches' free text, which may name the resident, goes.
"""

from __future__ import annotations

from typing import Any

from meedoen.placements.tables import (
    CaseloadLink,
    CoachNote,
    LadderRecord,
    Placement,
    PlacementEvent,
)


async def export_for_resident(resident_id: int) -> dict[str, Any]:
    return {
        "coaching": {
            "coaches": await CaseloadLink.select(
                CaseloadLink.coach.display_name.as_alias("coach"),
                CaseloadLink.consent_recorded_at,
                CaseloadLink.consent_note,
                CaseloadLink.started_at,
                CaseloadLink.ended_at,
            ).where(CaseloadLink.resident == resident_id),
            "notes": await CoachNote.select(CoachNote.text, CoachNote.created_at).where(
                CoachNote.resident == resident_id
            ),
        },
        "placements": await Placement.select(
            Placement.ref,
            Placement.opportunity.title.as_alias("opportunity"),
            Placement.kind,
            Placement.status,
            Placement.start_date,
            Placement.planned_end_date,
            Placement.hours_per_week,
            Placement.description,
            Placement.outcome_note,
        ).where(Placement.resident == resident_id),
        "participation_ladder": await LadderRecord.select(
            LadderRecord.rung,
            LadderRecord.recorded_on,
            LadderRecord.occasion,
            LadderRecord.motivation,
        ).where(LadderRecord.resident == resident_id),
    }


async def forget_resident(resident_id: int) -> None:
    placement_ids = [
        row["id"]
        for row in await Placement.select(Placement.id).where(Placement.resident == resident_id)
    ]
    if placement_ids:
        # Coaches' free text may name the resident; the kind, dates and status stay.
        await (
            PlacementEvent.update({PlacementEvent.note: ""})
            .where(PlacementEvent.placement.is_in(placement_ids))
            .run()
        )
        await (
            Placement.update(
                {
                    Placement.resident: None,
                    Placement.description: "",
                    Placement.stop_text: "",
                    Placement.outcome_note: "",
                }
            )
            .where(Placement.id.is_in(placement_ids))
            .run()
        )
    await (
        LadderRecord.update({LadderRecord.resident: None, LadderRecord.motivation: ""})
        .where(LadderRecord.resident == resident_id)
        .run()
    )
    await CoachNote.delete().where(CoachNote.resident == resident_id).run()
    await CaseloadLink.delete().where(CaseloadLink.resident == resident_id).run()
