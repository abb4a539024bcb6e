"""The Jinja environment and the one way handlers render pages and fragments."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from litestar import Request
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template.config import TemplateConfig
from litestar.utils.scope.state import ScopeState
from markupsafe import Markup

from meedoen import formatting, i18n, labels
from meedoen.paths import TEMPLATES_DIR
from meedoen.web import navigation
from meedoen.web.htmx import wants_fragment
from meedoen.web.static_files import static_url


def build_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(("html", "xml", "svg"), default=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: i18n.translations(i18n.current_language()).gettext(message),
        ngettext=lambda singular, plural, n: i18n.translations(i18n.current_language()).ngettext(
            singular, plural, n
        ),
        newstyle=True,
    )
    # The same as the extension's own newstyle callables, cheaper: a search page calls
    # ``_()`` about 170 times, mostly for the same few words without variables.
    env.globals.update(gettext=_gettext, ngettext=_ngettext)
    env.globals.update(
        static=static_url,
        switch_language_url=switch_language_url,
        language_names=i18n.LANGUAGE_NAMES,
        label=labels.label,
        current_language=i18n.current_language,
        main_menu=navigation.main_menu,
        sub_menus=navigation.SUB_MENUS,
        menu_state=navigation.current_state,
    )
    env.filters.update(
        labels=labels.labels,
        first_upper=labels.first_upper,
        day=formatting.day,
        short_day=formatting.short_day,
        moment=formatting.moment,
        number=formatting.number,
    )
    return env


@lru_cache(maxsize=4096)
def _translation(language: str, message: str) -> Markup:
    """A translation without variables, as HTML: formatted once (``%%`` becomes ``%``)."""
    return Markup(i18n.translations(language).gettext(message)) % {}  # noqa: S704 - our own catalogue, as Jinja's gettext treats it


@pass_context
def _gettext(context: Context, message: str, /, **variables: Any) -> str:
    language = i18n.current_language()
    if context.eval_ctx.autoescape and not variables:
        return _translation(language, message)
    text = i18n.translations(language).gettext(message)
    # Always a format string, even without variables, as in Jinja's own newstyle gettext.
    if context.eval_ctx.autoescape:
        return Markup(text) % variables  # noqa: S704 - our own catalogue
    return text % variables


@pass_context
def _ngettext(context: Context, singular: str, plural: str, count: int, /, **variables: Any) -> str:
    variables.setdefault("num", count)
    text = i18n.translations(i18n.current_language()).ngettext(singular, plural, count)
    if context.eval_ctx.autoescape:
        return Markup(text) % variables  # noqa: S704 - our own catalogue
    return text % variables


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(build_environment()))


@pass_context
def switch_language_url(context: Context, language: str) -> str:
    request = context.get("request")
    here = request.url.path if request is not None else "/"
    if request is not None and request.url.query:
        here += "?" + request.url.query
    return f"/taal/{language}?next={quote(here, safe='')}"


def base_context(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """What every page needs: language, the signed-in user, CSRF token, flash messages."""
    csrf_token = ScopeState.from_scope(request.scope).csrf_token
    return {
        "lang": i18n.current_language(),
        "current_user": request.scope.get("user"),
        "csrf_token": csrf_token if isinstance(csrf_token, str) else "",
        "messages": request.scope.get("flash_messages", []),
        "url_path": request.url.path,
        # Set by the notifications middleware for signed-in pages.
        "unread_notifications": request.scope.get("unread_notifications", 0),
    }


def render(
    request: Request[Any, Any, Any],
    template_name: str,
    context: dict[str, Any] | None = None,
    *,
    fragment: str | None = None,
    status_code: int = 200,
) -> Template:
    """Render a full page, or only ``fragment`` when htmx asks for it.

    The full page includes the fragment template, so its markup exists once; the
    response varies on HX-Request so caches keep the two apart.
    """
    name = fragment if (fragment and wants_fragment(request)) else template_name
    headers = {"Vary": "HX-Request"} if fragment else {}
    return Template(
        template_name=name,
        context={**base_context(request), **(context or {})},
        status_code=status_code,
        headers=headers,
    )
