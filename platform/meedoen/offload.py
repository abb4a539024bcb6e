"""CPU-heavy work off the event loop, in bounded pools, so a burst queues instead of
freezing every other request.

- ``in_thread``: for work that releases the GIL (Argon2 in C) or builds data in Python in
  short steps; at most ``CPU_SLOTS`` run at once, the rest wait their turn.
- ``in_subprocess``: for work on untrusted input that may not end (a hostile PDF): a
  child process per job with a hard time limit and memory cap, killed when it overruns;
  at most ``CPU_SLOTS`` at once per process.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import sys
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

CPU_SLOTS = max(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 1)
_threads = ThreadPoolExecutor(max_workers=CPU_SLOTS, thread_name_prefix="meedoen-cpu")
_subprocess_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


async def in_thread(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``function`` in the shared CPU pool and wait for it without blocking the loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_threads, functools.partial(function, *args, **kwargs))


class Overran(Exception):
    """The child process did not finish within its time limit and was killed."""


class ChildFailed(Exception):
    """The child process ended without an answer (crashed, or hit its memory cap)."""


async def in_subprocess(
    module: str, data: bytes, *, seconds: float, memory_bytes: int = 512 * 1024 * 1024
) -> bytes:
    """Run ``python -m module`` with ``data`` on its stdin; return its stdout.

    The child gets ``seconds`` of wall-clock time and an address-space cap of
    ``memory_bytes``; past either it is killed (:class:`Overran`, :class:`ChildFailed`).
    """
    loop = asyncio.get_running_loop()
    slots = _subprocess_slots.setdefault(loop, asyncio.Semaphore(CPU_SLOTS))
    async with slots:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            module,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env={**os.environ, "MEEDOEN_CHILD_MEMORY_BYTES": str(memory_bytes)},
        )
        try:
            async with asyncio.timeout(seconds):
                output, _ = await process.communicate(data)
        except TimeoutError:
            raise Overran(f"{module} took longer than {seconds} s") from None
        finally:
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
    if process.returncode != 0:
        raise ChildFailed(f"{module} ended with exit code {process.returncode}")
    return output


def limit_child_memory() -> None:
    """Call first thing in a child started by :func:`in_subprocess`: apply its memory cap."""
    import resource

    limit = int(os.environ.get("MEEDOEN_CHILD_MEMORY_BYTES", "0"))
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


__all__ = ["CPU_SLOTS", "ChildFailed", "Overran", "in_subprocess", "in_thread"]
