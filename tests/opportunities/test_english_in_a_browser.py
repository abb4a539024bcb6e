"""In English, every vocabulary word a person sees is English: the search filters, the
skills a kans asks for, the interests on a resident's profile. A word that lacks English
fails here (and, per word, in tests/foundation/test_labels.py)."""

from __future__ import annotations

import re

import pytest

from meedoen import i18n, labels
from support.auth import make_account
from support.browser_journeys import sign_in

pytestmark = pytest.mark.browser

COUNT = re.compile(r"\s*\(\d+\)\s*$")
# Words the same in both languages (names, loanwords).
SAME = {"sport", "computers", "microsoft office", "social media", "power", "wijkgilde"}


def dutch_words_that_have_english(*vocabularies: str) -> set[str]:
    """The Dutch labels of ``vocabularies`` whose English differs, case-folded."""
    found = set()
    for vocabulary in vocabularies:
        for code in labels.CODES[vocabulary]:
            dutch = labels.label_in("nl", vocabulary, code).casefold()
            if dutch != labels.label_in("en", vocabulary, code).casefold() and dutch not in SAME:
                found.add(dutch)
    return found


def english_words(*vocabularies: str) -> set[str]:
    with i18n.language("en"):
        return {
            labels.label(vocabulary, code).casefold()
            for vocabulary in vocabularies
            for code in labels.CODES[vocabulary]
        }


async def texts(page, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        COUNT.sub("", t).strip().casefold() for t in await page.locator(selector).all_inner_texts()
    ]


async def test_every_vocabulary_word_on_the_english_pages_is_english(
    live_server, corpus, indexed, page
):
    await indexed()
    await page.goto(f"{live_server}/taal/en?next=/kansen")

    # The search filters: kind, sector, hours, suitable for, organisation type, paid.
    facets = ("kind", "sector", "hours", "suitable_for", "organisation_type", "paid")
    await page.locator("details.meedoen-facet > summary").evaluate_all(
        "summaries => summaries.forEach(s => s.parentElement.open = true)"
    )
    shown = await texts(page, "#filters .meedoen-facet__option label")
    assert len(shown) > 40
    dutch = dutch_words_that_have_english(*facets)
    assert not dutch & set(shown), f"Dutch filter words in English: {dutch & set(shown)}"
    assert english_words("kind") <= set(shown)

    # The skills a kans asks for (opp-0177 asks for several).
    await page.goto(f"{live_server}/kansen/opp-0177")
    skills = await texts(page, "section[aria-labelledby=handig] li")
    assert skills, "the kans lists its skills"
    assert not dutch_words_that_have_english("skill") & set(skills), skills
    assert set(skills) <= english_words("skill")

    # The interests on a resident's own profile.
    resident = await make_account("resident")
    await page.goto(f"{live_server}/taal/nl?next=/")
    await sign_in(page, live_server, resident.email, "/mijn")
    await page.goto(f"{live_server}/taal/en?next=/mijn")
    ids = await page.locator("input[name=interests]").evaluate_all(
        "inputs => inputs.map(i => i.id)"
    )
    interests = [
        (await page.locator(f"label[for='{i}']").inner_text()).strip().casefold() for i in ids
    ]
    assert len(interests) == len(labels.CODES["interest"])
    assert not dutch_words_that_have_english("interest") & set(interests), interests
