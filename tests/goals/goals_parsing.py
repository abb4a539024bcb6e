"""Read published figures back the way a reader would: HTML tables, CSV, XLSX, JSON."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

from openpyxl import load_workbook

HIDDEN = "< 5"


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"id": dict(attrs).get("id", ""), "caption": "", "rows": []})
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._in_caption:
            self.tables[-1]["caption"] += data
        elif self._cell is not None:
            self._cell.append(data)


def html_tables(html: str) -> dict[str, list[list[str]]]:
    """Every table by id (header row first)."""
    parser = _Tables()
    parser.feed(html)
    return {t["id"]: t["rows"] for t in parser.tables}


def csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def xlsx_sheets(body: bytes) -> dict[str, list[list[str]]]:
    """Every sheet's table (header row first; the caption and note rows left out)."""
    book = load_workbook(io.BytesIO(body))
    sheets = {}
    for sheet in book.worksheets:
        rows = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        table = [row for row in rows[1:] if any(row)][:-1]  # drop the caption and the note
        sheets[sheet.title] = table
    return sheets


def number(cell: str) -> int | None:
    return int(cell) if cell.strip().lstrip("-").isdigit() else None


def disclosures(rows: list[list[str]], count_columns: list[int] | None = None) -> list[str]:
    """Every way a count of 1–4 shows in a table (header row first): directly, or by
    subtracting the visible members of a row or column from its total."""
    header = rows[0]
    body = [row for row in rows[1:] if len(row) == len(header)]  # not the "no data" row
    columns = count_columns or list(range(1, len(header)))
    problems = []
    for row in body:
        for c in columns:
            value = number(row[c]) if c < len(row) else None
            if value is not None and 1 <= value <= 4:
                problems.append(f"{row[0]} / {header[c]} shows {value}")
    has_row_totals = header[-1] in ("Totaal", "Total")
    has_column_totals = bool(body) and body[-1][0] in ("Totaal", "Total")
    lines = []
    if has_row_totals:
        lines += [[row[c] for c in columns] for row in body]
    if has_column_totals:
        lines += [[row[c] for row in body] for c in columns]
    for line in lines:
        if sum(1 for cell in line if cell == HIDDEN) == 1 and all(
            cell == HIDDEN or number(cell) is not None for cell in line
        ):
            problems.append(f"one hidden figure can be derived in {line}")
    return problems
