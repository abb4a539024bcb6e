"""Text for Meilisearch documents and queries: clean text, hours bands, Dutch compounds.

The document for an opportunity is put together in ``meedoen.indexing.documents``.

Meilisearch matches whole words (and prefixes of the last query word only), so a resident
typing `magazijn` would not find `Magazijnmedewerker`. We therefore index the compound parts
in extra fields (`title_terms`, `terms`) and split compounds in the query as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from meedoen.labels import dutch
from meedoen.search.index_definitions import CompoundVocabulary, compound_vocabulary
from meedoen.vocabulary import HOURS_BANDS, OPPORTUNITY_KINDS

__all__ = ["HOURS_BANDS"]

HOURS_BAND_LABELS: Mapping[str, str] = {band: dutch("hours", band) for band, _, _ in HOURS_BANDS}
KIND_LABELS: Mapping[str, str] = {kind: dutch("kind", kind).lower() for kind in OPPORTUNITY_KINDS}
# Search words for the audience (not the labels people read: these match what people type).
AUDIENCE_LABELS: Mapping[str, str] = {
    "jongeren": "jongeren",
    "zonder_ervaring": "zonder ervaring",
    "met_begeleiding": "met begeleiding",
    "statushouders": "statushouders",
    "55plus": "55plus",
    "weinig_nederlands": "weinig nederlands",
}
# Words residents use for the kind of place; lets "dorp" or "village" find Boekelo/Usselo.
PLACE_KINDS: Mapping[str, str] = {
    "Boekelo": "dorp",
    "Usselo": "dorp",
    "Twekkelo": "buitengebied dorp",
    "Havengebied Twentekanaal": "bedrijventerrein",
    "Bedrijventerrein Westerval": "bedrijventerrein",
    "Bedrijvenpark Zuiderval": "bedrijventerrein",
}

# Highlight placeholders live in the Unicode private use area; documents and queries are
# cleaned of that area so a placeholder in the output can only come from Meilisearch.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_WORD = re.compile(r"[^\W\d_]+")
_INFLECTIONS = ("tjes", "tje", "jes", "je", "en", "s", "e")


def clean_text(value: object) -> str:
    """Text without control or private-use characters, with normalised Unicode."""
    text = unicodedata.normalize("NFC", str(value or ""))
    text = _PRIVATE_USE.sub("", text)
    return "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)


def words(text: str) -> list[str]:
    """Lowercase letter-only words; digits and punctuation separate words."""
    return _WORD.findall(text.lower())


@dataclass
class _Split:
    parts: list[str]


def split_compound(word: str, vocabulary: CompoundVocabulary | None = None) -> tuple[str, ...]:
    """Parts of a Dutch compound, or () when the word is not (safely) a compound.

    Explicit splits win. Otherwise the word must be covered by known parts, optionally
    joined by a linking -s-/-e-/-en- and followed by an inflection (`magazijnmedewerkers`).
    An unknown tail is accepted only after a long known head (`zwemonderwijzer` is not
    split, `dienstverlening` is), which keeps short parts like `vers` from firing inside
    `verschillende`.
    """
    vocab = vocabulary or compound_vocabulary()
    word = word.lower()
    if word in vocab.explicit:
        return vocab.explicit[word]
    if len(word) < vocab.min_word_length or word in vocab.keep_whole:
        return ()
    best = _cover(word, vocab)
    return _full_split(word, best) or _head_and_tail(word, best, vocab)


def _cover(word: str, vocab: CompoundVocabulary) -> list[_Split | None]:
    """best[i] = fewest known parts covering word[:i] (dynamic programming)."""
    best: list[_Split | None] = [None] * (len(word) + 1)
    best[0] = _Split([])
    for start in range(len(word)):
        here = best[start]
        if here is None:
            continue
        for begin in _part_starts(word, start, here, vocab):
            for end in range(len(word), begin + vocab.min_part_length - 1, -1):
                part = word[begin:end]
                if part in vocab.parts and _better(best[end], len(here.parts) + 1):
                    best[end] = _Split([*here.parts, part])
    return best


def _part_starts(word: str, start: int, here: _Split, vocab: CompoundVocabulary) -> list[int]:
    starts = [start]
    if here.parts:
        starts += [start + len(link) for link in vocab.linking if word.startswith(link, start)]
    return starts


def _better(current: _Split | None, part_count: int) -> bool:
    return current is None or part_count < len(current.parts)


def _full_split(word: str, best: list[_Split | None]) -> tuple[str, ...]:
    for ending in ("", *_INFLECTIONS):
        found = best[len(word) - len(ending)]
        if found is not None and len(found.parts) >= 2 and word.endswith(ending):
            return tuple(found.parts)
    return ()


def _head_and_tail(
    word: str, best: list[_Split | None], vocab: CompoundVocabulary
) -> tuple[str, ...]:
    """One long known head plus an unknown tail: `dienstverlening` -> dienst verlening."""
    min_head, min_tail = 5, 5
    for cut in range(len(word) - min_tail, min_head - 1, -1):
        head = best[cut]
        if head is None or len(head.parts) != 1:
            continue
        tail = _strip_link(word[cut:])
        if len(tail) >= min_tail and not tail.startswith(_SUFFIX_STARTS):
            return (*head.parts, tail)
    return ()


# A tail starting like a derivational suffix means the "head" was really a stem
# (`ambachtelijke`, `wandelingen`, `schoonheidsspecialist`), not a compound.
_SUFFIX_STARTS = ("elijk", "lijk", "ing", "heid", "achtig", "isch", "baar", "loos", "zaam")
# After a linking -s- the next part cannot start with these letters in Dutch
# (`ervaringsdeskundige`), while `s` + these can start a word (`schilderwerk`).
_S_CLUSTER_STARTS = set("aeiouychjklmnptw")


def _strip_link(tail: str) -> str:
    if tail.startswith("en") and len(tail) >= 7:
        return tail[2:]
    if tail.startswith("s") and len(tail) > 1 and tail[1] not in _S_CLUSTER_STARTS:
        return tail[1:]
    return tail


def compound_terms(texts: Iterable[str], vocabulary: CompoundVocabulary | None = None) -> str:
    """Space-separated compound parts of all words in `texts`, each part once."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text):
            seen.update(dict.fromkeys(split_compound(word, vocabulary)))
    return " ".join(seen)


def hours_bands(minimum: int | None, maximum: int | None) -> list[str]:
    """Every band the range [minimum, maximum] overlaps."""
    low = int(minimum or 0)
    high = int(maximum if maximum is not None else low)
    return [band for band, lo, hi in HOURS_BANDS if low <= hi and high >= lo]


def timestamp(value: object) -> int:
    """Seconds since the epoch for sorting; 0 when unknown so the field is always an int."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return int(moment.timestamp())
    if isinstance(value, date):
        return timestamp(datetime(value.year, value.month, value.day, tzinfo=UTC))
    try:
        return timestamp(datetime.fromisoformat(str(value)))
    except ValueError:
        return 0


def recognised_company(organisation: Mapping[str, Any]) -> list[str]:
    """["erkend"] once an administrator confirmed the erkend leerbedrijf; else empty."""
    return ["erkend"] if organisation.get("leerbedrijf_confirmed_at") else []


def allowance_band(amount: int | None) -> list[str]:
    """A stage's stagevergoeding for the filter: "met", "geen", or nothing when unsaid."""
    return [] if amount is None else ["met" if amount > 0 else "geen"]
