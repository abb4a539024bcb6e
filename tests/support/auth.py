"""Pytest plugin and helpers: accounts and signed-in clients for any test.

account = await make_account("organisation")          # with a fresh organisation
response = await sign_in(client, account.email, DEFAULT_PASSWORD)
user = await signed_in_as("admin")                     # the ``client`` fixture, signed in
other = await signed_in_as("resident", client=second_client)
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

DEFAULT_PASSWORD = "een-lang-wachtwoord-voor-tests"
CSRF_FIELD = re.compile(r'name="_csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The CSRF token from the first form on a page."""
    match = CSRF_FIELD.search(html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


async def post_form(
    client: httpx.AsyncClient, page: str, data: dict[str, str], action: str | None = None
) -> httpx.Response:
    """GET ``page`` for its CSRF cookie and token, then POST ``data`` to ``action`` (or ``page``)."""
    form_page = await client.get(page)
    assert form_page.status_code == 200, f"GET {page} gave {form_page.status_code}"
    return await client.post(
        action or page, data={**data, "_csrf_token": csrf_token(form_page.text)}
    )


async def sign_in(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    """Sign in through the real form; the client keeps the session cookie."""
    return await post_form(client, "/inloggen", {"email": email, "password": password})


async def make_organisation(name: str | None = None, *, verified: bool = True) -> str:
    """A new organisation; returns its ref."""
    from meedoen.organisations.tables import Organisation

    now = dt.datetime.now(dt.UTC)
    ref = f"org-test-{uuid.uuid4().hex[:10]}"
    await Organisation(
        ref=ref,
        name=name or f"Testorganisatie {ref[-4:]}",
        type="stichting",
        sector="welzijn en buurt",
        wijk="Pathmos",
        postcode="7513 AB",
        verified=verified,
        created_at=now,
        updated_at=now,
    ).save()
    return ref


async def an_organisation(name: str | None = None, *, verified: bool = True):  # type: ignore[no-untyped-def]
    """A new organisation, as its row (``make_organisation`` gives only the ref)."""
    from meedoen.organisations.tables import Organisation

    ref = await make_organisation(name, verified=verified)
    return await Organisation.objects().where(Organisation.ref == ref).first()


async def make_account(
    role: str,
    email: str | None = None,
    password: str = DEFAULT_PASSWORD,
    organisation_ref: str | None = None,
    *,
    display_name: str = "",
    verified: bool = True,
):  # type: ignore[no-untyped-def]
    """A new account; an organisation account without ``organisation_ref`` gets a new,
    verified organisation of which it is the owner."""
    from meedoen.organisations.service import create_account

    if role == "organisation" and organisation_ref is None:
        organisation_ref = await make_organisation()
    return await create_account(
        email or f"{role}-{uuid.uuid4().hex[:10]}@meedoen-test.nl",
        password,
        role,
        display_name=display_name or role.capitalize(),
        organisation_ref=organisation_ref,
        verified=verified,
    )


SignedInAs = Callable[..., Awaitable[object]]


@pytest.fixture
async def signed_in_as(client: httpx.AsyncClient) -> AsyncIterator[SignedInAs]:
    """Factory: ``account = await signed_in_as(role, client=None, **make_account_kwargs)``.

    Makes an account with that role and signs ``client`` (default: the ``client``
    fixture) in as it. Returns the Account.
    """
    default_client = client

    async def sign_in_as(  # type: ignore[no-untyped-def]
        role: str, *, client: httpx.AsyncClient | None = None, **account: object
    ):
        made = await make_account(role, **account)  # type: ignore[arg-type]
        password = str(account.get("password", DEFAULT_PASSWORD))
        response = await sign_in(client or default_client, made.email, password)
        assert response.status_code == 303, f"sign-in failed with {response.status_code}"
        return made

    yield sign_in_as
