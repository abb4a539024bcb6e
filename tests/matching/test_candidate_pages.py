"""Candidates for an opportunity on the pages and in the API: who appears, and what of them.

One posting, three residents who all fit it equally well: Fenna chose to be findable,
Coby shares her profile with her coach only, Pim keeps his private. Whatever the route,
an organisation only ever gets Fenna, without her rung; her coach also gets Coby; nobody
gets Pim.
"""

from __future__ import annotations

from matching.conftest import account_of, as_account, candidates_url, propose_url
from meedoen.audit.tables import AuditEvent
from meedoen.mail.tables import OutgoingMail
from meedoen.matching.reasons import TEMPLATES, about_the_resident, reason
from meedoen.privacy.deletion import delete_resident_account
from meedoen.responses.tables import Proposal
from organisations.conftest import posting_of
from support.auth import make_account, make_organisation, post_form


async def test_an_organisation_sees_only_findable_residents_and_never_their_rung(client, district):  # type: ignore[no-untyped-def]
    await as_account(client, district["member"])

    page = await client.get(f"/organisatie/kansen/{district['posting']}/kandidaten")
    api = await client.get(f"/api/v1/opportunities/{district['posting']}/candidates")

    assert page.status_code == 200
    assert "Fenna" in page.text and "Fenna kookt graag voor de buurt." in page.text
    assert "Pim" not in page.text and "Coby" not in page.text
    assert "Trede" not in page.text and "participatieladder" not in page.text
    assert api.status_code == 200
    items = api.json()
    assert [item["ref"] for item in items] == [district["fenna"].ref]
    assert "rung" not in items[0] and "ladder_rung" not in items[0]
    assert not any("participatieladder" in text for text in items[0]["reasons"])
    assert any(text.startswith("Heeft de gevraagde vaardigheden") for text in items[0]["reasons"])


async def test_a_private_resident_is_in_no_list_and_no_answer_of_any_kind(client, district):  # type: ignore[no-untyped-def]
    pim = district["pim"]
    answers = []
    for account in (district["member"], district["coach"]):
        await as_account(client, account)
        prefix = "/coach" if account.role == "coach" else "/organisatie"
        answers.append(await client.get(f"{prefix}/kansen/{district['posting']}/kandidaten"))
        answers.append(await client.get(f"/api/v1/opportunities/{district['posting']}/candidates"))

    assert [a.status_code for a in answers] == [200, 200, 200, 200]
    for answer in answers:
        assert pim.ref not in answer.text and "Pim" not in answer.text


async def test_a_coach_also_sees_residents_of_their_own_caseload_with_their_rung(client, district):  # type: ignore[no-untyped-def]
    await as_account(client, district["coach"])

    page = await client.get(f"/coach/kansen/{district['posting']}/kandidaten")
    refs = {item["ref"] for item in (await client.get(f"/api/v1/opportunities/{district['posting']}/candidates")).json()}  # fmt: skip

    assert refs == {district["coby"].ref, district["fenna"].ref}
    assert f'href="/coach/bewoners/{district["coby"].ref}"' in page.text
    assert "Trede 3" in page.text


async def test_another_coach_does_not_get_someone_elses_caseload(client, district):  # type: ignore[no-untyped-def]
    await as_account(client, await make_account("coach"))

    api = await client.get(f"/api/v1/opportunities/{district['posting']}/candidates")

    assert {item["ref"] for item in api.json()} == {district["fenna"].ref}


async def test_a_coach_sees_the_rung_only_of_their_own_caseload(client, district):  # type: ignore[no-untyped-def]
    # Fenna (findable, rung 3) is in nobody's caseload: a coach sees her as an organisation does.
    url = f"/api/v1/opportunities/{district['posting']}/candidates"
    await as_account(client, district["member"])
    as_organisation = {item["ref"]: item for item in (await client.get(url)).json()}
    await as_account(client, district["coach"])
    page = await client.get(f"/coach/kansen/{district['posting']}/kandidaten")
    as_coach = {item["ref"]: item for item in (await client.get(url)).json()}

    fenna, coby = (card(page.text, district[name].ref) for name in ("fenna", "coby"))
    assert "Fenna" in fenna and "Trede" not in fenna
    assert "Coby" in coby and "Trede 3" in coby
    fenna_ref = district["fenna"].ref
    assert as_coach[fenna_ref]["reasons"] == as_organisation[fenna_ref]["reasons"]
    assert as_coach[fenna_ref]["concerns"] == as_organisation[fenna_ref]["concerns"]


async def test_every_resident_shown_as_a_candidate_is_in_the_audit_log(client, district):  # type: ignore[no-untyped-def]
    await as_account(client, district["member"])

    await client.get(f"/organisatie/kansen/{district['posting']}/kandidaten")

    events = await AuditEvent.select().where(AuditEvent.action == "resident.shown_as_candidate")
    assert [(e["actor"], e["subject_ref"], e["details"]) for e in events] == [
        (district["member"].id, district["fenna"].ref, district["posting"])
    ]


async def test_an_unverified_organisation_gets_no_candidates_even_for_its_own_posting(
    client, district
):  # type: ignore[no-untyped-def]
    member = await make_account("organisation", organisation_ref=await make_organisation(verified=False))  # fmt: skip
    own = await posting_of(member, kind="vrijwilligerswerk", skills=["koken"], wijk="Stadsveld")
    await as_account(client, member)

    page = await client.get(f"/organisatie/kansen/{own}/kandidaten")
    api = await client.get(f"/api/v1/opportunities/{own}/candidates")

    assert (page.status_code, api.status_code) == (403, 403)
    assert "Fenna" not in page.text + api.text


