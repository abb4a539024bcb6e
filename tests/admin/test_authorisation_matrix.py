"""Every route of the app, for every kind of visitor, against one explicit table.

The table below says which roles may use each route (method and path). A route that
is not in the table fails the test, so nobody adds a page without deciding who may
see it. The records in the URLs belong to organisation A, the resident and the coach;
"other_member" works for organisation B and must not reach any of A's records.

"Allowed" means the request got past the access rules: anything but 401, 403, 404 or
a redirect to the sign-in page (a 400 for an empty form still counts as allowed).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from litestar.routes import HTTPRoute

from coaching.conftest import a_placement, a_resident_of
from meedoen.accounts.current_user import CurrentUser
from organisations.conftest import a_resident, a_response, organisation_of, posting_of
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, sign_in
from support.database import empty_all_tables

ANONYMOUS, RESIDENT, MEMBER, OTHER, SCHOOL, COACH, ADMIN = (
    "anonymous",
    "resident",
    "member",
    "other_member",
    "school_coordinator",
    "coach",
    "admin",
)
ROLES = (ANONYMOUS, RESIDENT, MEMBER, OTHER, SCHOOL, COACH, ADMIN)
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}
# any organisation member, for their own organisation (a school is an organisation too)
MEMBERS = frozenset({MEMBER, OTHER, SCHOOL})
NOBODY: frozenset[str] = frozenset()


def only(*roles: str) -> frozenset[str]:
    return frozenset(roles)


EXPECTED: dict[str, frozenset[str]] = {
    # public pages and the API
    "GET /": EVERYONE,
    "GET /privacy": EVERYONE,
    "GET /toegankelijkheid": EVERYONE,
    "GET /health": EVERYONE,
    "GET /health/ready": EVERYONE,
    "GET /static/{file_path}": EVERYONE,
    "GET /taal/{language}": EVERYONE,
    "GET /api/schema": EVERYONE,
    "GET /api/schema/openapi.json": EVERYONE,
    "GET /api/schema/{path}": EVERYONE,
    "GET /api/v1/opportunities": EVERYONE,
    "GET /api/v1/opportunities/{ref}": EVERYONE,
    # matching: candidates for A's posting (A is verified), a resident's own matches
    "GET /api/v1/opportunities/{ref}/candidates": only(MEMBER, COACH),
    "GET /api/v1/me/matches": only(RESIDENT),
    "GET /organisatie/kansen/{ref}/kandidaten": only(MEMBER),
    "GET /coach/kansen/{ref}/kandidaten": only(COACH),
    "POST /organisatie/kansen/{ref}/kandidaten/{resident_ref}/voorstellen": only(MEMBER),
    "GET /kansen": EVERYONE,
    "GET /kansen/{ref}": EVERYONE,
    "GET /organisaties/{ref}": EVERYONE,
    "GET /doelen/open-data.csv": EVERYONE,
    "GET /doelen/open-data.json": EVERYONE,
    # accounts
    "GET /inloggen": EVERYONE,
    "POST /inloggen": EVERYONE,
    "POST /uitloggen": EVERYONE,
    "GET /uitloggen/overal": SIGNED_IN,
    "POST /uitloggen/overal": SIGNED_IN,
    "GET /registreren": EVERYONE,
    "POST /registreren": EVERYONE,
    "GET /registreren/verstuurd": EVERYONE,
    "GET /e-mail-bevestigen/{token}": EVERYONE,
    "GET /wachtwoord-vergeten": EVERYONE,
    "POST /wachtwoord-vergeten": EVERYONE,
    "GET /wachtwoord-vergeten/verstuurd": EVERYONE,
    "GET /wachtwoord-herstellen/{token}": EVERYONE,
    "POST /wachtwoord-herstellen/{token}": EVERYONE,
    "GET /account": SIGNED_IN,
    "POST /account/e-mail": SIGNED_IN,
    "POST /account/wachtwoord": SIGNED_IN,
    "GET /account/e-mail/bevestigen/{token}": EVERYONE,
    "POST /account/e-mail/bevestigen/{token}": EVERYONE,
    # residents
    "GET /mijn": only(RESIDENT),
    "POST /mijn": only(RESIDENT),
    "GET /mijn/cv": NOBODY,  # the resident's own CV; there is none in this world (404)
    "POST /mijn/cv/verwijderen": only(RESIDENT),
    "GET /mijn/gegevens": only(RESIDENT),
    "GET /mijn/gegevens/download": only(RESIDENT),
    "GET /mijn/gegevens/overzicht": only(RESIDENT),
    "POST /mijn/gegevens/verwijderen": only(RESIDENT),
    "GET /mijn/reacties": only(RESIDENT),
    "GET /mijn/reacties/{ref}": only(RESIDENT),
    "POST /mijn/reacties/{ref}/intrekken": only(RESIDENT),
    "POST /mijn/reacties/{ref}/berichten": only(RESIDENT),  # their own response only
    "GET /kansen/{ref}/reageren": only(RESIDENT),
    "POST /kansen/{ref}/reageren": only(RESIDENT),
    "GET /mijn/zoekopdrachten": only(RESIDENT),
    "POST /zoekopdrachten": only(RESIDENT),
    "POST /mijn/zoekopdrachten/{ref}/verwijderen": only(RESIDENT),
    # the talent scan: the resident's own, nobody else's (not even their coach's)
    "GET /mijn/talentscan": only(RESIDENT),
    "POST /mijn/talentscan/begin": only(RESIDENT),
    "GET /mijn/talentscan/vraag/{number}": only(RESIDENT),
    "POST /mijn/talentscan/vraag/{number}": only(RESIDENT),
    "GET /mijn/talentscan/uitkomst": only(RESIDENT),
    "POST /mijn/talentscan/uitkomst": only(RESIDENT),
    "GET /mijn/talentscan/past-bij-jou": only(RESIDENT),
    "GET /zoekopdrachten/afmelden/{token}": EVERYONE,
    "POST /zoekopdrachten/afmelden/{token}": EVERYONE,  # the signed link is the permission
    # traject: the resident's own path; hours and proofs of A's placement for A's member;
    # the coach's resident only (the world's resident Zoë has a placement at A, hours, a proof)
    "GET /mijn/traject": only(RESIDENT),
    "POST /mijn/traject/afspraken": only(RESIDENT),
    "POST /mijn/traject/afspraken/{ref}/klaar": only(RESIDENT),
    "POST /mijn/traject/uren": only(RESIDENT),
    "POST /mijn/traject/plaatsingen/{ref}/bewijs": only(RESIDENT),
    "GET /mijn/traject/bewijzen/{ref}/pdf": only(RESIDENT),
    "POST /mijn/traject/bewijzen/{ref}/intrekken": only(RESIDENT),
    "GET /bewijs/{token}": EVERYONE,  # says only whether a proof is genuine
    "GET /organisatie/uren": MEMBERS,
    "POST /organisatie/uren/{ref}": only(MEMBER),
    "GET /organisatie/bewijzen/{ref}": only(MEMBER),
    "POST /organisatie/bewijzen/{ref}": only(MEMBER),
    "GET /coach/bewoners/{ref}/traject": only(COACH),
    "POST /coach/bewoners/{ref}/traject/afspraken": only(COACH),
    "POST /coach/bewoners/{ref}/traject/instellingen": only(COACH),
    # notifications: residents, organisation members and coaches; the signed link is the permission
    "GET /meldingen": only(RESIDENT, MEMBER, OTHER, SCHOOL, COACH),
    "POST /meldingen/gelezen": only(RESIDENT, MEMBER, OTHER, SCHOOL, COACH),
    "GET /meldingen/instellingen": only(RESIDENT, MEMBER, OTHER, SCHOOL, COACH),
    "POST /meldingen/instellingen": only(RESIDENT, MEMBER, OTHER, SCHOOL, COACH),
    "GET /meldingen/leden": MEMBERS,  # owners of their own organisation
    "POST /meldingen/leden/{account_id}": NOBODY,  # only their own members; the sample is none
    "GET /meldingen/{ref}": NOBODY,  # only one's own; there are none in this world (404)
    "GET /meldingen/afmelden/{token}": EVERYONE,
    "GET /toestemming/{token}": EVERYONE,  # a parent's link: the token is the permission
    "POST /toestemming/{token}": EVERYONE,
    "POST /meldingen/afmelden/{token}": EVERYONE,
    # No CV is stored in this world, so nobody gets one; the CV rules have their own tests.
    "GET /bewoners/{ref}/cv": NOBODY,
    # organisations: their own dashboard, postings of A for A's member only
    "GET /organisatie": MEMBERS,
    "GET /organisatie/kansen/nieuw": MEMBERS,
    "POST /organisatie/kansen": MEMBERS,
    "GET /organisatie/kansen/{ref}": only(MEMBER),
    "POST /organisatie/kansen/{ref}": only(MEMBER),
    "GET /organisatie/kansen/{ref}/voorbeeld": only(MEMBER),
    "GET /organisatie/kansen/{ref}/sluiten": only(MEMBER),
    "POST /organisatie/kansen/{ref}/status": only(MEMBER),
    "POST /organisatie/kansen/{ref}/kopie": only(MEMBER),
    "GET /organisatie/leden": MEMBERS,
    "POST /organisatie/leden": MEMBERS,  # both own their organisation
    "GET /organisatie/gegevens": MEMBERS,
    "POST /organisatie/gegevens": MEMBERS,  # both own their organisation
    "POST /organisatie/kiezen": MEMBERS,  # a choice among their own organisations only
    "GET /organisatie/uitnodiging/{token}": EVERYONE,
    "POST /organisatie/uitnodiging/{token}": EVERYONE,
    "GET /organisatie/reacties": MEMBERS,
    "GET /organisatie/reacties/{ref}": only(MEMBER),
    "POST /organisatie/reacties/{ref}/status": only(MEMBER),
    "POST /organisatie/reacties/{ref}/berichten": only(MEMBER),
    # coaching: the coach's own caseload
    "GET /coach": only(COACH),
    "GET /coach/intake": only(COACH),
    "POST /coach/intake": only(COACH),
    "GET /coach/bereikbaarheid": only(COACH),
    "POST /coach/bereikbaarheid": only(COACH),
    "GET /coach/export/{name}": only(COACH),
    "GET /coach/bewoners/{ref}": only(COACH),
    "GET /coach/bewoners/{ref}/matches": only(COACH),
    "POST /coach/bewoners/{ref}/contact": only(COACH),
    "POST /coach/bewoners/{ref}/notities": only(COACH),
    "GET /coach/bewoners/{ref}/overdragen": only(COACH),
    "POST /coach/bewoners/{ref}/overdragen": only(COACH),
    "GET /coach/bewoners/{ref}/plaatsingen/nieuw": only(COACH),
    "POST /coach/bewoners/{ref}/plaatsingen": only(COACH),
    "POST /coach/bewoners/{ref}/trede": only(COACH),
    "GET /coach/plaatsingen/{ref}": only(COACH),
    "POST /coach/plaatsingen/{ref}": only(COACH),
    "POST /coach/plaatsingen/{ref}/status": only(COACH),
    # goals
    "GET /doelen": only(COACH, ADMIN),
    "GET /doelen/export/{filename}": only(COACH, ADMIN),
    "GET /beheer/doelen": only(ADMIN),
    "GET /beheer/doelen/nieuw": only(ADMIN),
    "POST /beheer/doelen/nieuw": only(ADMIN),
    "GET /beheer/doelen/{goal_id}/bewerken": only(ADMIN),
    "POST /beheer/doelen/{goal_id}/bewerken": only(ADMIN),
    "GET /beheer/doelen/{goal_id}/verwijderen": only(ADMIN),
    "POST /beheer/doelen/{goal_id}/verwijderen": only(ADMIN),
    # meetings: A organises a fair, B has an accepted stand there and recorded a contact
    "GET /activiteiten": EVERYONE,
    "GET /activiteiten.ics": EVERYONE,
    "GET /activiteiten/{ref}": EVERYONE,
    "GET /activiteiten/{ref}/agenda.ics": EVERYONE,
    "GET /activiteiten/{ref}/plattegrond": NOBODY,  # no floor plan in this world (404)
    "POST /activiteiten/{ref}/aanmelden": EVERYONE,  # residents, guests and groups
    "GET /activiteiten/aanmelding/{token}": EVERYONE,  # the signed link is the permission
    "POST /activiteiten/aanmelding/{token}/afmelden": EVERYONE,
    "GET /organisaties/{ref}/activiteiten.ics": EVERYONE,
    "GET /api/v1/meetings": EVERYONE,
    "GET /api/v1/meetings/{ref}": EVERYONE,
    "GET /mijn/activiteiten": only(RESIDENT),
    "GET /coach/activiteiten/{ref}/aanmelden": only(COACH),
    "POST /coach/activiteiten/{ref}/aanmelden": only(COACH),  # their own caseload only
    "GET /organisatie/activiteiten": MEMBERS,
    "GET /organisatie/activiteiten/nieuw": MEMBERS,
    "POST /organisatie/activiteiten": MEMBERS,
    "GET /organisatie/activiteiten/{ref}": only(MEMBER),
    "POST /organisatie/activiteiten/{ref}": only(MEMBER),
    "GET /organisatie/activiteiten/{ref}/beheer": only(MEMBER),
    "POST /organisatie/activiteiten/{ref}/status": only(MEMBER),
    "POST /organisatie/activiteiten/{ref}/stands/{stand_id}": only(MEMBER),
    "POST /organisatie/activiteiten/{ref}/plattegrond": only(MEMBER),
    "GET /organisatie/activiteiten/{ref}/inchecken": only(MEMBER),
    "POST /organisatie/activiteiten/{ref}/inchecken": only(MEMBER),
    "POST /organisatie/activiteiten/{ref}/inloop": only(MEMBER),
    "POST /organisatie/activiteiten/{ref}/bedankmail": only(MEMBER),
    "GET /organisatie/activiteiten/beurzen/{ref}/stand": MEMBERS,
    "POST /organisatie/activiteiten/beurzen/{ref}/stand": MEMBERS,
    "POST /organisatie/activiteiten/beurzen/{ref}/contact": only(OTHER),  # a stand holder
    "GET /organisatie/contacten": MEMBERS,
    "GET /organisatie/contacten/{ref}": only(OTHER),
    "POST /organisatie/contacten/{ref}": only(OTHER),
    # schools: the coördinator (owner of a school) signs up classes for A's company visit;
    # a company's member is refused, and a school sees counts of its classes, never pupils
    "GET /school": only(SCHOOL),
    "GET /school/bezoeken/{ref}": only(SCHOOL),
    "POST /school/bezoeken/{ref}": only(SCHOOL),
    "GET /school/coordinatoren": only(SCHOOL),
    "POST /school/coordinatoren": only(SCHOOL),
    # programmes: A owns a published programme and B asked to join (not accepted yet);
    # asking to join is any organisation's, everything else A's (or an administrator's)
    "GET /programmas": EVERYONE,
    "GET /programmas/{ref}": EVERYONE,
    "POST /programmas/{ref}/deelnemers/{organisation_ref}": only(MEMBER, ADMIN),
    "GET /organisatie/programmas": MEMBERS,
    "GET /organisatie/programmas/nieuw": MEMBERS,
    "POST /organisatie/programmas": MEMBERS,
    "GET /organisatie/programmas/{ref}": only(MEMBER),
    "POST /organisatie/programmas/{ref}": only(MEMBER),
    "POST /organisatie/programmas/{ref}/indienen": only(MEMBER),
    "POST /organisatie/programmas/{ref}/aanmelden": MEMBERS,
    "POST /organisatie/programmas/{ref}/koppelen": only(MEMBER),
    "POST /organisatie/programmas/{ref}/ontkoppelen": only(MEMBER),
    "GET /beheer/programmas": only(ADMIN),
    "POST /beheer/programmas/{ref}/{action}": only(ADMIN),
    # administration
    "GET /beheer": only(ADMIN),
    "GET /beheer/gebruikers": only(ADMIN),
    "GET /beheer/bewaartermijnen": only(ADMIN),
    "GET /beheer/zoekindex": only(ADMIN),
    "POST /beheer/zoekindex/opnieuw": only(ADMIN),
    "POST /beheer/gebruikers/{account_id}/rol": only(ADMIN),
    "POST /beheer/gebruikers/{account_id}/deactiveren": only(ADMIN),
    "GET /beheer/organisaties/{ref}": only(ADMIN),
    "POST /beheer/organisaties/{ref}/weigeren": only(ADMIN),
    "POST /beheer/organisaties/{ref}/{flag}": only(ADMIN),
    "GET /beheer/audit": only(ADMIN),
    "GET /beheer/audit/export.csv": only(ADMIN),
    "GET /beheer/limieten": only(ADMIN),
    # Insight into young talent: aggregates only, administrators only (issue 18).
    "GET /beheer/inzicht": only(ADMIN),
    "GET /beheer/inzicht/export/{table_file}": only(ADMIN),
    "GET /beheer/mail": only(ADMIN),
    "POST /beheer/mail/{mail_id}/{action}": only(ADMIN),
}

# Sign-out ends the session; they go last so they do not sign the visitor out early.
LAST = ("POST /uitloggen/overal", "POST /uitloggen")


def app_routes(app) -> list[str]:  # type: ignore[no-untyped-def]
    keys = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        path = re.sub(r"{(\w+):\w+}", r"{\1}", route.path)
        for method in sorted(route.methods - {"OPTIONS", "HEAD"}):
            keys.append(f"{method} {path}")
    return sorted(set(keys))


def test_every_route_has_an_entry_and_every_entry_a_route(app):
    routes = set(app_routes(app))

    missing = sorted(routes - set(EXPECTED))
    stale = sorted(set(EXPECTED) - routes)
    assert not missing, "Decide who may use these routes (add them to EXPECTED):\n" + "\n".join(
        missing
    )
    assert not stale, "These entries have no route any more:\n" + "\n".join(stale)


@dataclass
class World:
    samples: dict[str, str]
    accounts: dict[str, object]


async def build_world() -> World:
    """Organisation A with a posting and a response, organisation B, a coach with a
    resident and a placement, an administrator, a goal and a saved search."""
    from meedoen.alerts.service import save_search
    from meedoen.goals.service import create_goal

    member = await make_account("organisation", display_name="Lid A")
    other = await make_account("organisation", display_name="Lid B")
    posting_a = await posting_of(member, title="Kans van A")
    await posting_of(other, title="Kans van B")
    organisation_a = await organisation_of(member)
    resident_account, resident = await a_resident("Zoë")
    response = await a_response(posting_a, resident)
    coach = await make_account("coach")
    coach_user = CurrentUser(coach.id, coach.email, "coach", coach.display_name, "nl")
    coached = await a_resident_of(coach_user)
    placement = await a_placement(coach_user, coached)
    admin = await make_account("admin")
    target = await make_account("resident", display_name="Doelwit")
    goal = await create_goal(
        {
            "name": "Meer stages",
            "measure": "plaatsingen_gestart",
            "measure_kind": "stage",
            "wijk": "Pathmos",
            "period_start": dt.date(2026, 1, 1),
            "period_end": dt.date(2026, 12, 31),
            "target": 5,
        },
        admin.id,
    )
    saved = (await save_search(resident_account.id, "q=keuken", "weekly")).saved
    meeting = await a_fair_with_a_stand_and_a_contact(member, other)
    parked = await a_parked_mail()
    path = await a_path_with_hours_and_a_proof(resident, posting_a, coach_user, member)
    school, group_visit = await a_school_and_a_group_visit(member)
    programme = await a_programme_with_a_request(member, other)
    return World(
        samples={
            "posting": posting_a,
            "organisation": organisation_a["ref"],
            "response": response.ref,
            "coached": coached.ref,
            "placement": placement.ref,
            "goal_id": str(goal.id),
            "account_id": str(target.id),
            "saved_search": saved.ref,
            **meeting,
            "mail_id": str(parked),
            **path,
            "group_visit": group_visit,
            **programme,
        },
        accounts={
            SCHOOL: school,
            RESIDENT: resident_account,
            MEMBER: member,
            OTHER: other,
            COACH: coach,
            ADMIN: admin,
        },
    )


async def a_fair_with_a_stand_and_a_contact(member, other) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A public fair of A's organisation; B's stand accepted; B met a guest there."""
    from events.conftest import a_meeting, guest
    from meedoen.events import contacts, signups, stands
    from meedoen.events.meetings import meeting_by_ref

    organisation_a = await organisation_of(member)
    organisation_b = await organisation_of(other)
    view = await a_meeting(organisation_a, title="Beurs van A")
    await stands.apply_for_stand(view, organisation_b, other.id, "")
    stand = await stands.stand_of(view.meeting["id"], organisation_b["id"])
    await stands.decide(view, stand["id"], member.id, accept=True, number="1")
    result = await signups.sign_up(view, None, guest("bezoeker"), base_url="", secret_key="x")
    signup = await signups.signup_by_ref(result.ref)
    view = await meeting_by_ref(view.ref)
    contact, _ = await contacts.record_contact(
        view, organisation_b["id"], signup, other.id, "", True
    )
    return {"meeting": view.ref, "stand_id": str(stand["id"]), "contact": contact}


