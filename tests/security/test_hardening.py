"""Finding 13: CSRF tokens bound to the session, the API exclusion as a path prefix,
coach routes that do not tell unknown from forbidden, random resident refs, and the
password-reset answer that does not depend on whether the address exists."""

from __future__ import annotations

import importlib
import re

from coaching.conftest import a_resident_of, as_user
from meedoen.audit.tables import AuditEvent
from meedoen.indexing.tables import OutboxEvent
from meedoen.residents.tables import Resident
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, sign_in


async def test_a_csrf_token_from_another_browser_is_refused_once_signed_in(
    app, client, clean_database
):
    account = await make_account("resident")
    await sign_in(client, account.email, DEFAULT_PASSWORD)
    # An attacker's own, valid token, planted in the victim's browser (cookie tossing).
    async with app_client(app) as attacker:
        planted = csrf_token((await attacker.get("/inloggen")).text)
    client.cookies.set("csrftoken", planted, domain="testserver.local")

    refused = await client.post(
        "/zoekopdrachten", data={"q": "koken", "frequency": "weekly", "_csrf_token": planted}
    )
    # The next page gives the browser the session's own token back; that one works.
    mine = csrf_token((await client.get("/account")).text)
    saved = await client.post(
        "/zoekopdrachten", data={"q": "koken", "frequency": "weekly", "_csrf_token": mine}
    )

    assert refused.status_code == 403
    assert mine != planted
    assert saved.status_code == 303


async def test_the_api_exclusion_is_a_path_prefix_not_anywhere_in_the_path(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")

    # "/api/" in the middle of a page's path (a ref of "api") is still checked.
    response = await client.post("/organisatie/kansen/api/status", data={"status": "open"})

    assert response.status_code == 403


async def test_coach_routes_answer_404_for_unknown_and_for_someone_elses_resident(
    client, clean_database, signed_in_as
):
    other_coach = await make_account("coach")
    theirs = await a_resident_of(as_user(other_coach))
    await signed_in_as("coach")

    forbidden = await client.get(f"/coach/bewoners/{theirs.ref}")
    unknown = await client.get("/coach/bewoners/res-bestaat-niet")

    assert forbidden.status_code == unknown.status_code == 404


async def test_counting_resident_refs_get_random_ones_and_what_points_at_them_follows(
    clean_database,
):
    migration = importlib.import_module(
        "meedoen.residents.piccolo_migrations.residents_2026_12_07t02_10_00_000000"
    )
    account = await make_account("resident")
    await Resident(
        ref="res-0042",
        account=account.id,
        first_name="Ada",
        visibility="private",
        created_at=account.created_at,
        updated_at=account.created_at,
    ).save()
    await AuditEvent(
        actor=None,
        actor_label="coach",
        action="resident.viewed",
        subject_type="resident",
        subject_ref="res-0042",
        at=account.created_at,
    ).save()

    await migration.rekey_counting_refs()

    resident = await Resident.objects().get(Resident.account == account.id)
    assert re.fullmatch(r"res-[0-9a-f]{12}", resident.ref)
    event = await AuditEvent.objects().first()
    assert event is not None and event.subject_ref == resident.ref
    changes = await OutboxEvent.select(OutboxEvent.ref, OutboxEvent.action).where(
        OutboxEvent.entity == "resident"
    )
    assert {(c["ref"], c["action"]) for c in changes} >= {
        ("res-0042", "delete"),
        (resident.ref, "upsert"),
    }


async def test_a_reset_request_answers_the_same_for_known_and_unknown_addresses(
    client, clean_database, mailbox
):
    from support.auth import post_form

    account = await make_account("resident")

    known = await post_form(client, "/wachtwoord-vergeten", {"email": account.email})
    unknown = await post_form(client, "/wachtwoord-vergeten", {"email": "niemand@example.org"})

    assert known.status_code == unknown.status_code == 303
    assert known.headers["location"] == unknown.headers["location"]
    assert "/wachtwoord-herstellen/" in (await mailbox.wait_for(account.email)).text
    assert mailbox.received("niemand@example.org") == []
