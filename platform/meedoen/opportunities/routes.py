"""Routes of the opportunities domain (search page, detail page, public API)."""

from typing import Any

route_handlers: list[Any] = []
