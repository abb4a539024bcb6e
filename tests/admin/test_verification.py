"""Administrators verify organisations with something to check: a paged, filterable list
with the queue first, a page per organisation with what it entered (KvK number, website,
who registered it, when), and a reason the organisation reads when it is refused."""

from __future__ import annotations

import datetime as dt

from meedoen.audit.tables import AuditEvent
from meedoen.organisations.tables import Organisation
from support.auth import csrf_token, make_account, make_organisation


async def an_organisation(name: str, **values) -> str:  # type: ignore[no-untyped-def]
    ref = await make_organisation(name, verified=values.pop("verified", False))
    if values:
        await Organisation.update(values).where(Organisation.ref == ref)
    return ref


async def test_the_list_is_the_queue_first_with_what_to_check_and_no_one_click_approval(
    client, clean_database, signed_in_as
):
    waiting = await an_organisation(
        "Bakkerij Ter Ux", type="bedrijf", kvk_number="12345678", wijk="Pathmos"
    )
    await an_organisation("Al gecontroleerd", verified=True)
    await signed_in_as("admin")

    page = await client.get("/beheer")

    assert page.status_code == 200
    assert "Bakkerij Ter Ux" in page.text and "12345678" in page.text
    assert "Al gecontroleerd" not in page.text  # the queue by default
    assert f'href="/beheer/organisaties/{waiting}"' in page.text
    assert "/controle" not in page.text  # decisions only on the organisation's own page
    assert '<table class="utrecht-table' in page.text
    everyone = await client.get("/beheer", params={"status": "alle"})
    assert "Al gecontroleerd" in everyone.text and "Bakkerij Ter Ux" in everyone.text


async def test_the_list_filters_by_name_kvk_type_and_wijk(client, clean_database, signed_in_as):
    await an_organisation("Garage Émile", type="bedrijf", kvk_number="87654321", wijk="Boekelo")
    await an_organisation("Buurthuis Stadsveld", type="welzijn", wijk="Stadsveld")
    await signed_in_as("admin")

    by_name = await client.get("/beheer", params={"q": "emile"})
    by_kvk = await client.get("/beheer", params={"q": "8765 4321"})
    by_type = await client.get("/beheer", params={"soort": "welzijn"})
    by_wijk = await client.get("/beheer", params={"wijk": "Boekelo"})
    nonsense = await client.get("/beheer", params={"status": "x", "soort": "y", "pagina": "zz"})

    assert "Garage Émile" in by_name.text and "Buurthuis" not in by_name.text
    assert "Garage Émile" in by_kvk.text and "Buurthuis" not in by_kvk.text
    assert "Buurthuis Stadsveld" in by_type.text and "Garage" not in by_type.text
    assert "Garage Émile" in by_wijk.text and "Buurthuis" not in by_wijk.text
    assert nonsense.status_code == 200


async def test_the_list_comes_in_pages_of_25_oldest_registration_first(
    client, clean_database, signed_in_as
):
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for n in range(30):
        await an_organisation(f"Wachtende {n:02d}", created_at=start + dt.timedelta(days=n))
    await signed_in_as("admin")

    first = await client.get("/beheer")
    second = await client.get("/beheer", params={"pagina": "2"})
    beyond = await client.get("/beheer", params={"pagina": "9"})

    assert first.text.count('href="/beheer/organisaties/') == 25
    assert "Wachtende 00" in first.text and "Wachtende 25" not in first.text
    assert "Wachtende 29" in second.text and "Wachtende 00" not in second.text
    assert 'aria-current="page"' in first.text and "pagina=2" in first.text
    assert "Wachtende 29" in beyond.text  # a page past the end shows the last one


async def test_an_organisations_page_shows_what_it_entered_and_who_registered_it(
    client, clean_database, signed_in_as
):
    ref = await an_organisation(
        "Bakkerij Ter Ux",
        type="bedrijf",
        kvk_number="12345678",
        website="https://www.bakkerij-ter-ux.example",
        created_at=dt.datetime(2026, 3, 9, 10, 0, tzinfo=dt.UTC),
    )
    await make_account("organisation", organisation_ref=ref, display_name="Jan de Bakker")
    await signed_in_as("admin")

    page = await client.get(f"/beheer/organisaties/{ref}")

    assert page.status_code == 200
    assert "12345678" in page.text and "kvk.nl/zoeken" in page.text
    assert 'href="https://www.bakkerij-ter-ux.example"' in page.text
    assert "Jan de Bakker" in page.text
    assert "9 maart 2026" in page.text
    assert "Goedkeuren" in page.text and "Waarom keur je de organisatie niet goed?" in page.text


