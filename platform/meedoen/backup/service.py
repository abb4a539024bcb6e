"""``meedoen backup`` and ``meedoen restore``: one archive holds everything to bring a
deployment back, except what can be rebuilt (the search index).

The archive (``.tar.gz``, readable only by its owner) holds ``manifest.json``, the
database (an SQLite copy made with the online backup API, or a ``pg_dump`` in custom
format) and every uploaded CV under ``cv/``. The manifest has the row count of every
table and a SHA-256 of every file, so a restore checks it got everything before it
replaces anything. A restore refuses to overwrite a deployment that has data unless told
to (``force``); then the old database file and CVs are moved aside, never deleted.
After a restore every posting and resident is queued for the search index, so search
follows as soon as a worker runs; ``meedoen reindex`` rebuilds it in one go.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meedoen.backup import engines
from meedoen.backup.engines import BackupFailed
from meedoen.residents.cv import cv_dir
from meedoen.settings import Settings, sqlite_path

FORMAT = "meedoen-backup/1"
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database/meedoen.sqlite", "postgres": "database/meedoen.pgdump"}
# Tables whose rows do not make a deployment "in use": the migration record.
BOOKKEEPING_TABLES = {"migration"}
# The manifest's summary, in the words an operator checks a restore by.
SUMMARY = {
    "residents": "resident",
    "opportunities": "opportunity",
    "organisations": "organisation",
    "accounts": "account",
}


@dataclass(frozen=True)
class Manifest:
    created_at: str
    engine: str
    tables: dict[str, int]
    files: dict[str, str]  # archive path -> sha256

    @property
    def database(self) -> str:
        return DATABASE_FILES[self.engine]

    def summary(self) -> dict[str, int]:
        counts = {label: self.tables.get(table, 0) for label, table in SUMMARY.items()}
        counts["cv_files"] = sum(1 for name in self.files if name.startswith("cv/"))
        return counts

    def describe(self) -> str:
        return ", ".join(
            f"{count} {label.replace('_', ' ')}" for label, count in self.summary().items()
        )

    def to_json(self) -> str:
        data = {"format": FORMAT, "created_at": self.created_at, "engine": self.engine,
                "database": self.database, "summary": self.summary(), "tables": self.tables,
                "files": self.files}  # fmt: skip
        return json.dumps(data, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if data.get("format") != FORMAT or data.get("engine") not in DATABASE_FILES:
            raise BackupFailed(f"this is not a Meedoen West backup ({FORMAT}).")
        return cls(data["created_at"], data["engine"], dict(data["tables"]), dict(data["files"]))


# --- backing up ------------------------------------------------------------------------


def default_archive_name(now: dt.datetime | None = None) -> str:
    return f"meedoen-backup-{(now or dt.datetime.now(dt.UTC)):%Y%m%dT%H%M%SZ}.tar.gz"


async def create_backup(settings: Settings, archive: Path) -> Manifest:
    """Write a backup of the deployment described by ``settings`` to ``archive``."""
    if archive.exists():
        raise BackupFailed(f"{archive} already exists: choose another name.")
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=archive.parent, prefix=".meedoen-backup-") as work:
        staging = Path(work)
        database = staging / "database"
        database.mkdir()
        engine = settings.database_engine
        target = staging / DATABASE_FILES[engine]
        if engine == "sqlite":
            source = sqlite_path(settings.database_url)
            tables = await asyncio.to_thread(engines.sqlite_copy, source, target)
        else:
            tables = await engines.postgres_dump(settings.database_url, target)
        manifest = await asyncio.to_thread(
            _write_archive, staging, target, cv_dir(settings.data_dir), archive, engine, tables
        )
    return manifest


def _write_archive(
    staging: Path, database: Path, cvs: Path, archive: Path, engine: str, tables: dict[str, int]
) -> Manifest:
    files = {DATABASE_FILES[engine]: _sha256(database)}
    cv_files = sorted(p for p in cvs.iterdir() if p.is_file()) if cvs.is_dir() else []
    for path in cv_files:
        files[f"cv/{path.name}"] = _sha256(path)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    manifest = Manifest(now, engine, tables, files)
    (staging / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    partial = archive.with_name(archive.name + ".partial")
    # Personal data: only the owner may read the archive, from its first byte on.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
        tar.add(staging / MANIFEST, arcname=MANIFEST)
        tar.add(database, arcname=DATABASE_FILES[engine])
        for path in cv_files:
            tar.add(path, arcname=f"cv/{path.name}")
    partial.rename(archive)
    return manifest


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- restoring -------------------------------------------------------------------------


def read_manifest(archive: Path) -> Manifest:
    if not archive.is_file():
        raise BackupFailed(f"{archive}: no such file.")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            return Manifest.from_json(member.read().decode("utf-8"))
    except (tarfile.TarError, KeyError, ValueError, OSError) as error:
        raise BackupFailed(f"{archive} is not a readable backup ({error}).") from None


async def restore_backup(settings: Settings, archive: Path, *, force: bool = False) -> Manifest:
    """Put the backup ``archive`` in place of the deployment's database and CVs."""
    manifest = await asyncio.to_thread(read_manifest, archive)
    engine = settings.database_engine
    if manifest.engine != engine:
        raise BackupFailed(
            f"this backup holds a {manifest.engine} database and DATABASE_URL points to "
            f"{engine}: restore it into a {manifest.engine} database."
        )
    in_use = await _data_in_use(settings)
    if in_use and not force:
        raise BackupFailed(
            f"the deployment already holds data ({in_use}): restore into an empty data folder "
            "and database, or add --force to set the current data aside and replace it."
        )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    stamp = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}"
    with tempfile.TemporaryDirectory(dir=settings.data_dir, prefix=".restore-") as work:
        staging = Path(work)
        await asyncio.to_thread(_extract_checked, archive, manifest, staging)
        aside = settings.data_dir / f"before-restore-{stamp}"
        if engine == "sqlite":
            counts = await asyncio.to_thread(engines.sqlite_counts, staging / manifest.database)
            _check_counts(manifest, counts)
            await asyncio.to_thread(
                _replace_sqlite, staging / manifest.database, settings, aside if in_use else None
            )
        else:
            counts = await engines.postgres_restore(
                settings.database_url, staging / manifest.database
            )
            _check_counts(manifest, counts)
        await asyncio.to_thread(
            _replace_cvs, staging / "cv", cv_dir(settings.data_dir), aside if in_use else None
        )
    return manifest


