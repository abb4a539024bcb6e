"""Accent- and case-insensitive "contains" that SQLite and PostgreSQL answer the same way.

Both engines fold a column with ``translate(text, from, to)`` over one table made here:
every Latin letter with a diacritic (U+00C0–U+024F, so "É", "ç", "ş", "ø") becomes its
plain lower-case letter, and A–Z become a–z. PostgreSQL has ``translate`` built in; SQLite
connections get the same function from :mod:`meedoen.db`. The search text goes through
the same table in Python, so "e" finds "Émile" and "EMILE" finds "émile" on both engines,
whatever the database's collation (PostgreSQL's ``lower`` and ``ILIKE`` follow the
locale, SQLite's only know ASCII).
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from piccolo.columns import Column
from piccolo.columns.combination import WhereRaw

# Letters whose decomposition does not start with a plain letter, folded by hand.
_BY_HAND = {
    "Ø": "o",
    "ø": "o",
    "Ł": "l",
    "ł": "l",
    "Đ": "d",
    "đ": "d",
    "ı": "i",
    "Ħ": "h",
    "ħ": "h",
}
LIKE_LIMIT = 100


def _fold_pairs() -> tuple[str, str]:
    source, target = [], []
    for letter in map(chr, range(ord("A"), ord("Z") + 1)):
        source.append(letter)
        target.append(letter.lower())
    for letter in map(chr, range(0x00C0, 0x0250)):
        base = _BY_HAND.get(letter) or unicodedata.normalize("NFD", letter)[0]
        if base.isascii() and base.isalpha() and base != letter:
            source.append(letter)
            target.append(base.lower())
    return "".join(source), "".join(target)


FOLD_FROM, FOLD_TO = _fold_pairs()
_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str) -> str:
    """The text as both engines' ``translate(…, FOLD_FROM, FOLD_TO)`` makes it."""
    return text.translate(_TABLE)


@functools.lru_cache(maxsize=8)
def _translation(source: str, target: str) -> dict[int, int | None]:
    table: dict[int, int | None] = {}
    for index, char in enumerate(source):
        # PostgreSQL: the first mapping of a character wins; extra characters are deleted.
        table.setdefault(ord(char), ord(target[index]) if index < len(target) else None)
    return table


def sql_translate(text: Any, source: str, target: str) -> Any:
    """PostgreSQL's ``translate(text, from, to)``, registered on SQLite connections."""
    if text is None or source is None or target is None:
        return None
    return str(text).translate(_translation(source, target))


def contains(column: Column, text: str) -> WhereRaw:
    """``column`` contains ``text``, ignoring case and accents (at most 100 characters)."""
    meta = column._meta
    reference = f'"{meta.table._meta.tablename}"."{meta.db_column_name}"'
    # "%" is dropped; "_" matches any one character: a slightly wider match, never narrower.
    pattern = "%" + fold(text.replace("%", "")[:LIKE_LIMIT]) + "%"
    return WhereRaw(f"translate({reference}, {{}}, {{}}) LIKE {{}}", FOLD_FROM, FOLD_TO, pattern)
