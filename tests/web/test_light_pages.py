"""Light pages (issue 19): text comes compressed when the browser asks for it, static files
are kept by browsers for a year under their versioned URL, and they carry no cookies."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest

from meedoen.paths import STATIC_DIR
from meedoen.web.static_files import IMMUTABLE, REVALIDATE, static_url
from support.auth import DEFAULT_PASSWORD, make_account, sign_in

pytestmark = pytest.mark.engine_independent
STYLE_SHEET = "css/meedoen.css"
SCRIPT = "js/meedoen.js"


async def raw_get(client, url: str, encoding: str | None, **headers: str):
    """The response and its body as sent, before any decoding by the client."""
    if encoding is not None:
        headers["Accept-Encoding"] = encoding
    async with client.stream("GET", url, headers=headers) as response:
        body = b"".join([chunk async for chunk in response.aiter_raw()])
    return response, body


def decoded(response, body: bytes) -> bytes:
    encoding = response.headers.get("content-encoding")
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    assert encoding is None, encoding
    return body


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.headers.get("vary", "").split(",")}


@pytest.mark.parametrize(
    ("asked", "sent"),
    [("br, gzip", "br"), ("gzip, deflate", "gzip"), ("identity", None)],
)
@pytest.mark.parametrize(
    ("url", "starts"),
    [
        ("/inloggen", b"<!DOCTYPE html>"),
        (static_url(STYLE_SHEET), b"/*"),
        (static_url(SCRIPT), None),
        ("/api/schema/openapi.json", b"{"),
    ],
    ids=["page", "css", "js", "json"],
)
async def test_text_is_compressed_only_when_the_browser_asks(
    client, clean_database, url, starts, asked, sent
):
    response, body = await raw_get(client, url, asked)

    assert response.status_code == 200
    assert response.headers.get("content-encoding") == sent
    content = decoded(response, body)
    if starts is not None:
        assert content.lstrip().startswith(starts)
    if sent is None:
        assert body == content
    else:
        assert len(body) < len(content) / 2
        assert "accept-encoding" in vary(response)
        assert int(response.headers["content-length"]) == len(body)


async def test_without_accept_encoding_nothing_is_compressed(client, clean_database):
    response, body = await raw_get(client, "/inloggen", None, **{"Accept-Encoding": ""})

    assert "content-encoding" not in response.headers
    assert body.startswith(b"<!DOCTYPE html>")


async def test_an_htmx_fragment_comes_compressed_and_stays_a_fragment(
    client, clean_database, corpus, indexed
):
    await indexed()
    page, page_body = await raw_get(client, "/kansen?q=tuin", "br, gzip")
    fragment, fragment_body = await raw_get(
        client, "/kansen?q=tuin", "br, gzip", **{"HX-Request": "true"}
    )

    html = decoded(fragment, fragment_body).decode()
    assert fragment.headers["content-encoding"] == "br"
    assert "<html" not in html and "meedoen-card__link" in html
    assert b"<html" in decoded(page, page_body)
    # Caches keep page and fragment, and each encoding, apart.
    assert {"hx-request", "accept-encoding"} <= vary(fragment)
    assert {"hx-request", "accept-encoding"} <= vary(page)


async def test_fonts_are_not_compressed_again(client, clean_database):
    css = (await client.get(static_url("vendor/fonts/noto-sans.css"))).text
    font = re.search(r"url\(([^)]+\.woff2)\)", css)
    assert font is not None
    url = "/static/vendor/fonts/" + font.group(1).removeprefix("./")

    response, _ = await raw_get(client, url, "br, gzip")

    assert response.status_code == 200
    assert "content-encoding" not in response.headers


@pytest.mark.parametrize("path", [STYLE_SHEET, SCRIPT, "vendor/htmx.min.js"])
async def test_a_versioned_static_file_is_kept_for_a_year(client, clean_database, path):
    response = await client.get(static_url(path))

    assert response.status_code == 200
    assert response.headers["cache-control"] == IMMUTABLE
    assert IMMUTABLE == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("query", ["", "?v=0123456789", "?v="])
async def test_a_static_file_without_its_current_version_is_checked_again(
    client, clean_database, query
):
    response = await client.get(f"/static/{STYLE_SHEET}{query}")

    assert response.status_code == 200
    assert response.headers["cache-control"] == REVALIDATE


async def test_a_missing_static_file_is_not_kept(client, clean_database):
    response = await client.get("/static/css/bestaat-niet.css?v=0")

    assert response.status_code == 404
    assert "immutable" not in response.headers.get("cache-control", "")


async def test_static_files_set_no_cookies_and_pages_still_do(client, clean_database):
    fresh = await client.get(static_url(STYLE_SHEET))
    page = await client.get("/inloggen")

    assert "set-cookie" not in fresh.headers
    assert "csrftoken=" in page.headers.get("set-cookie", "")


async def test_static_files_set_no_cookies_for_someone_signed_in(client, clean_database):
    account = await make_account("resident")
    await sign_in(client, account.email, DEFAULT_PASSWORD)
    # A CSRF cookie that is not the session's own: a page would send the right one.
    client.cookies.set("csrftoken", "niet-van-deze-sessie", domain="testserver.local")

    response = await client.get(static_url(SCRIPT))
    page = await client.get("/account")

    assert response.status_code == 200
    assert "set-cookie" not in response.headers
    assert "csrftoken=" in page.headers.get("set-cookie", "")


@pytest.mark.parametrize(("asked", "sent"), [("gzip, br", "br"), ("br;q=0, gzip", "gzip")])
async def test_a_versioned_style_sheet_comes_compressed_as_well_as_it_can_be(
    client, clean_database, asked, sent
):
    """Compressed once per process at the highest level, not per request at a quick one."""
    original = (STATIC_DIR / STYLE_SHEET).read_bytes()

    response, body = await raw_get(client, static_url(STYLE_SHEET), asked)
    again, body_again = await raw_get(client, static_url(STYLE_SHEET), asked)

    assert response.headers["content-encoding"] == sent
    assert decoded(response, body) == original
    assert body_again == body and again.headers["cache-control"] == IMMUTABLE
    quick = brotli.compress(original, quality=5) if sent == "br" else gzip.compress(original, 6)
    assert len(body) < len(quick)
    assert response.headers["content-type"].startswith("text/css")
    assert "set-cookie" not in response.headers
