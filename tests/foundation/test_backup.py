"""A backup brings a deployment back: restored into a fresh data folder (and, on
PostgreSQL, a fresh database) it holds every resident, posting and CV, and search is
rebuilt from it. A restore never overwrites data unless told to."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from meedoen.opportunities.tables import Opportunity
from meedoen.residents.tables import Resident
from residents.conftest import a_pdf, post_profile
from support.database import server_url

ENGINE = "postgres" if os.environ["DATABASE_URL"].startswith("postgres") else "sqlite"


def meedoen(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "meedoen.cli", *args],
        capture_output=True, text=True, env=env or dict(os.environ), timeout=300,
    )  # fmt: skip


async def residents_with_cvs(client, signed_in_as, count: int = 3) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """Residents who uploaded a CV through the profile page; stored name -> content."""
    uploaded = {}
    for number in range(count):
        client.cookies.clear()
        await signed_in_as("resident", display_name=f"Bewoner {number}")
        content = a_pdf(f"cv {number} {uuid.uuid4().hex}")
        answer = await post_profile(
            client, {"wijk": "Pathmos"}, files={"cv": ("cv.pdf", content, "application/pdf")}
        )
        assert answer.status_code in (200, 303), answer.text[:500]
    for row in await Resident.select(Resident.cv_file).where(Resident.cv_file != "").run():
        path = Path(os.environ["MEEDOEN_DATA_DIR"]) / "cv" / row["cv_file"]
        uploaded[row["cv_file"]] = path.read_bytes()
    assert len(uploaded) == count
    return uploaded


@contextlib.contextmanager
def fresh_deployment(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a new, empty deployment: its own data folder (and database)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "MEILI_URL"}}
    env["MEEDOEN_DATA_DIR"] = str(tmp_path / "fresh")
    if ENGINE == "sqlite":
        yield env
        return
    name = f"meedoen_restore_{uuid.uuid4().hex[:10]}"
    _on_server(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = urlunsplit(urlsplit(server_url())._replace(path=f"/{name}"))
    try:
        yield env
    finally:
        _on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _on_server(sql: str) -> None:
    # A thread of its own: the test's event loop is running.
    script = (
        "import asyncio, asyncpg, sys\n"
        "async def main():\n"
        "    c = await asyncpg.connect(sys.argv[1]); await c.execute(sys.argv[2]); await c.close()\n"
        "asyncio.run(main())\n"
    )
    subprocess.run([sys.executable, "-c", script, server_url(), sql], check=True, timeout=60)


async def restored_rows(env: dict[str, str], sql: str) -> list[tuple]:  # type: ignore[type-arg]
    if ENGINE == "sqlite":
        path = Path(env["MEEDOEN_DATA_DIR"]) / "meedoen.sqlite"
        with contextlib.closing(sqlite3.connect(path)) as db:
            return sorted(db.execute(sql).fetchall())
    connection = await asyncpg.connect(env["DATABASE_URL"])
    try:
        return sorted(tuple(row) for row in await connection.fetch(sql))
    finally:
        await connection.close()


async def test_a_restore_into_a_fresh_deployment_holds_every_resident_posting_and_cv(
    client, clean_database, corpus, signed_in_as, settings, tmp_path
):
    cvs = await residents_with_cvs(client, signed_in_as)
    residents = sorted(
        (r["ref"], r["cv_file"])
        for r in await Resident.select(Resident.ref, Resident.cv_file).run()
    )
    postings = sorted((r["ref"], r["title"]) for r in await Opportunity.select(
        Opportunity.ref, Opportunity.title).run())  # fmt: skip
    archive = tmp_path / "backup.tar.gz"

    made = meedoen("backup", "--output", str(archive))

    assert made.returncode == 0, made.stderr
    assert f"{len(residents)} residents" in made.stdout
    assert oct(archive.stat().st_mode & 0o777) == "0o600", "a backup is personal data"
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert manifest["engine"] == ENGINE
    assert manifest["summary"]["residents"] == len(residents)
    assert manifest["summary"]["opportunities"] == len(postings) == 400
    assert manifest["tables"]["resident"] == len(residents)

    with fresh_deployment(tmp_path) as env:
        back = meedoen("restore", str(archive), env=env)

        assert back.returncode == 0, back.stderr
        assert await restored_rows(env, "SELECT ref, cv_file FROM resident") == residents
        assert await restored_rows(env, "SELECT ref, title FROM opportunity") == postings
        cv_folder = Path(env["MEEDOEN_DATA_DIR"]) / "cv"
        for name, content in cvs.items():
            assert (cv_folder / name).read_bytes() == content, f"CV {name} did not come back"
        queued = await restored_rows(env, "SELECT count(*) FROM outbox_event")
        assert queued[0][0] >= len(postings) + len(residents), "search is not queued to follow"

        # The drill's last step: search rebuilt from the restored database.
        prefix = f"r{uuid.uuid4().hex[:8]}_"
        search = {"MEILI_URL": settings.meili_url, "MEILI_MASTER_KEY": settings.meili_master_key,
                  "MEILI_INDEX_PREFIX": prefix}  # fmt: skip
        rebuilt = meedoen("reindex", env={**env, **search})
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert f"Reindexed {len(postings)} opportunities" in rebuilt.stdout
        assert await indexed_documents(settings, f"{prefix}opportunities") == len(postings)


async def indexed_documents(settings, uid: str) -> int:  # type: ignore[no-untyped-def]
    from meilisearch_python_sdk import AsyncClient

    async with AsyncClient(settings.meili_url, settings.meili_master_key) as client:
        return (await client.index(uid).get_stats()).number_of_documents


async def test_a_restore_refuses_a_deployment_with_data_unless_forced(
    client, clean_database, corpus, signed_in_as, tmp_path
):
    await residents_with_cvs(client, signed_in_as, count=1)
    archive = tmp_path / "backup.tar.gz"
    assert meedoen("backup", "-o", str(archive)).returncode == 0

    with fresh_deployment(tmp_path) as env:
        assert meedoen("restore", str(archive), env=env).returncode == 0
        again = meedoen("restore", str(archive), env=env)
        forced = meedoen("restore", str(archive), "--force", env=env)

        assert again.returncode == 1
        assert again.stderr.count("\n") == 1 and "Traceback" not in again.stderr
        assert "already holds data" in again.stderr and "--force" in again.stderr
        assert forced.returncode == 0, forced.stderr
        aside = list(Path(env["MEEDOEN_DATA_DIR"]).glob("before-restore-*"))
        assert aside and (aside[0] / "cv").is_dir(), "the replaced CVs were not kept"
        if ENGINE == "sqlite":
            assert (aside[0] / "meedoen.sqlite").exists(), "the replaced database was not kept"


async def test_a_damaged_backup_is_refused_and_nothing_is_replaced(clean_database, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    assert meedoen("backup", "-o", str(archive)).returncode == 0
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member)
            if member.name.startswith("database/"):
                content = bytearray(data.read())  # type: ignore[union-attr]
                content[len(content) // 2] ^= 0xFF
                member.size = len(content)
                target.addfile(member, io.BytesIO(bytes(content)))
            else:
                target.addfile(member, data)

    with fresh_deployment(tmp_path) as env:
        result = meedoen("restore", str(damaged), env=env)

        assert result.returncode == 1
        assert "damaged" in result.stderr and "Traceback" not in result.stderr
        assert not (Path(env["MEEDOEN_DATA_DIR"]) / "cv").exists()


def test_restore_names_a_missing_archive_in_one_sentence(tmp_path):
    result = meedoen("restore", str(tmp_path / "nope.tar.gz"))

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {tmp_path / 'nope.tar.gz'}: no such file."
    ]


pytestmark = pytest.mark.slow
