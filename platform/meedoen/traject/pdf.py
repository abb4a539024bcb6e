"""The proof of participation as an accessible, tagged PDF (PDF/UA-1), made by WeasyPrint
from an HTML template, with the verification link as text and as a QR code.

Building a PDF is CPU work: ``proof_pdf`` runs it in the bounded pool of
``meedoen.offload``, off the event loop. The HTML is rendered first, in the request, so
the resident's language applies.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import segno
from jinja2 import Environment

from meedoen.offload import in_thread
from meedoen.web.templating import build_environment


@cache
def _environment() -> Environment:
    # The same environment as the pages (translations, filters), made once.
    return build_environment()


def qr_data_uri(url: str) -> str:
    return str(
        segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000", light="#fff")
    )


def proof_html(content: dict[str, Any], url: str, hours: str, language: str) -> str:
    def day(iso: str) -> dt.date | None:
        return dt.date.fromisoformat(iso) if iso else None

    return (
        _environment()
        .get_template("traject/proof.pdf.html")
        .render(
            lang=language,
            content=content,
            start=day(content.get("from", "")),
            until=day(content.get("until", "")),
            issued_on=day(content.get("issued_on", "")),
            hours=hours,
            url=url,
            qr=qr_data_uri(url),
        )
    )


def _write_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1") or b""


async def proof_pdf(html: str) -> bytes:
    return await in_thread(_write_pdf, html)
