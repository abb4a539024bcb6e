"""What the talent scan holds about a resident, for their data download and for erasing
it (AVG): registered in the app assembly (``app/extensions.py``) with residents'
``PersonalData``, so the export and the deletion take it along in their transaction."""

from __future__ import annotations

from typing import Any

from meedoen.i18n import gettext
from meedoen.residents.personal_data import PersonalData
from meedoen.talentscan.questions import QUESTIONS
from meedoen.talentscan.service import loads_answers
from meedoen.talentscan.tables import TalentScan

SECTION = "talent_scan"


async def export(resident_id: int | None, email: str) -> dict[str, Any] | None:
    """The scan with each question and answer in words, as the resident saw them."""
    if resident_id is None:
        return None
    row = await TalentScan.select().where(TalentScan.resident == resident_id).first().run()
    if row is None:
        return None
    answers = loads_answers(row["answers"])
    given = []
    for question in QUESTIONS:
        if question.code in answers:
            words = [
                gettext(answer.text)
                for code in answers[question.code]
                if (answer := question.answer(code)) is not None
            ]
            given.append(f"{gettext(question.text)} {', '.join(words) or '–'}")
    return {
        "started_at": row["started_at"],
        "finished_at": row["finished_at"],
        "answers": given,
        "accepted_at": row["accepted_at"],
        "skills": list(row["accepted_skills"] or []),
        "interests": list(row["accepted_interests"] or []),
    }


async def forget(resident_id: int | None, email: str) -> None:
    if resident_id is not None:
        await TalentScan.delete().where(TalentScan.resident == resident_id).run()


def personal_data() -> PersonalData:
    return PersonalData(SECTION, export, forget)
