"""A resident's agreements, hours and proofs in their data download and gone with their
account (the proof's link then says it is no longer valid); the hours stay for the
district's count, cut from the person; done agreements go after a year; a coach who
reads a path leaves an entry in the resident's access log."""

from __future__ import annotations

import datetime as dt
import json

from coaching.conftest import an_account
from meedoen.audit.tables import AuditEvent
from meedoen.privacy.deletion import delete_resident_account
from meedoen.retention.service import apply_retention
from meedoen.traject import hours, proofs, service
from meedoen.traject.tables import Agreement, HoursEntry, PathSetting, Proof
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, make_account, sign_in
from traject.conftest import a_placed_resident, in_caseload


async def a_path_with_everything(placed) -> Proof:  # type: ignore[no-untyped-def]
    resident = placed.resident
    await service.add_agreement(
        resident, "Ik bel de bibliotheek", "bewoner", None, author_id=placed.coach.account_id
    )
    await service.save_path_setting(resident.id, True, "Je doet het goed, Zoë.")
    week = dt.date.today() - dt.timedelta(days=7)
    entry = await hours.record_hours(resident, hours.HoursInput(placed.placement.ref, week, "3"))
    await hours.confirm_hours(
        entry.ref, frozenset({placed.organisation["id"]}), None, actor_id=placed.member.id
    )
    proof = await proofs.ask_for_proof(resident, placed.placement.ref)
    asked = await proofs.asked_proof(proof.ref, frozenset({placed.organisation["id"]}))
    assert asked is not None
    assert await proofs.issue_proof(
        asked, ["samenwerken"], "Zoë zette de koffie klaar.", actor_id=placed.member.id
    )
    return await Proof.objects().get(Proof.id == proof.id)


async def test_the_data_download_holds_agreements_hours_and_proofs(app, clean_database):
    placed = await a_placed_resident()
    await a_path_with_everything(placed)
    async with app_client(app) as client:
        await sign_in(client, placed.resident_account.email, DEFAULT_PASSWORD)
        download = await client.get("/mijn/gegevens/download")
        overview = await client.get("/mijn/gegevens/overzicht")
    data = json.loads(download.content)
    assert data["agreements"][0]["text"] == "Ik bel de bibliotheek"
    assert data["path_settings"][0]["progress_words"] == "Je doet het goed, Zoë."
    assert data["hours"][0]["confirmed_minutes"] == 180
    assert data["proofs_of_participation"][0]["content"]["sentence"] == "Zoë zette de koffie klaar."
    assert overview.status_code == 200 and "Je bewijzen van meedoen" in overview.text


async def test_deleting_the_account_erases_the_path_and_the_link_says_no_longer_valid(
    clean_database, settings
):
    placed = await a_placed_resident()
    proof = await a_path_with_everything(placed)
    token = proofs.token_for(proof, settings.secret_key)
    assert await proofs.verify(token, settings.secret_key) == "echt"

    await delete_resident_account(settings.data_dir, placed.resident_account.id)

    assert await Agreement.count() == 0 and await PathSetting.count() == 0
    kept = await HoursEntry.objects().first()
    assert kept.resident is None and kept.confirmed_minutes == 180 and kept.wijk
    erased = await Proof.objects().first()
    assert erased.resident is None and proofs.content_of(erased) == {}
    assert await proofs.verify(token, settings.secret_key) == "vervallen"


async def test_a_tampered_or_foreign_token_is_not_genuine(clean_database, settings):
    placed = await a_placed_resident()
    proof = await a_path_with_everything(placed)
    token = proofs.token_for(proof, settings.secret_key)
    ref, digest, signature = token.split(".")
    assert (
        await proofs.verify(f"{ref}.{'0' * len(digest)}.{signature}", settings.secret_key)
        == "onecht"
    )
    assert await proofs.verify(token, "another-secret") == "onecht"
    assert await proofs.verify("", settings.secret_key) == "onecht"
    # Changing the stored content (say, more hours) breaks what the link promised.
    content = proofs.content_of(proof)
    content["minutes"] = 6000
    await Proof.update({Proof.content: json.dumps(content)}).where(Proof.id == proof.id).run()
    assert await proofs.verify(token, settings.secret_key) == "onecht"


async def test_agreements_done_a_year_ago_go_others_stay(clean_database, settings):
    placed = await a_placed_resident()
    now = dt.datetime.now(dt.UTC)
    for text, done in (
        ("oud", now - dt.timedelta(days=366)),
        ("recent", now - dt.timedelta(days=364)),
        ("open", None),
    ):
        agreement = await service.add_agreement(
            placed.resident, text, "bewoner", None, author_id=placed.coach.account_id
        )
        await Agreement.update({Agreement.done_at: done}).where(Agreement.id == agreement.id).run()

    await apply_retention(settings, now)

    left = sorted(row["text"] for row in await Agreement.select(Agreement.text))
    assert left == ["open", "recent"]


async def test_a_coach_reads_the_path_of_their_own_resident_only_and_it_is_logged(
    app, clean_database
):
    placed = await a_placed_resident()
    coach = await make_account("coach", display_name="Coach Bram")
    await in_caseload(placed.resident.id, await an_account("coach", "Iemand anders"))
    async with app_client(app) as client:
        await sign_in(client, coach.email, DEFAULT_PASSWORD)
        refused = await client.get(f"/coach/bewoners/{placed.resident.ref}/traject")
        assert refused.status_code == 404
        from coaching.conftest import as_user

        await in_caseload(placed.resident.id, as_user(coach))
        page = await client.get(f"/coach/bewoners/{placed.resident.ref}/traject")
        assert page.status_code == 200 and "Traject van Zoë" in page.text
        token = page.text.split('name="_csrf_token" value="')[1].split('"')[0]
        shown = await client.post(
            f"/coach/bewoners/{placed.resident.ref}/traject/instellingen",
            data={"_csrf_token": token, "show_step": "1", "progress_words": ""},
        )
        assert shown.status_code == 303
    viewed = await AuditEvent.objects().where(AuditEvent.action == "resident.path_viewed")
    assert [event.subject_ref for event in viewed] == [placed.resident.ref]
    assert (await service.path_setting(placed.resident.id)).show_step


async def test_an_overdue_agreement_is_a_reason_for_attention_on_the_caseload(clean_database):
    from meedoen.coaching.caseload import ATTENTION_AGREEMENT, caseload

    placed = await a_placed_resident()
    coach_id = placed.coach.account_id
    agreement = await service.add_agreement(
        placed.resident,
        "Ik bel het Wijkgilde",
        "bewoner",
        dt.date.today() - dt.timedelta(days=1),
        author_id=coach_id,
    )
    [entry] = await caseload(coach_id)
    assert ATTENTION_AGREEMENT in entry.attention
    assert await service.tick_off(placed.resident, agreement.ref, "")
    [entry] = await caseload(coach_id)
    assert ATTENTION_AGREEMENT not in entry.attention
