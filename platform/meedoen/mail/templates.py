"""Rendering e-mails from ``templates/mail/`` in the recipient's language.

Each mail has ``<name>.txt`` and ``<name>.html``; the plain-text one holds the subject
in ``{% block subject %}``. Strings go through gettext like the pages do, inside
:func:`meedoen.i18n.language`, so one template serves Dutch and English.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from meedoen import i18n
from meedoen.paths import TEMPLATES_DIR


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


@cache
def mail_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        # Only the HTML part is escaped; escaping the plain text would show "&amp;".
        autoescape=select_autoescape(("html",), default_for_string=False, default=False),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,  # a missing link in a mail must fail loudly, not be blank
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: i18n.translations(i18n.current_language()).gettext(message),
        ngettext=lambda singular, plural, n: i18n.translations(i18n.current_language()).ngettext(
            singular, plural, n
        ),
        newstyle=True,
    )
    return env


def render_mail(name: str, context: dict[str, Any], language: str) -> RenderedMail:
    """Subject, plain text and HTML of mail ``name`` in ``language``.

    ``name`` is a mail in ``templates/mail/`` ("verify_email"), or a path under
    ``templates/`` for a domain that keeps its mails beside its pages
    ("notifications/mail").
    """
    env = mail_environment()
    path = name if "/" in name else f"mail/{name}"
    with i18n.language(language):
        context = {**context, "lang": i18n.current_language()}
        text_template = env.get_template(f"{path}.txt")
        subject = "".join(text_template.blocks["subject"](text_template.new_context(dict(context))))
        text = text_template.render(context)
        html = env.get_template(f"{path}.html").render(context)
    return RenderedMail(subject=" ".join(subject.split()), text=text.strip() + "\n", html=html)
