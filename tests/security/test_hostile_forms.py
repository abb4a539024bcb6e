"""No form a visitor can send ends in a 500, whatever they type.

For every POST route, every role that may use it (the table of the authorisation matrix)
posts forms in which every field name the app's forms use holds the same hostile value:
a 20,000-character text, control characters, broken UTF-8, markup, numbers that do not
fit or are no numbers, dates that do not exist, and one field sent several times. Each
kind of value is one post. Search and filter forms send their fields in the address, so
every page a role may open also gets those names in its query string, with the kinds of
value that fit in an address. Every answer must be below 500.

Why: a browser only sends what the form offers, but anyone can send anything. A 500
tells the visitor nothing and often means half-written data or a database that refused
the value; bad input must get a clear answer (400 with the problem by its field) or be
cleaned quietly. PostgreSQL and SQLite refuse different things (NUL bytes, numbers too
big for a column, text too long for a VARCHAR), so this runs on both engines.

The field names come from the templates (literal ``name="…"`` and the form macros'
first argument) and from the pages the role can open, so a new form field is covered
without touching this file. To keep the run short, a form that several roles may post
(signing in, changing a password, …) gets every kind of value from the first of them and
a core set from the others: the same code reads the same fields whoever is signed in.
"""

from __future__ import annotations

import functools
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_from_bytes

import pytest

from admin.test_authorisation_matrix import (  # noqa: F401 - own_app is a fixture
    ANONYMOUS,
    EXPECTED,
    LAST,
    ROLES,
    World,
    app_routes,
    build_world,
    fill,
    own_app,
)
from coaching.conftest import a_resident_of, as_user
from meedoen.web.form_data import whole_number
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, post_form, sign_in
from support.database import empty_all_tables

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

# <input name="…">, <select name="…"> and so on, and the first argument of the form
# macros: form.text_input("email", …), form_macro.select("wijk", …).
FIELD_TAG = re.compile(r'<(?:input|select|textarea|button)\b[^>]*?\bname="([A-Za-z_][\w-]*)"')
FIELD_MACRO = re.compile(
    r"\b(?:text_input|textarea|select|checkbox_group|radio_group|checkbox|file_input)"
    r'\(\s*"([A-Za-z_][\w-]*)"'
)
NOT_HOSTILE = {"_csrf_token"}  # sent right, or every post would stop at the CSRF check


def template_field_names() -> set[str]:
    names: set[str] = set()
    for template in TEMPLATES.rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        names.update(FIELD_TAG.findall(source))
        names.update(FIELD_MACRO.findall(source))
    return names - NOT_HOSTILE


@dataclass(frozen=True)
class Hostile:
    kind: str
    values: tuple[bytes, ...]
    """What each field gets: raw bytes (so also broken UTF-8), more than one = repeated."""
    multipart: bool = False
    core: bool = False
    """Posted by every role that may post a form; the other kinds only by the first one."""
    in_address: bool = False
    """Also sent in the query string of every page."""


def one(value: str) -> tuple[bytes, ...]:
    return (value.encode("utf-8"),)


CONTROL = "a\x00b\x01\x07\x08\x0b\x0c\x1b[31m\x7f\x85\u2028c\u202e\ufeff"
# Bytes that are no UTF-8 (a lone surrogate, beyond U+10FFFF, overlong), and a NUL.
BROKEN_UTF8 = b"a\xff\xfe b\xc3\x28 c\xed\xa0\x80 d\xf4\x90\x80\x80 e\xc0\xaf\x00"

HOSTILE = (
    Hostile("20,000 characters", one("Meedoen " * 2_500), core=True),
    Hostile("control characters", one(CONTROL), core=True),
    Hostile("broken UTF-8", (BROKEN_UTF8,), core=True, in_address=True),
    Hostile("broken UTF-8 in multipart", (BROKEN_UTF8,), multipart=True, core=True),
    Hostile("markup", one('<script>alert(1)</script>" onmouseover="alert(1)'), core=True),
    Hostile("number -1", one("-1")),
    Hostile("number 0", one("0")),
    Hostile("number 99999999999999999999", one("99999999999999999999"), core=True, in_address=True),
    Hostile("number 1e309", one("1e309")),
    Hostile("number NaN", one("NaN")),
    Hostile("number 'twee'", one("twee")),
    Hostile("number '²'", one("²"), in_address=True),  # str.isdigit() says yes, int() no
    Hostile("date 0000-00-00", one("0000-00-00")),
    Hostile("date 2026-02-30", one("2026-02-30")),
    Hostile("date 99999-01-01", one("99999-01-01")),
    Hostile("date 0001-01-01", one("0001-01-01")),
    Hostile("date 9999-12-31", one("9999-12-31"), in_address=True),  # no day after it
    Hostile("repeated field", (b"1", b"twee", b"2026-01-01", b"Pathmos"), core=True),
)

