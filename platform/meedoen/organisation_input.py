"""What an organisation types about itself that needs the same check everywhere it is
typed (registration and the organisation's details page): its KvK number and its website.

Each reader returns the value to store (or show again) and a problem in plain Dutch, or
None. This sits below the domains: accounts (registration) and organisations (details)
both use it without importing each other.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from meedoen.i18n import gettext

BUSINESS = "bedrijf"
KVK_SEPARATORS = re.compile(r"[\s.\-]")


def read_kvk_number(raw: str, organisation_type: str) -> tuple[str, str | None]:
    """The KvK number as 8 digits, and a problem (or None).

    People copy it with spaces or dots ("1234 5678", "12.34.56.78"); those go. A business
    must give it, other organisations may. The KvK has no check digit: only the form is
    checked here, an administrator looks it up in the register.
    """
    number = KVK_SEPARATORS.sub("", raw)
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
