"""What htmx asked for, as Litestar's HTMXPlugin reads it (no header is read by hand).

The app's request class (``web.form_data.CleanInputRequest``) is an ``HTMXRequest``, so
``request.htmx`` holds the details; a request made before routing (an error raised in
middleware) is read the same way.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.plugins.htmx import HTMXDetails, HTMXRequest


def htmx_details(request: Request[Any, Any, Any]) -> HTMXDetails:
    return request.htmx if isinstance(request, HTMXRequest) else HTMXDetails(request)


def is_htmx(request: Request[Any, Any, Any]) -> bool:
    """Whether htmx sent the request (it then swaps the answer into the page)."""
    return bool(htmx_details(request))


def wants_fragment(request: Request[Any, Any, Any]) -> bool:
    """htmx asks for a part of the page; a history restore needs the whole page."""
    details = htmx_details(request)
    return bool(details) and not details.history_restore_request
