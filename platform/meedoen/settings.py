"""Settings read from environment variables, each with a safe default.

Built once per process by :func:`load_settings`; everything else receives the object.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from meedoen.paths import PROJECT_DIR


class ConfigurationError(Exception):
    """Bad configuration; the message is one sentence saying what is wrong and how to fix it."""


DEVELOPMENT_SECRET_FILE = "secret_key"  # noqa: S105 - a file name, not a secret
MINIMUM_SECRET_LENGTH = 32


@dataclass(frozen=True)
class RetentionPeriods:
    """How long personal data is kept (AVG), in days; applied by ``meedoen retention``."""

    inactive_account_days: int = 730
    """RETENTION_INACTIVE_ACCOUNT_DAYS: a resident account unused this long is warned."""
    deletion_notice_days: int = 30
    """RETENTION_DELETION_NOTICE_DAYS: after the warning, deleted unless they sign in."""
    sent_mail_days: int = 90
    """RETENTION_SENT_MAIL_DAYS: sent e-mails (address and text) are kept this long."""
    parked_mail_days: int = 30
    """RETENTION_PARKED_MAIL_DAYS: mails held back by a limit (/beheer/mail) that no
    administrator sent or threw away are deleted after this long."""


RETENTION_VARIABLES = {
    "inactive_account_days": "RETENTION_INACTIVE_ACCOUNT_DAYS",
    "deletion_notice_days": "RETENTION_DELETION_NOTICE_DAYS",
    "sent_mail_days": "RETENTION_SENT_MAIL_DAYS",
    "parked_mail_days": "RETENTION_PARKED_MAIL_DAYS",
}


def _retention(env: dict[str, str]) -> RetentionPeriods:
    days = {}
    for name, variable in RETENTION_VARIABLES.items():
        given = env.get(variable, "").strip()
        if not given:
            continue
        if not given.isdigit() or int(given) < 1:
            raise ConfigurationError(
                f"{variable} is '{given}': give a whole number of days, 1 or more."
            )
        days[name] = int(given)
    return RetentionPeriods(**days)


@dataclass(frozen=True)
class PasswordHashing:
    """The cost of Argon2id; the defaults are RFC 9106's second recommendation
    (argon2-cffi's own defaults). Production refuses less than OWASP's minimum."""

    time_cost: int = 3
    """ARGON2_TIME_COST: passes over the memory."""
    memory_kib: int = 65536
    """ARGON2_MEMORY_KIB: memory per hash, in KiB."""
    parallelism: int = 4
    """ARGON2_PARALLELISM: lanes."""


PASSWORD_HASHING_VARIABLES = {
    "time_cost": "ARGON2_TIME_COST",
    "memory_kib": "ARGON2_MEMORY_KIB",
    "parallelism": "ARGON2_PARALLELISM",
}
# OWASP's weakest recommended Argon2id setting: 19 MiB, 2 passes.
PRODUCTION_MINIMUM = PasswordHashing(time_cost=2, memory_kib=19456, parallelism=1)


def password_hashing_from(env: Mapping[str, str]) -> PasswordHashing:
    """The Argon2id cost from ``ARGON2_*`` (the test suite sets a cheap one for its
    own accounts; every hash records its cost, so any instance verifies any hash)."""
    cost = {}
    for name, variable in PASSWORD_HASHING_VARIABLES.items():
        given = env.get(variable, "").strip()
        if not given:
            continue
        if not given.isdigit() or int(given) < 1:
            raise ConfigurationError(f"{variable} is '{given}': give a whole number, 1 or more.")
        cost[name] = int(given)
    hashing = PasswordHashing(**cost)
    if env.get("MEEDOEN_ENV") == "production" and (
        hashing.time_cost < PRODUCTION_MINIMUM.time_cost
        or hashing.memory_kib < PRODUCTION_MINIMUM.memory_kib
    ):
        raise ConfigurationError(
            "ARGON2_TIME_COST or ARGON2_MEMORY_KIB is too low for production: use at least "
            f"{PRODUCTION_MINIMUM.time_cost} and {PRODUCTION_MINIMUM.memory_kib}, or leave them unset."
        )
    return hashing


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    """MEEDOEN_DATA_DIR: the SQLite file, local Meilisearch data and development secret."""
    database_url: str
    """DATABASE_URL: sqlite:///path or postgresql://user@host:port/name."""
    secret_key: str
    """SECRET_KEY: signs sessions, CSRF tokens and links in e-mails."""
    environment: str = "development"
    """MEEDOEN_ENV: 'development', 'test' or 'production'."""
    meili_url: str | None = None
    """MEILI_URL: an external Meilisearch; unset means the app runs its own."""
    meili_master_key: str | None = None
    """MEILI_MASTER_KEY: used only to create the app's scoped API keys."""
    smtp_url: str | None = None
    """SMTP_URL: smtp://user:pass@host:port; unset in development writes mails to the log."""
    base_url: str = "http://127.0.0.1:8000"
    """BASE_URL: the public address, used in links in e-mails."""
    index_prefix: str = ""
    """MEILI_INDEX_PREFIX: lets several deployments or test runs share one Meilisearch."""
    run_worker_in_process: bool = True
    """MEEDOEN_INPROCESS_WORKER: drain the search outbox inside the web process."""
    send_mail_in_process: bool = True
    """MEEDOEN_INPROCESS_MAIL: send queued e-mail inside the web process (with the worker)."""
    web_workers: int = 1
    """MEEDOEN_WEB_WORKERS: web processes ``meedoen serve`` runs; unset: one per usable core."""
    retention: RetentionPeriods = field(default_factory=RetentionPeriods)
    """How long personal data is kept; see :class:`RetentionPeriods`."""
    password_hashing: PasswordHashing = field(default_factory=PasswordHashing)
    """The cost of Argon2id; see :class:`PasswordHashing`."""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def database_engine(self) -> str:
        return (
            "postgres"
            if self.database_url.startswith(("postgres://", "postgresql://"))
            else "sqlite"
        )


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the settings, refusing combinations that are unsafe or cannot work."""
    env = dict(os.environ if environ is None else environ)
    environment = env.get("MEEDOEN_ENV", "development")
    if environment not in {"development", "test", "production"}:
        raise ConfigurationError(
            f"MEEDOEN_ENV is '{environment}': use development, test or production."
        )
    data_dir = Path(env.get("MEEDOEN_DATA_DIR") or PROJECT_DIR / "var").resolve()
    database_url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'meedoen.sqlite'}"
    validate_database_url(database_url)
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        secret_key=_secret_key(env, environment, data_dir),
        environment=environment,
        meili_url=env.get("MEILI_URL") or None,
        meili_master_key=env.get("MEILI_MASTER_KEY") or None,
        smtp_url=env.get("SMTP_URL") or None,
        base_url=(env.get("BASE_URL") or "http://127.0.0.1:8000").rstrip("/"),
        index_prefix=env.get("MEILI_INDEX_PREFIX", ""),
        run_worker_in_process=env.get("MEEDOEN_INPROCESS_WORKER", "1") not in {"0", "false"},
        send_mail_in_process=env.get("MEEDOEN_INPROCESS_MAIL", "1") not in {"0", "false"},
        web_workers=web_workers_from(env),
        retention=_retention(env),
        password_hashing=password_hashing_from(env),
    )


def usable_cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return max(os.cpu_count() or 1, 1)


def web_workers_from(env: Mapping[str, str]) -> int:
    given = env.get("MEEDOEN_WEB_WORKERS", "").strip()
    if not given:
        return usable_cores()
    if not given.isdigit() or int(given) < 1:
        raise ConfigurationError(
            f"MEEDOEN_WEB_WORKERS is '{given}': give a whole number of web processes, 1 or more."
        )
    return int(given)


def validate_database_url(url: str) -> None:
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        if not url.startswith("sqlite:///") or len(url) <= len("sqlite:///"):
            raise ConfigurationError(
                f"DATABASE_URL '{url}' has no file path: write it as sqlite:///path/to/file.sqlite."
            )
        return
    if scheme in {"postgres", "postgresql"}:
        if not urlsplit(url).hostname and "host=" not in url:
            raise ConfigurationError(
                f"DATABASE_URL '{url}' has no host: write it as postgresql://user@host:5432/name."
            )
        return
    raise ConfigurationError(
        f"DATABASE_URL '{url}' is not understood: use sqlite:///path or postgresql://user@host/name."
    )


def sqlite_path(database_url: str) -> Path:
    return Path(database_url.removeprefix("sqlite:///"))


def _secret_key(env: dict[str, str], environment: str, data_dir: Path) -> str:
    given = env.get("SECRET_KEY", "")
    if environment == "production":
        if len(given) < MINIMUM_SECRET_LENGTH or given in {"change-me", "changeme", "secret"}:
            raise ConfigurationError(
                "SECRET_KEY is missing or too weak for production: set it to a random value of "
                f"at least {MINIMUM_SECRET_LENGTH} characters (e.g. `openssl rand -hex 32`)."
            )
        return given
    if given:
        return given
    return _development_secret(data_dir)


def _development_secret(data_dir: Path) -> str:
    # Kept on disk so sessions survive a restart and several local instances agree.
    path = data_dir / DEVELOPMENT_SECRET_FILE
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    path.write_text(secret)
    path.chmod(0o600)
    return secret
