"""Administrators verify and block organisations, change roles, deactivate accounts and
search and export the audit log; each of these changes is audited."""

from __future__ import annotations

import csv
import io

from meedoen.accounts.tables import Account
from meedoen.audit.tables import AuditEvent
from meedoen.indexing.tables import OutboxEvent
from meedoen.organisations.tables import Organisation
from organisations.conftest import posting_of
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, make_organisation, sign_in


async def admin_token(client, signed_in_as):  # type: ignore[no-untyped-def]
    admin = await signed_in_as("admin")
    return admin, csrf_token((await client.get("/beheer")).text)


async def test_verifying_makes_postings_public_and_is_audited(client, clean_database, signed_in_as):
    organisation_ref = await make_organisation("Fietsenmakerij Test", verified=False)
    owner = await make_account("organisation", organisation_ref=organisation_ref)
    ref = await posting_of(owner)
    admin, token = await admin_token(client, signed_in_as)
    await OutboxEvent.delete(force=True)
    assert (await client.get(f"/kansen/{ref}")).status_code == 404

    verified = await client.post(
        f"/beheer/organisaties/{organisation_ref}/controle",
        data={"value": "1", "_csrf_token": token},
    )

    assert verified.status_code == 303
    assert (await client.get(f"/kansen/{ref}")).status_code == 200
    assert await OutboxEvent.exists().where(
        (OutboxEvent.entity == "organisation") & (OutboxEvent.ref == organisation_ref)
    )
    event = await AuditEvent.select().where(AuditEvent.action == "organisation.verified").first()
    assert event["subject_ref"] == organisation_ref and event["actor"] == admin.id


async def test_blocking_takes_postings_out_of_search(client, clean_database, signed_in_as, indexed):
    owner = await make_account("organisation")
    ref = await posting_of(owner, title="Blokkeerbare zwaluwstage")
    organisation = await Organisation.select().first()
    await indexed()
    assert ref in (await client.get("/kansen?q=zwaluwstage")).text
    _, token = await admin_token(client, signed_in_as)

    await client.post(
        f"/beheer/organisaties/{organisation['ref']}/blokkade",
        data={"value": "1", "_csrf_token": token},
    )
    await indexed()

    assert ref not in (await client.get("/kansen?q=zwaluwstage")).text
    assert (await client.get(f"/kansen/{ref}")).status_code == 404
    assert await AuditEvent.exists().where(AuditEvent.action == "organisation.blocked")


async def test_changing_a_role_and_deactivating_are_audited(client, clean_database, signed_in_as):
    someone = await make_account("resident")
    admin, token = await admin_token(client, signed_in_as)

    changed = await client.post(
        f"/beheer/gebruikers/{someone.id}/rol", data={"role": "coach", "_csrf_token": token}
    )
    deactivated = await client.post(
        f"/beheer/gebruikers/{someone.id}/deactiveren", data={"_csrf_token": token}
    )
    own = await client.post(
        f"/beheer/gebruikers/{admin.id}/rol", data={"role": "resident", "_csrf_token": token}
    )

    assert changed.status_code == 303 and deactivated.status_code == 303
    assert own.status_code == 403
    row = await Account.select().where(Account.id == someone.id).first()
    assert row["role"] == "coach" and not row["is_active"]
    actions = {e["action"] for e in await AuditEvent.select(AuditEvent.action)}
    assert {"account.role_changed", "account.deactivated"} <= actions
    assert (await sign_in(client, someone.email, DEFAULT_PASSWORD)).status_code != 303


async def test_the_audit_log_can_be_searched_and_exported(client, clean_database, signed_in_as):
    someone = await make_account("resident", email="zoeken@example.nl")
    _, token = await admin_token(client, signed_in_as)
    await client.post(
        f"/beheer/gebruikers/{someone.id}/rol", data={"role": "coach", "_csrf_token": token}
    )

    found = await client.get(
        "/beheer/audit", params={"action": "role_changed", "from": "2000-01-01"}
    )
    none = await client.get("/beheer/audit", params={"action": "role_changed", "to": "2000-01-01"})
    export = await client.get("/beheer/audit/export.csv", params={"action": "role_changed"})

    assert "zoeken@example.nl" in found.text
    assert "zoeken@example.nl" not in none.text
    assert export.headers["content-type"].startswith("text/csv")
    # It names people: kept by no browser or proxy cache.
    assert export.headers["cache-control"] == "private, no-store"
    assert export.headers["content-disposition"] == 'attachment; filename="audit.csv"'
    rows = list(csv.reader(io.StringIO(export.text)))
    assert rows[0][:3] == ["at", "actor_label", "action"]
    assert any("zoeken@example.nl" in r[-1] for r in rows[1:])


async def test_a_formula_in_the_audit_log_is_not_run_by_a_spreadsheet():
    from meedoen.admin.service import audit_csv

    text = audit_csv(
        [
            {
                "at": None,
                "actor_label": "=HYPERLINK(1)",
                "action": "x",
                "subject_type": "",
                "subject_ref": "",
                "details": "+1",
            }
        ]
    )

    assert "'=HYPERLINK(1)" in text and "'+1" in text


async def test_the_audit_log_reads_in_words_and_collapses_repeats(
    client, clean_database, signed_in_as
):
    from meedoen.audit.service import record_audit
    from support.auth import make_organisation

    coach = await make_account("coach", email="coach-audit@example.nl")
    from coaching.conftest import as_user

    for _ in range(5):
        await record_audit(as_user(coach), "placement.viewed", "resident", "res-117", "plaatsing-1")
    ref = await make_organisation("Bakkerij Ter Ux", verified=False)
    _, token = await admin_token(client, signed_in_as)
    await client.post(
        f"/beheer/organisaties/{ref}/controle", data={"value": "1", "_csrf_token": token}
    )

    page = (await client.get("/beheer/audit")).text
    filtered = (await client.get("/beheer/audit", params={"action": "placement.viewed"})).text

    assert "Plaatsing bekeken (5 keer)" in page
    assert page.count("Plaatsing bekeken") == 1 + page.count('value="placement.viewed"')
    assert "Organisatie gecontroleerd en goedgekeurd" in page
    assert f"organisatie Bakkerij Ter Ux ({ref})" in page
    assert "organisation.verified</td>" not in page and "placement.viewed</td>" not in page
    # The "Actie" filter is a choice of readable actions, not free text for codes.
    assert "<select" in page and '<option value="placement.viewed"' in page
    assert "Plaatsing bekeken (5 keer)" in filtered
    assert "Organisatie gecontroleerd" not in filtered.split("</select>")[-1]
