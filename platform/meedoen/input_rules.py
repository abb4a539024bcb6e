"""Rules every form applies to what people type, in one place below the domains.

* **Hidden characters.** Unicode format characters (category Cf: right-to-left
  overrides, zero-width spaces, invisible separators…) can make a posting title or a
  name read differently from what is stored. The request class strips them from every
  form and query value; only ZWJ and ZWNJ stay, because Persian, Arabic, Indic scripts
  and emoji need them to join or separate letters.
* **BSN.** The platform never stores a citizen service number. A 9-digit number that
  passes the 11-proof in free text is refused with a message that says why.
* **Links in names.** An organisation name shows up in pages and mails; a web address in
  it is how phishing dresses up as the municipality.
* **Formats and vocabularies** (postcode, wijk, sector…), each with a message per field.
* **What an organisation says about itself** (KvK number, website): checked the same at
  registration and on the organisation's details page.

Messages are Dutch msgids (marked with ``N_``); callers translate them where shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from meedoen.i18n import N_, gettext

KEEP_FORMAT_CHARACTERS = frozenset({"\u200c", "\u200d"})  # ZWNJ, ZWJ

BSN_PROBLEM = N_(
    "Hier staat een burgerservicenummer (BSN). Dat mag niet op Meedoen West: haal het nummer weg."
)
LINK_PROBLEM = N_(
    "Een naam mag geen internetadres bevatten. Haal het adres weg; je website kun je apart invullen."
)
POSTCODE_PROBLEM = N_("Vul een postcode in met 4 cijfers en 2 letters, zoals 7511 AB.")
PHONE_PROBLEM = N_("Vul een telefoonnummer in met alleen cijfers, zoals 053 481 00 00.")
_PHONE = re.compile(r"\+?[0-9 ()-]{6,30}")

# Nine digits, optionally written in groups (123 456 789, 123.45.6789, 1234-56-789), not
# part of a longer number (a phone number, an IBAN, a KvK number plus more digits).
_NINE_DIGITS = re.compile(r"(?<![\d.\-])(\d(?:[ .\-]?\d){8})(?![\d]|[.\-]\d)")
_LINK = re.compile(
    r"(?i)(?:\b[a-z][a-z0-9+.\-]*://|\bwww\.|\b[a-z0-9\-]+\.(?:nl|com|net|org|info|eu|"
    r"io|biz|xyz|online|site|top|click|link|example)\b)"
)
_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$")


def is_hidden_character(character: str) -> bool:
    return unicodedata.category(character) == "Cf" and character not in KEEP_FORMAT_CHARACTERS


def without_hidden_characters(value: str) -> str:
    """``value`` without format characters (Cf), except ZWJ and ZWNJ."""
    if value.isascii():
        return value
    return "".join(c for c in value if not is_hidden_character(c))


def passes_eleven_proof(digits: str) -> bool:
    """The BSN 11-proof: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11 (and not 0)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total % 11 == 0 and total != 0


def contains_bsn(text: str) -> bool:
    for match in _NINE_DIGITS.finditer(text or ""):
        digits = re.sub(r"\D", "", match.group(1))
        if passes_eleven_proof(digits):
            return True
    return False


def bsn_problem(text: str) -> str | None:
    return BSN_PROBLEM if contains_bsn(text) else None


def phone_problem(text: str) -> str | None:
    """A phone number is optional; written, it is digits with spaces, dashes, brackets."""
    return PHONE_PROBLEM if text.strip() and not _PHONE.fullmatch(text.strip()) else None


def link_problem(text: str) -> str | None:
    return LINK_PROBLEM if _LINK.search(text or "") else None


def postcode(text: str) -> str | None:
    """A Dutch postcode written the standard way ("7511 AB"), or None when it is not one."""
    match = _POSTCODE.match(text or "")
    return f"{match.group(1)} {match.group(2).upper()}" if match else None


def choice_problem(value: str, allowed: Iterable[str], message: str) -> str | None:
    """``message`` unless ``value`` is one of ``allowed`` (a shared vocabulary)."""
    return None if value in allowed else message


def free_text_errors(values: Mapping[str, object], fields: Iterable[str]) -> dict[str, str]:
    """Translated errors for the free-text ``fields`` that hold a BSN (lists: any item)."""
    errors: dict[str, str] = {}
    for name in fields:
        value = values.get(name)
        texts = value if isinstance(value, list | tuple) else [value]
        if any(isinstance(text, str) and contains_bsn(text) for text in texts):
            errors[name] = gettext(BSN_PROBLEM)
    return errors


BUSINESS = "bedrijf"
_KVK_SEPARATORS = re.compile(r"[\s.\-]")


def read_kvk_number(raw: str, organisation_type: str) -> tuple[str, str | None]:
    """The KvK number as 8 digits, and a translated problem (or None).

    People copy it with spaces or dots ("1234 5678", "12.34.56.78"); those go. A business
    must give it, other organisations may. The KvK has no check digit: only the form is
    checked here, an administrator looks it up in the register.
    """
    number = _KVK_SEPARATORS.sub("", raw)
    if not number:
        if organisation_type == BUSINESS:
            return "", gettext(
                "Vul het KvK-nummer van je bedrijf in. Het staat op je inschrijving bij de Kamer van Koophandel."
            )
        return "", None
    if not (number.isascii() and number.isdigit() and len(number) == 8):
        return raw, gettext("Een KvK-nummer heeft 8 cijfers, zoals 12345678.")
    return number, None


def read_website(raw: str) -> tuple[str, str | None]:
    """A web address that starts with https:// (added when people type "www.…")."""
    if not raw:
        return "", None
    # "www.wijkgilde.nl" is what people type; a scheme they typed themselves stays.
    address = raw if "://" in raw else f"https://{raw}"
    if not _is_web_address(address):
        return address, gettext(
            "Vul een webadres in dat begint met https://, zoals https://www.voorbeeld.nl."
        )
    return address, None


def _is_web_address(address: str) -> bool:
    if len(address) > 300 or any(c.isspace() for c in address):
        return False
    parts = urlsplit(address)
    # Only https: the public profile links to nothing else.
    return parts.scheme == "https" and "." in parts.netloc and not parts.username