# Routes that end or take away what later posts need go last, in this order: the
# response is withdrawn only after it was replied to, the account deleted after that.
DESTRUCTIVE = (
    "POST /mijn/reacties/{ref}/intrekken",
    "POST /mijn/zoekopdrachten/{ref}/verwijderen",
    "POST /coach/plaatsingen/{ref}/status",
    "POST /coach/bewoners/{ref}/overdragen",
    "POST /organisatie/kansen/{ref}/status",
    "POST /beheer/doelen/{goal_id}/verwijderen",
    "POST /beheer/gebruikers/{account_id}/rol",
    "POST /beheer/gebruikers/{account_id}/deactiveren",
    "POST /mijn/gegevens/verwijderen",
)
ORDER_AT_END = (*DESTRUCTIVE, *LAST)

NO_FORMS = ("GET /static/", "GET /api/")
NOT_A_PAGE = ("/static/", "/api/", "/export", ".csv", ".json", "/download", "/cv")


def post_routes_for(app, role: str) -> list[str]:  # type: ignore[no-untyped-def]
    keys = [
        key
        for key in app_routes(app)
        if key.startswith("POST ") and role in EXPECTED.get(key, frozenset())
    ]
    return sorted(
        keys,
        key=lambda k: (ORDER_AT_END.index(k) if k in ORDER_AT_END else -1, k),
    )


def kinds_for(key: str, role: str) -> tuple[Hostile, ...]:
    """Every kind from the first role that may post the form, the core from the others."""
    first = next(r for r in ROLES if r in EXPECTED[key])
    return HOSTILE if role == first else tuple(hostile for hostile in HOSTILE if hostile.core)


def url_encoded(names: list[str], hostile: Hostile) -> str:
    return _url_encoded(tuple(names), hostile)


@functools.cache
def _url_encoded(names: tuple[str, ...], hostile: Hostile) -> str:
    # The same few bodies go to every route: quoting 20,000 characters for every field
    # name once per post took a quarter of this test's time.
    return "&".join(
        f"{quote(name)}={quote_from_bytes(value, safe='')}"
        for name in names
        for value in hostile.values
    )


def form_body(names: list[str], hostile: Hostile, token: str) -> tuple[bytes, str]:
    """The request body and its content type: every name with the hostile value."""
    if hostile.multipart:
        boundary = uuid.uuid4().hex
        parts = [
            b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
            % (boundary.encode(), name.encode(), value)
            for name in [*names, "_csrf_token"]
            for value in (hostile.values if name != "_csrf_token" else (token.encode(),))
        ]
        body = b"".join(parts) + b"--%s--\r\n" % boundary.encode()
        return body, f"multipart/form-data; boundary={boundary}"
    body = f"{url_encoded(names, hostile)}&_csrf_token={quote(token)}"
    return body.encode("ascii"), "application/x-www-form-urlencoded"


async def field_names_on_pages(client, role: str, samples: dict[str, str]) -> set[str]:  # type: ignore[no-untyped-def]
    """The field names in the forms of every page this role may open."""
    names: set[str] = set()
    for key, roles in EXPECTED.items():
        if not key.startswith("GET ") or role not in roles or any(p in key for p in NOT_A_PAGE):
            continue
        page = await client.get(fill(key, samples))
        if "text/html" in page.headers.get("content-type", ""):
            names.update(FIELD_TAG.findall(page.text))
    return names - NOT_HOSTILE


async def an_invitation(organisation_ref: str) -> str:
    """A real, open invitation to the organisation: its link leads to the sign-up form."""
    import datetime as dt

    from meedoen.accounts.sessions import token_hash
    from meedoen.organisations.tables import Invitation, Organisation

    token = uuid.uuid4().hex
    organisation = (
        await Organisation.select(Organisation.id)
        .where(Organisation.ref == organisation_ref)
        .first()
        .run()
    )
    now = dt.datetime.now(dt.UTC)
    await Invitation(
        organisation=organisation["id"],
        email=f"uitgenodigd-{token[:8]}@meedoen-test.nl",
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + dt.timedelta(days=7),
    ).save()
    return token