async def a_programme_with_a_request(member, other) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A's published programme with A's fair in it; B asked to join."""
    from meedoen.programmes import service
    from programmes.conftest import a_programme, user_of

    organisation_a = await organisation_of(member)
    organisation_b = await organisation_of(other)
    programme = await a_programme(member, organisation_a)
    await service.ask_to_join(user_of(other, organisation_b), programme, organisation_b["id"])
    return {"programme": programme["ref"], "organisation_b": organisation_b["ref"]}


async def a_school_and_a_group_visit(member):  # type: ignore[no-untyped-def]
    """A school whose owner is its stagecoördinator, and A's company visit open to groups."""
    from events.conftest import a_meeting
    from schools.conftest import a_coordinator

    account, _ = await a_coordinator()
    view = await a_meeting(
        await organisation_of(member),
        kind="bedrijfsbezoek",
        title="Bezoek bij A",
        groups_welcome=True,
    )
    return account, view.ref


async def a_path_with_hours_and_a_proof(resident, posting_ref, coach, member) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The resident placed at A's posting five weeks ago, with an agreement, a week of
    hours waiting for A, and a proof A issued."""
    from meedoen.opportunities.tables import Opportunity
    from meedoen.placements.service import PlacementDetails, create_placement
    from meedoen.traject import hours, proofs, service

    opportunity = await Opportunity.objects().where(Opportunity.ref == posting_ref).first()
    start = dt.date.today() - dt.timedelta(weeks=5)
    placement = await create_placement(
        resident,
        PlacementDetails(kind="vrijwilligerswerk", start_date=start),
        coach_id=coach.account_id,
        actor_id=coach.account_id,
        opportunity=opportunity,
        status="gestart",
    )
    agreement = await service.add_agreement(
        resident, "Ik ga naar de Doen-beurs", "bewoner", None, author_id=resident.account
    )
    entry = await hours.record_hours(
        resident, hours.HoursInput(placement.ref, start + dt.timedelta(days=7), "4")
    )
    proof = await proofs.ask_for_proof(resident, placement.ref)
    asked = await proofs.asked_proof(proof.ref, frozenset({opportunity.organisation}))
    assert asked is not None
    await proofs.issue_proof(asked, [], "Zoë hielp elke week mee.", actor_id=member.id)
    return {
        "own_placement": placement.ref,
        "agreement": agreement.ref,
        "hours": entry.ref,
        "proof": proof.ref,
    }


async def a_parked_mail() -> int:
    """A mail a limit held back, for the administrators' page of parked mail."""
    from meedoen.mail.tables import OutgoingMail

    now = dt.datetime.now(dt.UTC)
    rows = (
        await OutgoingMail.insert(
            OutgoingMail(
                to_address="iemand@example.org",
                subject="Bevestig je e-mailadres voor Meedoen West",
                created_at=now,
                next_attempt_at=now,
                parked_at=now,
                parked_reason="ontvanger-soort-dag",
            )
        )
        .returning(OutgoingMail.id)
        .run()
    )
    return int(rows[0]["id"])


