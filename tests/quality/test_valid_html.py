"""Every page is valid HTML according to the Nu Html Checker (vnu), with zero errors and no
inline styles: the public pages, and each role's signed-in pages with real data and with
their error states. Both are found by walking the app's routes, so a new page is checked
without anyone remembering to add it.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import httpx
from litestar import Litestar

from coaching.conftest import a_placement, a_resident_of, as_user
from organisations.conftest import a_resident, a_response, organisation_of, posting_of
from residents.conftest import a_pdf, an_opportunity, post_profile
from support import nu_checker
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, make_account, post_form, sign_in
from support.nu_checker import VNU_JAR
from support.pages import page_paths, section_paths

# Skipped without the checker, except under CI=true, where validate() fails instead.
pytestmark = nu_checker.needs_nu_checker
INLINE_STYLE = re.compile(r"\sstyle=")


def validate(files: list[Path]) -> list[dict]:
    """Run vnu once over all files (Java starts slowly) and return its error messages."""
    java = nu_checker.require()
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") == "error"]


def html_problems(pages: dict[str, httpx.Response], directory: Path) -> list[str]:
    """Every page (name → response) through vnu at once: its errors and inline styles, as
    ``name:line: message``. For the states a route walk cannot reach (a refused form, say)."""
    problems, files = [], {}
    for name, response in pages.items():
        assert response.status_code < 500, f"{name} gave {response.status_code}"
        assert "<html" in response.text, f"{name} is not a whole page"
        if INLINE_STYLE.search(response.text):
            problems.append(f"{name}: has an inline style")
        file = directory / f"{name}.html"
        file.write_text(response.text, encoding="utf-8")
        files[file.name] = name
    for error in validate([directory / f for f in files]):
        name = files.get(error.get("url", "").rsplit("/", 1)[-1], error.get("url"))
        problems.append(f"{name}:{error.get('lastLine')}: {error.get('message')}")
    return problems


class Pages:
    """HTML pages saved for one vnu run, each under a label that says where it came from."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.labels: dict[Path, str] = {}

    def add(self, label: str, response: httpx.Response) -> None:
        assert response.status_code < 500, f"{label} gave {response.status_code}"
        if response.is_redirect or "text/html" not in response.headers.get("content-type", ""):
            return
        assert not INLINE_STYLE.search(response.text), f"{label} has an inline style"
        file = self.directory / f"page{len(self.labels):03d}.html"
        file.write_text(response.text, encoding="utf-8")
        self.labels[file] = label

    async def walk(self, client: httpx.AsyncClient, label: str, paths: list[str]) -> None:
        for path in paths:
            self.add(f"{label} {path}", await client.get(path))

    def check(self, figures) -> None:  # type: ignore[no-untyped-def]
        errors = validate(list(self.labels))
        figures.html(len(self.labels), errors)
        by_url = {file.as_uri(): label for file, label in self.labels.items()}
        by_url.update({f"file:{file}": label for file, label in self.labels.items()})
        assert not errors, "\n".join(
            f"{by_url.get(e.get('url', ''), e.get('url'))}:{e.get('lastLine')}: {e.get('message')}"
            for e in errors
        )


async def test_every_public_page_is_valid_html(app, client, corpus, indexed, figures, tmp_path):
    await indexed()
    paths = page_paths(app, {"ref": "opp-0001", "language": "nl", "token": "niet-goed"})
    paths += ["/kansen?q=magazijn", "/kansen?q=xyzzyx-niets", "/bestaat-niet"]
    pages = Pages(tmp_path)
    await pages.walk(client, "anonymous", paths)

    assert len(pages.labels) >= 10, "the walk found too few pages to mean anything"
    pages.check(figures)


async def test_every_signed_in_page_is_valid_html(app, corpus, figures, tmp_path):
    from meedoen.demo.history import seed_history

    await seed_history()  # goals and placements, so the dashboard has every chart
    pages = Pages(tmp_path)
    for role_pages in (resident_pages, organisation_pages, coach_pages, admin_pages):
        async with app_client(app) as client:
            await role_pages(app, client, pages)

    pages.check(figures)


async def signed_in(client: httpx.AsyncClient, role: str, **account: object):  # type: ignore[no-untyped-def]
    made = await make_account(role, **account)  # type: ignore[arg-type]
    response = await sign_in(client, made.email, DEFAULT_PASSWORD)
    assert response.status_code == 303, f"{role} could not sign in"
    return made


