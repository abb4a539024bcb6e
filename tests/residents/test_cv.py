"""A CV is a real PDF of at most 5 MB, stored outside the web root, seen only by those it is for."""

from __future__ import annotations

import re

import pytest

from meedoen.audit.tables import AuditEvent
from meedoen.opportunities.tables import Opportunity
from meedoen.placements.tables import CaseloadLink
from meedoen.residents import cv
from meedoen.residents.tables import Resident
from meedoen.responses.service import NewResponse, create_response
from residents.conftest import a_pdf, an_opportunity, post_profile
from support.app import app_client
from support.auth import DEFAULT_PASSWORD, make_account, sign_in
from support.hostile_pdf import hostile_pdf


def stored_files(settings) -> list:  # type: ignore[no-untyped-def]
    folder = cv.cv_dir(settings.data_dir)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


async def test_a_pdf_is_stored_under_a_random_name_outside_the_web_root(
    client, clean_database, signed_in_as, settings
):
    account = await signed_in_as("resident")
    before = stored_files(settings)

    response = await post_profile(
        client, {}, files={"cv": ("Mijn CV Fatma.pdf", a_pdf(), "application/pdf")}
    )

    assert response.status_code == 303
    resident = await Resident.objects().get(Resident.account == account.id)
    new = sorted(set(stored_files(settings)) - set(before))
    assert new == [resident.cv_file]
    assert cv.STORED_NAME.match(resident.cv_file) and "Fatma" not in resident.cv_file
    download = await client.get("/mijn/cv")
    assert download.status_code == 200
    assert download.content.startswith(b"%PDF-")
    assert download.headers["content-type"] == "application/pdf"
    assert "no-store" in download.headers["cache-control"]
    assert (await client.get(f"/static/../var/cv/{resident.cv_file}")).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.docx", b"PK\x03\x04 word document", "PDF-bestand"),
        ("cv.pdf", b"<html>not a pdf</html>", "PDF-bestand"),
        ("cv.pdf", b"%PDF-1.7 but nothing else that makes a PDF", "niet lezen"),
        ("groot.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024), "groter dan 5 MB"),
        ("../../x.pdf", a_pdf(), "naam van het bestand"),
        ("..\\..\\x.pdf", a_pdf(), "naam van het bestand"),
        # 95,000 pages in compressed object streams, 0.9 MB: refused for its page count.
        ("cv.pdf", hostile_pdf(), "te veel pagina"),
        # The same, claiming one page: the page tree is walked only as far as a real CV
        # goes, so the lie is found in milliseconds (on any machine), not after seconds.
        ("cv.pdf", hostile_pdf(declared_pages=1), "te veel pagina"),
        ("cv.pdf", hostile_pdf(pages=51), "te veel pagina"),
    ],
    ids=[
        "not-pdf-name",
        "not-pdf-bytes",
        "broken-pdf",
        "too-big",
        "path-traversal",
        "windows-path",
        "95000-pages",
        "95000-pages-claiming-one",
        "51-pages",
    ],
)
async def test_a_refused_cv_gets_a_clear_message_and_nothing_is_stored(
    client, clean_database, signed_in_as, settings, name, content, message
):
    account = await signed_in_as("resident")
    before = stored_files(settings)

    response = await post_profile(
        client, {"wijk": "Pathmos"}, files={"cv": (name, content, "application/pdf")}
    )

    assert response.status_code == 400
    assert message in response.text
    assert 'href="#cv"' in response.text
    assert stored_files(settings) == before
    resident = await Resident.objects().get(Resident.account == account.id)
    assert resident.cv_file == "" and resident.wijk == ""


async def test_a_new_cv_replaces_the_old_file_and_deleting_removes_it(
    client, clean_database, signed_in_as, settings
):
    account = await signed_in_as("resident")
    await post_profile(client, {}, files={"cv": ("a.pdf", a_pdf(), "application/pdf")})
    first = (await Resident.objects().get(Resident.account == account.id)).cv_file

    await post_profile(client, {}, files={"cv": ("b.pdf", a_pdf(), "application/pdf")})
    second = (await Resident.objects().get(Resident.account == account.id)).cv_file
    page = await client.get("/mijn")
    from support.auth import csrf_token

    await client.post("/mijn/cv/verwijderen", data={"_csrf_token": csrf_token(page.text)})

    assert first != second
    assert first not in stored_files(settings)
    assert second not in stored_files(settings)
    assert (await Resident.objects().get(Resident.account == account.id)).cv_file == ""


