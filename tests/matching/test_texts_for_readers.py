"""Reasons speak to whoever reads them: the resident ("Past bij je vaardigheden"), their
coach ("Past bij de vaardigheden van Rahel"), an organisation ("Heeft de gevraagde
vaardigheden"). Nobody but the resident is spoken to as "je"."""

from __future__ import annotations

from meedoen.matching.reasons import TEMPLATES, about_the_resident, for_the_coach, reason

NAMES = "skills interests terms kind kinds hours wijk minutes min_age required own licence"
PARAMS = {name: "x" for name in (*NAMES.split(), "group", "programme")}


def words_of(text: str) -> set[str]:
    return set(text.lower().replace(":", " ").replace(";", " ").replace(",", " ").split())


def test_a_coach_reads_about_the_resident_by_first_name_never_as_je() -> None:
    skills = reason("skills_match", skills="koken")
    assert for_the_coach(skills, "nl", "Rahel") == "Past bij de vaardigheden van Rahel: koken"
    assert for_the_coach(skills, "en", "Rahel") == "Matches Rahel's skills: koken"
    gap = reason("language_gap", required="B1", own="A2")
    assert for_the_coach(gap, "nl", "Rahel") == "Vraagt taalniveau B1; Rahel heeft A2"
    for code in TEMPLATES:
        item = reason(code, **PARAMS)
        for language, second_person in (
            ("nl", {"je", "jij", "jou", "jouw"}),
            ("en", {"you", "your"}),
        ):
            text = for_the_coach(item, language, "Rahel")
            assert not words_of(text) & second_person, f"{code} ({language}): {text}"


def test_an_organisation_reads_neither_je_nor_the_residents_step() -> None:
    hours = reason("hours_mismatch", hours="1-3", own=6)
    assert about_the_resident(hours, "nl") == "Vraagt 1-3 uur per week; de bewoner zoekt 6 uur"
    assert "(bewoner" not in about_the_resident(hours, "nl")
