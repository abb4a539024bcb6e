"""The ``meedoen`` command: serve, migrate, seed, import, reindex, worker, createuser."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import getpass
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from meedoen.launch import DatabaseUnreachable, configure_logging, discard, with_database
from meedoen.settings import ConfigurationError, Settings, load_settings

T = TypeVar("T")
WORKER_HEARTBEAT = "worker-heartbeat"
log = logging.getLogger("meedoen")


class CommandFailed(click.ClickException):
    """Shown as one sentence, with exit code 1, never as a traceback."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.message}", err=True)


def friendly_errors(command: Callable[..., T]) -> Callable[..., T]:
    """Turn the errors a user can cause into one clear sentence and a non-zero exit."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return command(*args, **kwargs)
        except Exception as error:
            sentence = explanation(error)
            if sentence is None:
                raise
            raise CommandFailed(sentence) from None

    return wrapper


def explanation(error: Exception) -> str | None:
    """One sentence for an error a user can cause (or a server they must start), else None."""
    # A bad DATABASE_URL or SECRET_KEY can show up anywhere: importing a domain resolves
    # its tables, which reads the settings. So these two are known without importing any.
    if isinstance(error, ConfigurationError | DatabaseUnreachable):
        return str(error)
    from meedoen.accounts.service import AccountError
    from meedoen.backup.engines import BackupFailed
    from meedoen.demo.corpus_import import ImportError_
    from meedoen.matching.service import UnknownReference
    from meedoen.search.binary import MeilisearchUnavailable

    explained = (AccountError, BackupFailed, ImportError_, MeilisearchUnavailable, UnknownReference)
    if isinstance(error, explained):
        return str(error)
    return unreachable_search(error)


def unreachable_search(error: BaseException) -> str | None:
    """One sentence for a Meilisearch that stopped answering mid-command, else None."""
    from meilisearch_python_sdk.errors import (
        MeilisearchCommunicationError,
        MeilisearchTimeoutError,
    )

    if not isinstance(error, MeilisearchCommunicationError | MeilisearchTimeoutError):
        return None
    url = os.environ.get("MEILI_URL", "")
    return (
        f"Meilisearch at {url} stopped answering ({type(error).__name__}): check that it runs "
        "and that MEILI_URL points at it, then run the command again."
    )


def run(coroutine: Awaitable[T], *, migrate_first: bool = True) -> T:
    """Run a data command; the schema is brought up to date first (cheap when it is)."""
    try:
        return asyncio.run(
            with_database(_after_migrations(coroutine) if migrate_first else coroutine)
        )
    finally:
        discard(coroutine)  # never started when the database was not there: no warning


async def _after_migrations(coroutine: Awaitable[T]) -> T:
    from meedoen.db import migrate as apply_migrations

    try:
        await apply_migrations()
    except BaseException:
        discard(coroutine)
        raise
    return await coroutine


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Show debug logging.")
def main(verbose: bool) -> None:
    """Meedoen West: participation and matchmaking for Enschede West."""
    configure_logging(verbose)


@main.command()
@friendly_errors
def migrate() -> None:
    """Apply all pending database migrations."""
    from meedoen.db import migrate as apply_migrations

    run(apply_migrations(), migrate_first=False)
    click.echo("Database is up to date.")


@main.group()
def seed() -> None:
    """Load demo data."""


@seed.command("demo")
@friendly_errors
def seed_demo_command() -> None:
    """Load the demo district (organisations, opportunities, residents, demo accounts)."""
    from meedoen.demo.seed import seed_demo

    click.echo(run(seed_demo()).summary())


@main.group("import")
def import_group() -> None:
    """Import data from files."""


@import_group.command("corpus")
@click.argument("directory", type=click.Path(path_type=Path))
@friendly_errors
def import_corpus_command(directory: Path) -> None:
    """Import organisations.jsonl, opportunities.jsonl and residents.jsonl from DIRECTORY.

    On a terminal a progress bar shows counts, rate and time left.
    """
    from meedoen.demo.corpus_import import import_corpus
    from meedoen.progress import terminal_progress

    with terminal_progress() as progress:
        report = run(import_corpus(directory, progress))
    click.echo(report.summary())


@main.command()
@friendly_errors
def reindex() -> None:
    """Rebuild the search index from the database and swap it in atomically.

    On a terminal a progress bar shows counts, rate and time left.
    """
    from meedoen.progress import terminal_progress

    with terminal_progress() as progress:
        count = run(_with_search(functools.partial(_reindex, progress=progress)))
    click.echo(f"Reindexed {count} opportunities.")


async def _reindex(runtime: Any, progress: Any = None) -> int:
    from meedoen.app.background import search_indexer
    from meedoen.indexing.indexer import OPPORTUNITIES
    from meedoen.indexing.worker import drain_all
    from meedoen.progress import SILENT

    progress = progress or SILENT

    uid = runtime.search.index_name(OPPORTUNITIES)
    indexer = search_indexer(runtime.search.writer, uid)
    swapper = runtime.search.maintenance_client()
    try:
        count = await indexer.rebuild(swapper, progress)
    finally:
        if swapper is not None:
            await swapper.aclose()
    await indexer.rebuild_residents(progress=progress)
    for index in indexer.extra:
        await index.rebuild()
    # Changes written while the rebuild ran (or before it) follow, shown as their own stage.
    await drain_all(indexer, progress)
    return count


async def _with_search(action: Callable[[Any], Awaitable[T]]) -> T:
    from meedoen.runtime import Runtime

    settings = load_settings()
    runtime = Runtime(settings)
    if not settings.meili_url:
        raise ConfigurationError(
            "MEILI_URL is not set: point it at a running Meilisearch (meedoen serve starts "
            "its own and drains the index itself)."
        )
    await _require_search(runtime)
    try:
        return await action(runtime)
    finally:
        await runtime.search.close()


@main.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The archive to write (default: meedoen-backup-<UTC time>.tar.gz here).",
)
@friendly_errors
def backup(output: Path | None) -> None:
    """Back up the database and uploaded CVs to one archive, with a manifest of counts.

    SQLite is copied with its online backup API while the app runs; PostgreSQL with
    pg_dump (client tools of the server's version or newer). The search index is not in
    it: it is rebuilt from the database after a restore.
    """
    from meedoen.backup.service import create_backup, default_archive_name

    archive = output or Path(default_archive_name())
    manifest = run(create_backup(load_settings(), archive), migrate_first=False)
    click.echo(f"Backup written to {archive}: {manifest.describe()}.")


@main.command()
@click.argument("archive", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--force",
    is_flag=True,
    help="Replace a deployment that holds data (its database file and CVs are moved aside).",
)
@friendly_errors
def restore(archive: Path, force: bool) -> None:
    """Restore a backup made by `meedoen backup` (stop the app first).

    Refuses a data folder or database that already holds data unless --force is given.
    Afterwards every posting and resident is queued for the search index; with an
    external Meilisearch (MEILI_URL) run `meedoen reindex` to rebuild it in one go.
    """
    settings = load_settings()
    manifest, queued, forgot = run(_restore(settings, archive, force), migrate_first=False)
    click.echo(f"Restored {archive}: {manifest.describe()}.")
    if forgot:
        click.echo("The local search index was removed; meedoen serve builds it again.")
    click.echo(
        f"{queued} postings and residents are queued for the search index"
        + ("." if not settings.meili_url else "; run `meedoen reindex` to rebuild it now.")
    )


async def _restore(settings: Settings, archive: Path, force: bool) -> tuple[Any, int, bool]:
    from meedoen.app.background import index_sources
    from meedoen.backup.service import forget_local_search_index, restore_backup
    from meedoen.db import migrate as apply_migrations
    from meedoen.indexing.indexer import queue_everything

    manifest = await restore_backup(settings, archive, force=force)
    # A backup of an older version gets this version's tables.
    await apply_migrations()
    queued = await queue_everything(index_sources())
    return manifest, queued, forget_local_search_index(settings)


@main.command()
@click.option("--dry-run", is_flag=True, help="Only say what would be warned and deleted.")
@friendly_errors
def retention(dry_run: bool) -> None:
    """Apply the retention periods: warn and delete unused resident accounts, delete old
    sent e-mails (the scheduler does this every 6 hours; periods in RETENTION_* settings)."""
    from meedoen.i18n import language
    from meedoen.retention.service import apply_retention

    report = run(apply_retention(load_settings(), dry_run=dry_run))
    with language("en"):
        click.echo(
            ("Would do now (dry run):" if dry_run else "Done:")
            if report.total
            else "Nothing is due."
        )
        for rule_report in report.rules:
            for line in rule_report.lines(nothing_too=False):
                click.echo(f"  {rule_report.rule.name}: {line}")


async def _require_search(runtime: Any) -> None:
    """Connect, or end the command in one sentence: what is wrong and how to fix it."""
    from meedoen.search.binary import MeilisearchUnavailable

    url = runtime.settings.meili_url
    problem = None if await runtime.search.connect(quiet=True) else runtime.search.problem
    problem = problem or await runtime.search.health_problem()
    if problem:
        await runtime.search.close()
        already_a_sentence = "MeilisearchUnavailable: "
        if problem.startswith(already_a_sentence):
            raise MeilisearchUnavailable(problem.removeprefix(already_a_sentence))
        raise MeilisearchUnavailable(
            f"cannot reach Meilisearch at {url} ({problem.strip() or 'no answer'}): start it, "
            "or set MEILI_URL (and MEILI_MASTER_KEY) to the server the app uses."
        )


@main.group()
def match() -> None:
    """Matchmaking: suggestions for a resident, candidates for an opportunity.

    Uses the search index when MEILI_URL is set and reachable, else the database.
    """


@match.command("resident")
@click.argument("ref")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@friendly_errors
def match_resident(ref: str, limit: int, as_json: bool, lang: str) -> None:
    """The best opportunities for resident REF."""
    from meedoen.matching.service import matches_for_resident

    async def suggestions(search: Any) -> tuple[list[Any], dict[str, str]]:
        matches = await matches_for_resident(search, ref, limit)
        return matches, await _opportunity_titles([m.opportunity_ref for m in matches])

    matches, titles = run(_with_optional_search(suggestions))
    _print_matches(matches, "opportunity_ref", lang, as_json, titles)


@match.command("opportunity")
@click.argument("ref")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option(
    "--audience",
    type=click.Choice(["organisation", "coach"]),
    default="organisation",
    show_default=True,
    help="Who will see the list: organisations see findable residents only.",
)
@click.option(
    "--caseload", multiple=True, metavar="RESIDENT", help="A coach's resident (repeatable)."
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@friendly_errors
def match_opportunity(
    ref: str, limit: int, audience: str, caseload: tuple[str, ...], as_json: bool, lang: str
) -> None:
    """The best residents for opportunity REF (only those the audience may see)."""
    from meedoen.matching.service import candidates_for_opportunity

    async def candidates(search: Any) -> list[Any]:
        return await candidates_for_opportunity(
            search,
            ref,
            limit,
            audience=audience,  # type: ignore[arg-type]  # click.Choice checked it
            coach_resident_refs=frozenset(caseload),
        )

    _print_matches(run(_with_optional_search(candidates)), "resident_ref", lang, as_json)


async def _with_optional_search(action: Callable[[Any], Awaitable[T]]) -> T:
    """Run with the search gateway: the index when it is configured and answers, else
    the action's database fallback."""
    from meedoen.runtime import Runtime

    runtime = Runtime(load_settings())
    await runtime.search.connect()
    try:
        return await action(runtime.search_gateway())
    finally:
        await runtime.search.close()


async def _opportunity_titles(refs: list[str]) -> dict[str, str]:
    from meedoen.opportunities.service import titles_of_refs

    return await titles_of_refs(refs)


def _print_matches(
    matches: list[Any],
    ref_field: str,
    lang: str,
    as_json: bool,
    titles: dict[str, str] | None = None,
) -> None:
    import json

    from meedoen.matching import explain

    items = []
    for match in matches:
        explained = explain(match, lang)
        items.append(
            {
                "ref": getattr(match, ref_field),
                "score": match.score,
                "reasons": explained["reasons"],
                "concerns": explained["concerns"],
            }
        )
    if as_json:
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    if not items:
        click.echo("No matches." if lang == "en" else "Geen matches.")
    for item in items:
        title = (titles or {}).get(item["ref"], "")
        click.echo(f"{item['ref']:<12} {item['score']:5.1f}  {title}".rstrip())
        for text in item["reasons"][:4]:
            click.echo(f"    + {text}")
        for text in item["concerns"][:3]:
            click.echo(f"    - {text}")


@main.command()
@click.option("--no-mail", is_flag=True, help="Leave sending e-mail to other workers.")
@friendly_errors
def worker(no_mail: bool) -> None:
    """Drain the search outbox, send queued e-mail and run periodic jobs (safe to run several)."""
    settings = load_settings()
    if not settings.meili_url:
        raise ConfigurationError("MEILI_URL is not set: the worker needs a running Meilisearch.")
    run(_run_worker(settings, send_mail=not no_mail))


async def _run_worker(settings: Settings, *, send_mail: bool = True) -> None:
    from meedoen.app.background import run_worker_services
    from meedoen.runtime import Runtime

    runtime = Runtime(settings)
    # At start a missing server is a setup mistake: say so. Later outages are waited out.
    await _require_search(runtime)
    stopping = asyncio.Event()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    work = asyncio.create_task(
        run_worker_services(
            runtime, stopping, settings.data_dir / WORKER_HEARTBEAT, send_mail=send_mail
        )
    )
    # SIGTERM (docker stop, meedoen serve) stops it as Ctrl-C does: the claimed batch is
    # handed back and a job in progress is marked stopped, so another worker takes over.
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, work.cancel)
    try:
        with contextlib.suppress(asyncio.CancelledError):
            await work
    finally:
        await runtime.search.close()


