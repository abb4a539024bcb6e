"""Hostile requests that are not covered elsewhere: redirects after sign-in that leave the
site, paths that climb out of the static folder, and writes to the read-only API.

(CSRF, security headers and cookies are in tests/accounts/test_security.py; escaping of
search input in tests/opportunities/test_search_page.py.)
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from support.auth import DEFAULT_PASSWORD, csrf_token, make_account

OFF_SITE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "/%2F%2Fevil.example",
]


@pytest.mark.parametrize("next_page", OFF_SITE)
async def test_signing_in_never_redirects_off_site(client, database, next_page):
    account = await make_account("resident")
    form = await client.get("/inloggen", params={"next": next_page})
    response = await client.post(
        "/inloggen",
        data={
            "email": account.email,
            "password": DEFAULT_PASSWORD,
            "next": next_page,
            "_csrf_token": csrf_token(form.text),
        },
    )
    assert response.status_code == 303
    location = response.headers["location"]
    # Where a browser goes: resolved against the page, with backslashes read as slashes.
    target = urlsplit(urljoin("https://meedoen.example/inloggen", location.replace("\\", "/")))
    assert (target.scheme, target.netloc) == ("https", "meedoen.example"), location


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2F..%2Fpyproject.toml",
        "/static/%2e%2e%2f%2e%2e%2fsettings.py",
        "/static/....//....//pyproject.toml",
        "/static//etc/passwd",
    ],
)
async def test_static_files_stay_in_their_folder(client, database, path):
    response = await client.get(path)
    assert response.status_code in (400, 404), (path, response.status_code)
    assert "[project]" not in response.text and "root:" not in response.text


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("path", ["/api/v1/opportunities", "/api/v1/opportunities/opp-0001"])
async def test_the_public_api_is_read_only(client, corpus, method, path):
    response = await client.request(method, path, json={"title": "Overgenomen"})
    assert response.status_code == 405, (method, path, response.status_code)
