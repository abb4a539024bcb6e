"""Property-based fuzzing of the public JSON API against its own OpenAPI schema.

schemathesis generates requests for every operation under ``/api/v1/`` from the schema
the app publishes, sends them to a live server (uvicorn child, so the app runs on its own
event loop like in production, on SQLite or PostgreSQL) and checks every response: never
a 5xx, the status code and content type documented, the body valid against its schema.
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from support.auth import DEFAULT_PASSWORD, make_account, sign_in

MAX_EXAMPLES = 50
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
async def session_headers(live_server, corpus, indexed) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    """Cookie headers of a signed-in coach and resident, for the operations that need one.
    The corpus is indexed first, so searches answer from Meilisearch, not the fallback."""
    await indexed()
    from meedoen.accounts.sessions import SESSION_COOKIE

    headers = {}
    for role in ("coach", "resident"):
        account = await make_account(role)
        async with httpx.AsyncClient(base_url=live_server, timeout=10) as client:
            answer = await sign_in(client, account.email, DEFAULT_PASSWORD)
            assert answer.status_code == 303, f"{role} could not sign in"
            headers[role] = {"Cookie": f"{SESSION_COOKIE}={client.cookies[SESSION_COOKIE]}"}
    return headers


def api_operations(live_server: str):  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_url(f"{live_server}/api/schema/openapi.json")
    schema.config.base_url = live_server
    return [result.ok() for result in schema.include(path_regex="^/api/v1/").get_all_operations()]


def test_every_api_operation_conforms_to_its_schema(live_server, corpus, session_headers) -> None:  # type: ignore[no-untyped-def]
    # The schemathesis pytest plugin (from_fixture) does not run on pytest 9, so each
    # operation gets a hypothesis test of its own here.
    operations = api_operations(live_server)
    spec = httpx.get(f"{live_server}/api/schema/openapi.json", timeout=10).json()
    documented = {
        f"{method.upper()} {path}"
        for path, methods in spec["paths"].items()
        if path.startswith("/api/v1/")
        for method in methods
        if method in {"get", "post", "put", "patch", "delete"}
    }
    assert documented, "the schema lists no /api/v1/ operations"
    assert {operation.label for operation in operations} == documented

    cases_run: dict[str, int] = {}
    for operation in operations:
        fuzz(operation, cases_run)
        # The matching operations once more as someone they answer (not only with a 401).
        if "/candidates" in operation.label:
            fuzz(operation, cases_run, session_headers["coach"], "as coach")
            # A real, published posting too: random refs alone only ever reach the 404.
            real = operation.Case(path_parameters={"ref": "opp-0001"})
            answer = real.call_and_validate(headers=session_headers["coach"], checks=CHECKS)
            assert answer.status_code == 200, answer.text[:300]
            cases_run[f"{operation.label} as coach"] += 1
        elif "/me/" in operation.label:
            fuzz(operation, cases_run, session_headers["resident"], "as resident")

    print(f"\nschemathesis: {sum(cases_run.values())} cases over {len(cases_run)} operations")
    for label, count in sorted(cases_run.items()):
        print(f"  {count:4d}  {label}")
    assert {label.split(" as ")[0] for label in cases_run} == documented


def fuzz(operation, cases_run: dict[str, int], headers=None, who: str = "") -> None:  # type: ignore[no-untyped-def]
    label = f"{operation.label} {who}".strip()

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case) -> None:  # type: ignore[no-untyped-def]
        cases_run[label] = cases_run.get(label, 0) + 1
        case.call_and_validate(headers=headers, checks=CHECKS, timeout=15)

    run()
