"""Dutch first, English second: gettext with Dutch msgids.

Every ``*.po`` file in ``locale/<lang>/LC_MESSAGES`` is merged into one catalog, so
each domain can keep its own file. The language of the current request lives in a
context variable, which lets templates and services translate without passing it on.
"""

from __future__ import annotations

import contextvars
import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from meedoen.paths import LOCALE_DIR

DEFAULT_LANGUAGE = "nl"
LANGUAGES = ("nl", "en")
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}

_current_language: contextvars.ContextVar[str] = contextvars.ContextVar(
    "current_language", default=DEFAULT_LANGUAGE
)


def merged_catalog(language: str) -> Catalog:
    """All of a language's .po files as one catalog."""
    merged = Catalog(locale=language)
    for path in sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if message.id and message.string and not message.fuzzy:
                    merged[message.id] = message
    return merged


@cache
def translations(language: str) -> NullTranslations:
    if language == DEFAULT_LANGUAGE:
        return NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, merged_catalog(language))
    buffer.seek(0)
    return Translations(buffer)


def current_language() -> str:
    return _current_language.get()


def set_language(language: str) -> contextvars.Token[str]:
    return _current_language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


@contextmanager
def language(code: str) -> Iterator[None]:
    """Translate in ``code`` within the block (e-mails to someone in their language)."""
    token = set_language(code)
    try:
        yield
    finally:
        _current_language.reset(token)


def gettext(message: str, **variables: object) -> str:
    text = translations(current_language()).gettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, count: int, **variables: object) -> str:
    text = translations(current_language()).ngettext(singular, plural, count)
    return text % {"num": count, **variables}


_ = gettext


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate it where it is shown."""
    return message


def pick_language(cookie_value: str | None) -> str:
    """The visitor's chosen language: Dutch unless they chose English with the switch.

    The browser's Accept-Language is not used: many Dutch residents have phones set to
    English, and the district's site is Dutch first.
    """
    return cookie_value if cookie_value in LANGUAGES else DEFAULT_LANGUAGE
