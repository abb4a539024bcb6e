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
# A real document of MAX_PAGES pages has a page tree of about that many nodes; walking
# more than this many means the file holds far more pages than it says.
MAX_TREE_NODES = 4 * MAX_PAGES


class TooManyPages(Exception):
    pass


def count_pages(pages_root: Any) -> int:
    """Count the leaves of the page tree, giving up once it is clearly too big.

    pypdf's own ``len(reader.pages)`` trusts ``/Count`` and then walks every node, which for
    a file that claims one page but holds 95,000 (in compressed object streams) costs
    seconds of CPU. Here the walk stops after ``MAX_TREE_NODES`` nodes, whatever the file
    claims, so an honest CV costs milliseconds and a liar is refused just as fast.
    """
    seen: set[int] = set()
    stack = [pages_root]
    nodes = pages = 0
    while stack:
        reference = stack.pop()
        key = getattr(reference, "idnum", None)
        if key is not None:
            if key in seen:
                continue  # a page tree with a loop in it
            seen.add(key)
        node = reference.get_object()
        nodes += 1
        if nodes > MAX_TREE_NODES:
            raise TooManyPages
        kids = node.get("/Kids")
        if kids is None:
            pages += 1
            if pages > MAX_PAGES:
                raise TooManyPages
            continue
        kids = kids.get_object()
        if len(kids) > MAX_TREE_NODES:
            raise TooManyPages
        stack.extend(reversed(kids))
    return pages


def inspect(content: bytes) -> dict[str, object]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        # The page tree says how many pages it holds; refuse a big one before walking it.
        root: Any = reader.trailer["/Root"]
        declared = root["/Pages"].get("/Count", 0)
        if int(declared) > MAX_PAGES:
            return {"problem": "too_many_pages"}
        pages = count_pages(root.raw_get("/Pages"))
    except TooManyPages:
        return {"problem": "too_many_pages"}
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
