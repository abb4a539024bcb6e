"""A throwaway PostgreSQL cluster of our own, for tests that stop and restart the server.

Never touch the shared server on 127.0.0.1:5432: other test runs use it. This starts a
private cluster with Debian's binaries in a temporary directory, on a free port, listening
on 127.0.0.1 only, with its socket in that directory. ``initdb`` refuses to run as root, so
as root the cluster runs as the ``postgres`` user.

    with PostgresCluster.create(tmp_dir) as cluster:
        url = cluster.create_database("meedoen")
        cluster.restart()

The fixture ``own_postgres`` (session) skips when the binaries are missing, or fails
under ``CI=true``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Self

import pytest

from meedoen.search.server import free_port

SEARCH_PATTERNS = ("/usr/lib/postgresql/*/bin",)
RUN_AS = "postgres"


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL binaries, or no user to run them as."""


def find_binaries() -> Path:
    """The newest Debian PostgreSQL bin directory with initdb and pg_ctl."""
    candidates = sorted(
        (Path(p) for pattern in SEARCH_PATTERNS for p in glob.glob(pattern)),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    raise ClusterUnavailable(
        "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb, pg_ctl): "
        "install the postgresql package to run the PostgreSQL fault tests"
    )


class PostgresCluster:
    """One private PostgreSQL cluster: ``start``, ``stop``, ``restart``, ``create_database``."""

    def __init__(self, base_dir: Path, binaries: Path, port: int, user: str | None) -> None:
        self.base_dir = base_dir
        self.binaries = binaries
        self.port = port
        self.user = user  # run the binaries as this user (None: as ourselves)
        self.data_dir = base_dir / "data"
        self.log_path = base_dir / "postgres.log"

    @classmethod
    def create(cls, base_dir: Path | None = None) -> PostgresCluster:
        binaries = find_binaries()
        user: str | None = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam(RUN_AS)
            except KeyError:
                raise ClusterUnavailable(
                    f"running as root and there is no '{RUN_AS}' user to run initdb as"
                ) from None
            user = RUN_AS
        base = Path(base_dir or tempfile.mkdtemp(prefix="meedoen-pg-"))
        base.mkdir(parents=True, exist_ok=True)
        if user is not None:
            shutil.chown(base, user=user)
            base.chmod(0o755)
        cluster = cls(base, binaries, free_port("127.0.0.1"), user)
        cluster._initdb()
        return cluster

    # -- running the binaries ------------------------------------------------------------

    def _command(self, *args: str) -> list[str]:
        command = [str(self.binaries / args[0]), *args[1:]]
        if self.user is None:
            return command
        runuser = shutil.which("runuser")
        if runuser:
            return [runuser, "-u", self.user, "--", *command]
        return ["su", self.user, "-s", "/bin/sh", "-c", " ".join(_quote(a) for a in command)]

    def _run(self, *args: str, timeout: float = 60.0) -> None:
        result = subprocess.run(
            self._command(*args), capture_output=True, text=True, timeout=timeout, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({result.returncode}):\n{result.stdout}\n"
                f"{result.stderr}\n{self.log_tail()}"
            )

    def _initdb(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C",
        )

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def options(self) -> str:
        return (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.base_dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=100"
        )

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "start",
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_path),
            "-o",
            self.options,
            "-w",
            "-t",
            "30",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", mode, "-w", "-t", "30")

    def restart(self, mode: str = "fast") -> None:
        """Stop (closing every connection) and start again on the same port."""
        self.stop(mode)
        self.start()

    @property
    def is_running(self) -> bool:
        return (self.data_dir / "postmaster.pid").exists()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create database ``name``; returns its URL."""
        import asyncio

        import asyncpg

        async def create() -> None:
            connection = await asyncpg.connect(self.url())
            try:
                await connection.execute(f'CREATE DATABASE "{name}"')
            finally:
                await connection.close()

        asyncio.run(create())
        return self.url(name)

    def destroy(self) -> None:
        if self.is_running:
            with contextlib.suppress(Exception):  # the directory goes anyway
                self.stop("immediate")
        shutil.rmtree(self.base_dir, ignore_errors=True)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.destroy()


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


def unavailable(reason: str) -> None:
    """Skip, or fail under CI where every test must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def own_postgres() -> Iterator[PostgresCluster]:
    """A private, running PostgreSQL cluster that tests may stop and restart."""
    try:
        # Not under pytest's tmp dir: that is private to us, and the server user must reach it.
        cluster = PostgresCluster.create()
    except ClusterUnavailable as problem:
        unavailable(str(problem))
        raise  # unreachable: skip/fail raise
    with cluster:
        yield cluster