async def test_another_organisation_gets_no_candidates_for_a_posting_not_its_own(client, district):  # type: ignore[no-untyped-def]
    await as_account(client, await make_account("organisation"))

    page = await client.get(f"/organisatie/kansen/{district['posting']}/kandidaten")
    api = await client.get(f"/api/v1/opportunities/{district['posting']}/candidates")

    assert (page.status_code, api.status_code) == (403, 403)
    assert "Fenna" not in page.text + api.text


async def test_the_api_answers_strangers_with_json_not_a_sign_in_page(client, district):  # type: ignore[no-untyped-def]
    anonymous = await client.get(f"/api/v1/opportunities/{district['posting']}/candidates")
    await as_account(client, district["member"])
    unknown = await client.get("/api/v1/opportunities/bestaat-niet/candidates")

    assert anonymous.status_code == 401 and anonymous.json()["status_code"] == 401
    assert unknown.status_code == 404 and unknown.json()["detail"]


async def test_a_resident_gets_their_own_matches_with_reasons_from_the_api(client, district):  # type: ignore[no-untyped-def]
    await as_account(client, await account_of(district["fenna"]))

    answer = await client.get("/api/v1/me/matches")

    assert answer.status_code == 200
    [first, *_] = answer.json()
    assert first["ref"] == district["posting"]
    assert first["url"].endswith(f"/kansen/{district['posting']}")
    assert {"code", "text"} <= set(first["reasons"][0])
    assert any(r["code"] == "skills_match" for r in first["reasons"])


def test_reasons_about_a_resident_never_speak_to_the_reader() -> None:
    for code in TEMPLATES:
        params = {name: "x" for name in ("skills", "interests", "terms", "kind", "kinds", "hours", "wijk", "minutes", "min_age", "required", "own", "licence", "group", "programme")}  # fmt: skip
        item = reason(code, **params)
        for language in ("nl", "en"):
            text = about_the_resident(item, language).lower()
            words = set(text.replace(":", " ").replace("(", " ").replace(",", " ").split())
            second_person = {"je", "jij", "jou", "jouw"} if language == "nl" else {"you", "your"}
            assert not words & second_person, f"{code} ({language}): {text}"


# --- proposing a kans to a findable resident -------------------------------------------


async def test_proposing_mails_the_resident_who_sees_it_on_their_own_page(client, district):  # type: ignore[no-untyped-def]
    fenna = district["fenna"]
    await as_account(client, district["member"])

    sent = await post_form(client, candidates_url(district), {"message": "Kom je een keer proeven?"}, propose_url(district, fenna))  # fmt: skip
    after = await client.get(candidates_url(district))

    assert sent.status_code == 303
    assert "Je hebt deze kans aan Fenna voorgesteld." in after.text
    fenna_account = await account_of(fenna)
    [mail] = await OutgoingMail.select().where(OutgoingMail.to_address == fenna_account.email)
    assert "Koken in buurthuis De Bothoven" in mail["text_body"]
    assert "Kom je een keer proeven?" in mail["text_body"]
    assert await AuditEvent.exists().where(
        (AuditEvent.action == "candidate.proposed") & (AuditEvent.subject_ref == fenna.ref)
    )
    await as_account(client, fenna_account)
    own_page = await client.get("/mijn")
    assert "Voorgesteld door organisaties" in own_page.text
    assert "Kom je een keer proeven?" in own_page.text
    export = (await client.get("/mijn/gegevens/download")).json()
    assert [p["message"] for p in export["proposals"]] == ["Kom je een keer proeven?"]


async def test_a_refused_proposal_keeps_the_text_and_stores_nothing(client, district):  # type: ignore[no-untyped-def]
    await as_account(client, district["member"])
    too_long = "Wij zoeken iemand die graag kookt. " * 20

    answer = await post_form(client, candidates_url(district), {"message": too_long}, propose_url(district, district["fenna"]))  # fmt: skip

    assert answer.status_code == 400
    assert "Je bericht is te lang. Gebruik maximaal 500 tekens." in answer.text
    assert too_long.strip() in answer.text
    assert await Proposal.count() == 0
    assert await OutgoingMail.count() == 0


async def test_the_same_kans_is_proposed_once_and_never_to_a_private_resident(client, district):  # type: ignore[no-untyped-def]
    await as_account(client, district["member"])
    fenna_url = propose_url(district, district["fenna"])

    first = await post_form(client, candidates_url(district), {"message": ""}, fenna_url)
    again = await post_form(client, candidates_url(district), {"message": ""}, fenna_url)
    private = await post_form(client, candidates_url(district), {"message": ""}, propose_url(district, district["pim"]))  # fmt: skip

    assert first.status_code == 303
    assert again.status_code == 400 and "al aan deze bewoner voorgesteld" in again.text
    assert private.status_code == 400 and "niet meer vindbaar" in private.text
    assert [p["resident"] for p in await Proposal.select(Proposal.resident)] == [district["fenna"].id]  # fmt: skip


async def test_deleting_the_resident_deletes_what_was_proposed_to_them(client, district, settings):  # type: ignore[no-untyped-def]
    await as_account(client, district["member"])
    await post_form(client, candidates_url(district), {"message": "Hoi Fenna"}, propose_url(district, district["fenna"]))  # fmt: skip
    assert await Proposal.count() == 1

    await delete_resident_account(settings.data_dir, district["fenna"].account)

    assert await Proposal.count() == 0


async def test_the_dashboard_leads_a_verified_organisation_to_the_candidates(client, district):  # type: ignore[no-untyped-def]
    await as_account(client, district["member"])

    dashboard = await client.get("/organisatie")

    assert f'href="{candidates_url(district)}"' in dashboard.text


def card(page: str, ref: str) -> str:
    """One candidate's card on the page."""
    return page.split(f'id="kandidaat-{ref}"')[1].split("</article>")[0]
