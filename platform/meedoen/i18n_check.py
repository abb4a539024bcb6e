"""Find user-facing strings that have no English translation (used by the tests)."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir

from meedoen.i18n import merged_catalog
from meedoen.paths import PACKAGE_DIR, TEMPLATES_DIR

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def extracted_msgids() -> dict[str, str]:
    """Every msgid in the package's Python and the templates, with where it was found."""
    found: dict[str, str] = {}
    sources = [
        (PACKAGE_DIR, [("**/piccolo_migrations/**", "ignore"), ("**.py", "python")]),
        (
            TEMPLATES_DIR,
            [("**.html", "jinja2.ext:babel_extract"), ("**.txt", "jinja2.ext:babel_extract")],
        ),
    ]
    for directory, method_map in sources:
        options = {
            "**.html": {"extensions": "jinja2.ext.i18n"},
            "**.txt": {"extensions": "jinja2.ext.i18n"},
        }
        for filename, lineno, message, _comments, _context in extract_from_dir(
            str(directory), method_map, options, keywords=KEYWORDS
        ):
            # A plural message is keyed by its singular form in the catalog.
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                found.setdefault(msgid, f"{directory.name}/{filename}:{lineno}")
    return found


def untranslated(language: str = "en") -> dict[str, str]:
    catalog = merged_catalog(language)
    return {msgid: where for msgid, where in extracted_msgids().items() if msgid not in catalog}