def fill(key: str, samples: dict[str, str]) -> str:
    """The route's path with real values of the world's records."""
    path = key.split(" ", 1)[1]
    by_prefix = [
        ("/mijn/traject/afspraken/", "agreement"),
        ("/mijn/traject/plaatsingen/", "own_placement"),
        ("/mijn/traject/bewijzen/", "proof"),
        ("/organisatie/uren/", "hours"),
        ("/organisatie/bewijzen/", "proof"),
        ("/organisatie/reacties/", "response"),
        ("/mijn/reacties/", "response"),
        ("/organisaties/", "organisation"),
        ("/beheer/organisaties/", "organisation"),
        ("/coach/bewoners/", "coached"),
        ("/bewoners/", "coached"),
        ("/coach/plaatsingen/", "placement"),
        ("/mijn/zoekopdrachten/", "saved_search"),
        ("/activiteiten/", "meeting"),
        ("/organisatie/activiteiten/", "meeting"),
        ("/coach/activiteiten/", "meeting"),
        ("/api/v1/meetings/", "meeting"),
        ("/organisatie/contacten/", "contact"),
        ("/school/bezoeken/", "group_visit"),
        ("/programmas/", "programme"),
        ("/organisatie/programmas/", "programme"),
        ("/beheer/programmas/", "programme"),
    ]
    ref = samples["posting"]
    for prefix, name in by_prefix:
        if path.startswith(prefix):
            ref = samples[name]
            break
    values = {
        "ref": ref,
        "resident_ref": samples["coached"],
        "token": "een-ongeldige-link",
        "goal_id": samples["goal_id"],
        "account_id": samples["account_id"],
        "flag": "controle",
        "mail_id": samples.get("mail_id", "0"),
        "action": "versturen",
        "language": "nl",
        "file_path": "css/meedoen.css",
        "path": "openapi.json",
        "name": "caseload.csv",
        "filename": "dashboard.xlsx",
        "table_file": "zoekvragen.csv",
        "stand_id": samples.get("stand_id", "0"),
        "number": "1",
        "organisation_ref": samples.get("organisation_b", "onbekend"),
    }
    return re.sub(r"{(\w+)}", lambda m: values[m.group(1)], path)