async def path_for(key: str, role: str, world: World) -> str:
    # Signed in, a valid invitation is accepted without a form; the anonymous visitor
    # gets its sign-up form, which is what the hostile values are for. A new one each
    # time: values that happen to be a valid name and password use the link up.
    if key == "POST /organisatie/uitnodiging/{token}" and role == ANONYMOUS:
        return f"/organisatie/uitnodiging/{await an_invitation(world.samples['organisation'])}"
    return fill(key, world.samples)


async def hostile_addresses(client, role: str, world: World, names: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Every page the role may open, with the field names in its query string."""
    failures = []
    for key, roles in EXPECTED.items():
        # The JSON API has a fuzzer of its own (test_api_schema_fuzz.py).
        if not key.startswith("GET ") or role not in roles or key.startswith(NO_FORMS):
            continue
        path = fill(key, world.samples)
        # A 503 the address also gives without the values is its own answer, not the
        # input's doing: /health/ready says "not ready" while changes wait for a worker.
        own_answer = (await client.get(path)).status_code
        for hostile in HOSTILE:
            if hostile.in_address:
                response = await client.get(f"{path}?{url_encoded(names, hostile)}")
                if response.status_code >= 500 and not response.status_code == own_answer == 503:
                    failures.append(f"{key} as {role} with {hostile.kind}: {response.status_code}")
    return failures


async def hostile_posts(client, app, role: str, world: World, names: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Every form the role may post, with every field name set to each hostile value."""
    token = csrf_token((await client.get("/inloggen")).text)
    failures = []
    for key in post_routes_for(app, role):
        for hostile in kinds_for(key, role):
            path = await path_for(key, role, world)
            body, content_type = form_body(names, hostile, token)
            response = await client.post(path, content=body, headers={"content-type": content_type})
            if response.status_code >= 500:
                failures.append(f"{key} as {role} with {hostile.kind}: {response.status_code}")
    return failures


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
async def test_no_hostile_form_ends_in_a_server_error(own_app, clean_database, role):  # noqa: F811
    world = await build_world()
    try:
        async with app_client(own_app) as client:
            if role != ANONYMOUS:
                account = world.accounts[role]
                signed = await sign_in(client, account.email, DEFAULT_PASSWORD)  # type: ignore[attr-defined]
                assert signed.status_code == 303
            names = sorted(
                template_field_names() | await field_names_on_pages(client, role, world.samples)
            )
            # The addresses first: the posts withdraw, delete and sign out at the end.
            failures = await hostile_addresses(client, role, world, names)
            failures += await hostile_posts(client, own_app, role, world, names)
    finally:
        # The world and whatever the posts stored must not stand in for later tests' data.
        await empty_all_tables()
    assert not failures, f"{len(failures)} requests ended in a server error:\n" + "\n".join(
        failures
    )


async def test_control_characters_are_left_out_and_the_rest_is_kept(
    client, clean_database, signed_in_as
):
    from meedoen.placements.tables import CoachNote

    coach = as_user(await signed_in_as("coach"))
    resident = await a_resident_of(coach)
    file_url = f"/coach/bewoners/{resident.ref}"

    response = await post_form(
        client,
        file_url,
        {"text": "Belt\x00 terug\x1b op\tdinsdag.\r\nGoed\x08 gesprek."},
        action=f"{file_url}/notities",
    )

    assert response.status_code == 303
    note = await CoachNote.select(CoachNote.text).first().run()
    assert note["text"] == "Belt terug op\tdinsdag.\r\nGoed gesprek."


async def test_a_form_that_is_not_utf8_gets_a_clear_answer(client, database):
    token = csrf_token((await client.get("/inloggen")).text)
    body, content_type = form_body(
        ["email", "password"],
        Hostile("broken UTF-8 in multipart", (BROKEN_UTF8,), multipart=True),
        token,
    )

    response = await client.post("/inloggen", content=body, headers={"content-type": content_type})

    assert response.status_code == 400
    assert "We kunnen het formulier niet lezen" in response.text


@pytest.mark.engine_independent
@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("8", 8),
        (" 40 ", 40),
        ("123456789", 123456789),
        ("1234567890", None),  # ten digits may not fit a database integer
        ("²", None),  # str.isdigit() says yes; int() refuses it
        ("٣", None),  # an Arabic-Indic three: a digit, but not what the pages ask for
        ("-1", None),
        ("1e3", None),
        ("", None),
    ],
)
def test_a_whole_number_has_only_the_digits_0_to_9_and_fits_the_database(typed, number):
    assert whole_number(typed) == number
