"""Floor plans of a fair: an image the organiser uploads, shown with its text alternative.

Stored under ``<data dir>/plattegronden/`` with a random name; the uploaded name is never
kept. Only PNG, JPEG and WebP are taken, recognised by their first bytes, not by the
name or the type the browser claims.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import anyio

FOLDER = "plattegronden"
MAX_BYTES = 5 * 1024 * 1024
SIGNATURES = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg"}


def image_extension(data: bytes) -> str | None:
    for signature, extension in SIGNATURES.items():
        if data.startswith(signature):
            return extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    return None


async def store(data_dir: Path, data: bytes) -> str:
    """Write the image; returns its file name (the caller checked it)."""
    extension = image_extension(data)
    assert extension is not None
    name = secrets.token_hex(16) + extension
    folder = data_dir / FOLDER
    await anyio.to_thread.run_sync(lambda: folder.mkdir(parents=True, exist_ok=True))
    await anyio.Path(folder / name).write_bytes(data)
    return name


def path_of(data_dir: Path, name: str) -> Path | None:
    """The stored file, if ``name`` is one of ours and exists."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    path = data_dir / FOLDER / name
    return path if path.is_file() else None


def remove(data_dir: Path, name: str) -> None:
    path = path_of(data_dir, name)
    if path is not None:
        path.unlink(missing_ok=True)
