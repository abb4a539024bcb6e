"""Settings read from environment variables, each with a safe default.

Built once per process by :func:`load_settings`; everything else receives the object.
"""

from __future__ import annotations

import os
import secrets
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


RETENTION_VARIABLES = {
    "inactive_account_days": "RETENTION_INACTIVE_ACCOUNT_DAYS",
    "deletion_notice_days": "RETENTION_DELETION_NOTICE_DAYS",
    "sent_mail_days": "RETENTION_SENT_MAIL_DAYS",
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
    retention: RetentionPeriods = field(default_factory=RetentionPeriods)
    """How long personal data is kept; see :class:`RetentionPeriods`."""
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
        retention=_retention(env),
    )


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
