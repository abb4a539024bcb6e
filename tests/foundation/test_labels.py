"""Every word of every vocabulary a person can read has a Dutch label and an English one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from meedoen import i18n, labels
from meedoen.i18n import merged_catalog
from meedoen.vocabulary import INTERESTS, SKILLS

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
MATCHING_VOCABULARY = Path(labels.__file__).parent / "matching" / "vocabulary.json"
# Words that are the same in both languages (names, loanwords, abbreviations).
SAME_IN_ENGLISH = {
    "Microsoft Office",
    "social media",
    "sport",
    "computers",
    "POWER",
    "Wijkgilde",
    "Coach",
}


@pytest.mark.parametrize("vocabulary", sorted(labels.CODES))
def test_every_code_of_every_vocabulary_has_a_label(vocabulary):
    missing = [code for code in labels.CODES[vocabulary] if not labels.is_known(vocabulary, code)]

    assert not missing, f"{vocabulary}: no label for {missing}"


@pytest.mark.parametrize("vocabulary", sorted(labels.VOCABULARIES))
def test_every_label_has_english_that_is_not_the_dutch(vocabulary):
    catalog = merged_catalog("en")
    problems = []
    for code, dutch in labels.VOCABULARIES[vocabulary].items():
        message = catalog.get(dutch)
        if message is None or not message.string:
            problems.append(f"{code!r}: no English for {dutch!r}")
        elif message.string == dutch and dutch not in SAME_IN_ENGLISH:
            problems.append(f"{code!r}: the English is still Dutch: {dutch!r}")

    assert not problems, f"{vocabulary}:\n" + "\n".join(problems)


def test_labels_follow_the_chosen_language():
    assert labels.label("skill", "kassa") == "kassa"
    assert labels.label_in("en", "skill", "kassa") == "till work"
    with i18n.language("en"):
        assert labels.label("interest", "koken en eten") == "cooking and food"
        assert labels.labels(["koken", "heftruck"], "skill") == ["cooking", "forklift truck"]
        assert labels.choices("kind")[0] == ("vrijwilligerswerk", "Volunteering")
        assert labels.month_label("2026-03") == "March 2026"


def test_a_word_outside_the_vocabulary_is_shown_as_the_person_typed_it():
    with i18n.language("en"):
        assert labels.label("skill", "gastvrijheid") == "gastvrijheid"
        assert labels.label("skill", None) == ""


def test_search_documents_keep_the_dutch_words():
    with i18n.language("en"):
        assert labels.dutch("kind", "betaald_werk") == "Betaald werk"


def test_the_skills_and_interests_are_the_ones_matching_and_the_corpus_use():
    matching = json.loads(MATCHING_VOCABULARY.read_text(encoding="utf-8"))

    assert tuple(matching["interests"]) == INTERESTS
    for skill in {s for group in matching["related_skill_groups"] for s in group["skills"]}:
        assert skill in SKILLS, f"matching relates a skill the vocabulary lacks: {skill!r}"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the project")
def test_every_vocabulary_word_in_the_corpus_has_english():
    used: dict[str, set[str]] = {"skill": set(), "interest": set(), "sector": set()}
    for name in ("opportunities.jsonl", "residents.jsonl", "organisations.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            used["skill"].update(record.get("skills", []))
            used["interest"].update(record.get("interests", []))
            if "sector" in record:
                used["sector"].add(record["sector"])

    with i18n.language("en"):
        untranslated = {
            vocabulary: sorted(
                w
                for w in words
                if not labels.is_known(vocabulary, w)
                or (labels.label(vocabulary, w) == w and w not in SAME_IN_ENGLISH)
            )
            for vocabulary, words in used.items()
        }
    assert not any(untranslated.values()), untranslated


def test_a_typed_word_in_either_language_finds_its_code():
    assert labels.code_of("skill", "Forklift  Truck") == "heftruck"
    assert labels.code_of("skill", "heftruck") == "heftruck"
    assert labels.code_of("interest", "cooking and food") == "koken en eten"
    assert labels.code_of("skill", "eigen woord") == "eigen woord"
    assert labels.codes_of("skill", ["cooking", "koken", "baking"]) == ["koken", "bakken"]
