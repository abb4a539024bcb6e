"""``python -m meedoen.residents.pdf_inspection``: count a PDF's pages, in a child process.

Reads the PDF on stdin and prints one JSON line: ``{"pages": N}``, or ``{"problem":
"unreadable"}`` / ``{"problem": "too_many_pages"}``. It runs in a child process with a CPU-time
limit and a memory cap (``meedoen.offload.in_subprocess``), because a small hostile PDF
(tens of thousands of pages in compressed object streams) can keep a parser busy for
seconds: that must never be the web process's event loop.
"""

from __future__ import annotations

import io
import json
import sys
from typing import Any

MAX_PAGES = 50


def inspect(content: bytes) -> dict[str, object]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        # The page tree says how many pages it holds; refuse a big one before walking it.
        root: Any = reader.trailer["/Root"]
        declared = root["/Pages"].get("/Count", 0)
        if int(declared) > MAX_PAGES:
            return {"problem": "too_many_pages"}
        pages = len(reader.pages)
    except Exception:  # anything a broken or hostile file makes the parser raise
        return {"problem": "unreadable"}
    if pages > MAX_PAGES:
        return {"problem": "too_many_pages"}
    if pages < 1:
        return {"problem": "unreadable"}
    return {"pages": pages}


def main() -> None:
    from meedoen.offload import limit_child

    limit_child()
    print(json.dumps(inspect(sys.stdin.buffer.read())))


if __name__ == "__main__":
    main()
