"""Finding 5: concurrent profile saves with a CV never leave a file behind, and deleting
the account removes every CV file of the resident."""

from __future__ import annotations

from meedoen.residents import cv
from meedoen.residents.tables import Resident
from races.conftest import at_once
from races.test_caps_races import signed_in_clients
from residents.conftest import a_pdf
from support.auth import make_account, post_form


def files_of(settings, ref: str) -> list[str]:  # type: ignore[no-untyped-def]
    folder = cv.cv_dir(settings.data_dir)
    return sorted(p.name for p in folder.glob(f"*{ref}*")) if folder.exists() else []


async def test_twenty_saves_with_a_cv_at_once_keep_exactly_the_stored_file(
    database, instances, settings
):
    account = await make_account("resident")
    clients = await signed_in_clients(instances, account)
    pages = [await client.get("/mijn") for client, _ in clients]
    assert all(page.status_code == 200 for page in pages)
    resident = await Resident.objects().get(Resident.account == account.id)

    def save(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        files = {"cv": (f"cv{number}.pdf", a_pdf(f"versie {number}"), "application/pdf")}
        data = {"_csrf_token": token, "summary": f"Versie {number}", "visibility": "coach"}
        return lambda: client.post("/mijn", data=data, files=files)

    responses = await at_once([save(n) for n in range(20)])

    assert all(response.status_code == 303 for response in responses), [
        r.status_code for r in responses
    ]
    stored = await Resident.objects().get(Resident.id == resident.id)
    assert files_of(settings, resident.ref) == [stored.cv_file]

    client, _ = clients[0]
    deleted = await post_form(
        client, "/mijn/gegevens", {"confirm": "1"}, "/mijn/gegevens/verwijderen"
    )
    assert deleted.status_code == 303
    assert files_of(settings, resident.ref) == []


async def test_deleting_an_account_removes_a_cv_file_left_behind(database, settings):
    from meedoen.privacy.deletion import delete_resident_account

    account = await make_account("resident")
    resident = Resident(
        ref=f"res-left-{account.id}",
        account=account.id,
        first_name="Ada",
        visibility="private",
        created_at=account.created_at,
        updated_at=account.created_at,
    )
    await resident.save()
    current = cv.store_cv(settings.data_dir, a_pdf(), resident.ref)
    left_behind = cv.store_cv(settings.data_dir, a_pdf(), resident.ref)  # e.g. a crashed save
    await Resident.update({Resident.cv_file: current}).where(Resident.id == resident.id)

    await delete_resident_account(settings.data_dir, account.id)

    assert left_behind not in files_of(settings, resident.ref)
    assert files_of(settings, resident.ref) == []