async def resident_pages(app: Litestar, client: httpx.AsyncClient, pages: Pages) -> None:
    await signed_in(client, "resident", display_name="Sanne")
    await post_profile(
        client,
        {"wijk": "Pathmos", "skills": "koken", "preferred_kinds": ["vrijwilligerswerk"]},
        files={"cv": ("cv.pdf", a_pdf(), "application/pdf")},
    )
    opportunity = await an_opportunity()
    respond = f"/kansen/{opportunity.ref}/reageren"
    sent = await post_form(client, respond, {"message": "Hoi", "shared": ["email"]})
    await post_form(
        client, "/kansen?q=koken", {"q": "koken", "frequency": "daily"}, "/zoekopdrachten"
    )
    refs = {
        "/kansen/": opportunity.ref,
        "/mijn/reacties/": sent.headers["location"].rsplit("/", 1)[-1],
        "/account/e-mail/bevestigen/": "niet-goed",
        "/mijn/talentscan/vraag/": "1",
    }
    await pages.walk(
        client,
        "resident",
        section_paths(app, ("/mijn", "/kansen/", "/account", "/meldingen"), refs),
    )
    await pages.walk(client, "resident", ["/kansen?q=koken&wijk=Pathmos"])
    states = {
        "profile-errors": await post_profile(
            client, {"birth_year": "x"}, files={"cv": ("cv.doc", b"x", "application/msword")}
        ),
        "respond-errors": await post_form(client, respond, {"shared": ["phone"], "phone": "1"}),
        "data-errors": await post_form(client, "/mijn/gegevens", {}, "/mijn/gegevens/verwijderen"),
        **await talent_scan_states(client),
    }
    for name, response in states.items():
        pages.add(f"resident {name}", response)


async def talent_scan_states(client: httpx.AsyncClient) -> dict[str, httpx.Response]:
    """The talent scan's pages in each state: a refused answer, a question out of range,
    the suggestions, refused suggestions, and what fits once they are in the profile."""
    from talentscan.conftest import answer, answer_all

    refused = await answer(client, 3, [])
    missing = await client.get("/mijn/talentscan/vraag/11")
    await answer_all(client)
    suggestions = await client.get("/mijn/talentscan/uitkomst")
    page = "/mijn/talentscan/uitkomst"
    return {
        "talentscan-started": await client.get("/mijn/talentscan"),
        "talentscan-refused-answer": refused,
        "talentscan-no-such-question": missing,
        "talentscan-suggestions": suggestions,
        "talentscan-refused-suggestions": await post_form(
            client, page, {"interests": "onbekend", "extra_skills": "x" * 61}
        ),
        "talentscan-accepted": await post_form(client, page, {"skills": "koken"}),
        "talentscan-fitting": await client.get("/mijn/talentscan/past-bij-jou"),
    }


async def organisation_pages(app: Litestar, client: httpx.AsyncClient, pages: Pages) -> None:
    member = await signed_in(client, "organisation")
    ref = await posting_of(member)
    _, resident = await a_resident()
    response = await a_response(ref, resident, shared=("first_name", "email", "phone", "profile"))
    organisation = await organisation_of(member)
    refs = {
        "/organisatie/kansen/": ref,
        "/organisatie/reacties/": response.ref,
        "/organisatie/uitnodiging/": "ongeldig",
        "/organisaties/": organisation["ref"],
    }
    await pages.walk(
        client, "organisation", section_paths(app, ("/organisatie", "/account", "/meldingen"), refs)
    )
    states = {
        "new-errors": await post_form(
            client, "/organisatie/kansen/nieuw", {"title": ""}, action="/organisatie/kansen"
        ),
        "members-errors": await post_form(client, "/organisatie/leden", {"email": "geen-adres"}),
    }
    for name, answer in states.items():
        pages.add(f"organisation {name}", answer)


async def coach_pages(app: Litestar, client: httpx.AsyncClient, pages: Pages) -> None:
    coach = as_user(await signed_in(client, "coach"))
    resident = await a_resident_of(coach, rung=2, motivation="Intake")
    placement = await a_placement(coach, resident)
    file = f"/coach/bewoners/{resident.ref}"
    url = f"/coach/plaatsingen/{placement.ref}"
    await post_form(client, url, {"kind": "stage", "version": "1", "hours_per_week": "4"})
    refs = {"/coach/bewoners/": resident.ref, "/coach/plaatsingen/": placement.ref}
    paths = section_paths(app, ("/coach", "/doelen", "/account"), refs)
    await pages.walk(client, "coach", [*paths, "/coach?wijk=Stadsveld&sorteer=trede"])
    states = {
        "intake-errors": await post_form(client, "/coach/intake", {"first_name": ""}),
        "file-errors": await post_form(client, file, {"rung": "9"}, action=f"{file}/trede"),
        "placement-conflict": await post_form(
            client, url, {"kind": "stage", "version": "1", "hours_per_week": "9"}
        ),
        "status-refused": await post_form(
            client, url, {"to_status": "afgerond", "version": "2"}, action=f"{url}/status"
        ),
    }
    for name, response in states.items():
        pages.add(f"coach {name}", response)


async def admin_pages(app: Litestar, client: httpx.AsyncClient, pages: Pages) -> None:
    from meedoen.demo.insight import seed_company_visits, seed_search_demand
    from meedoen.goals.service import all_goals

    await seed_search_demand()  # so the insight view shows its every table filled
    await seed_company_visits()
    await signed_in(client, "admin")
    goal = (await all_goals())[0]
    refs = {"/beheer/doelen/": str(goal.id)}
    paths = section_paths(app, ("/beheer", "/doelen", "/account"), refs)
    await pages.walk(client, "admin", [*paths, "/beheer/audit?action=response", "/doelen?wijk=x"])


def test_the_checker_does_find_errors(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!doctype html><html lang=nl><title>x</title><p><div></p>")

    assert validate([broken]), "vnu reported nothing for a broken page"
