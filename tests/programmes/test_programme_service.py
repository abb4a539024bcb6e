"""Programmes: an organisation creates one, an administrator publishes it, others ask to
join and the owner accepts, and members attach only their own meetings and kansen."""

from __future__ import annotations

import pytest

from organisations.conftest import a_posting
from programmes.conftest import a_meeting, a_programme, organiser_account, programme_values, user_of


async def test_a_new_programme_is_a_concept_owned_by_its_organisation(database):
    from meedoen.programmes import service

    owner, organisation = await organiser_account()
    data, errors = service.check_programme(programme_values())
    assert not errors and data is not None

    ref = await service.create_programme(user_of(owner, organisation), organisation["id"], data)

    programme = await service.programme_by_ref(ref)
    assert programme["status"] == "concept"
    assert programme["goal_target"] == 40 and programme["goal_measure"] == "jongeren"
    assert await service.accepted_ids(programme["id"]) == {organisation["id"]}
    assert ref.startswith("twente-goes-techno")
    assert ref not in {p["ref"] for p in await service.public_programmes()}


async def test_a_second_programme_with_the_same_name_gets_its_own_ref(database):
    owner, organisation = await organiser_account()
    first = await a_programme(owner, organisation, status="concept", name="Zomerschool West")
    second = await a_programme(owner, organisation, status="concept", name="Zomerschool West")
    assert first["ref"] != second["ref"]


def test_the_form_refuses_what_is_missing_or_wrong():
    from meedoen.programmes import service

    data, errors = service.check_programme(
        programme_values(
            name="", goal_target="veel", goal_measure="iets", age_min="19", age_max="12"
        )
    )
    assert data is None
    assert set(errors) >= {"name", "goal_target", "goal_measure", "age_min"}
    _, errors = service.check_programme(
        programme_values(starts_on="2027-05-01", ends_on="2027-04-01")
    )
    assert "starts_on" in errors


async def test_an_administrator_publishes_only_what_waits_for_approval(database):
    from meedoen.audit.tables import AuditEvent
    from meedoen.programmes import service

    owner, organisation = await organiser_account()
    admin = user_of(owner, {}, "admin")
    concept = await a_programme(owner, organisation, status="concept")
    with pytest.raises(service.ProgrammeRefused):
        await service.decide(admin, concept["ref"], "publiceren")

    await service.submit_for_approval(user_of(owner, organisation), concept)
    assert await service.decide(admin, concept["ref"], "publiceren") == "gepubliceerd"

    assert concept["ref"] in {p["ref"] for p in await service.public_programmes()}
    actions = await AuditEvent.select(AuditEvent.action).where(
        AuditEvent.subject_ref == concept["ref"]
    )
    assert {a["action"] for a in actions} >= {
        "programme.created",
        "programme.submitted",
        "programme.published",
    }


async def test_an_organisation_asks_to_join_once_and_the_owner_accepts(database):
    from meedoen.programmes import service

    owner, organisation = await organiser_account()
    other, company = await organiser_account()
    programme = await a_programme(owner, organisation)
    asker = user_of(other, company)

    assert await service.ask_to_join(asker, programme, company["id"]) is True
    assert await service.ask_to_join(asker, programme, company["id"]) is False
    assert company["id"] not in await service.accepted_ids(programme["id"])

    assert await service.decide_member(
        user_of(owner, organisation), programme, company["ref"], True
    )
    assert company["id"] in await service.accepted_ids(programme["id"])
    # Nothing is left to decide.
    assert not await service.decide_member(
        user_of(owner, organisation), programme, company["ref"], False
    )


async def test_nobody_joins_a_concept(database):
    from meedoen.programmes import service

    owner, organisation = await organiser_account()
    other, company = await organiser_account()
    programme = await a_programme(owner, organisation, status="concept")
    with pytest.raises(service.ProgrammeRefused):
        await service.ask_to_join(user_of(other, company), programme, company["id"])


async def test_members_attach_their_own_meetings_and_kansen_only(database):
    from meedoen.opportunities.service import save_opportunity
    from meedoen.programmes import service

    owner, organisation = await organiser_account()
    _, company = await organiser_account()
    programme = await a_programme(owner, organisation)
    meeting = await a_meeting(organisation, kind="bedrijfsbezoek", title="Kijken in de fabriek")
    foreign = await a_meeting(company, title="Beurs van een ander")
    kans = await save_opportunity(organisation["id"], a_posting(title="Stage techniek"))

    assert await service.attach(programme, organisation["id"], "activiteit", meeting.ref)
    assert await service.attach(programme, organisation["id"], "kans", kans)
    assert not await service.attach(programme, organisation["id"], "kans", kans)
    with pytest.raises(service.ProgrammeRefused):
        await service.attach(programme, organisation["id"], "activiteit", foreign.ref)

    items = await service.items_of(programme["id"])
    assert [m["ref"] for m in items["activiteit"]] == [meeting.ref]
    assert [k["ref"] for k in items["kans"]] == [kans]
    # Another organisation cannot take the owner's item off; the owner can.
    assert not await service.detach(programme, "kans", kans, {company["id"]})
    assert await service.detach(programme, "kans", kans, None)
    assert (await service.items_of(programme["id"]))["kans"] == []


async def test_nothing_is_attached_to_a_programme_that_ended(database):
    from meedoen.programmes import service

    owner, organisation = await organiser_account()
    programme = await a_programme(owner, organisation, status="beeindigd")
    meeting = await a_meeting(organisation, kind="bedrijfsbezoek", title="Te laat")

    with pytest.raises(service.ProgrammeRefused, match="afgelopen"):
        await service.attach(programme, organisation["id"], "activiteit", meeting.ref)
    assert (await service.items_of(programme["id"]))["activiteit"] == []
