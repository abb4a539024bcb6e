"""The unread count in the menu: looked up once per page for people who get notifications."""

from __future__ import annotations

from litestar.types import ASGIApp, Receive, Scope, Send

from meedoen.accounts.current_user import CurrentUser
from meedoen.notifications.service import unread_count

SKIPPED = ("/static/", "/api/", "/health")
ROLES = frozenset({"resident", "organisation"})


def unread_count_middleware(app: ASGIApp) -> ASGIApp:
    """Sets ``scope["unread_notifications"]`` on GET pages of residents and members.

    Runs after the session middleware (which sets ``scope["user"]``).
    """

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") == "GET":
            user = scope.get("user")
            path = scope.get("path", "")
            if (
                isinstance(user, CurrentUser)
                and user.role in ROLES
                and not path.startswith(SKIPPED)
            ):
                scope["unread_notifications"] = await unread_count(user.account_id)  # type: ignore[typeddict-unknown-key]
        await app(scope, receive, send)

    return middleware