async def _data_in_use(settings: Settings) -> str:
    """What makes the deployment non-empty, in words; empty when nothing does."""
    counts: dict[str, int] = {}
    if settings.database_engine == "sqlite":
        path = sqlite_path(settings.database_url)
        if path.exists() and path.stat().st_size > 0:
            counts = await asyncio.to_thread(engines.sqlite_counts, path)
    else:
        counts = await engines.postgres_counts(settings.database_url)
    rows = sum(count for table, count in counts.items() if table not in BOOKKEEPING_TABLES)
    folder = cv_dir(settings.data_dir)
    files = sum(1 for p in folder.iterdir() if p.is_file()) if folder.is_dir() else 0
    parts = ([f"{rows} rows in the database"] if rows else []) + (
        [f"{files} CV files in {folder}"] if files else []
    )
    return " and ".join(parts)


def _extract_checked(archive: Path, manifest: Manifest, staging: Path) -> None:
    with tarfile.open(archive, "r:gz") as tar:
        names = set(tar.getnames()) - {MANIFEST}
        if names != set(manifest.files):
            raise BackupFailed(f"{archive} does not hold the files its manifest lists.")
        # The "data" filter refuses absolute paths, links out of the folder and devices.
        tar.extractall(staging, members=[tar.getmember(n) for n in sorted(names)], filter="data")
    for name, expected in manifest.files.items():
        if _sha256(staging / name) != expected:
            raise BackupFailed(f"{archive}: {name} is damaged (its checksum differs).")


def _check_counts(manifest: Manifest, counts: dict[str, int]) -> None:
    differs = {t: (n, counts.get(t)) for t, n in manifest.tables.items() if counts.get(t) != n}
    if differs:
        detail = ", ".join(f"{t}: {got} of {want}" for t, (want, got) in sorted(differs.items()))
        raise BackupFailed(f"the restored database does not hold what the backup did ({detail}).")


def _replace_sqlite(copy: Path, settings: Settings, aside: Path | None) -> None:
    target = sqlite_path(settings.database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The old file's write-ahead log must go with it: left behind, SQLite would apply it
    # to the restored file.
    for suffix in ("", "-wal", "-shm", "-journal"):
        old = target.with_name(target.name + suffix)
        if old.exists():
            if aside is not None:
                aside.mkdir(parents=True, exist_ok=True)
                shutil.move(old, aside / old.name)
            else:
                old.unlink()
    shutil.move(copy, target)


def _replace_cvs(restored: Path, folder: Path, aside: Path | None) -> None:
    if folder.exists():
        if aside is not None and any(folder.iterdir()):
            aside.mkdir(parents=True, exist_ok=True)
            shutil.move(folder, aside / folder.name)
        else:
            shutil.rmtree(folder)
    if restored.is_dir():
        shutil.move(restored, folder)
    else:
        folder.mkdir(parents=True)


def local_search_data(settings: Settings) -> Path | None:
    """The data folder of the Meilisearch ``meedoen serve`` runs itself, if it does."""
    return None if settings.meili_url else settings.data_dir / "meilisearch"


def forget_local_search_index(settings: Settings) -> bool:
    """After a restore the local index describes other data: let it be built anew."""
    folder = local_search_data(settings)
    if folder is None or not folder.exists():
        return False
    shutil.rmtree(folder)
    return True


def describe_tables(tables: dict[str, Any]) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(tables.items()))
