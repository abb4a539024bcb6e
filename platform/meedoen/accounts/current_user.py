"""Who is making the request: what the session middleware puts in ``scope["user"]``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CurrentUser:
    """The signed-in account, as read once per request; never changed by handlers."""

    account_id: int
    email: str
    role: str
    display_name: str
    language: str
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    """Organisations the account is a member (or owner) of."""
    owner_of: frozenset[int] = field(default_factory=frozenset)
    """Organisations the account owns: may manage members and details."""
    verified_organisation_ids: frozenset[int] = field(default_factory=frozenset)
    """The account's organisations that an administrator verified and that are not blocked."""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"
