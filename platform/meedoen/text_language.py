"""Which language a text people wrote is in: Dutch or English.

Most kansen are written in Dutch (B1), a few in English for expats. When someone reads the
site in the other language, the page marks such a text with ``lang`` (so a screen reader
pronounces it right) and a small note ("in het Nederlands"). Counting the most common
short words of each language is enough to tell the two apart in a few sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Frequent words that belong to one language only ("in", "is", "of" are in both).
_DUTCH = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "je",
        "jij",
        "jouw",
        "van",
        "op",
        "met",
        "voor",
        "bij",
        "die",
        "dat",
        "te",
        "naar",
        "om",
        "ook",
        "aan",
        "er",
        "niet",
        "zijn",
        "wij",
        "we",
        "ons",
        "onze",
        "wat",
        "wordt",
        "hoe",
        "als",
        "maar",
        "kun",
        "kunt",
        "moet",
        "wil",
        "wilt",
        "graag",
        "heb",
        "hebt",
        "heeft",
        "uur",
        "per",
        "week",
        "werk",
        "werken",
        "jouw",
        "geen",
        "nog",
        "al",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "you",
        "your",
        "to",
        "for",
        "with",
        "are",
        "we",
        "our",
        "at",
        "on",
        "will",
        "be",
        "this",
        "that",
        "as",
        "from",
        "it",
        "an",
        "can",
        "have",
        "has",
        "who",
        "what",
        "how",
        "work",
        "working",
        "hours",
        "week",
        "not",
        "no",
        "some",
        "any",
    ]
)
_WORD = re.compile(r"[a-zà-ÿ']+")


@lru_cache(maxsize=2048)
def text_language(text: str) -> str:
    """ "nl" or "en"; Dutch when it cannot tell (the platform's own language)."""
    words = _WORD.findall(text.casefold())
    dutch = sum(word in _DUTCH for word in words)
    english = sum(word in _ENGLISH for word in words)
    return "en" if english > dutch else "nl"