async def test_the_cv_is_only_for_the_resident_their_coach_and_organisations_it_was_sent_to(
    app, client, clean_database, signed_in_as
):
    account = await signed_in_as("resident")
    await post_profile(
        client, {"visibility": "coach"}, files={"cv": ("cv.pdf", a_pdf(), "application/pdf")}
    )
    resident = await Resident.objects().get(Resident.account == account.id)
    url = f"/bewoners/{resident.ref}/cv"

    coach = await make_account("coach")
    other_coach = await make_account("coach")
    await CaseloadLink(
        resident=resident.id,
        coach=coach.id,
        consent_recorded_at=resident.created_at,
        started_at=resident.created_at,
    ).save()
    receiving = await make_account("organisation")
    other_organisation = await make_account("organisation")
    admin = await make_account("admin")
    other_resident = await make_account("resident")
    from meedoen.accounts.tables import Membership

    membership = await Membership.objects().get(Membership.account == receiving.id)
    opportunity = await an_opportunity()
    await Opportunity.update({Opportunity.organisation: membership.organisation}).where(
        Opportunity.id == opportunity.id
    )
    await create_response(
        NewResponse(
            opportunity_id=opportunity.id,
            resident_id=resident.id,
            message="",
            shared=("cv", "email"),
        )
    )

    async def status_for(who) -> int:  # type: ignore[no-untyped-def]
        async with app_client(app) as other:
            await sign_in(other, who.email, DEFAULT_PASSWORD)
            return (await other.get(url)).status_code

    assert (await client.get(url)).status_code == 200
    assert await status_for(coach) == 200
    assert await status_for(receiving) == 200
    assert await status_for(other_coach) == 403
    assert await status_for(other_organisation) == 403
    assert await status_for(admin) == 403
    downloads = await AuditEvent.select().where(AuditEvent.action == "resident.cv_downloaded")
    assert sorted(row["actor"] for row in downloads) == sorted([coach.id, receiving.id])
    assert await status_for(other_resident) == 403
    async with app_client(app) as anonymous:
        assert (await anonymous.get(url)).status_code in (302, 303, 401)

    # Private again: the coach no longer gets it.
    await post_profile(client, {"visibility": "private"})
    assert await status_for(coach) == 403


async def test_a_file_over_the_servers_body_limit_gets_the_profile_page_with_what_was_typed(
    client, clean_database, signed_in_as, settings
):
    account = await signed_in_as("resident")
    before = stored_files(settings)
    huge = b"%PDF-1.4\n" + b"0" * (12 * 1024 * 1024)  # over the 10 MB request limit

    response = await post_profile(
        client,
        {"summary": "Ik help graag in de tuin.", "wijk": "Pathmos", "visibility": "coach"},
        files={"cv": ("vakantie.pdf", huge, "application/pdf")},
    )

    assert response.status_code == 400
    assert "Dit bestand is veel te groot" in response.text
    assert (
        'href="#cv"' in response.text
        and '<h1 class="utrecht-heading-1">Mijn profiel' in response.text
    )
    assert "Ik help graag in de tuin." in response.text  # the rest of the form is kept
    assert re.search(r'value="coach"[^>]*checked', response.text)
    assert stored_files(settings) == before
    resident = await Resident.objects().get(Resident.account == account.id)
    assert resident.cv_file == "" and resident.summary == ""


async def test_an_oversized_body_still_needs_the_csrf_token(client, clean_database, signed_in_as):
    account = await signed_in_as("resident")
    huge = b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)

    response = await client.post(
        "/mijn",
        data={"summary": "Zonder token"},
        files={"cv": ("cv.pdf", huge, "application/pdf")},
    )

    assert response.status_code == 403
    resident = await Resident.objects().where(Resident.account == account.id).first()
    assert resident is None or resident.summary == ""


def test_only_whole_ordinary_fields_are_kept_from_the_start_of_a_body():
    from meedoen.residents.oversized_upload import TOO_BIG_FIELD, without_files

    start = (
        b'--xyz\r\nContent-Disposition: form-data; name="summary"\r\n\r\nHallo\r\n'
        b'--xyz\r\nContent-Disposition: form-data; name="cv"; filename="a.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4 000000"
    )

    body = without_files(start, b"xyz")

    assert body == (
        b'--xyz\r\nContent-Disposition: form-data; name="summary"\r\n\r\nHallo\r\n'
        b'--xyz\r\nContent-Disposition: form-data; name="'
        + TOO_BIG_FIELD.encode()
        + b'"\r\n\r\ncv\r\n'
        b"--xyz--\r\n"
    )
