"""Demo school: Praktijkschool Het Ambacht with a stagecoördinator, who signed up class
3B for the company visit on a business park (a count and the teacher, no pupils).
Running it again changes nothing."""

from __future__ import annotations

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.tables import Account
from meedoen.events.meetings import meeting_by_ref
from meedoen.events.tables import Meeting
from meedoen.organisations.tables import Organisation
from meedoen.schools.service import (
    Appointment,
    ClassVisit,
    appoint,
    class_visits,
    coordinators_of,
    sign_up_class,
)
from meedoen.settings import load_settings

SCHOOL = "org-017"  # Praktijkschool Het Ambacht, West Boswinkel
COORDINATOR_EMAIL = "school@meedoen-west.example"
LEVELS = ("vmbo", "mbo1", "mbo2")
DEMO_CLASS = ClassVisit("3B techniek", 16, "Mevrouw Kok")


async def seed_school() -> bool:
    """Appoint the demo coördinator and sign up the demo class; True when anything was added."""
    school = await Organisation.select().where(Organisation.ref == SCHOOL).first().run()
    account = await Account.select().where(Account.email == COORDINATOR_EMAIL).first().run()
    if school is None or account is None:
        return False
    added = False
    if account["id"] not in await coordinators_of(school["id"]):
        await appoint(school["id"], Appointment(account["id"], "stagecoordinator", LEVELS))
        added = True
    visit = (
        await Meeting.select(Meeting.ref)
        .where((Meeting.kind == "bedrijfsbezoek") & (Meeting.groups_welcome == True))  # noqa: E712
        .order_by(Meeting.starts_at, ascending=False)
        .first()
        .run()
    )
    view = await meeting_by_ref(visit["ref"]) if visit else None
    # The demo's past company visit has a class of this school too (demo/insight.py):
    # only the class signed up for this visit counts as there already.
    signed_up = {c["meeting_ref"] for c in await class_visits(school["id"])}
    if view is None or view.is_past or view.ref in signed_up:
        return added
    user = CurrentUser(
        account["id"],
        account["email"],
        "organisation",
        account["display_name"],
        "nl",
        organisation_ids=frozenset({school["id"]}),
        owner_of=frozenset({school["id"]}),
        verified_organisation_ids=frozenset({school["id"]}),
    )
    settings = load_settings()
    await sign_up_class(
        user,
        school,
        view,
        None,
        DEMO_CLASS,
        base_url=settings.base_url,
        secret_key=settings.secret_key,
    )
    return True
