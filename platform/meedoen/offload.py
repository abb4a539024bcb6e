"""CPU-heavy work off the event loop, in bounded pools, so a burst queues instead of
freezing every other request.

- ``in_thread``: for work that releases the GIL (Argon2 in C) or builds data in Python in
  short steps; at most ``CPU_SLOTS`` run at once, the rest wait their turn.
- ``in_subprocess``: for work on untrusted input that may not end (a hostile PDF): a
  child process per job with a hard CPU-time limit (the kernel stops it, however busy the
  machine is) and a memory cap; at most ``CPU_SLOTS`` at once per process.

``meedoen serve`` with several web processes shares the cores out between them
(``MEEDOEN_WEB_WORKERS`` in their environment): a burst then runs as many hashes or PDF
checks at once, and holds as much memory, as one process on all cores did.

Both run at a lower priority than the event loop's thread, so on a busy machine the
loop (and with it ``/health`` and every light request) gets the CPU first.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import signal
import sys
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from meedoen.settings import usable_cores

P = ParamSpec("P")
T = TypeVar("T")


def _slots_of_this_process() -> int:
    """This process's share of the cores: all of them, unless ``meedoen serve`` said how
    many web processes share them."""
    given = os.environ.get("MEEDOEN_WEB_WORKERS", "").strip()
    sharing = int(given) if given.isdigit() and int(given) > 0 else 1
    return max(usable_cores() // sharing, 1)


CPU_SLOTS = _slots_of_this_process()
NICENESS = 10


def _lower_priority_of_this_thread() -> None:
    # On Linux a thread has its own nice value; elsewhere this is skipped.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)


_threads = ThreadPoolExecutor(
    max_workers=CPU_SLOTS,
    thread_name_prefix="meedoen-cpu",
    initializer=_lower_priority_of_this_thread,
)
_subprocess_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


async def in_thread(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``function`` in the shared CPU pool and wait for it without blocking the loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_threads, functools.partial(function, *args, **kwargs))


BACKSTOP_MIN_SECONDS = 30


class Overran(Exception):
    """The child process did not finish within its time limit and was killed.

    ``at_cpu_limit`` tells the kernel's CPU limit (the child kept computing) from the
    wall-clock backstop (the child hung without computing)."""

    def __init__(self, message: str, *, at_cpu_limit: bool) -> None:
        super().__init__(message)
        self.at_cpu_limit = at_cpu_limit


class ChildFailed(Exception):
    """The child process ended without an answer (crashed, or hit its memory cap)."""


async def in_subprocess(
    module: str, data: bytes, *, cpu_seconds: int, memory_bytes: int = 1024 * 1024 * 1024
) -> bytes:
    """Run ``python -m module`` with ``data`` on its stdin; return its stdout.

    The child gets ``cpu_seconds`` of CPU time (the kernel stops it after that, so a busy
    machine does not count against it) and an address-space cap of ``memory_bytes``:
    past the first :class:`Overran`, past the second :class:`ChildFailed`. A wall-clock
    backstop covers a child that hangs without using CPU: ten times the CPU limit, and at
    least :data:`BACKSTOP_MIN_SECONDS`, so that on a busy machine (where a CPU second can
    take many seconds of wall-clock time) the kernel's limit is still what stops a busy child.
    """
    backstop = max(10 * cpu_seconds, BACKSTOP_MIN_SECONDS)
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
            env={
                **os.environ,
                "MEEDOEN_CHILD_MEMORY_BYTES": str(memory_bytes),
                "MEEDOEN_CHILD_CPU_SECONDS": str(cpu_seconds),
            },
        )
        try:
            async with asyncio.timeout(backstop):
                output, _ = await process.communicate(data)
        except TimeoutError:
            raise Overran(f"{module} hung for {backstop} s", at_cpu_limit=False) from None
        finally:
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
    if process.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise Overran(f"{module} used more than {cpu_seconds} s of CPU", at_cpu_limit=True)
    if process.returncode != 0:
        raise ChildFailed(f"{module} ended with exit code {process.returncode}")
    return output


def limit_child() -> None:
    """Call first thing in a child started by :func:`in_subprocess`: apply its CPU-time
    limit and memory cap, and step back behind the web process."""
    import resource

    memory = int(os.environ.get("MEEDOEN_CHILD_MEMORY_BYTES", "0"))
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(os.environ.get("MEEDOEN_CHILD_CPU_SECONDS", "0"))
    if cpu > 0:
        # SIGXCPU at the soft limit, SIGKILL one second later should it be caught.
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    with contextlib.suppress(OSError):
        os.nice(NICENESS)


__all__ = ["CPU_SLOTS", "ChildFailed", "Overran", "in_subprocess", "in_thread"]
