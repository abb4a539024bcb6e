"""What a visitor sends, as every handler gets it: readable, without control characters.

Handlers read forms with ``await request.form()`` and search or filter forms (GET) with
``request.query_params``, so the app's request class is the one place where what a
browser (or anyone else) sends is made safe to use:

* Control characters (NUL, escape, backspace, …) are removed from every name and value;
  tab and line breaks stay. Nobody means to type them, they do not show on a page, and
  PostgreSQL refuses a NUL in text, so without this a stray byte ends in an error page.
* Unicode format characters (a right-to-left override that makes "fdp.exe" read as
  "exe.pdf", zero-width spaces…) are removed too, except ZWJ and ZWNJ, which some
  scripts need (see :mod:`meedoen.input_rules`).
* A form that is not valid UTF-8 (only possible outside a browser) gets a 400 with an
  explanation. URL-encoded forms and query strings already have such bytes replaced by
  "�" by Litestar; multipart forms would otherwise fail with a 500 while being read.

``whole_number`` reads a number field: only the digits 0-9 count, because
``str.isdigit()`` also says yes to "²" (which ``int()`` then refuses).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from litestar.datastructures import FormMultiDict, MultiDict
from litestar.plugins.htmx import HTMXRequest
from litestar.types import Empty

from meedoen.i18n import gettext
from meedoen.input_rules import without_hidden_characters
from meedoen.web.errors import UserFacingHTTPException

# C0 controls except tab, line feed and carriage return; DEL; the C1 controls; and lone
# surrogates, which no encoder (UTF-8, the database's, the page's) can write.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
DATABASE_INTEGER_DIGITS = 9
"""Nine digits always fit in a database integer column (up to 2,147,483,647)."""


def without_control_characters(value: str) -> str:
    """``value`` without control characters and hidden format characters (see input_rules)."""
    return without_hidden_characters(CONTROL_CHARACTERS.sub("", value))


def whole_number(raw: str, max_digits: int = DATABASE_INTEGER_DIGITS) -> int | None:
    """``raw`` as a whole number of at most ``max_digits`` digits 0-9; None otherwise."""
    raw = raw.strip()
    if raw.isascii() and raw.isdigit() and len(raw) <= max_digits:
        return int(raw)
    return None


def _cleaned_items(items: Iterable[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [
        (
            without_control_characters(name),
            without_control_characters(value) if isinstance(value, str) else value,
        )
        for name, value in items
    ]


class CleanInputRequest(HTMXRequest):
    """The app's request class: forms and query parameters come cleaned (see the module),
    and ``htmx`` tells what htmx asked for (HTMXPlugin's request)."""

    __slots__ = ()

    async def form(self) -> FormMultiDict:
        if self._form is not Empty:
            return self._form
        try:
            form = await super().form()
        except (UnicodeDecodeError, LookupError) as unreadable:
            # LookupError: a part declared a character set Python does not know.
            raise UserFacingHTTPException(
                status_code=400,
                detail=gettext(
                    "We kunnen het formulier niet lezen: er staan tekens in die we niet kennen. Ga terug, typ de tekst opnieuw en verstuur het formulier nog een keer."
                ),
            ) from unreadable
        self._form = FormMultiDict(_cleaned_items(form.multi_items()))
        return self._form

    @property
    def query_params(self) -> MultiDict[Any]:
        return MultiDict(_cleaned_items(super().query_params.multi_items()))
