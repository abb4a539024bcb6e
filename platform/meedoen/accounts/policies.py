"""Who may do what: the one place for access rules.

Two kinds of rule live here:

* **Guards** for route handlers and routers (``guards=[require_signed_in]``). A visitor
  who is not signed in gets 401, which a page turns into a redirect to ``/inloggen``;
  a signed-in user without the right role gets 403 and the friendly error page.
* **Resource rules**: plain functions ``may_<verb>_<thing>(user, ...) -> bool`` that
  services call before they read or change a particular record, then
  ``authorize(may_...(...))`` to turn a "no" into 403.

Add new rules here, next to the ones like them, rather than in handlers or services.
Every rule takes ``user: CurrentUser | None`` so callers need no separate "anonymous" case.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, Protocol

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from meedoen.accounts.current_user import CurrentUser
from meedoen.vocabulary import ROLES

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], None]


def current_user(connection: ASGIConnection[Any, Any, Any, Any]) -> CurrentUser | None:
    user = connection.scope.get("user")
    return user if isinstance(user, CurrentUser) else None


# --- guards -------------------------------------------------------------------------


def require_signed_in(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    if current_user(connection) is None:
        raise NotAuthorizedException()


def require_role(*roles: str) -> Guard:
    """A guard that lets through only signed-in users with one of ``roles``."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role(s) {sorted(unknown)}: use {ROLES}")

    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        user = current_user(connection)
        if user is None:
            raise NotAuthorizedException()
        if user.role not in roles:
            raise PermissionDeniedException()

    guard.__name__ = f"require_role({', '.join(roles)})"
    return guard


def authorize(allowed: bool) -> None:
    """Raise 403 unless ``allowed``: ``authorize(may_manage_organisation(user, id))``."""
    if not allowed:
        raise PermissionDeniedException()


# --- organisations ------------------------------------------------------------------


def may_manage_organisation(user: CurrentUser | None, organisation_id: int) -> bool:
    """Change an organisation's details and members: its owners and administrators."""
    if user is None:
        return False
    return user.is_admin or organisation_id in user.owner_of


def may_act_for_organisation(user: CurrentUser | None, organisation_id: int) -> bool:
    """Work on an organisation's postings and responses: any member, and administrators."""
    if user is None:
        return False
    return user.is_admin or organisation_id in user.organisation_ids


def may_invite_members(user: CurrentUser | None, organisation_id: int) -> bool:
    """Invite someone by e-mail to join the organisation: its owners only."""
    return user is not None and organisation_id in user.owner_of


def may_handle_response(user: CurrentUser | None, organisation_id: int) -> bool:
    """Read a response to a posting (and what the resident shared), mark it, reply.

    Only members of the organisation that posted it: not administrators, because what a
    resident shares is meant for that organisation alone.
    """
    return user is not None and organisation_id in user.organisation_ids


def may_browse_candidates(user: CurrentUser | None, organisation_id: int) -> bool:
    """See which residents fit a posting of ``organisation_id``.

    Members of that organisation once it is verified (and not blocked): they see only
    residents who chose to be findable. Coaches, for any published posting: they see
    findable residents and their own caseload. Not administrators: nobody browses
    residents for the sake of managing the platform.
    """
    if user is None:
        return False
    if user.role == "coach":
        return True
    return user.role == "organisation" and organisation_id in user.verified_organisation_ids


# --- programmes ---------------------------------------------------------------------


def may_manage_programme(user: CurrentUser | None, owner_id: int) -> bool:
    """Change a programme, see its reach and accept organisations that ask to join: the
    members of the organisation that owns it, and administrators."""
    if user is None:
        return False
    return user.is_admin or owner_id in user.organisation_ids


def may_see_programme(user: CurrentUser | None, status: str, owner_id: int) -> bool:
    """A published (or ended) programme is public; a concept or one awaiting approval
    only for those who manage it."""
    return status in ("gepubliceerd", "beeindigd") or may_manage_programme(user, owner_id)


