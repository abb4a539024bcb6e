"""The demo district: the West corpus plus one account per role with known passwords."""

from __future__ import annotations

from dataclasses import dataclass

from meedoen.accounts.tables import Account
from meedoen.demo.corpus_import import ImportReport, import_corpus
from meedoen.demo.history import seed_history
from meedoen.demo.insight import seed_company_visits, seed_search_demand
from meedoen.demo.meetings import seed_meetings
from meedoen.demo.programmes import seed_programme
from meedoen.demo.schools import seed_school
from meedoen.demo.traject import seed_traject
from meedoen.organisations.service import create_account
from meedoen.paths import SEEDS_DIR
from meedoen.residents.tables import Resident

DEMO_CORPUS_DIR = SEEDS_DIR / "corpus"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: str
    display_name: str
    organisation_ref: str | None = None


# Documented in the README; these exist only in demo data, never in production.
DEMO_ACCOUNTS = (
    DemoAccount("beheer@meedoen-west.example", "demo-beheer-west", "admin", "Beheerder West"),
    DemoAccount("coach@meedoen-west.example", "demo-coach-west", "coach", "Coach Fatima"),
    DemoAccount(
        "wijkgilde@meedoen-west.example",
        "demo-wijkgilde-west",
        "organisation",
        "Wijkgilde Enschede West",
        "org-001",
    ),
    DemoAccount("bewoner@meedoen-west.example", "demo-bewoner-west", "resident", "Sanne"),
    DemoAccount(
        "school@meedoen-west.example",
        "demo-school-west",
        "organisation",
        "Stagecoördinator Het Ambacht",
        "org-017",
    ),
)


async def seed_demo() -> ImportReport:
    """Load the demo district; running it again changes nothing."""
    report = await import_corpus(DEMO_CORPUS_DIR)
    await _demo_visibility()
    for demo in DEMO_ACCOUNTS:
        if not await Account.exists().where(Account.email == demo.email):
            await create_account(
                demo.email,
                demo.password,
                demo.role,
                display_name=demo.display_name,
                organisation_ref=demo.organisation_ref,
            )
    await seed_history()
    await seed_meetings()
    await seed_traject()
    await seed_school()
    await seed_search_demand()
    await seed_company_visits()
    await seed_programme()
    return report


async def _demo_visibility() -> None:
    # The corpus does not say what residents chose; in the demo a third lets verified
    # organisations find them and a third shares with their coach, so every view has data.
    residents = await Resident.select(Resident.ref, Resident.visibility).run()
    for row in residents:
        number = (
            int(row["ref"].rsplit("-", 1)[-1]) if row["ref"].rsplit("-", 1)[-1].isdigit() else 0
        )
        wanted = ("findable", "coach", "private")[number % 3]
        if row["visibility"] == "private" and wanted != "private":
            await (
                Resident.update({Resident.visibility: wanted})
                .where(Resident.ref == row["ref"])
                .run()
            )
