"""The app's async access to Meilisearch: scoped API keys and a fast keep-alive client.

Why ``Accept-Encoding: identity`` (measured against Meilisearch 1.21 on loopback):
with the SDK's defaults every keep-alive search after the first took ~44 ms instead of
~0.5-2 ms. Our side already sends with TCP_NODELAY (asyncio sets it on every TCP
transport), so setting it again changes nothing. The stall is on the server side:
httpx advertises ``gzip, deflate``, Meilisearch's compression middleware then streams the
body as chunked encoding in *two* small ``send()`` calls, and its sockets keep Nagle's
algorithm on. The second segment waits for the ACK of the first, which our kernel delays
by ~40 ms (delayed ACK) because we have nothing to send back. Fresh connections hide it
(the kernel ACKs quickly at connection start), which is why "no keep-alive" looked fast.
An uncompressed reply is written in one ``send()`` with a Content-Length, so it never
waits. Compression buys nothing on loopback, so we ask for identity and keep keep-alive.

Keep-alive has one more trap: Meilisearch checks the API key before reading a request
body. If the body reaches it after that early 401/403 has been sent (a document batch of
a few hundred kilobytes is enough), the connection is out of step and the *next* request
on it fails or hangs. So after an error reply to a request with a body, a response event
hook (httpx's public hook API) closes that connection through its ``network_stream``; the
pool then sees it closed and opens a fresh one. Closing the stream works on every event
loop (uvloop's transport sockets, unlike asyncio's, refuse a hand-made ``shutdown()``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import httpx
from meilisearch_python_sdk import AsyncClient

from meedoen.search.binary import MeilisearchUnavailable

SEARCHABLE_INDEXES = ("opportunities*", "residents*", "meetings*")
# Everything the app needs to maintain its own indexes, but never keys.* (or dumps,
# snapshots, experimental features): a leaked app key cannot mint new keys.
ADMIN_ACTIONS = ("documents.*", "indexes.*", "settings.*", "tasks.*")
SEARCH_ACTIONS = ("search",)
# Stable namespace so every start derives the same key uids; Meilisearch derives the key
# value from (uid, master key), so the key strings stay the same across restarts too.
KEY_UID_NAMESPACE = uuid.UUID("5b0f3c1e-8a47-4c1d-9e0a-6d2f4e7c9b11")
UNCOMPRESSED = {"Accept-Encoding": "identity"}
DEFAULT_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class KeySpec:
    """What one API key may do; the uid is derived from the name."""

    name: str
    description: str
    actions: tuple[str, ...]
    indexes: tuple[str, ...]

    @property
    def uid(self) -> str:
        return str(uuid.uuid5(KEY_UID_NAMESPACE, self.name))

    def as_payload(self) -> dict[str, object]:
        return {
            "uid": self.uid,
            "name": self.name,
            "description": self.description,
            "actions": list(self.actions),
            "indexes": list(self.indexes),
            "expiresAt": None,
        }

    def matches(self, key: dict[str, object]) -> bool:
        """Tell whether an existing key grants exactly what this spec asks for."""
        return (
            sorted(as_strings(key.get("actions"))) == sorted(self.actions)
            and sorted(as_strings(key.get("indexes"))) == sorted(self.indexes)
            and key.get("expiresAt") is None
        )


SEARCH_KEY = KeySpec(
    name="meedoen-search",
    description="Meedoen West: read-only search on public indexes",
    actions=SEARCH_ACTIONS,
    indexes=SEARCHABLE_INDEXES,
)
ADMIN_KEY = KeySpec(
    name="meedoen-indexing",
    description="Meedoen West: the app's own index maintenance (no key management)",
    actions=ADMIN_ACTIONS,
    indexes=SEARCHABLE_INDEXES,
)


@dataclass(frozen=True)
class ScopedKeys:
    """The two API keys the app uses instead of the master key."""

    search: str
    admin: str


def for_prefix(spec: KeySpec, index_prefix: str) -> KeySpec:
    """The spec limited to the indexes of one ``MEILI_INDEX_PREFIX`` (its own key name/uid)."""
    if not index_prefix:
        return spec
    return replace(
        spec,
        name=f"{spec.name}-{index_prefix}",
        indexes=tuple(index_prefix + pattern for pattern in spec.indexes),
    )


async def provision_api_keys(url: str, master_key: str, index_prefix: str = "") -> ScopedKeys:
    """Create or reuse the app's search and indexing keys; safe to call on every start.

    With an index prefix the keys reach exactly the indexes named with that prefix.
    """
    async with httpx.AsyncClient(
        base_url=url,
        headers={"Authorization": f"Bearer {master_key}", **UNCOMPRESSED},
        timeout=DEFAULT_TIMEOUT_SECONDS,
    ) as meili:
        search = await ensure_key(meili, for_prefix(SEARCH_KEY, index_prefix))
        admin = await ensure_key(meili, for_prefix(ADMIN_KEY, index_prefix))
    return ScopedKeys(search=search, admin=admin)


async def ensure_key(meili: httpx.AsyncClient, spec: KeySpec) -> str:
    """Return the key value for ``spec``, creating it or replacing a drifted one."""
    existing = await fetch_key(meili, spec.uid)
    if existing is not None and spec.matches(existing):
        return str(existing["key"])
    if existing is not None:
        # Meilisearch cannot change a key's actions or indexes; recreating it under the
        # same uid yields the same key string, so running clients keep working.
        await checked(await meili.delete(f"/keys/{spec.uid}"), spec)
    response = await meili.post("/keys", json=spec.as_payload())
    if response.status_code == 409:  # another app worker created it a moment ago
        return await ensure_key(meili, spec)
    return str((await checked(response, spec))["key"])


async def fetch_key(meili: httpx.AsyncClient, uid: str) -> dict[str, object] | None:
    try:
        response = await meili.get(f"/keys/{uid}")
    except httpx.TransportError as error:
        raise MeilisearchUnavailable(
            f"cannot reach Meilisearch at {meili.base_url} ({error!r}): "
            "start it, or set MEILI_URL to the server the app uses"
        ) from error
    if response.status_code == 404:
        return None
    return await checked(response, None)


async def checked(response: httpx.Response, spec: KeySpec | None) -> dict[str, object]:
    """Return the JSON body of a successful key call, or explain the failure in one sentence."""
    if response.status_code in (401, 403):
        raise MeilisearchUnavailable(
            "Meilisearch rejected the master key: make sure the app and the server "
            "are configured with the same master key"
        )
    if response.is_error:
        what = f"the {spec.name} key" if spec else "an API key"
        raise MeilisearchUnavailable(
            f"Meilisearch refused to provision {what} (HTTP {response.status_code}: "
            f"{response.text[:200]}): check the server log"
        )
    if response.status_code == 204 or not response.content:
        return {}
    body: dict[str, object] = response.json()
    return body


def make_client(
    url: str, api_key: str, *, timeout: int | None = DEFAULT_TIMEOUT_SECONDS
) -> AsyncClient:
    """Return an SDK client that keeps its connection alive without the 40 ms stall.

    See the module docstring for why responses are requested uncompressed and why a
    connection is closed after an error reply to a request with a body.
    """
    client = AsyncClient(url, api_key, timeout=timeout, custom_headers=dict(UNCOMPRESSED))
    client.http_client.event_hooks["response"].append(close_connection_after_rejected_body)
    return client


async def close_connection_after_rejected_body(response: Any) -> None:
    """Response hook: after an error reply to a request with a body, close the connection.

    The reply is read first (error bodies are small), so the caller still gets it whole.
    """
    if response.status_code < 400 or not carries_body(response.request):
        return
    await response.aread()
    stream = response.extensions.get("network_stream")
    if stream is not None:
        await stream.aclose()


def carries_body(request: Any) -> bool:
    headers = request.headers
    return headers.get("content-length", "0") != "0" or "transfer-encoding" in headers


def as_strings(value: object) -> Sequence[str]:
    return [str(item) for item in value] if isinstance(value, list) else []
