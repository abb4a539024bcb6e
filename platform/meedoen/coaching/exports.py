"""The coach's caseload and placements as CSV (for other tools) and XLSX (for Excel).

Both exports neutralise cells that a spreadsheet would run as a formula (a first name
like ``=HYPERLINK(...)`` typed at an intake must never become a link in Excel).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from meedoen.coaching.caseload import CaseloadEntry
from meedoen.i18n import gettext
from meedoen.placements import pipeline
from meedoen.safe_cells import csv_bytes, safe_row

Table = tuple[list[str], list[list[Any]]]


def caseload_table(entries: Sequence[CaseloadEntry]) -> Table:
    header = [
        gettext("Referentie"),
        gettext("Voornaam"),
        gettext("Wijk"),
        gettext("Geboortejaar"),
        gettext("Trede"),
        gettext("In caseload sinds"),
        gettext("Toestemming vastgelegd op"),
        gettext("Laatste contact"),
        gettext("Status"),
        gettext("Aandacht nodig"),
    ]
    rows = [
        [
            e.resident_ref,
            e.first_name,
            e.wijk,
            e.birth_year,
            e.rung,
            e.started_at.date(),
            e.consent_recorded_at.date(),
            e.last_contact_on,
            _status_label(e.status),
            "; ".join(gettext(reason) for reason in e.attention),
        ]
        for e in entries
    ]
    return header, rows


def placements_table(placements: Sequence[dict[str, Any]]) -> Table:
    header = [
        gettext("Referentie"),
        gettext("Bewoner"),
        gettext("Soort"),
        gettext("Kans"),
        gettext("Organisatie"),
        gettext("Omschrijving"),
        gettext("Startdatum"),
        gettext("Geplande einddatum"),
        gettext("Uren per week"),
        gettext("Status"),
        gettext("Reden van stoppen"),
        gettext("Vervolgstap"),
    ]
    rows = [
        [
            p["ref"],
            p["resident_name"] or "",
            gettext(pipeline.KIND_LABELS.get(p["kind"], p["kind"])),
            p["opportunity_title"] or "",
            p["organisation_name"] or "",
            p["description"],
            p["start_date"],
            p["planned_end_date"],
            p["hours_per_week"],
            _status_label(p["status"]),
            _label(pipeline.STOP_REASONS, p["stop_reason"]),
            _label(pipeline.NEXT_STEPS, p["next_step_kind"]),
        ]
        for p in placements
    ]
    return header, rows


def _label(labels: dict[str, str], code: str) -> str:
    return gettext(labels[code]) if code in labels else code


def _status_label(status: str) -> str:
    if status in pipeline.STATUS_LABELS:
        return gettext(pipeline.STATUS_LABELS[status])
    return gettext("Geen plaatsing")


def as_csv(table: Table) -> bytes:
    header, rows = table
    return csv_bytes([header, *rows])


def as_xlsx(table: Table, title: str) -> bytes:
    header, rows = table
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(safe_row(header))
    for row in rows:
        sheet.append(safe_row(row))
    for number, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = max(12, min(40, len(name) + 4))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_filename(kind: str, extension: str, today: dt.date | None = None) -> str:
    return f"{kind}-{(today or dt.date.today()).isoformat()}.{extension}"
