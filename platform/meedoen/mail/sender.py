"""Sending the outbox through SMTP, in the web process or in ``meedoen worker``.

``SMTP_URL`` is ``smtp://user:pass@host:port`` (STARTTLS when the server offers it) or
``smtps://user:pass@host:port`` (TLS from the start). Without it, outside production,
mails are written to the log and marked sent, so development needs no mail server.
In production without it they wait in the outbox until one is configured.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import Policy
from email.utils import formatdate, make_msgid
from urllib.parse import unquote, urlsplit

import aiosmtplib

from meedoen.mail import outbox
from meedoen.mail.outbox import QueuedMail
from meedoen.settings import ConfigurationError, Settings

log = logging.getLogger(__name__)

IDLE_SECONDS = 1.0
SMTP_TIMEOUT_SECONDS = 30.0
FALLBACK_SENDER_DOMAIN = "meedoen-west.example"
# Headers a queued mail may add; anything else in the outbox row is ignored.
EXTRA_HEADERS = frozenset({"List-Unsubscribe", "List-Unsubscribe-Post"})


class VerbatimHeader(str):
    """A header written exactly as given, on one line (RFC 5322 allows 998 characters).

    Python folds a long header with no spaces into encoded words, and mail clients do
    not decode those in ``List-Unsubscribe``: the one-click link must stay a plain URL.
    """

    name: str

    def __new__(cls, name: str, value: str) -> VerbatimHeader:
        if "\r" in value or "\n" in value:
            raise ValueError(f"header {name} may not hold a line break")
        header = super().__new__(cls, value)
        header.name = name
        return header

    def fold(self, *, policy: Policy) -> str:
        return f"{self.name}: {self}{policy.linesep}"


@dataclass(frozen=True)
class SmtpServer:
    hostname: str
    port: int
    use_tls: bool
    username: str | None = None
    password: str | None = None


def parse_smtp_url(url: str) -> SmtpServer:
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ConfigurationError(
            f"SMTP_URL '{parts.scheme}://{parts.hostname or ''}…' is not understood: "
            "write it as smtp://user:pass@host:587 or smtps://user:pass@host:465."
        )
    use_tls = parts.scheme == "smtps"
    return SmtpServer(
        hostname=parts.hostname,
        port=parts.port or (465 if use_tls else 25),
        use_tls=use_tls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def sender_address(settings: Settings) -> str:
    """noreply@ the public host name; an IP address or localhost gets a placeholder domain."""
    host = urlsplit(settings.base_url).hostname or ""
    with contextlib.suppress(ValueError):
        ipaddress.ip_address(host)
        host = ""
    if "." not in host:
        host = FALLBACK_SENDER_DOMAIN
    return f"Meedoen West <noreply@{host}>"


def build_message(mail: QueuedMail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].rstrip(">"))
    # Tells auto-responders (holiday replies) not to answer.
    message["Auto-Submitted"] = "auto-generated"
    for name, value in mail.headers.items():
        if name in EXTRA_HEADERS:
            message[name] = VerbatimHeader(name, value)
    message.set_content(mail.text_body)
    if mail.html_body:
        message.add_alternative(mail.html_body, subtype="html")
    for attachment in mail.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        message.add_attachment(
            attachment.text.encode("utf-8"),
            maintype=maintype,
            subtype=subtype.split(";")[0].strip() or "octet-stream",
            filename=attachment.filename,
        )
    return message


async def deliver(server: SmtpServer, message: EmailMessage) -> None:
    await aiosmtplib.send(
        message,
        hostname=server.hostname,
        port=server.port,
        username=server.username,
        password=server.password,
        use_tls=server.use_tls,
        start_tls=None if not server.use_tls else False,
        timeout=SMTP_TIMEOUT_SECONDS,
    )


async def send_due_mail(settings: Settings) -> int:
    """Send one batch of due mails; returns how many were handled (sent or logged)."""
    if not settings.smtp_url and settings.is_production:
        return 0
    mails = await outbox.claim_due()
    server = parse_smtp_url(settings.smtp_url) if settings.smtp_url else None
    sender = sender_address(settings)
    for mail in mails:
        if server is None:
            log.info(
                "mail (not sent: SMTP_URL is not set) to %s: %s\n%s",
                mail.to_address,
                mail.subject,
                mail.text_body,
            )
            await outbox.mark_sent(mail)
            continue
        try:
            await deliver(server, build_message(mail, sender))
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            log.warning("mail to %s not sent yet: %s", mail.to_address, error)
            await outbox.retry_later(mail, f"{type(error).__name__}: {error}")
            continue
        await outbox.mark_sent(mail)
    return len(mails)


async def run_mail_sender(settings: Settings, stopping: asyncio.Event) -> None:
    """Send the outbox until ``stopping`` is set; survive mail server and database outages."""
    if not settings.smtp_url and settings.is_production:
        log.warning("SMTP_URL is not set: e-mails wait in the outbox until it is.")
    while not stopping.is_set():
        try:
            handled = await send_due_mail(settings)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.warning("mail sender: %s: %s", type(error).__name__, error)
            handled = 0
        if not handled:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), timeout=IDLE_SECONDS)
