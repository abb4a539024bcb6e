"""Pytest plugin: a real SMTP server (aiosmtpd) that keeps what it receives.

``smtp_server`` runs on a free local port; ``mailbox`` sends the outbox through it with
the real sender and waits for a mail to arrive::

    mail = await mailbox.wait_for(to="sanne@example.com")
    link = mail.link("/wachtwoord-herstellen/")
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from meedoen.search.server import free_port


@dataclass(frozen=True)
class ReceivedMail:
    to: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def text(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""

    @property
    def html(self) -> str:
        part = self.message.get_body(preferencelist=("html",))
        return part.get_content() if part is not None else ""

    def link(self, path_start: str) -> str:
        """The path (from ``path_start`` on) of the first link in the text that contains it."""
        match = re.search(re.escape(path_start) + r"[^\s<>\"]*", self.text)
        assert match, f"no link with {path_start!r} in:\n{self.text}"
        return match.group(0)


class _Collector:
    def __init__(self) -> None:
        self.messages: list[ReceivedMail] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(ReceivedMail(list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 OK"


@dataclass
class SmtpServer:
    host: str
    port: int
    collector: _Collector = field(repr=False)

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    @property
    def messages(self) -> list[ReceivedMail]:
        with self.collector.lock:
            return list(self.collector.messages)

    def clear(self) -> None:
        with self.collector.lock:
            self.collector.messages.clear()


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server on a free port for the whole session."""
    collector = _Collector()
    port = free_port("127.0.0.1")
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", port, collector)
    finally:
        controller.stop()


class Mailbox:
    """Sends the outbox to the test SMTP server, the way the worker would, and reads it."""

    def __init__(self, server: SmtpServer, settings) -> None:  # type: ignore[no-untyped-def]
        self.server = server
        self.settings = settings

    async def deliver(self) -> int:
        from meedoen.mail.sender import send_due_mail

        total = 0
        while handled := await send_due_mail(self.settings):
            total += handled
        return total

    def received(self, to: str | None = None) -> list[ReceivedMail]:
        return [m for m in self.server.messages if to is None or to.lower() in m.to]

    async def wait_for(
        self, to: str, subject_contains: str = "", timeout: float = 240.0
    ) -> ReceivedMail:
        """The latest mail to ``to`` (with ``subject_contains``), waiting for it to arrive.

        The bound only turns a mail that never comes into a failure (see support.waiting)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            await self.deliver()
            found = [m for m in self.received(to) if subject_contains in m.subject]
            if found:
                return found[-1]
            if asyncio.get_running_loop().time() > deadline:
                subjects = [(m.to, m.subject) for m in self.server.messages]
                raise AssertionError(f"no mail to {to!r} within {timeout}s; received: {subjects}")
            await asyncio.sleep(0.05)


@pytest.fixture
def mailbox(smtp_server: SmtpServer, settings) -> Mailbox:  # type: ignore[no-untyped-def]
    """An empty mailbox on the test SMTP server; the outbox is sent to it on demand."""
    smtp_server.clear()
    return Mailbox(smtp_server, dataclasses.replace(settings, smtp_url=smtp_server.url))
