"""Which pages exist: every GET route of the app, with sample values for path parameters.

The quality gates (valid HTML, accessibility) walk this list, so a new page is checked
without anyone remembering to add it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from litestar import Litestar
from litestar.routes import HTTPRoute

# Routes that are not pages a person reads.
NOT_PAGES = re.compile(r"^/(static|api|health|taal)(/|$)|\.(csv|xlsx|json|pdf|ics)$|/export")


def page_paths(app: Litestar, samples: dict[str, str]) -> list[str]:
    """GET routes that render HTML, with ``{name}`` parameters filled from ``samples``."""
    paths: list[str] = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or "GET" not in route.methods:
            continue
        if NOT_PAGES.search(route.path):
            continue
        filled = fill_parameters(route.path, samples)
        if filled is not None:
            paths.append(filled)
    return sorted(set(paths))


def fill_parameters(path: str, samples: dict[str, str]) -> str | None:
    names = re.findall(r"{(\w+)(?::\w+)?}", path)
    if any(name not in samples for name in names):
        return None
    return re.sub(r"{(\w+)(?::\w+)?}", lambda m: samples[m.group(1)], path)


def sample_values(refs: Iterable[tuple[str, str]]) -> dict[str, str]:
    return dict(refs)


def section_paths(app: Litestar, sections: Iterable[str], refs: dict[str, str]) -> list[str]:
    """The pages of a signed-in part of the site: GET routes starting with one of
    ``sections``, each ``{parameter}`` filled from ``refs`` by the path in front of it.

    ``{"/coach/bewoners/": "res-1"}`` fills both /coach/bewoners/{ref} and
    /coach/bewoners/{ref}/matches; a route whose parameter has no entry is left out.
    """
    paths: list[str] = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or "GET" not in route.methods:
            continue
        if not route.path.startswith(tuple(sections)) or NOT_PAGES.search(route.path):
            continue
        filled = route.path
        for match in reversed(list(re.finditer(r"{(\w+)(?::\w+)?}", route.path))):
            value = refs.get(route.path[: match.start()])
            if value is None:
                break
            filled = filled[: match.start()] + value + filled[match.end() :]
        else:
            paths.append(filled)
    return sorted(set(paths))