def may_attach_to_programme(
    user: CurrentUser | None, organisation_id: int, accepted_ids: Collection[int]
) -> bool:
    """Attach one's own meetings and kansen to a programme: members of an organisation
    the programme accepted (the owner is accepted from the start)."""
    return (
        user is not None
        and organisation_id in user.organisation_ids
        and organisation_id in accepted_ids
    )


# --- administration -----------------------------------------------------------------


def may_administer(user: CurrentUser | None) -> bool:
    """Verify and block organisations, change roles, read the audit log: administrators."""
    return user is not None and user.is_admin


def may_change_account(user: CurrentUser | None, account_id: int) -> bool:
    """Change someone's role or deactivate them: administrators, never themselves (so
    the platform cannot lose its last administrator by a slip)."""
    return may_administer(user) and user is not None and user.account_id != account_id


# --- residents ----------------------------------------------------------------------


class ResidentLike(Protocol):
    """What the resident rules need: a Resident row has both (``account`` is its id)."""

    account: Any
    visibility: str


def _owner_id(resident: ResidentLike) -> int | None:
    account = resident.account
    # An unfetched foreign key is the id; a prefetched one is the Account row.
    return getattr(account, "id", account)


def may_view_resident(user: CurrentUser | None, resident: ResidentLike) -> bool:
    """See a resident's profile; the resident's ``visibility`` choice decides.

    private:  only the resident (and administrators, for support and removal requests)
    coach:    also coaches
    findable: also coaches, and members of a verified organisation
    """
    if user is None:
        return False
    if user.is_admin or _owner_id(resident) == user.account_id:
        return True
    if user.role == "coach":
        return resident.visibility in ("coach", "findable")
    if user.role == "organisation":
        return resident.visibility == "findable" and bool(user.verified_organisation_ids)
    return False


def may_edit_resident(user: CurrentUser | None, resident: ResidentLike) -> bool:
    """Change a resident's profile: the resident themself only."""
    return user is not None and _owner_id(resident) == user.account_id


# --- caseloads (coaching) -----------------------------------------------------------
# ``coach_ids`` are the accounts with an active CaseloadLink to the resident (the
# caller loads them: ``meedoen.placements.caseload.active_coach_ids``).


def may_keep_caseload(user: CurrentUser | None) -> bool:
    """Have a caseload: take residents in at an intake, list and export it. Coaches."""
    return user is not None and user.role == "coach"


def may_view_resident_file(user: CurrentUser | None, coach_ids: Collection[int]) -> bool:
    """A resident's coaching file: ladder history, placements and coach notes.

    Only the resident's current coaches. Not administrators and never organisations:
    the notes are between coach and resident, and a coach who transferred the resident
    loses access with the transfer.
    """
    return may_keep_caseload(user) and user is not None and user.account_id in coach_ids


def may_work_on_resident_file(user: CurrentUser | None, coach_ids: Collection[int]) -> bool:
    """Record a rung, write a note, propose or move a placement, transfer the resident."""
    return may_view_resident_file(user, coach_ids)


# --- a resident's CV ----------------------------------------------------------------
# ``coach_ids``: the resident's active coaches; ``shared_with``: the organisations the
# resident sent the CV to with a response that is not withdrawn (the caller loads both).


def may_download_cv(
    user: CurrentUser | None,
    resident: ResidentLike,
    coach_ids: Collection[int],
    shared_with: Collection[int],
) -> bool:
    """A resident's CV: the resident; their current coach when the profile is shared with
    the coach; members of an organisation the resident sent it to. Not administrators."""
    if user is None:
        return False
    if _owner_id(resident) == user.account_id:
        return True
    if user.role == "coach":
        return user.account_id in coach_ids and resident.visibility in ("coach", "findable")
    if user.role == "organisation":
        return bool(user.organisation_ids & set(shared_with))
    return False
