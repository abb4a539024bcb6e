"""CSRF on every account form, security headers, and production-only cookie flags."""

import dataclasses

import httpx
import pytest

from support.auth import DEFAULT_PASSWORD, make_account, sign_in

FORMS = [
    "/inloggen",
    "/uitloggen",
    "/uitloggen/overal",
    "/registreren",
    "/wachtwoord-vergeten",
    "/wachtwoord-herstellen/een-token",
    "/account/wachtwoord",
    "/account/e-mail",
    "/account/e-mail/bevestigen/een-token",
]


@pytest.mark.parametrize("path", FORMS)
async def test_a_post_without_csrf_token_is_refused(client, path):
    await client.get("/inloggen")  # the CSRF cookie alone is not enough

    response = await client.post(path, data={"email": "a@b.nl", "password": "x"})

    assert response.status_code == 403


async def test_a_post_with_a_forged_csrf_token_is_refused(client):
    await client.get("/inloggen")

    response = await client.post(
        "/inloggen", data={"email": "a@b.nl", "password": "x", "_csrf_token": "vals"}
    )

    assert response.status_code == 403


async def test_pages_send_the_security_headers(client):
    response = await client.get("/inloggen")

    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] in (
        "same-origin",
        "no-referrer",
        "strict-origin-when-cross-origin",
    )
    assert "strict-transport-security" not in response.headers


async def test_production_adds_hsts_and_secure_cookies(settings, clean_database):
    from meedoen.app.factory import create_app
    from meedoen.runtime import Runtime

    production = dataclasses.replace(settings, environment="production")
    account = await make_account("resident")
    # Secure cookies only travel over https, so this client uses it.
    transport = httpx.ASGITransport(app=create_app(production, Runtime(production)))
    async with httpx.AsyncClient(
        transport=transport, base_url="https://testserver.local"
    ) as client:
        page = await client.get("/inloggen")
        response = await sign_in(client, account.email, DEFAULT_PASSWORD)

    assert "max-age=" in page.headers["strict-transport-security"]
    cookies = response.headers.get_list("set-cookie")
    # __Host-: only over https, only for this host (no Domain) and path "/".
    session = next(c for c in cookies if c.startswith("__Host-sessie="))
    assert "Secure" in session and "HttpOnly" in session and "Path=/" in session
    assert "Domain" not in session
    assert response.status_code == 303  # the session cookie works under its new name
    csrf = next(c for c in page.headers.get_list("set-cookie") if c.startswith("__Host-csrftoken="))
    assert "Secure" in csrf and "Path=/" in csrf and "Domain" not in csrf
