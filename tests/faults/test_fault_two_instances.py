"""Two app instances on one database and one Meilisearch, behind one address.

Sessions live in the database, so signing in on one instance is signing in on both;
both in-process workers drain the one outbox, and leases see to it that no change is
applied twice and none is lost. Each instance keeps a journal of what its worker applied
and completed (``faults.journaled_instance``); nothing lost is checked against the index.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest

from faults.instances import JournalEntry, app_instances, save_retrying_when_locked
from meedoen.indexing.outbox import backlog_size
from meedoen.matching.documents import opportunity_documents
from opportunities.conftest import a_posting
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account
from support.proxy import RoundRobinProxy
from support.waiting import eventually

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_instances(meili, database, tmp_path_factory):
    environment = {"MEILI_URL": meili.url, "MEILI_MASTER_KEY": meili.master_key}
    work_dir = tmp_path_factory.mktemp("two-instances")
    with (
        app_instances(work_dir, [environment, environment], journal=True, names=["a", "b"]) as (
            a,
            b,
        ),
        RoundRobinProxy([a.url, b.url]) as proxy,
    ):
        yield a, b, proxy


def fresh_connection_client(base_url: str) -> httpx.AsyncClient:
    """Every request on a new connection, so the proxy alternates between the instances."""
    return httpx.AsyncClient(
        base_url=base_url, limits=httpx.Limits(max_keepalive_connections=0), timeout=15.0
    )


async def test_a_session_made_on_one_instance_is_valid_on_the_other(two_instances, database):
    a, b, proxy = two_instances
    account = await make_account("resident")

    async with fresh_connection_client(proxy.url) as client:
        form = await client.get("/inloggen")  # the CSRF cookie comes from one instance,
        signed_in = await client.post(  # the form goes to the other
            "/inloggen",
            data={
                "email": account.email,
                "password": DEFAULT_PASSWORD,
                "_csrf_token": csrf_token(form.text),
            },
        )
        assert signed_in.status_code == 303, signed_in.text[:500]
        pages = [await client.get("/account") for _ in range(6)]
    assert [p.status_code for p in pages] == [200] * 6
    assert all(account.email in p.text for p in pages)
    assert min(proxy.connections) >= 4, f"the proxy did not alternate: {proxy.connections}"

    # And explicitly: the cookie from A opens the account page on B.
    async with httpx.AsyncClient(base_url=a.url, timeout=15.0) as on_a:
        form = await on_a.get("/inloggen")
        await on_a.post(
            "/inloggen",
            data={
                "email": account.email,
                "password": DEFAULT_PASSWORD,
                "_csrf_token": csrf_token(form.text),
            },
        )
        cookies = on_a.cookies
    async with httpx.AsyncClient(base_url=b.url, cookies=cookies, timeout=15.0) as on_b:
        page = await on_b.get("/account")
    assert page.status_code == 200 and account.email in page.text


async def test_both_workers_drain_the_outbox_without_doubles_or_losses(
    two_instances, postings, indexer
):
    a, b, _proxy = two_instances
    organisation = await postings.organisation()
    saves: Counter[str] = Counter()
    titles: dict[str, str] = {}
    # Writes in bursts, until both workers have taken part (at least 60 saves). Bounded by
    # the number of saves, not by a clock: a busy machine only makes it take longer.
    while sum(saves.values()) < 60 or not (a.journal_entries() and b.journal_entries()):
        assert sum(saves.values()) < 3000, "one of the workers never drained anything"
        for _ in range(5):
            number = saves.total()
            title = f"Vrijwilliger buurtkeuken {number}"
            existing = sorted(titles)[number % len(titles)] if number % 3 == 2 else None
            ref = await save_retrying_when_locked(organisation, a_posting(title=title), existing)
            saves[ref] += 1
            titles[ref] = title
        await asyncio.sleep(0.15)

    # Everything drained (by someone) ...
    mine = set(saves)

    def completed_of_mine() -> list[JournalEntry]:
        return [e for e in journal() if e.what == "completed" and e.ref in mine]

    def journal() -> list[JournalEntry]:
        return sorted(a.journal_entries() + b.journal_entries())

    await eventually(lambda: backlog_size_is(0), "draining the outbox")

    # An outbox change is applied once, by one worker, then completed; only then may its
    # id come back (SQLite reuses the ids of deleted rows) for a new change.
    doubles = []
    state: dict[int, JournalEntry] = {}
    for entry in journal():
        previous = state.get(entry.event_id)
        if entry.what == "applied":
            if previous is not None and previous.what == "applied":
                doubles.append((previous, entry))
        elif previous is None or previous.what != "applied" or previous.instance != entry.instance:
            doubles.append((previous, entry))
        state[entry.event_id] = entry
    assert not doubles, f"changes applied twice or completed by another worker: {doubles[:5]}"
    # Every save is one change. The session's live server (when another test started it)
    # runs a worker on this outbox too, unjournaled: it may have taken some of them.
    completed = Counter(e.ref for e in completed_of_mine())
    assert all(completed[ref] <= saves[ref] for ref in saves), "a change was completed twice"
    assert await backlog_size() == 0
    workers = Counter(e.instance for e in journal() if e.what == "completed")
    assert len(workers) == 2, f"both workers drain: {workers}"

    # ... and the index equals the database.
    documents = await opportunity_documents(sorted(mine))
    response = await indexer.client.http_client.post(
        f"indexes/{indexer.index_uid}/documents/fetch",
        json={"limit": 100_000, "fields": ["ref", "title"]},
    )
    response.raise_for_status()
    in_index = {d["ref"]: d["title"] for d in response.json()["results"] if d["ref"] in mine}
    assert in_index == {d["ref"]: d["title"] for d in documents} == titles


async def backlog_size_is(size: int) -> bool:
    return await backlog_size() == size