async def test_refusing_asks_for_a_reason_and_keeps_what_was_typed(
    client, clean_database, signed_in_as
):
    ref = await an_organisation("Twijfelachtig BV", type="bedrijf")
    await signed_in_as("admin")
    page = await client.get(f"/beheer/organisaties/{ref}")
    token = csrf_token(page.text)

    empty = await client.post(
        f"/beheer/organisaties/{ref}/weigeren", data={"reason": "  ", "_csrf_token": token}
    )
    too_long = await client.post(
        f"/beheer/organisaties/{ref}/weigeren",
        data={"reason": "x" * 1001, "_csrf_token": token},
    )

    assert empty.status_code == 400
    assert "Schrijf waarom je de organisatie niet goedkeurt." in empty.text
    assert too_long.status_code == 400 and "x" * 1001 in too_long.text
    assert (await Organisation.select().where(Organisation.ref == ref).first())[
        "refused_at"
    ] is None

    refused = await client.post(
        f"/beheer/organisaties/{ref}/weigeren",
        data={"reason": "Het KvK-nummer ontbreekt.", "_csrf_token": token},
    )

    assert refused.status_code == 303 and refused.headers["location"] == "/beheer"
    row = await Organisation.select().where(Organisation.ref == ref).first()
    assert row["refused_at"] is not None and not row["verified"]
    assert row["refusal_reason"] == "Het KvK-nummer ontbreekt."
    event = await AuditEvent.select().where(AuditEvent.action == "organisation.refused").first()
    assert event["subject_ref"] == ref
    # Out of the queue, into "Niet goedgekeurd".
    link = f'href="/beheer/organisaties/{ref}"'
    queue = await client.get("/beheer")
    assert "Twijfelachtig BV is niet goedgekeurd." in queue.text  # the flash message
    assert link not in queue.text
    assert link in (await client.get("/beheer", params={"status": "niet_goedgekeurd"})).text


async def test_approving_after_a_refusal_clears_it(client, clean_database, signed_in_as):
    ref = await an_organisation(
        "Tweede kans BV", refused_at=dt.datetime.now(dt.UTC), refusal_reason="Geen website."
    )
    await signed_in_as("admin")
    token = csrf_token((await client.get(f"/beheer/organisaties/{ref}")).text)

    approved = await client.post(
        f"/beheer/organisaties/{ref}/controle", data={"value": "1", "_csrf_token": token}
    )

    assert approved.status_code == 303
    row = await Organisation.select().where(Organisation.ref == ref).first()
    assert row["verified"] and row["refused_at"] is None and row["refusal_reason"] == ""


async def test_an_unknown_organisation_is_a_clear_404(client, clean_database, signed_in_as):
    await signed_in_as("admin")
    token = csrf_token((await client.get("/beheer")).text)

    page = await client.get("/beheer/organisaties/bestaat-niet")
    refused = await client.post(
        "/beheer/organisaties/bestaat-niet/weigeren", data={"reason": "x", "_csrf_token": token}
    )

    assert page.status_code == 404 and refused.status_code == 404
    assert "Deze organisatie bestaat niet." in page.text


async def test_the_members_hear_of_approval_and_of_a_refusal_with_its_reason(
    client, clean_database, signed_in_as, mailbox
):
    approved_ref = await an_organisation("Goedgekeurd BV")
    refused_ref = await an_organisation("Afgewezen BV")
    approved_owner = await make_account("organisation", organisation_ref=approved_ref)
    refused_owner = await make_account("organisation", organisation_ref=refused_ref)
    await signed_in_as("admin")
    token = csrf_token((await client.get("/beheer")).text)

    await client.post(
        f"/beheer/organisaties/{approved_ref}/controle", data={"value": "1", "_csrf_token": token}
    )
    # Approving what is already approved does not mail again.
    await client.post(
        f"/beheer/organisaties/{approved_ref}/controle", data={"value": "1", "_csrf_token": token}
    )
    await client.post(
        f"/beheer/organisaties/{refused_ref}/weigeren",
        data={"reason": "Het KvK-nummer hoort bij een ander bedrijf.", "_csrf_token": token},
    )
    await mailbox.deliver()

    approved = mailbox.received(approved_owner.email)
    refused = mailbox.received(refused_owner.email)
    # Subjects name the kind only; the organisation's name (its own choice) is in the text.
    assert [m.subject for m in approved] == ["Je organisatie is gecontroleerd"]
    assert [m.subject for m in refused] == ["Je organisatie is niet goedgekeurd"]
    assert "Goedgekeurd BV" in approved[0].text and "Afgewezen BV" in refused[0].text
    assert "Het KvK-nummer hoort bij een ander bedrijf." in refused[0].text
