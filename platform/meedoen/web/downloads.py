"""One way to send a file to download (CSV, workbook, PDF, JSON, calendar)."""

from __future__ import annotations

from litestar import Response

# A download may hold personal data or figures for one person's caseload: never kept by a
# shared cache or the browser unless the route says otherwise (open data, calendars).
PRIVATE = "private, no-store"


def download(
    body: bytes | str,
    media_type: str,
    filename: str,
    *,
    inline: bool = False,
    cache_control: str | None = PRIVATE,
) -> Response[bytes]:
    """``body`` as a file named ``filename``; ``inline`` lets the browser open it (a
    calendar) instead of saving it; ``cache_control=None`` leaves caching to the route."""
    headers = {
        "Content-Disposition": f'{"inline" if inline else "attachment"}; filename="{filename}"'
    }
    if cache_control:
        headers["Cache-Control"] = cache_control
    content = body.encode() if isinstance(body, str) else body
    return Response(content, media_type=media_type, headers=headers)