def is_allowed(response) -> bool:  # type: ignore[no-untyped-def]
    if response.status_code in (401, 403, 404):
        return False
    location = response.headers.get("location", "")
    # Signing out everywhere also ends at /inloggen, but it does end the session.
    signed_out = "sessie=" in response.headers.get("set-cookie", "")
    return signed_out or not (
        300 <= response.status_code < 400 and location.startswith("/inloggen")
    )


@pytest.fixture
def own_app(settings, runtime):  # type: ignore[no-untyped-def]
    """An app of its own: the walk fills response caches (open data is cached for an
    hour) that the session's app must not serve to later tests."""
    from meedoen.app.factory import create_app

    return create_app(settings, runtime)


@pytest.mark.parametrize("role", ROLES)
async def test_each_role_reaches_exactly_the_routes_in_the_table(own_app, clean_database, role):
    app = own_app
    world = await build_world()
    keys = [k for k in app_routes(app) if k in EXPECTED]
    # Reads before writes, and signing out at the very end.
    keys.sort(
        key=lambda k: (k in LAST, LAST.index(k) if k in LAST else 0, not k.startswith("GET "))
    )
    wrong = []
    async with app_client(app) as client:
        if role != ANONYMOUS:
            account = world.accounts[role]
            signed = await sign_in(client, account.email, DEFAULT_PASSWORD)  # type: ignore[attr-defined]
            assert signed.status_code == 303
        token = csrf_token((await client.get("/inloggen")).text)
        for key in keys:
            method = key.split(" ", 1)[0]
            path = fill(key, world.samples)
            if method == "GET":
                response = await client.get(path)
            else:
                response = await client.post(path, data={"_csrf_token": token})
            # Readiness may say "not yet" (503) about the world just built: that is its answer.
            not_ready = key == "GET /health/ready" and response.status_code == 503
            assert response.status_code < 500 or not_ready, (
                f"{key} as {role}: {response.status_code}"
            )
            allowed = is_allowed(response)
            if allowed != (role in EXPECTED[key]):
                wrong.append(
                    f"{key} ({path}): {response.status_code}, expected "
                    f"{'allowed' if role in EXPECTED[key] else 'refused'}"
                )
    # The world's goal and placements would stand in for the demo history of later tests.
    await empty_all_tables()
    assert not wrong, f"As {role}:\n" + "\n".join(wrong)
