"""The access rules in accounts/policies.py, as plain functions and as route guards."""

from dataclasses import dataclass

import pytest
from litestar import Litestar, get
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import (
    authorize,
    may_act_for_organisation,
    may_edit_resident,
    may_manage_organisation,
    may_view_resident,
    require_role,
    require_signed_in,
)


def user(role="resident", account_id=1, members=(), owns=(), verified=()):
    return CurrentUser(
        account_id=account_id,
        email=f"{role}@meedoen-test.nl",
        role=role,
        display_name=role,
        language="nl",
        organisation_ids=frozenset(members) | frozenset(owns),
        owner_of=frozenset(owns),
        verified_organisation_ids=frozenset(verified),
    )


@dataclass
class Resident:
    account: int | None
    visibility: str


def test_owners_and_admins_manage_an_organisation_members_only_act_for_it():
    owner = user("organisation", owns=[7])
    member = user("organisation", members=[7])

    assert may_manage_organisation(owner, 7)
    assert not may_manage_organisation(member, 7)
    assert may_act_for_organisation(member, 7)
    assert not may_act_for_organisation(member, 8)
    assert may_manage_organisation(user("admin"), 7)
    assert not may_manage_organisation(None, 7)


@pytest.mark.parametrize(
    ("visibility", "coach", "verified_org", "unverified_org", "other_resident"),
    [
        ("private", False, False, False, False),
        ("coach", True, False, False, False),
        ("findable", True, True, False, False),
    ],
)
def test_who_sees_a_resident_follows_their_choice(
    visibility, coach, verified_org, unverified_org, other_resident
):
    resident = Resident(account=1, visibility=visibility)

    assert may_view_resident(user("resident", account_id=1), resident)
    assert may_view_resident(user("admin", account_id=9), resident)
    assert may_view_resident(user("coach", account_id=2), resident) is coach
    assert (
        may_view_resident(user("organisation", account_id=3, members=[5], verified=[5]), resident)
        is verified_org
    )
    assert (
        may_view_resident(user("organisation", account_id=4, members=[6]), resident)
        is unverified_org
    )
    assert may_view_resident(user("resident", account_id=5), resident) is other_resident
    assert not may_view_resident(None, resident)


def test_only_the_resident_edits_their_profile():
    resident = Resident(account=1, visibility="findable")

    assert may_edit_resident(user(account_id=1), resident)
    assert not may_edit_resident(user("coach", account_id=2), resident)


def test_authorize_turns_no_into_403():
    authorize(True)
    with pytest.raises(PermissionDeniedException):
        authorize(False)


def test_require_role_refuses_unknown_roles_at_startup():
    with pytest.raises(ValueError, match="unknown role"):
        require_role("superuser")


async def test_guards_send_visitors_to_sign_in_and_show_others_403(
    signed_in_as, client, settings, runtime
):
    from meedoen.app.factory import create_app
    from support.app import app_client

    @get("/alleen-coaches", guards=[require_role("coach")], sync_to_thread=False)
    def coaches_only() -> str:
        return "welkom"

    assert require_signed_in  # imported for the docs' sake; used on /account
    test_app: Litestar = create_app(settings, runtime)
    test_app.register(coaches_only)
    async with app_client(test_app) as visitor:
        anonymous = await visitor.get("/alleen-coaches")
        assert anonymous.status_code == 303
        assert anonymous.headers["location"] == "/inloggen?next=/alleen-coaches"

        await signed_in_as("resident", client=visitor)
        refused = await visitor.get("/alleen-coaches")
        assert refused.status_code == 403
        assert "utrecht-heading-1" in refused.text  # the friendly page

        await signed_in_as("coach", client=visitor)
        assert (await visitor.get("/alleen-coaches")).text == "welkom"
    assert NotAuthorizedException  # 401 is what the guard raises for visitors
