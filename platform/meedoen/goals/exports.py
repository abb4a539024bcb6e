"""Downloads: the dashboard's tables as CSV and XLSX, and the public open-data set.

Exports take the tables exactly as the page shows them, already suppressed, so a
download can never show more than the page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook

from meedoen.goals import facts, sources
from meedoen.goals.dashboard import DataTable, grouped_counts, ordered
from meedoen.goals.facts import Selection
from meedoen.goals.suppression import SUPPRESSED, THRESHOLD, shown, suppress_grid
from meedoen.safe_cells import csv_bytes, safe_row
from meedoen.vocabulary import RESIDENTIAL_WIJKEN

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LICENCE = "CC0-1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"
OPEN_DATA_QUARTERS = 8
DISTRICT_TOTAL = "Enschede West (totaal)"


def table_csv(table: DataTable) -> bytes:
    return rows_csv([table.headers, *table.all_rows])


def rows_csv(rows: Iterable[Iterable[Any]]) -> bytes:
    return csv_bytes(rows)


def sheet_title(text: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", text)[:28] or "Tabel"
    title, n = base, 2
    while title.lower() in taken:
        title, n = f"{base[:26]} {n}", n + 1
    taken.add(title.lower())
    return title


def tables_xlsx(tables: Iterable[DataTable], note: str) -> bytes:
    """One sheet per table, caption on the first row; suppressed figures as "< 5"."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    taken: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(sheet_title(table.caption, taken))
        sheet.append(safe_row([table.caption]))
        sheet.append(safe_row(table.headers))
        for row in table.all_rows:
            sheet.append(safe_row(row))
        sheet.append([])
        sheet.append(safe_row([note]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- open data ----------------------------------------------------------------------

OPEN_DATA_MEASURES = (
    (
        "gestarte_plaatsingen",
        "Plaatsingen die in het kwartaal begonnen (stage, leerwerkplek, vrijwilligerswerk, dagbesteding of betaald werk).",
        facts.started_placements,
    ),
    (
        "afgeronde_plaatsingen",
        "Plaatsingen die in het kwartaal werden afgerond.",
        facts.completed_placements,
    ),
    (
        "doorstroming_betaald_werk",
        "Plaatsingen afgerond in het kwartaal met betaald werk als vervolgstap.",
        facts.placements_to_paid_work,
    ),
    (
        "stappen_omhoog_ladder",
        "Keren dat een bewoner bij een gesprek in het kwartaal een trede hoger stond op de participatieladder dan bij het gesprek ervoor.",
        facts.ladder_steps_up,
    ),
)


def open_data_period(today: dt.date) -> tuple[dt.date, dt.date, list[str]]:
    """The last complete quarters (eight), oldest first."""
    quarter = (today.month - 1) // 3
    year = today.year
    quarters: list[tuple[int, int]] = []
    for _ in range(OPEN_DATA_QUARTERS):
        year, quarter = (year - 1, 4) if quarter == 0 else (year, quarter)
        quarters.insert(0, (year, quarter))
        quarter -= 1
    first, last = quarters[0], quarters[-1]
    start = dt.date(first[0], 3 * first[1] - 2, 1)
    end_month = dt.date(last[0], 3 * last[1], 1)
    end = (end_month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return start, end, [f"{y}-K{q}" for y, q in quarters]


def open_data_measures() -> list[tuple[str, str, Any]]:
    """Goals' own open-data measures and those other domains registered to publish."""
    return [
        *OPEN_DATA_MEASURES,
        *(
            (m.code, m.open_data, m.query)
            for section in sources.sections()
            for m in section.measures
            if m.open_data
        ),
    ]


async def open_data_records(today: dt.date) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Per quarter and wijk (and per quarter for the whole district) every measure,
    suppressed per measure with the quarter's district total as the line."""
    start, end, quarters = open_data_period(today)
    selection = Selection(start, end)
    counts = {
        code: await grouped_counts(query(selection), [facts.quarter_of("event_date"), "wijk"])
        for code, _, query in open_data_measures()
    }
    wijken = ordered([w for found in counts.values() for _, w in found], RESIDENTIAL_WIJKEN)
    records: list[dict[str, Any]] = [
        {"kwartaal": q, "wijk": w or "Onbekend"}
        for q in quarters
        for w in [*wijken, DISTRICT_TOTAL]
    ]
    for code, found in counts.items():
        grid = [[found.get((q, w), 0) for w in wijken] for q in quarters]
        result = suppress_grid(grid, row_totals=True, column_totals=False)
        for r, _quarter in enumerate(quarters):
            row_values = [*result.cells[r], result.row_totals[r]]  # type: ignore[index]
            for c, value in enumerate(row_values):
                records[r * (len(wijken) + 1) + c][code] = shown(value)
    description = {
        "titel": "Meedoen West: deelname en plaatsingen per wijk en kwartaal",
        "beschrijving": (
            "Geanonimiseerde aantallen uit Meedoen West, het platform voor werk, "
            "vrijwilligerswerk, stages, leerwerkplekken en dagbesteding in stadsdeel West "
            "van Enschede. Geen gegevens over personen: alleen aantallen per wijk en kwartaal."
        ),
        "uitgever": "Gemeente Enschede, stadsdeel West",
        "licentie": LICENCE,
        "licentie_url": LICENCE_URL,
        "periode": {"van": start.isoformat(), "tot": end.isoformat(), "kwartalen": quarters},
        "gemaakt_op": today.isoformat(),
        "onderdrukking": (
            f'Een aantal van 1 tot en met {THRESHOLD - 1} staat er als "{SUPPRESSED}". '
            "Zou een afgeschermd aantal terug te rekenen zijn uit het kwartaaltotaal, dan "
            "staat nog een aantal (het kleinste) of het totaal ook als "
            f'"{SUPPRESSED}". Zo is niemand te herkennen. Een 0 betekent: niemand.'
        ),
        "velden": [
            {
                "naam": "kwartaal",
                "type": "tekst",
                "beschrijving": "Kwartaal, bijvoorbeeld 2026-K1 (januari tot en met maart 2026).",
            },
            {
                "naam": "wijk",
                "type": "tekst",
                "beschrijving": f'Wijk van de bewoner bij de gebeurtenis; "{DISTRICT_TOTAL}" is het totaal van alle wijken.',
            },
            *(
                {"naam": code, "type": f'geheel getal of "{SUPPRESSED}"', "beschrijving": text}
                for code, text, _ in open_data_measures()
            ),
        ],
    }
    return records, description


def open_data_csv(records: list[dict[str, Any]]) -> bytes:
    columns = ["kwartaal", "wijk", *(code for code, _, _ in open_data_measures())]
    return rows_csv([columns, *([record[c] for c in columns] for record in records)])
