"""The coaching pages through HTTP, as a coach uses them, with and without htmx."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import openpyxl

from coaching.conftest import a_placement, a_resident_of, as_user
from meedoen.audit.tables import AuditEvent
from meedoen.placements.tables import CoachNote, Placement, PlacementEvent
from meedoen.residents.tables import Resident
from support.auth import csrf_token, post_form


async def test_a_coach_registers_a_resident_at_an_intake_and_consent_is_required(
    client, clean_database, signed_in_as
):
    await signed_in_as("coach", display_name="Coach Fatima")
    intake = {
        "first_name": "Gerrit",
        "wijk": "Boekelo",
        "rung": "3",
        "motivation": "Doet mee aan de soos.",
    }

    refused = await post_form(client, "/coach/intake", intake)
    accepted = await post_form(client, "/coach/intake", {**intake, "consent": "1"})

    assert refused.status_code == 400
    assert "toestemming" in refused.text
    assert 'href="#consent"' in refused.text
    assert accepted.status_code == 303
    resident = await Resident.objects().get(Resident.first_name == "Gerrit")
    assert accepted.headers["location"] == f"/coach/bewoners/{resident.ref}"
    assert resident.ladder_rung == 3
    caseload = await client.get("/coach")
    assert "Gerrit" in caseload.text


async def test_the_caseload_filters_live_in_the_url_and_htmx_gets_only_the_results(
    client, clean_database, signed_in_as
):
    coach = as_user(await signed_in_as("coach"))
    await a_resident_of(coach, first_name="Anna", wijk="Pathmos")
    await a_resident_of(coach, first_name="Bert", wijk="Stadsveld")

    page = await client.get("/coach", params={"wijk": "Pathmos"})
    fragment = await client.get(
        "/coach", params={"wijk": "Pathmos"}, headers={"HX-Request": "true"}
    )

    assert "Anna" in page.text and "Bert" not in page.text
    assert "<html" in page.text and "<html" not in fragment.text
    assert "Anna" in fragment.text
    assert "HX-Request" in fragment.headers["vary"].split(",")
    assert "/coach/export/caseload.csv?wijk=Pathmos" in page.text


async def test_recording_rungs_shows_the_path_as_a_chart_and_a_table(
    client, clean_database, signed_in_as
):
    coach = as_user(await signed_in_as("coach"))
    resident = await a_resident_of(coach, rung=3, motivation="Taalcafé")
    file_url = f"/coach/bewoners/{resident.ref}"

    response = await post_form(
        client, file_url,
        {"rung": "4", "recorded_on": dt.date.today().isoformat(), "occasion": "review", "motivation": "Vrijwilliger"},
        action=f"{file_url}/trede",
    )  # fmt: skip
    page = await client.get(file_url)

    assert response.status_code == 303
    wide, narrow = page.text.split('<svg class="meedoen-ladder-chart__svg ')[1:3]
    assert (
        wide.startswith("meedoen-ladder-chart__svg--wide")
        and '<title id="ladder-grafiek-titel-wide">' in wide
    )
    assert narrow.startswith("meedoen-ladder-chart__svg--narrow") and 'viewBox="0 0 320 ' in narrow
    for layout in (wide, narrow):
        points = re.findall(
            r'<circle class="meedoen-ladder-chart__point"', layout.split("</svg>")[0]
        )
        assert len(points) == 2
    table = page.text.split('id="treden"')[1].split("</table>")[0]
    assert "Taalcafé" in table and "Vrijwilliger" in table
    assert ' style="' not in page.text


async def test_a_wrong_rung_comes_back_with_the_form_and_its_error(
    client, clean_database, signed_in_as
):
    coach = as_user(await signed_in_as("coach"))
    resident = await a_resident_of(coach)
    file_url = f"/coach/bewoners/{resident.ref}"

    response = await post_form(client, file_url, {"rung": "9", "recorded_on": "gisteren", "occasion": "review"},
                               action=f"{file_url}/trede")  # fmt: skip

    assert response.status_code == 400
    assert 'href="#rung"' in response.text and 'href="#recorded_on"' in response.text


async def test_every_view_of_a_resident_file_is_written_to_the_audit_log(
    client, clean_database, signed_in_as
):
    account = await signed_in_as("coach")
    resident = await a_resident_of(as_user(account))

    await client.get(f"/coach/bewoners/{resident.ref}")
    await client.get(f"/coach/bewoners/{resident.ref}")

    views = await AuditEvent.select().where(AuditEvent.action == "resident.file_viewed").run()
    assert len(views) == 2
    assert {(v["actor"], v["subject_type"], v["subject_ref"]) for v in views} == {
        (account.id, "resident", resident.ref)
    }


async def test_notes_are_kept_and_shown_on_the_file(client, clean_database, signed_in_as):
    coach = as_user(await signed_in_as("coach"))
    resident = await a_resident_of(coach)
    file_url = f"/coach/bewoners/{resident.ref}"

    response = await post_form(
        client, file_url, {"text": "Wil liever niet in de ochtend."}, action=f"{file_url}/notities"
    )

    assert response.status_code == 303
    assert "Wil liever niet in de ochtend." in (await client.get(file_url)).text
    assert await CoachNote.count() == 1


async def test_a_placement_is_proposed_from_the_match_list_and_moved_with_htmx(
    client, clean_database, corpus, indexed, signed_in_as
):
    await indexed()  # the match list is shortlisted through the search index
    coach = as_user(await signed_in_as("coach"))
    resident = await a_resident_of(coach)
    matches = await client.get(f"/coach/bewoners/{resident.ref}/matches")
    assert "Past bij je " not in matches.text  # the coach reads about the resident
    opportunity_ref = re.search(r'name="opportunity" value="([^"]+)"', matches.text).group(1)

    proposed = await client.post(
        f"/coach/bewoners/{resident.ref}/plaatsingen",
        data={"opportunity": opportunity_ref, "_csrf_token": csrf_token(matches.text)},
    )
    placement = await Placement.objects().get(Placement.resident == resident.id)
    page = await client.get(proposed.headers["location"])
    widget = await client.post(
        f"/coach/plaatsingen/{placement.ref}/status",
        data={"to_status": "kennismaking", "version": "1", "_csrf_token": csrf_token(page.text)},
        headers={"HX-Request": "true"},
    )

    assert proposed.status_code == 303
    assert widget.status_code == 200
    assert widget.text.lstrip().startswith('<section class="meedoen-status-widget"')
    assert 'data-hx-target="this"' in widget.text
    assert "De status is nu: kennismaking." in widget.text
    assert 'name="version" value="2"' in widget.text
    # The rest of the page follows out-of-band, so the edit form never holds a stale version.
    details = widget.text.split('<section id="gegevens"')[1].split("</section>")[0]
    assert details.lstrip().startswith('aria-labelledby="gegevens-titel" data-hx-swap-oob="true"')
    assert 'name="version" value="2"' in details
    assert "van voorgesteld naar kennismaking" in widget.text
    assert "<html" not in widget.text


async def test_without_javascript_a_status_change_posts_and_redirects(
    client, clean_database, signed_in_as
):
    coach = as_user(await signed_in_as("coach"))
    placement = await a_placement(coach, await a_resident_of(coach))
    url = f"/coach/plaatsingen/{placement.ref}"

    moved = await post_form(
        client, url, {"to_status": "kennismaking", "version": "1"}, action=f"{url}/status"
    )
    refused = await post_form(
        client, url, {"to_status": "afgerond", "version": "2"}, action=f"{url}/status"
    )

    assert moved.status_code == 303 and moved.headers["location"] == url
    assert refused.status_code == 400
    assert "Van kennismaking naar afgerond kan niet." in refused.text


async def test_a_stale_edit_shows_what_differs_and_keeps_the_first_save(
    client, clean_database, signed_in_as
):
    coach = as_user(await signed_in_as("coach"))
    placement = await a_placement(coach, await a_resident_of(coach), hours_per_week=8)
    url = f"/coach/plaatsingen/{placement.ref}"
    form = {
        "kind": "vrijwilligerswerk",
        "description": "Gastvrouw",
        "start_date": "",
        "planned_end_date": "",
        "version": "1",
    }

    first = await post_form(client, url, {**form, "hours_per_week": "12"})
    second = await post_form(client, url, {**form, "hours_per_week": "4"})

    assert first.status_code == 303
    assert second.status_code == 409
    assert "Iemand anders heeft deze plaatsing intussen gewijzigd" in second.text
    differs = second.text.split("Wat verschilt")[1].split("</table>")[0]
    assert "Uren per week" in differs and ">4<" in differs and ">12<" in differs
    assert 'name="version" value="2"' in second.text  # a retry knowingly saves over version 2
    stored = await Placement.objects().get(Placement.ref == placement.ref)
    assert (stored.hours_per_week, stored.version) == (12, 2)


async def test_exports_of_caseload_and_placements_parse_as_csv_and_xlsx(
    client, clean_database, signed_in_as
):
    coach = as_user(await signed_in_as("coach"))
    anna = await a_resident_of(coach, first_name='=HYPERLINK("x")', rung=2, motivation="x")
    await a_placement(coach, anna, hours_per_week=6)
    await a_resident_of(coach, first_name="Bert")

    caseload_csv = await client.get("/coach/export/caseload.csv")
    placements_csv = await client.get("/coach/export/plaatsingen.csv")
    caseload_xlsx = await client.get("/coach/export/caseload.xlsx")
    placements_xlsx = await client.get("/coach/export/plaatsingen.xlsx")

    rows = list(csv.reader(io.StringIO(caseload_csv.text)))
    assert rows[0][:3] == ["Referentie", "Voornaam", "Wijk"]
    assert sorted(r[1] for r in rows[1:]) == ['\'=HYPERLINK("x")', "Bert"]
    assert "attachment" in caseload_csv.headers["content-disposition"]
    placement_rows = list(csv.DictReader(io.StringIO(placements_csv.text)))
    assert [(r["Uren per week"], r["Status"]) for r in placement_rows] == [("6", "Voorgesteld")]
    sheet = openpyxl.load_workbook(io.BytesIO(caseload_xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][1] == "Voornaam" and len(values) == 3
    placements_sheet = openpyxl.load_workbook(io.BytesIO(placements_xlsx.content)).active
    assert list(placements_sheet.iter_rows(values_only=True))[1][8] == 6
    assert await AuditEvent.count().where(AuditEvent.action == "caseload.exported") == 4


async def test_events_record_who_moved_the_placement(client, clean_database, signed_in_as):
    account = await signed_in_as("coach", display_name="Coach Fatima")
    placement = await a_placement(as_user(account), await a_resident_of(as_user(account)))
    url = f"/coach/plaatsingen/{placement.ref}"

    await post_form(
        client,
        url,
        {"to_status": "gestopt", "version": "1", "stop_reason": "gezondheid"},
        action=f"{url}/status",
    )

    last = (
        await PlacementEvent.objects()
        .where(PlacementEvent.placement == placement.id)
        .order_by(PlacementEvent.id, ascending=False)
        .first()
    )
    assert (last.actor, last.from_status, last.to_status) == (account.id, "voorgesteld", "gestopt")
    assert "van voorgesteld naar gestopt" in (await client.get(url)).text
