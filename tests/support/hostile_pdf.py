"""A small PDF that is slow to read: tens of thousands of pages in compressed object
streams (about 0.5 MB for 95,000 pages). Counting its pages keeps a parser busy for seconds.

``declared_pages`` is what the page tree claims (``/Count``); a liar claims 1.
"""

from __future__ import annotations

import struct
import zlib
from functools import cache

PER_STREAM = 500


@cache
def hostile_pdf(pages: int = 95_000, declared_pages: int | None = None) -> bytes:
    page_numbers = range(3, 3 + pages)
    kids = " ".join(f"{n} 0 R" for n in page_numbers)
    count = pages if declared_pages is None else declared_pages
    bodies = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
    }
    for n in page_numbers:
        bodies[n] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 3 3] >>"
    compressed = sorted(bodies)
    first_stream = 3 + pages
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    where: dict[int, tuple[int, int]] = {}  # object -> (its object stream, index in it)
    stream_number = first_stream
    for start in range(0, len(compressed), PER_STREAM):
        chunk = compressed[start : start + PER_STREAM]
        header, data = [], bytearray()
        for index, number in enumerate(chunk):
            header.append(f"{number} {len(data)}")
            data += bodies[number] + b"\n"
            where[number] = (stream_number, index)
        head = (" ".join(header) + "\n").encode()
        packed = zlib.compress(head + bytes(data), 9)
        offsets[stream_number] = len(out)
        out += (
            f"{stream_number} 0 obj\n<< /Type /ObjStm /N {len(chunk)} /First {len(head)} "
            f"/Filter /FlateDecode /Length {len(packed)} >>\nstream\n"
        ).encode()
        out += packed + b"\nendstream\nendobj\n"
        stream_number += 1
    xref_number = stream_number
    size = xref_number + 1
    rows = bytearray(struct.pack(">BIH", 0, 0, 65535))
    for number in range(1, size):
        if number in where:
            stream, index = where[number]
            rows += struct.pack(">BIH", 2, stream, index)
        elif number == xref_number:
            rows += struct.pack(">BIH", 1, len(out), 0)
        else:
            rows += struct.pack(">BIH", 1, offsets[number], 0)
    packed = zlib.compress(bytes(rows), 9)
    xref_offset = len(out)
    out += (
        f"{xref_number} 0 obj\n<< /Type /XRef /Size {size} /W [1 4 2] /Root 1 0 R "
        f"/Filter /FlateDecode /Length {len(packed)} >>\nstream\n"
    ).encode()
    out += packed + b"\nendstream\nendobj\n"
    out += f"startxref\n{xref_offset}\n%%EOF\n".encode()
    return bytes(out)