@main.command()
@click.option(
    "--role", type=click.Choice(["resident", "organisation", "coach", "admin"]), required=True
)
@click.option("--email", required=True)
@click.option(
    "--organisation",
    "organisation_ref",
    default=None,
    help="Reference of the organisation (for --role organisation).",
)
@click.option("--name", "display_name", default="", help="Display name.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@friendly_errors
def createuser(
    role: str, email: str, organisation_ref: str | None, display_name: str, password_stdin: bool
) -> None:
    """Create an account (the password is asked for, or read from stdin)."""
    from email_validator import EmailNotValidError, validate_email

    from meedoen.accounts.passwords import password_problem
    from meedoen.organisations.service import create_account

    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise CommandFailed(f"'{email}' is not a valid e-mail address ({error}).") from None
    password = _read_password(password_stdin)
    problem = password_problem(password)
    if problem:
        from meedoen.i18n import language

        with language("en"):
            from meedoen.i18n import gettext

            raise CommandFailed(gettext(problem))
    run(
        create_account(
            email, password, role, display_name=display_name, organisation_ref=organisation_ref
        )
    )
    click.echo(f"Created {role} account {email.strip().lower()}.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CommandFailed("no terminal to ask for the password: use --password-stdin.")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password (again): ") != first:
        raise CommandFailed("the two passwords differ.")
    return first


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--demo", is_flag=True, help="Load the demo district before serving.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Web processes (default MEEDOEN_WEB_WORKERS, or one per usable core).",
)
@friendly_errors
def serve(host: str, port: int, demo: bool, workers: int | None) -> None:
    """Migrate, then serve the web app (with its own Meilisearch when MEILI_URL is unset)."""
    from meedoen.serve import serve_app

    serve_app(host, port, demo, workers)


@main.command("install-meilisearch")
@friendly_errors
def install_meilisearch() -> None:
    """Find or install the Meilisearch binary (checked against its published integrity)."""
    from meedoen.search.binary import ensure_meilisearch

    click.echo(f"Meilisearch binary: {ensure_meilisearch()}")


if __name__ == "__main__":
    main()
