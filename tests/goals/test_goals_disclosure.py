"""No page or download shows a count of 1 to 4, directly or by subtraction from a total."""

from __future__ import annotations

import json

import pytest
from goals_parsing import HIDDEN, csv_rows, disclosures, html_tables, number, xlsx_sheets

from support.auth import sign_in

VIEWS = ("", "?van=2025-01&tot=2025-06", "?wijk=Pathmos", "?van=2024-12&tot=2026-11&wijk=Stadsveld")


def count_columns(table_id: str, header: list[str]) -> list[int] | None:
    # In the goals table only "Stand" counts people; targets and percentages do not.
    return [header.index("Stand")] if table_id.endswith("doelen") else None


@pytest.mark.parametrize("role", ["admin", "coach"])
async def test_pages_and_their_downloads_never_disclose_a_small_count(
    history, client, signed_in_as, role
):
    from meedoen.demo.history import DEMO_COACHES

    if role == "admin":
        await signed_in_as(role)
    else:  # a demo coach, who has a caseload
        assert (
            await sign_in(client, DEMO_COACHES[1].email, DEMO_COACHES[1].password)
        ).status_code == 303
    seen_hidden = 0
    for view in VIEWS:
        page = await client.get(f"/doelen{view}")
        assert page.status_code == 200
        tables = {k: v for k, v in html_tables(page.text).items() if k.startswith("tabel-")}
        assert len(tables) == 13  # goals' own 9, 3 meeting tables (events), 1 of traject
        for table_id, rows in tables.items():
            assert disclosures(rows, count_columns(table_id, rows[0])) == [], (view, table_id)
            seen_hidden += sum(cell == HIDDEN for row in rows for cell in row)
            key = table_id.removeprefix("tabel-")
            query = view.lstrip("?")
            as_csv = await client.get(f"/doelen/export/{key}.csv?{query}")
            assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith(
                "text/csv"
            )
            assert csv_rows(as_csv.content) == [r for r in rows if len(r) == len(rows[0])], (
                view,
                key,
            )
        workbook = await client.get(f"/doelen/export/dashboard.xlsx?{view.lstrip('?')}")
        sheets = xlsx_sheets(workbook.content)
        assert len(sheets) == len(tables)
        for rows in sheets.values():
            assert (
                disclosures(rows, count_columns("doelen" if rows[0][0] == "Doel" else "", rows[0]))
                == []
            )
    assert seen_hidden > 20  # the demo data really has small cells, also in a caseload


async def test_a_single_table_downloads_as_xlsx_with_the_page_figures(
    history, client, signed_in_as
):
    await signed_in_as("admin")
    page = html_tables((await client.get("/doelen")).text)["tabel-ladder_stromen"]
    workbook = await client.get("/doelen/export/ladder_stromen.xlsx")

    assert workbook.headers["content-type"].startswith("application/vnd.openxmlformats")
    (sheet,) = xlsx_sheets(workbook.content).values()
    assert sheet == page


async def test_open_data_is_anonymous_described_and_suppressed(clean_database, history, client):
    # On exactly the demo district (other tests add residents and placements to the
    # session database, which can lift every cell above the threshold).
    as_csv = await client.get("/doelen/open-data.csv")
    as_json = await client.get("/doelen/open-data.json")

    assert as_csv.status_code == as_json.status_code == 200
    # Built fresh on the server (both from the same data), kept for an hour by clients.
    assert (
        as_csv.headers["cache-control"]
        == as_json.headers["cache-control"]
        == "max-age=3600, public"
    )
    data = json.loads(as_json.content)
    assert data["licentie"] == "CC0-1.0"
    assert {field["naam"] for field in data["velden"]} >= {
        "kwartaal",
        "wijk",
        "gestarte_plaatsingen",
    }
    assert "< 5" in data["onderdrukking"] and len(data["periode"]["kwartalen"]) == 8
    rows = csv_rows(as_csv.content)
    header, body = rows[0], rows[1:]
    assert [dict(zip(header, row, strict=True)) for row in body] == [
        {k: str(v) for k, v in record.items()} for record in data["records"]
    ]
    assert all(name not in header for name in ("resident", "naam", "email", "birth_year"))
    measures = range(2, len(header))
    for quarter in data["periode"]["kwartalen"]:
        lines = [row for row in body if row[0] == quarter]
        assert lines[-1][1] == "Enschede West (totaal)"
        for c in measures:
            column = [row[c] for row in lines]
            assert all(not (1 <= (number(v) or 0) <= 4) for v in column)
            assert sum(v == HIDDEN for v in column) != 1, (quarter, header[c], column)
    assert sum(row.count(HIDDEN) for row in body) > 10
